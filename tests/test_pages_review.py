"""The review queue (docs/reports.md "Outcome review"): oldest first, approve or return in one
click through the services, their refusals shown; supervisors submit their
own drafts."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tests.pages_support import queries
from tracker import services
from tracker.models import AuditEvent, Outcome

pytestmark = pytest.mark.django_db

QUEUE = "/review/"


@pytest.fixture
def alice(make):
    return make.user("alice", groups=("supervisor",))


@pytest.fixture
def bob(make):
    return make.user("bob", groups=("supervisor",))


def _submitted(make, author, **fields) -> Outcome:
    outcome = make.outcome(make.target(), actor=author, approved=False, **fields)
    return services.outcome_submit(outcome=outcome, actor=author)


def _queue(client) -> list[Outcome]:
    response = client.get(reverse("tracker:review-queue"))
    assert response.status_code == 200
    return [row.record for row in response.context["queue"].paginated_rows]


def test_queue_lists_submitted_outcomes_oldest_first(client, make, alice, bob):
    newer = _submitted(make, alice, quote="技改投资增长30%", value=Decimal("30"))
    older = _submitted(make, alice, quote="技改投资增长31%", value=Decimal("31"))
    Outcome.objects.filter(pk=older.pk).update(submitted_at=timezone.now() - timedelta(days=2))
    make.outcome(make.target(), actor=alice, approved=False)  # a draft: not in the queue
    client.force_login(bob)
    assert _queue(client) == [older, newer]
    page = client.get(reverse("tracker:review-queue")).content.decode()
    # The quote, the target and its statement beside each.
    assert "技改投资增长31%" in page
    assert "技改投资增长20%以上" in page
    assert "≥ 20%" in page


def test_approve_in_one_click(client, make, alice, bob):
    outcome = _submitted(make, alice)
    client.force_login(bob)
    response = client.post(reverse("tracker:outcome-approve", args=[outcome.pk]), follow=True)
    assert response.redirect_chain[-1] == (QUEUE, 302)
    outcome.refresh_from_db()
    assert (outcome.state, outcome.reviewed_by) == ("approved", bob)
    assert "已审核通过。" in response.content.decode()
    assert AuditEvent.objects.filter(entity_id=outcome.pk, action="approve", via="review").exists()


def test_self_approval_is_refused_with_the_services_message(client, make, alice):
    outcome = _submitted(make, alice)
    client.force_login(alice)
    response = client.post(reverse("tracker:outcome-approve", args=[outcome.pk]), follow=True)
    assert "不能审核自己录入或最后修改的完成情况" in response.content.decode()
    outcome.refresh_from_db()
    assert outcome.state == "submitted"


def test_return_needs_a_comment(client, make, alice, bob):
    outcome = _submitted(make, alice)
    client.force_login(bob)
    url = reverse("tracker:outcome-return", args=[outcome.pk])
    response = client.post(url, {"comment": "   "}, follow=True)
    assert "退回时须填写审核意见。" in response.content.decode()
    outcome.refresh_from_db()
    assert outcome.state == "submitted"
    client.post(url, {"comment": "期间应为1-10月"})
    outcome.refresh_from_db()
    assert (outcome.state, outcome.review_comment) == ("returned", "期间应为1-10月")


def test_author_sees_the_returned_outcome_with_the_comment_and_resubmits(client, make, alice, bob):
    outcome = _submitted(make, alice)
    services.outcome_return(outcome=outcome, actor=bob, comment="请核对单位")
    client.force_login(alice)
    response = client.get(reverse("tracker:review-queue"))
    assert [row.record for row in response.context["mine"].paginated_rows] == [outcome]
    page = response.content.decode()
    assert "请核对单位" in page and "审核意见（bob）" in page
    client.post(reverse("tracker:outcome-submit", args=[outcome.pk]))
    outcome.refresh_from_db()
    assert outcome.state == "submitted"


def test_nobody_submits_another_persons_draft_here(client, make, alice, bob):
    draft = make.outcome(make.target(), actor=alice, approved=False)
    client.force_login(bob)
    assert draft not in [
        row.record
        for row in client.get(reverse("tracker:review-queue")).context["mine"].paginated_rows
    ]
    response = client.post(reverse("tracker:outcome-submit", args=[draft.pk]), follow=True)
    assert "只能提交自己录入或修改的完成情况。" in response.content.decode()
    draft.refresh_from_db()
    assert draft.state == "draft"


def test_locked_target_refusal_is_shown(client, make, alice, bob):
    target = make.target()
    make.outcome(target)  # an approved final figure, so the target can be locked
    pending = make.outcome(target, actor=alice, approved=False, value=Decimal("30"))
    services.outcome_submit(outcome=pending, actor=alice)
    services.target_lock(target=target, actor=bob)
    client.force_login(bob)
    response = client.post(reverse("tracker:outcome-approve", args=[pending.pk]), follow=True)
    assert "已锁定" in response.content.decode()


def test_actions_are_post_only_and_need_csrf(make, alice, bob):
    outcome = _submitted(make, alice)
    csrf_client = Client(enforce_csrf_checks=True)
    csrf_client.force_login(bob)
    url = reverse("tracker:outcome-approve", args=[outcome.pk])
    assert csrf_client.get(url).status_code == 405
    assert csrf_client.post(url).status_code == 403
    outcome.refresh_from_db()
    assert outcome.state == "submitted"


def test_queue_forms_carry_csrf_tokens(client, make, alice, bob):
    _submitted(make, alice)
    client.force_login(bob)
    page = client.get(reverse("tracker:review-queue")).content.decode()
    assert page.count('name="csrfmiddlewaretoken"') >= 3  # approve, return, and the header forms
    assert 'name="comment"' in page and "required" in page


def test_next_must_stay_on_this_site(client, make, alice, bob):
    outcome = _submitted(make, alice)
    client.force_login(bob)
    url = reverse("tracker:outcome-approve", args=[outcome.pk])
    response = client.post(url, {"next": "https://evil.example/"})
    assert response["Location"] == QUEUE
    response = client.post(url, {"next": f"{QUEUE}?q-page=2"})
    assert response["Location"] == f"{QUEUE}?q-page=2"


def test_unknown_outcome_is_404(client, bob):
    client.force_login(bob)
    assert client.post(reverse("tracker:outcome-approve", args=[999999])).status_code == 404


def test_queue_query_count_does_not_grow_with_rows(client, make, alice, bob):
    for _ in range(2):
        _submitted(make, alice)
        make.outcome(make.target(), actor=bob, approved=False)
    client.force_login(bob)
    url = reverse("tracker:review-queue")
    with_few = queries(client, url)
    for _ in range(12):
        _submitted(make, alice)
        make.outcome(make.target(), actor=bob, approved=False)
    assert queries(client, url) == with_few
