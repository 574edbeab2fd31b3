"""WCAG 2.1 AA on every page, for every role, in both languages, at 1366 px
and at 200% zoom, checked by axe-core in Chromium (issue 15).

Each case opens one browser context (a role, a language, a viewport) and
visits each of that role's pages once (``tests.browser.matrix``); the test
fails on any violation of a WCAG 2.0/2.1 A or AA rule, listing them all. axe's
results for every page are saved under ``artifacts/axe/`` (violations and the
items axe could not decide, which docs/accessibility.md asks a person to
check). The last test shows the check itself fails on a real violation.

The same walk, in Chinese at 1366 px, checks each page's layout and keeps a
screenshot of it, and ``test_every_page_at_390_px`` does so on a phone
(``tests.browser.screens``): they share this module's world and browser.
"""

from __future__ import annotations

import json
import time

import pytest
from django.urls import reverse

from tests.browser import a11y, screens
from tests.browser.matrix import DESKTOP, LANGUAGES, ROLES, ZOOM_200, pages_for

pytestmark = [pytest.mark.browser]


@pytest.mark.parametrize("viewport", [DESKTOP, ZOOM_200], ids=lambda v: v.name)
@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("role", ROLES)
def test_no_wcag_violation_on_any_page(
    open_as, live_server, demo_world, artifacts_dir, role, language, viewport
):
    page = open_as(role, language, viewport)
    a11y.prepare(page.context)
    folder = artifacts_dir / "axe" / f"{language}-{viewport.name}" / role
    problems, summary = [], {}
    walk = (
        screens.Walk(artifacts_dir, viewport)
        if (language, viewport) == ("zh-hans", DESKTOP)
        else None
    )
    for spec in pages_for(role):
        started = time.monotonic()
        response = page.goto(live_server.url + spec.url(demo_world))
        assert response is not None and response.status == 200, f"{spec.name}: {response}"
        assert page.locator("html").get_attribute("lang").lower().startswith(language[:2])
        loaded = time.monotonic()
        results = a11y.check(page)
        a11y.save(results, folder / f"{spec.name}.json")
        problems += a11y.describe(spec.name, results["violations"])
        summary[spec.name] = {
            "violations": sum(len(v["nodes"]) for v in results["violations"]),
            "incomplete": sorted({item["id"] for item in results["incomplete"]}),
            "load_seconds": round(loaded - started, 2),
            "axe_seconds": round(time.monotonic() - loaded, 2),
        }
        if walk:
            walk.check(page, role, spec, time.monotonic())
    if walk:
        for spec in screens.pages_for(role, screens.EXTRA_PAGES):
            walk.visit(page, live_server.url, demo_world, role, spec)
        problems += walk.finish(role)
    (folder / "summary.json").write_text(json.dumps(summary, ensure_ascii=False, indent=1))
    heading = f"{len(problems)} WCAG 2.1 AA violations or layout problems:\n"
    assert not problems, heading + "\n".join(problems)


def test_every_page_at_390_px(open_as, live_server, demo_world, artifacts_dir):
    """Every page for every role on a phone: status, layout, a screenshot."""
    walk = screens.Walk(artifacts_dir, screens.PHONE)
    for role in ROLES:
        page = open_as(role, "zh-hans", screens.PHONE)
        for spec in screens.pages_for(role):
            walk.visit(page, live_server.url, demo_world, role, spec)
    problems = walk.finish("all")
    assert len(walk.seconds) == sum(len(screens.pages_for(r)) for r in ROLES) or problems
    assert not problems, f"{len(problems)} problems at 390 px:\n" + "\n".join(problems)


def test_the_layout_check_fails_on_a_cut_off_column(open_as, live_server, demo_world):
    """The plan's table made wider than the screen: at 1366 px the check
    names the column that needs sideways scrolling; made to clip instead,
    the column it cuts off (at any width); a page made wider, the element."""
    page = open_as("manager", "zh-hans", DESKTOP)
    page.goto(live_server.url + reverse("tracker:plan-report", args=[demo_world.plan.slug]))
    assert page.evaluate(screens.LAYOUT_CHECK, True)["found"] == []
    page.add_style_tag(content="table.report { min-width: 2000px; }")
    found = page.evaluate(screens.LAYOUT_CHECK, True)["found"]
    assert len(found) == 1 and screens.SIDEWAYS in found[0]
    assert page.evaluate(screens.LAYOUT_CHECK, False)["found"] == []  # it scrolls
    page.add_style_tag(content=".table-container { overflow: hidden; }")
    found = page.evaluate(screens.LAYOUT_CHECK, False)["found"]
    assert len(found) == 1 and found[0].startswith("a column is cut off")
    page.add_style_tag(content="main { min-width: 2000px; }")
    wider = page.evaluate(screens.LAYOUT_CHECK, False)["found"][0]
    assert wider.startswith("the page is ")
    assert wider.endswith("wider than the screen (body > main)")


def test_the_check_fails_on_an_introduced_violation(open_as, live_server, demo_world):
    """The old met green (#1b8a4b, 4.39:1 on white) put back on one badge:
    axe must report it, or the matrix above proves nothing."""
    page = open_as("manager", "zh-hans", DESKTOP)
    page.goto(live_server.url + pages_for("manager")[1].url(demo_world))
    assert a11y.check(page)["violations"] == []
    page.add_style_tag(
        content=".badge.indicative.st-met { color: #1b8a4b; border-color: #1b8a4b; }"
    )
    violations = a11y.check(page)["violations"]
    assert [v["id"] for v in violations] == ["color-contrast"]
    assert "4.39" in a11y.describe("plan-report", violations)[0]
