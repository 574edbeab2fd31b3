"""What the pages do for assistive technology, read from the HTML through
Django's test client (the browser checks are in tests/browser/): Chinese data
marked ``lang`` on English pages, buttons named by their outcome, focus after
a review action, the skip link, and names in the admin's inline rows."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from django.urls import reverse

from tests import pages_support
from tracker import services

pytestmark = pytest.mark.django_db

ZH = '<span lang="zh-Hans">'


@pytest.fixture
def report():
    return pages_support.report()


def _english(client) -> None:
    client.post(reverse("set_language"), {"language": "en", "next": "/"})


def _get(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def test_english_pages_mark_the_chinese_data(client, report):
    client.force_login(pages_support.user_with_role("auditor"))
    _english(client)
    plan = _get(client, reverse("tracker:plan-report", args=[report.plan.slug]))
    assert f"<h1>{ZH}郑州市2020年制造业高质量发展实施方案</span></h1>" in plan
    assert f">{ZH}T-MET</span></a>" in plan  # the code column
    assert f"{ZH}市工信局</span></a>" in plan  # the lead unit
    # The unit filter's options are data; its "All" is not.
    assert re.search(r'<option value="\d+" lang="zh-Hans">市工信局</option>', plan)
    assert '<option value="" selected>All</option>' in plan

    target = _get(client, reverse("tracker:target-detail", args=[report.met.pk]))
    assert f'<p class="statement">{ZH}力争技改投资增长20%以上</span></p>' in target
    assert f'<blockquote class="quote">{ZH}2020年技改投资增长29%</span></blockquote>' in target

    document = report.met_outcome.document
    text = _get(client, reverse("tracker:document", args=[document.slug]))
    assert '<article class="document-text" lang="zh-Hans"><p>' in text
    assert '<span class="cue cue-quote" lang="en" aria-hidden="true">quote ' in text

    ranking = _get(client, reverse("tracker:unit-ranking"))
    assert f">{ZH}市工信局</span></a>" in ranking


def test_chinese_pages_add_no_lang_to_their_own_language(client, report):
    client.force_login(pages_support.user_with_role("auditor"))
    for url in (
        reverse("tracker:plan-report", args=[report.plan.slug]),
        reverse("tracker:target-detail", args=[report.met.pk]),
        reverse("tracker:document", args=[report.met_outcome.document.slug]),
    ):
        assert 'lang="zh-Hans"' not in _get(client, url)


def test_every_page_has_a_skip_link_to_its_main_content(client, report):
    client.force_login(pages_support.user_with_role("manager"))
    page = _get(client, reverse("tracker:plan-list"))
    assert '<a class="skip-link" href="#main">跳到正文</a>' in page
    assert page.index("skip-link") < page.index('<header class="site">')
    assert '<main id="main" tabindex="-1">' in page


def _queue_of_three(make):
    author = make.user("alice", groups=("supervisor",))
    outcomes = []
    for n, code in enumerate(("Q-1", "Q-2", "Q-3")):
        target = make.target(code=code, indicator=f"指标{n}")
        outcome = make.outcome(target, actor=author, approved=False, value=Decimal(30 + n))
        outcomes.append(services.outcome_submit(outcome=outcome, actor=author))
    return author, outcomes


def _focused_rows(page: str) -> list[str]:
    return re.findall(r"<tr[^>]*autofocus[^>]*>(.*?)</tr>", page, re.S)


def test_review_buttons_are_named_with_their_outcome(client, make):
    _author, outcomes = _queue_of_three(make)
    client.force_login(make.user("bob", groups=("supervisor",)))
    page = _get(client, reverse("tracker:review-queue"))
    name = '<span class="visually-hidden"> Q-2 指标1：31% · 2020年</span>'
    assert f"通过{name}</button>" in page
    assert f"退回{name}</button>" in page
    assert f'<label for="comment-{outcomes[1].pk}" class="visually-hidden">审核意见 Q-2' in page


def test_after_an_action_focus_lands_on_the_next_item(client, make):
    _author, (first, second, third) = _queue_of_three(make)
    client.force_login(make.user("bob", groups=("supervisor",)))
    assert _focused_rows(_get(client, reverse("tracker:review-queue"))) == []
    # Approve the second row: focus goes to the row now in its place (the third).
    client.post(reverse("tracker:outcome-approve", args=[second.pk]), {"position": "1"})
    rows = _focused_rows(_get(client, reverse("tracker:review-queue")))
    assert len(rows) == 1 and "Q-3" in rows[0]
    # Only once: a later visit starts at the top again.
    assert _focused_rows(_get(client, reverse("tracker:review-queue"))) == []
    # Return the last row: focus goes to the row before it, now the last.
    url = reverse("tracker:outcome-return", args=[third.pk])
    client.post(url, {"position": "1", "comment": "请核对"})
    rows = _focused_rows(_get(client, reverse("tracker:review-queue")))
    assert len(rows) == 1 and "Q-1" in rows[0]
    # Approve the only one left: the list's heading takes the focus.
    client.post(reverse("tracker:outcome-approve", args=[first.pk]), {"position": "0"})
    page = _get(client, reverse("tracker:review-queue"))
    assert '<h2 id="queue-heading" tabindex="-1" autofocus>' in page


def test_a_refused_action_focuses_its_message(client, make):
    author, (first, _second, _third) = _queue_of_three(make)
    client.force_login(author)  # nobody approves their own entry
    response = client.post(
        reverse("tracker:outcome-approve", args=[first.pk]), {"position": "0"}, follow=True
    )
    page = response.content.decode()
    assert '<ul class="messages" role="status" id="messages" tabindex="-1" autofocus>' in page
    assert _focused_rows(page) == []


def test_admin_adds_its_accessibility_fixes(admin_client, report):
    page = _get(admin_client, reverse("admin:tracker_target_change", args=[report.met.pk]))
    assert "tracker/admin.css" in page
    assert "tracker/admin-autocomplete-names.js" in page
    # Tabular inline cells: named by their column heading and row.
    assert '<select name="assignments-0-role" aria-label="角色（第1行）"' in page
    assert '<select name="assignments-1-unit" aria-label="责任单位（第2行）"' in page
    assert (
        'name="assignments-0-position" value="0" class="vIntegerField" aria-label="排序（第1行）"'
        in (page)
    )
    assert 'aria-label="删除（第1行）"' in page
