"""The marks of the target chart (``tracker.charts``): each figure's marker
and the legend that explains them.

A marker says two things at once, each by its own visual channel, so that
neither reads as the other (issue 12: a missed final figure was drawn as a
green dot because green then meant "final"):

- its **colour** is the verdict the figure gives on its own: met, missed,
  indeterminate, or not yet (an interim or context figure, which cannot
  settle the target);
- its **fill or outline** is the grade (docs/attainment.md): a final figure
  is a filled dot, an interim one a ring, a later one a dashed ring (and it
  sits in the shaded stretch after the target period), context a dotted ring.

Colours are the status colours of the stylesheet (WCAG contrast checked by
``tests/test_palette.py``, docs/accessibility.md); shape and dashes carry the
same meaning for a reader who cannot tell the colours apart.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from tracker.domain import Interval, compare, outcome_interval
from tracker.formatting import figure_text
from tracker.labels import label

# Grades whose figure settles the target (final) or indicates it (later).
VERDICT_GRADES = ("final", "later")
VERDICTS = ("met", "missed", "indeterminate", "pending")


def verdict_text(verdict: str) -> str:
    """What a figure's colour says, in the reader's language."""
    return {
        "met": _("达标"),
        "missed": _("未达标"),
        "indeterminate": label("indeterminate"),
        "pending": _("尚无定论"),
    }[verdict]


def figure_verdict(
    grade: str, qualifier: str, low: Decimal, high: Decimal | None, satisfying: Interval
) -> str:
    """The verdict one figure (in the target's unit) gives: final and later
    figures are compared with the target's satisfying interval, as the
    status is; interim and context figures give none yet."""
    if grade not in VERDICT_GRADES:
        return "pending"
    return compare(outcome_interval(qualifier, low, high), satisfying)


@dataclass(frozen=True)
class Point:
    """One reported value in the target's unit, at its period end."""

    when: date
    low: Decimal
    high: Decimal | None
    qualifier: str
    grade: str
    verdict: str
    text: str


def marker(point: Point, x: float, y_low: float, y_high: float | None) -> SafeString:
    """A figure's dot (or, for a range, its whisker and mid-point), with the
    qualifier's arrow (``≥``: up) and its value beside it."""
    if y_high is not None:
        y = round((y_low + y_high) / 2, 1)
        whisker = format_html(
            '<line class="whisker" x1="{}" y1="{}" x2="{}" y2="{}"/>', x, y_low, x, y_high
        )
    else:
        y = y_low
        whisker = mark_safe("")  # noqa: S308 (constant)
    if point.qualifier in ("at_least", "more_than"):
        whisker = format_html(
            '{}<path class="whisker" d="M{} {} V{} m-4 4 l4 -4 l4 4"/>', whisker, x, y, y - 16
        )
    elif point.qualifier in ("at_most", "less_than"):
        whisker = format_html(
            '{}<path class="whisker" d="M{} {} V{} m-4 -4 l4 4 l4 -4"/>', whisker, x, y, y + 16
        )
    return format_html(
        '<g class="point grade-{} verdict-{}">{}<circle cx="{}" cy="{}" r="5"><title>{}</title>'
        '</circle><text class="value" x="{}" y="{}">{}</text></g>',
        point.grade,
        point.verdict,
        whisker,
        x,
        y,
        point.text,
        x + 8,
        y - 8,
        figure_text(point.qualifier, point.low, point.high, ""),
    )


def legend_items(
    target_text: str, points: Sequence[Point], *, baseline: bool, after_period: bool
) -> list[tuple[str, str]]:
    """(kind, text) of what the chart shows: the band, the verdict colours,
    the grade shapes, and the stretch after the target period when drawn."""
    verdicts = {p.verdict for p in points}
    grades = {p.grade for p in points}
    items = [("band", _("达标区间 %(target)s（考核期内）") % {"target": target_text})]
    for verdict in VERDICTS:
        if verdict in ("met", "missed", "pending") or verdict in verdicts:
            items.append((f"verdict-{verdict}", verdict_text(verdict)))
    items += [
        ("grade-final", _("实心 = %(grade)s") % {"grade": label("final")}),
        ("grade-interim", _("空心 = %(grade)s") % {"grade": label("interim")}),
        ("grade-later", _("虚线圈 = %(grade)s（参考）") % {"grade": label("later")}),
    ]
    if "context" in grades:
        items.append(
            ("grade-context", _("点线圈 = %(grade)s（不作依据）") % {"grade": label("context")})
        )
    if baseline:
        items.append(("grade-baseline", label("baseline")))
    if after_period:
        items.append(("after-period", _("灰底 = 考核期之后的数据，仅供参考")))
    return items


def legend(
    items: list[tuple[str, str]], *, left: int, right: int, bottom: int
) -> tuple[SafeString, int]:
    """The legend's rows under the plot (wrapped when the labels, longer in
    English, would run past ``right``), and how many rows it took."""
    rows: list[list[tuple[str, str, int]]] = [[]]
    x = left
    for kind, text in items:
        advance = 36 + _text_width(text)
        if rows[-1] and x + advance - 16 > right:
            rows.append([])
            x = left
        rows[-1].append((kind, text, x))
        x += advance
    parts = []
    for number, row in enumerate(rows):
        y = bottom - 18 * (len(rows) - 1 - number)
        for kind, text, x in row:
            parts.append(
                format_html('{}<text x="{}" y="{}">{}</text>', _swatch(kind, x, y), x + 20, y, text)
            )
    return mark_safe("".join(parts)), len(rows)  # noqa: S308 (format_html parts)


def _swatch(kind: str, x: int, y: int) -> SafeString:
    if kind in ("band", "after-period"):
        return format_html(
            '<rect class="{}" x="{}" y="{}" width="14" height="10"/>', kind, x, y - 9
        )
    if kind.startswith("verdict-"):
        return format_html(
            '<rect class="swatch-verdict {}" x="{}" y="{}" width="12" height="12" rx="2"/>',
            kind,
            x + 1,
            y - 10,
        )
    return format_html(
        '<g class="point {} key"><circle cx="{}" cy="{}" r="5"/></g>', kind, x + 7, y - 4
    )


def _text_width(text: str) -> int:
    # Rough advance at 12px: CJK glyphs are square, Latin ones about half.
    return sum(12 if ord(char) > 0x2E80 else 7 for char in text)
