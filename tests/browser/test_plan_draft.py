"""The planner's draft page from the keyboard (issue 13 deliverable 3): from
a plan document's page to its suggested targets, then the plan file
downloaded, which is what ``suggest_targets`` prints."""

from __future__ import annotations

from datetime import date
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from tests import factories
from tests.browser import a11y
from tests.browser.test_outcome_path import _user, log_in
from tests.browser.test_proposal_review import focused, tab_to

pytestmark = [pytest.mark.browser]

TEXT = (
    "郑州市2023年工业发展工作方案\n一、主要目标\n"
    "1.力争全市规模以上工业增加值增长8%以上。责任单位：市工信局、市统计局\n"
    "2.深入开展质量提升行动。责任单位：市市场监管局\n"
    "3.新增绿色工厂5家以上。责任单位：市工信局\n"
)


@pytest.fixture
def document(e2e_db):
    _user("planner", "planner", staff=True)
    return factories.document(
        text=TEXT,
        slug="zz-2023-plan",
        kind="plan",
        title="郑州市2023年工业发展工作方案",
        published_on=date(2023, 1, 16),
    )


def test_from_the_document_to_the_plan_file(page, live_server, document, artifacts_dir, tmp_path):
    log_in(page, live_server, "planner")
    page.goto(live_server.url + reverse("tracker:document", args=[document.slug]))
    tab_to(page, "A", "建议的目标")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.endswith(reverse("tracker:document-targets", args=[document.slug]))
    cards = page.locator("article.draft-target")
    assert cards.count() == 2
    assert cards.nth(0).locator("blockquote mark.proposal").inner_text().startswith("1.力争")
    assert "2.深入开展质量提升行动" in page.locator("ul.draft-tasks").inner_text()
    page.screenshot(path=artifacts_dir / "plan-draft.png", full_page=True)
    results = a11y.check(page)
    assert a11y.describe("plan draft", results["violations"]) == []

    page.evaluate("() => document.activeElement.blur()")
    tab_to(page, "A", "下载规划文件")
    assert focused(page)["text"].startswith("下载规划文件")
    with page.expect_download() as caught:
        page.keyboard.press("Enter")
    download = caught.value
    assert download.suggested_filename == "zz-2023-plan-draft.toml"
    saved = tmp_path / download.suggested_filename
    download.save_as(saved)
    printed = StringIO()
    call_command("suggest_targets", document=document.slug, stdout=printed)
    assert saved.read_text(encoding="utf-8") == printed.getvalue()
