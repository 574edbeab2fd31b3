"""The proposal review page from the keyboard alone (issue 13 deliverable 5):
a supervisor opens a reply's proposals, corrects and accepts one, rejects
the next, and after a reload neither is proposed again; the accepted one
waits in the admin as a draft. Focus follows each action to the next
proposal, then to the list's heading."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from tests import factories
from tests.browser import a11y
from tests.browser.test_outcome_path import _user, log_in
from tracker.models import AuditEvent, Outcome, ProposalRejection

pytestmark = [pytest.mark.browser]

TECH = "2020年全市工业企业技改投资同比增长29%"
VALUE_ADDED = "2020年全市规模以上工业增加值增长5.1%"
TEXT = (
    f"郑州市工信局关于政协提案的答复：\n{TECH}，高于全省平均水平。\n{VALUE_ADDED}。\n"
    "其他工作稳步推进。"
)


@pytest.fixture
def world(e2e_db):
    plan = factories.plan(
        slug="zz-2020",
        jurisdiction="郑州市",
        period_start=date(2020, 1, 1),
        period_end=date(2020, 12, 31),
    )
    tech = factories.target(plan, code="二.2.2", indicator="技改投资增速")
    added = factories.target(
        plan,
        code="一.1.1",
        statement="规模以上工业增加值增长8%",
        indicator="规模以上工业增加值增速",
        value=Decimal("8"),
    )
    document = factories.document(
        text=TEXT, title="关于工业发展的答复", slug="reply-2021", published_on=date(2021, 3, 1)
    )
    supervisor = _user("supervisor", "supervisor", staff=True)
    return {"tech": tech, "added": added, "document": document, "supervisor": supervisor}


def focused(page) -> dict:
    return page.evaluate(
        "() => ({id: document.activeElement.id, tag: document.activeElement.tagName,"
        " text: (document.activeElement.textContent || '').replace(/\\s+/g, ' ').trim()})"
    )


def tab_to(page, tag: str, text: str, limit: int = 60) -> None:
    """Press Tab until the focused element is a ``tag`` whose text holds
    ``text`` (its accessible name: buttons carry their target)."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        now = focused(page)
        if now["tag"] == tag and text in now["text"]:
            return
    raise AssertionError(f"no {tag} '{text}' within {limit} Tab presses")


def test_accept_and_reject_from_the_keyboard(page, live_server, world, artifacts_dir):
    tech, added = world["tech"], world["added"]
    url = live_server.url + reverse("tracker:document-proposals", args=["reply-2021"])
    log_in(page, live_server, "supervisor")
    page.goto(url)
    cards = page.locator("article.proposal")
    assert cards.count() == 2
    # The quote is marked inside its paragraph, beside the full text.
    assert "5.1%" in cards.nth(0).locator("blockquote mark.proposal").inner_text() or (
        "29%" in cards.nth(0).locator("blockquote mark.proposal").inner_text()
    )
    first = cards.nth(0).locator("h3").inner_text()
    first_target, second_target = (added, tech) if "一.1.1" in first else (tech, added)
    assert page.locator(".document-text mark.proposal").count() == 2
    page.screenshot(path=artifacts_dir / "proposal-review.png", full_page=True)
    results = a11y.check(page)
    a11y.save(results, artifacts_dir / "axe" / "proposal-review.json")
    assert a11y.describe("proposals", results["violations"]) == []

    # Edit then accept the first: open its form, correct the value, accept.
    tab_to(page, "SUMMARY", f"修改后再接受 {first_target.code}")
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    assert focused(page)["id"].endswith("-value")
    page.keyboard.press("Control+A")
    page.keyboard.type("29.5" if first_target == tech else "5.2")
    tab_to(page, "BUTTON", f"接受 {first_target.code}")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    # Focus lands on the next proposal, now first.
    assert focused(page)["id"] == f"ph-{second_target.pk}"
    assert page.locator("article.proposal").count() == 1

    # Reject it, with a reason, without leaving the keyboard.
    tab_to(page, "INPUT", "")
    assert focused(page)["id"] == f"reason-{second_target.pk}"
    page.keyboard.type("口径不同")
    tab_to(page, "BUTTON", f"拒绝 {second_target.code}")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert focused(page)["id"] == "proposals-heading"

    # After a reload neither comes back.
    page.reload()
    assert page.locator("article.proposal").count() == 0
    rejection = ProposalRejection.objects.get()
    assert (rejection.target, rejection.reason) == (second_target, "口径不同")
    assert AuditEvent.objects.filter(entity="proposalrejection", entity_id=rejection.pk).exists()

    # The accepted one waits in the admin as a draft, with the edited value.
    outcome = Outcome.objects.get()
    assert (outcome.target, outcome.state) == (first_target, "draft")
    assert outcome.value == (Decimal("29.5") if first_target == tech else Decimal("5.2"))
    page.goto(live_server.url + reverse("admin:tracker_outcome_changelist"))
    row = page.locator("#result_list tbody tr", has_text=first_target.code)
    assert row.count() == 1
    assert "草稿" in row.inner_text()


def test_plan_filter_from_the_keyboard(page, live_server, world, artifacts_dir):
    """The supervisor narrows the list to one plan with the select and its
    button, acts there, and stays on that plan."""
    other = factories.plan(
        slug="zz-other-2020",
        title="另一工业方案",
        jurisdiction="郑州市",
        period_start=date(2020, 1, 1),
        period_end=date(2020, 12, 31),
    )
    extra = factories.target(other, code="乙.1", indicator="技改投资增速")
    url = live_server.url + reverse("tracker:document-proposals", args=["reply-2021"])
    log_in(page, live_server, "supervisor")
    page.goto(url)
    assert page.locator("article.proposal").count() == 3
    tab_to(page, "SELECT", "")
    assert focused(page)["id"] == "plan-filter"
    # Options: the plans of the places the text names (郑州), then zz-2020,
    # zz-other-2020 (slug order): two steps down.
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    assert page.locator("#plan-filter").input_value() == "zz-other-2020"
    tab_to(page, "BUTTON", "筛选")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.endswith("?plan=zz-other-2020")
    cards = page.locator("article.proposal")
    assert cards.count() == 1
    assert "乙.1" in cards.nth(0).locator("h3").inner_text()
    page.screenshot(path=artifacts_dir / "proposal-review-filtered.png", full_page=True)
    results = a11y.check(page)
    assert a11y.describe("proposals filtered", results["violations"]) == []

    tab_to(page, "BUTTON", "拒绝 乙.1")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.endswith("?plan=zz-other-2020")
    assert focused(page)["id"] == "proposals-heading"
    assert page.locator("article.proposal").count() == 0
    assert ProposalRejection.objects.get().target == extra
    # Back to every plan: the other two are still there.
    page.goto(url)
    assert page.locator("article.proposal").count() == 2
