"""The whole path a figure takes, in a real browser (issues 5 and 6):

a supervisor adds an outcome in the admin and submits it; the manager's plan
report does not move; a second person approves it in the review queue; only
then does the manager see the status change; an auditor downloads the CSV and
finds the new outcome with its quote.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse

from tests import factories
from tracker.models import Outcome

pytestmark = [pytest.mark.browser]

PASSWORD = "browser-test-pw"  # noqa: S105
QUOTE = "2020年全市工业企业技改投资同比增长29%"


def _user(username: str, group: str, *, staff: bool = False):
    user = get_user_model().objects.create_user(
        username=username, password=PASSWORD, is_staff=staff
    )
    user.groups.add(Group.objects.get(name=group))
    return user


@pytest.fixture
def world(e2e_db):
    plan = factories.plan(
        slug="zz-2020",
        title="郑州市2020年制造业高质量发展实施方案",
        period_start=date(2020, 1, 1),
        period_end=date(2020, 12, 31),
    )
    lead = factories.unit("市工信局")
    target = factories.target(
        plan,
        units=(lead,),
        code="二.2.2",
        statement="技改投资增长20%以上",
        indicator="技改投资增速",
        comparator="at_least",
        value=Decimal("20"),
        unit="%",
    )
    document = factories.document(
        text=f"关于政协提案的答复：{QUOTE}，高于全省平均水平。",
        title="关于技改投资的答复",
        slug="reply-2021",
        published_on=date(2021, 3, 1),
    )
    return {
        "plan": plan,
        "target": target,
        "document": document,
        "supervisor": _user("supervisor", "supervisor", staff=True),
        "reviewer": _user("reviewer", "supervisor", staff=True),
        "manager": _user("manager", "manager"),
        "auditor": _user("auditor", "auditor"),
    }


def log_in(page, live_server, username: str) -> None:
    page.context.clear_cookies()
    page.goto(live_server.url + reverse("login"))
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    with page.expect_navigation():
        page.click("form[action$='/accounts/login/'] button[type=submit]")
    assert "/accounts/login/" not in page.url, f"{username} could not log in"


def pick_autocomplete(page, field: str, term: str) -> None:
    """Choose an option of a Django admin autocomplete (select2) field."""
    page.click(f"#id_{field} + .select2 .select2-selection")
    page.fill(".select2-container--open .select2-search__field", term)
    page.click(f".select2-results__option:has-text('{term}')")


def status_cell(page, live_server, plan_slug: str, code: str):
    page.goto(live_server.url + reverse("tracker:plan-report", args=[plan_slug]))
    return page.locator("tr", has_text=code).locator(".badge").first


def test_a_figure_reaches_the_manager_only_after_a_second_person_approves_it(
    page, live_server, world
):
    target, document = world["target"], world["document"]

    # The supervisor enters the outcome in the admin ...
    log_in(page, live_server, "supervisor")
    page.goto(live_server.url + reverse("admin:tracker_outcome_add"))
    pick_autocomplete(page, "target", "技改投资")
    pick_autocomplete(page, "document", "关于技改投资的答复")
    page.fill("#id_quote", QUOTE)
    page.fill("#id_value", "29")
    page.select_option("#id_qualifier", "exact")
    page.fill("#id_unit", "%")
    page.fill("#id_period_start", "2020-01-01")
    page.fill("#id_period_end", "2020-12-31")
    with page.expect_navigation():
        page.click("input[name=_save]")
    outcome = Outcome.objects.get(target=target)
    assert outcome.state == "draft"
    assert outcome.document == document

    # ... and submits it for review with the admin action.
    page.check(f"input[name=_selected_action][value='{outcome.pk}']")
    page.select_option("select[name=action]", "submit_selected")
    with page.expect_navigation():
        page.click("button[name=index]")
    outcome.refresh_from_db()
    assert outcome.state == "submitted"

    # The manager's report does not move for a submitted figure.
    log_in(page, live_server, "manager")
    badge = status_cell(page, live_server, "zz-2020", target.code)
    assert "st-overdue" in badge.get_attribute("class")

    # The supervisor cannot approve their own entry, even in the queue.
    log_in(page, live_server, "supervisor")
    page.goto(live_server.url + reverse("tracker:review-queue"))
    row = page.locator("tr", has_text=QUOTE)
    with page.expect_navigation():
        row.get_by_role("button", name="通过").click()
    assert page.locator(".messages, .message, [role=alert]").first.is_visible()
    outcome.refresh_from_db()
    assert outcome.state == "submitted"

    # A second person approves it in one click.
    log_in(page, live_server, "reviewer")
    page.goto(live_server.url + reverse("tracker:review-queue"))
    with page.expect_navigation():
        page.locator("tr", has_text=QUOTE).get_by_role("button", name="通过").click()
    outcome.refresh_from_db()
    assert outcome.state == "approved"
    assert outcome.reviewed_by == world["reviewer"]

    # Now the manager sees the target met, on final evidence.
    log_in(page, live_server, "manager")
    badge = status_cell(page, live_server, "zz-2020", target.code)
    assert "st-met" in badge.get_attribute("class")

    # The auditor downloads the plan's CSV and finds the figure and its quote.
    log_in(page, live_server, "auditor")
    page.goto(live_server.url + reverse("tracker:plan-report", args=["zz-2020"]))
    with page.expect_download() as download_info:
        page.click("a.export")
    path = download_info.value.path()
    content = Path(path).read_text(encoding="utf-8-sig")
    header, *rows = content.splitlines()
    assert header.startswith("plan,target_code,indicator,statement,comparator")
    row = next(line for line in rows if target.code in line)
    assert QUOTE in row
    assert ",met,final," in row
