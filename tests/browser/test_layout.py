"""Layout at an office screen (1366 px) and on a phone (390 px), in Chromium
(issue 12): no page scrolls sideways, the plan list shows every column
(its two rate columns were clipped at 1366 px), and on a phone every row of
a report table shows its status (the plan table hid it off-screen).

Screenshots of each page at each width are saved under
``artifacts/layout/`` for a person to look at.
"""

from __future__ import annotations

import pytest

from tests.browser.matrix import DESKTOP, PHONE, Viewport

pytestmark = [pytest.mark.browser]

PAGES = {
    "plan-list": lambda w: "/",
    "plan-report": lambda w: f"/plans/{w.demo_plan.slug}/",
    "plan-report-filtered": lambda w: f"/plans/{w.demo_plan.slug}/?status=overdue",
    "unit-ranking": lambda w: "/units/",
    "target-detail": lambda w: f"/targets/{w.target.pk}/",
}

# Widest element sticking out past the viewport, if any (its tag and class).
OVERFLOW = """() => {
  const width = document.documentElement.clientWidth;
  let worst = null;
  for (const el of document.querySelectorAll('body *')) {
    const box = el.getBoundingClientRect();
    if (box.width === 0 || box.height === 0) continue;
    // Content inside a scrolling box (the chart's card) is not overflow.
    let p = el.parentElement, scrolled = false;
    while (p) { const s = getComputedStyle(p).overflowX;
      if (s === 'auto' || s === 'scroll') { scrolled = true; break; } p = p.parentElement; }
    if (scrolled) continue;
    if (box.right > width + 0.5 && (!worst || box.right > worst.right))
      worst = {right: box.right, tag: el.tagName, cls: el.className.baseVal ?? el.className};
  }
  return {scroll: document.documentElement.scrollWidth, width, worst};
}"""


def _open(open_as, live_server, demo_world, viewport: Viewport, name: str):
    page = open_as("manager", "zh-hans", viewport)
    response = page.goto(live_server.url + PAGES[name](demo_world))
    assert response is not None and response.status == 200
    return page


def _screenshot(page, artifacts_dir, name: str, viewport: Viewport) -> None:
    folder = artifacts_dir / "layout"
    folder.mkdir(parents=True, exist_ok=True)
    # CSS pixels: a phone page at 3x device pixels is too big to capture in time.
    path = str(folder / f"{name}-{viewport.name}.png")
    page.screenshot(path=path, full_page=True, scale="css", timeout=60_000)


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=lambda v: v.name)
@pytest.mark.parametrize("name", list(PAGES))
def test_no_page_scrolls_sideways(open_as, live_server, demo_world, artifacts_dir, name, viewport):
    page = _open(open_as, live_server, demo_world, viewport, name)
    _screenshot(page, artifacts_dir, name, viewport)
    found = page.evaluate(OVERFLOW)
    assert found["scroll"] <= found["width"], found
    assert found["worst"] is None, found


def _cells_off_screen(page, selector: str) -> list[str]:
    """Text of the visible cells matching ``selector`` not wholly on screen
    (right of the viewport, or hidden by a scrolling container)."""
    return page.evaluate(
        """(selector) => {
          const width = document.documentElement.clientWidth;
          const out = [];
          for (const cell of document.querySelectorAll(selector)) {
            const box = cell.getBoundingClientRect();
            let clip = width;
            for (let p = cell.parentElement; p; p = p.parentElement) {
              const s = getComputedStyle(p).overflowX;
              if (s !== 'visible') clip = Math.min(clip, p.getBoundingClientRect().right);
            }
            if (box.width === 0 || box.right > clip + 0.5) out.push(cell.innerText.trim());
          }
          return out;
        }""",
        selector,
    )


def test_plan_list_shows_every_column_at_1366(open_as, live_server, demo_world):
    page = _open(open_as, live_server, demo_world, DESKTOP, "plan-list")
    assert page.locator("table.rollup tbody tr").count() >= 2
    assert _cells_off_screen(page, "table.rollup thead th") == []
    assert _cells_off_screen(page, "table.rollup td.rate") == []
    # Nothing to scroll inside the table either.
    container = page.locator(".table-container").first
    assert container.evaluate("c => c.scrollWidth <= c.clientWidth")


@pytest.mark.parametrize("name", ["plan-report", "plan-report-filtered"])
def test_every_row_shows_its_status_on_a_phone(open_as, live_server, demo_world, name):
    page = _open(open_as, live_server, demo_world, PHONE, name)
    rows = page.locator("table.report tbody tr")
    assert rows.count() >= 2
    statuses = page.locator("table.report tbody td.status")
    assert statuses.count() == rows.count()
    assert _cells_off_screen(page, "table.report tbody td.status") == []
    first = statuses.first
    assert first.is_visible()
    # The cell says what it is: its heading is shown beside it.
    assert first.evaluate("td => getComputedStyle(td, '::before').content") == '"状态"'
    assert first.locator(".badge").inner_text() != ""


def test_the_target_chart_stays_inside_its_card_on_a_phone(open_as, live_server, demo_world):
    page = _open(open_as, live_server, demo_world, PHONE, "target-detail")
    card = page.locator(".chart-card")
    box = card.bounding_box()
    assert box and box["x"] >= 0 and box["x"] + box["width"] <= PHONE.width
    chart = page.locator("svg.chart")
    # Readable: not shrunk below 600 CSS px; the card scrolls instead.
    assert chart.bounding_box()["width"] >= 600
