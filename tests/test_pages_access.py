"""Every page and export against every role and an anonymous visitor.

Decisions (tracker/roles.py): all four roles read the reports; only
auditors export CSV; the review queue is for those who enter or review
outcomes (supervisors); the audit trail is for auditors and planners (its
CSV for auditors). Anonymous visitors go to the login page; a signed-in
user without the permission gets 403.
"""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from tests import pages_support
from tests.pages_support import ROLES

pytestmark = pytest.mark.django_db

READ = {"planner": 200, "supervisor": 200, "manager": 200, "auditor": 200}
EXPORT = {"planner": 403, "supervisor": 403, "manager": 403, "auditor": 200}
REVIEW = {"planner": 403, "supervisor": 200, "manager": 403, "auditor": 403}
AUDIT = {"planner": 200, "supervisor": 403, "manager": 403, "auditor": 200}

PAGES = {
    "plan-list": READ,
    "plan-report": READ,
    "plan-export": EXPORT,
    "unit-ranking": READ,
    "unit-ranking-export": EXPORT,
    "unit-detail": READ,
    "unit-export": EXPORT,
    "target-detail": READ,
    "document": READ,
    "document-proposals": REVIEW,
    "review-queue": REVIEW,
    "audit-trail": AUDIT,
    "audit-record": AUDIT,
    "audit-export": EXPORT,
}
# POST actions: a permitted user is redirected back to the queue.
ACTIONS = {
    "outcome-approve": {"planner": 403, "supervisor": 302, "manager": 403, "auditor": 403},
    "outcome-return": {"planner": 403, "supervisor": 302, "manager": 403, "auditor": 403},
    "outcome-submit": {"planner": 403, "supervisor": 302, "manager": 403, "auditor": 403},
}


@pytest.fixture
def urls():
    report = pages_support.report()
    args = {
        "plan-report": [report.plan.slug],
        "plan-export": [report.plan.slug],
        "unit-detail": [report.gxj.pk],
        "unit-export": [report.gxj.pk],
        "target-detail": [report.met.pk],
        "document": [report.met_outcome.document.slug],
        "document-proposals": [report.met_outcome.document.slug],
        "outcome-approve": [report.met_outcome.pk],
        "outcome-return": [report.met_outcome.pk],
        "outcome-submit": [report.met_outcome.pk],
        "audit-record": ["outcome", report.met_outcome.pk],
    }
    return {name: reverse(f"tracker:{name}", args=args.get(name, [])) for name in PAGES | ACTIONS}


def _status(client, url: str, *, post: bool = False) -> int:
    response = client.post(url, {"comment": "x"}) if post else client.get(url)
    if response.streaming:
        b"".join(response.streaming_content)
    return response.status_code


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("page", sorted(PAGES))
def test_page_by_role(client, urls, page, role):
    client.force_login(pages_support.user_with_role(role))
    assert _status(client, urls[page]) == PAGES[page][role]


@pytest.mark.parametrize("page", sorted(PAGES))
def test_anonymous_visitor_is_sent_to_login(client, urls, page):
    response = client.get(urls[page])
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login") + "?next=")


@pytest.mark.parametrize("page", sorted(PAGES))
def test_user_without_a_role_is_refused(client, urls, page, make):
    client.force_login(make.user("nobody"))
    assert _status(client, urls[page]) == 403


@pytest.mark.parametrize("page", sorted(PAGES))
def test_superuser_opens_everything(client, urls, page):
    root = get_user_model().objects.create_superuser("root", password="pw-for-tests-only")
    client.force_login(root)
    assert _status(client, urls[page]) == 200


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("action", sorted(ACTIONS))
def test_review_action_by_role(client, urls, action, role):
    client.force_login(pages_support.user_with_role(role))
    assert _status(client, urls[action], post=True) == ACTIONS[action][role]


@pytest.mark.parametrize("action", sorted(ACTIONS))
def test_anonymous_review_action_is_sent_to_login(client, urls, action):
    response = client.post(urls[action], {"comment": "x"})
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_login_page_renders(client):
    response = client.get(reverse("login"))
    assert response.status_code == 200
    assert "registration/login.html" in [t.name for t in response.templates]


def test_logout_is_a_post(client, make):
    client.force_login(make.user("leaving", groups=("manager",)))
    page = client.get(reverse("tracker:plan-list")).content.decode()
    assert f'action="{reverse("logout")}" method="post"' in page
    assert client.post(reverse("logout")).status_code == 302
    assert client.get(reverse("tracker:plan-list")).status_code == 302
