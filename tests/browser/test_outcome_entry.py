"""A supervisor enters one outcome and submits it for review, in Chromium
(issue 12): the path before (every field typed, then the list's bulk action)
and the path now (target, document, quote; the figure, unit and period read
from the quote; "保存并提交审核"). Each click, choice and filled field counts as
one action; the counts are pinned, and printed for the issue's note.
"""

from __future__ import annotations

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from tests.browser.test_outcome_path import QUOTE, log_in, world  # noqa: F401 (the fixture)
from tracker.models import Outcome, Target

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("world")]


class Counted:
    """The page, counting what a person does on it (navigation aside)."""

    def __init__(self, page):
        self.page = page
        self.actions = 0

    def click(self, selector: str) -> None:
        self.actions += 1
        self.page.click(selector)

    def fill(self, selector: str, text: str) -> None:
        self.actions += 1
        self.page.fill(selector, text)

    def check(self, selector: str) -> None:
        self.actions += 1
        self.page.check(selector)

    def select(self, selector: str, value: str) -> None:
        self.actions += 1
        self.page.select_option(selector, value)

    def pick(self, field: str, term: str) -> None:
        """An autocomplete: open it, type, choose (three actions)."""
        self.click(f"#id_{field} + .select2 .select2-selection")
        self.fill(".select2-container--open .select2-search__field", term)
        self.click(f".select2-results__option:has-text('{term}')")


def _start(page, live_server) -> Counted:
    log_in(page, live_server, "supervisor")
    page.goto(live_server.url + reverse("admin:tracker_outcome_add"))
    return Counted(page)


def test_before_every_field_typed_then_the_bulk_action(page, live_server):
    person = _start(page, live_server)
    person.pick("target", "技改投资")
    person.pick("document", "关于技改投资的答复")
    person.fill("#id_quote", QUOTE)
    page.fill("#id_value", "")  # the reader may have filled it: type it as before
    person.fill("#id_value", "29")
    page.fill("#id_unit", "")
    person.fill("#id_unit", "%")
    page.fill("#id_period_start", "")
    person.fill("#id_period_start", "2020-01-01")
    page.fill("#id_period_end", "")
    person.fill("#id_period_end", "2020-12-31")
    with page.expect_navigation():
        person.click("input[name=_save]")
    outcome = Outcome.objects.get(target=Target.objects.get(code="二.2.2"))
    person.check(f"input[name=_selected_action][value='{outcome.pk}']")
    person.select("select[name=action]", "submit_selected")
    with page.expect_navigation():
        person.click("button[name=index]")
    outcome.refresh_from_db()
    assert outcome.state == "submitted"
    print(f"\nactions to enter and submit one outcome, before: {person.actions}")
    assert person.actions == 15


def test_now_the_quote_fills_the_figure_and_one_button_submits(page, live_server):
    person = _start(page, live_server)
    person.pick("target", "技改投资")
    # The target's label says its plan and period, not only code and indicator.
    expect(page.locator("#select2-id_target-container")).to_contain_text(
        "郑州市2020年制造业高质量发展实施方案 · 二.2.2 技改投资增长20%以上（2020年）"
    )
    person.pick("document", "关于技改投资的答复")
    person.fill("#id_quote", QUOTE)
    expect(page.locator("#id_value")).to_have_value("29")
    expect(page.locator("#id_unit")).to_have_value("%")
    expect(page.locator("#id_period_start")).to_have_value("2020-01-01")
    expect(page.locator("#id_period_end")).to_have_value("2020-12-31")
    expect(page.locator("#quote-reading")).to_contain_text("已从引述读出")
    with page.expect_navigation():
        person.click("input[name=_submit_review]")
    outcome = Outcome.objects.get(target=Target.objects.get(code="二.2.2"))
    assert (outcome.state, outcome.value, outcome.unit) == ("submitted", 29, "%")
    assert page.url.endswith(reverse("admin:tracker_outcome_change", args=[outcome.pk]))
    expect(page.locator(".messagelist")).to_contain_text("已保存并提交审核")
    print(f"\nactions to enter and submit one outcome, now: {person.actions}")
    assert person.actions == 8


def test_typed_fields_are_not_overwritten_by_the_quote(page, live_server):
    person = _start(page, live_server)
    person.fill("#id_value", "30")
    person.fill("#id_quote", QUOTE)
    expect(page.locator("#id_unit")).to_have_value("%")  # the reading arrived
    expect(page.locator("#id_value")).to_have_value("30")
