"""The stylesheet's colours meet WCAG 2.1 AA contrast (1.4.3 text 4.5:1,
1.4.11 graphics 3:1), read from tracker.css itself.

axe checks the colours the browser tests' pages happen to show; this checks
every status colour in every role it plays (solid badge under white text,
outlined badge as text on white, chart marker and bar segment on white),
whether or not a page of the test data shows it.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.conf import settings

CSS = Path(settings.BASE_DIR) / "tracker" / "static" / "tracker" / "tracker.css"
STATUS_COLOURS = (
    "met",
    "missed",
    "indeterminate",
    "on-track",
    "off-track",
    "overdue",
    "incomparable",
)
WHITE = "#ffffff"


def _variables() -> dict[str, str]:
    return dict(re.findall(r"--([a-z-]+):\s*(#[0-9a-fA-F]{6})\s*;", CSS.read_text()))


def _luminance(colour: str) -> float:
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def contrast(a: str, b: str) -> float:
    """WCAG 2.1 contrast ratio of two sRGB colours."""
    high, low = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_contrast_formula_matches_known_ratios():
    assert contrast("#000000", WHITE) == pytest.approx(21)
    assert contrast("#1b8a4b", WHITE) == pytest.approx(4.39, abs=0.01)  # the old met green


@pytest.mark.parametrize("name", STATUS_COLOURS)
def test_status_colour_reads_both_ways_at_4_5(name):
    colour = _variables()[name]
    # White text on the solid badge; the colour as text on the outlined one
    # (and as a chart marker or bar segment, which needs only 3:1).
    assert contrast(WHITE, colour) >= 4.5, f"{name} {colour}"


def test_neutral_pairs():
    v = _variables()
    pairs = {
        "ink on no-data badge": (v["ink"], v["no-data"], 4.5),
        "no-data segment on white": (v["no-data"], v["paper"], 3),
        "muted on white": (v["muted"], v["paper"], 4.5),
        "muted on the page wash": (v["muted"], v["wash"], 4.5),
        "muted on a tag": (v["muted"], "#eef1f5", 4.5),
        "link on white": (v["accent"], v["paper"], 4.5),
        "link on the page wash": (v["accent"], v["wash"], 4.5),
        "white on a primary button": (WHITE, v["accent"], 4.5),
        "current evidence tag": (v["met"], "#e6f4ea", 4.5),
        "success message": (v["met"], "#e6f4ea", 4.5),
        "error message": (v["missed"], "#fdecea", 4.5),
    }
    failing = {
        k: round(contrast(a, b), 2) for k, (a, b, need) in pairs.items() if contrast(a, b) < need
    }
    assert not failing
