"""``attainment``: a terminal summary of attainment per plan and per unit.

Counts of each status and the confirmed and indicative rates (docs/attainment.md section 7),
per plan (each target once) and per unit (over lead assignments and over all
assignments). Statuses are computed for ``--as-of`` with the domain rules
(``assessments.compute`` and ``tracker.domain.rollup``) for every date,
today included: one code path, and the command never writes (the stored
statuses that ``tracker.analytics.rollups`` reads exist for today only;
a test checks both give the same numbers today).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

import sqlalchemy as sa
from django.core.management.base import BaseCommand, CommandParser
from django.utils.translation import gettext as _

from tracker.analytics.assessments import compute
from tracker.db import run_select
from tracker.domain import Rate, RollupResult, rollup_by
from tracker.exports.attainment import attainment_selection
from tracker.labels import label
from tracker.management.commands._attainment_options import parse_as_of, plan_ids_for
from tracker.schema import assignment, plan, target, unit
from tracker.vocabulary import STATUSES

_NAME_WIDTH = 28
_GUTTER = "  "
_NONE = "-"


@dataclass(frozen=True)
class Line:
    """One plan or unit of the summary."""

    key: int
    name: str
    title: str
    result: RollupResult


@dataclass(frozen=True)
class Summary:
    as_of: date
    plans: list[Line]
    units: list[Line]


def _rate_order(line: Line) -> tuple[Any, ...]:
    # Highest confirmed rate first, then indicative; no rate last; then name.
    def key(rate: Decimal | None) -> tuple[int, Decimal]:
        return (1, Decimal(0)) if rate is None else (0, -rate)

    result = line.result
    return (*key(result.confirmed_rate), *key(result.indicative_rate), line.name)


def build_summary(*, as_of: date, plan_id: int | None = None) -> Summary:
    """The numbers the command prints: four queries whatever the size."""
    selection = attainment_selection(plan_ids=[plan_id]) if plan_id is not None else None
    assessments = compute(as_of=as_of, target_filter=selection)
    targets_query = sa.select(
        target.c.id, plan.c.id.label("plan_id"), plan.c.slug, plan.c.title
    ).select_from(target.join(plan, target.c.plan_id == plan.c.id))
    assignments_query = sa.select(
        assignment.c.target_id, assignment.c.role, unit.c.id.label("unit_id"), unit.c.name
    ).select_from(
        assignment.join(unit, assignment.c.unit_id == unit.c.id).join(
            target, assignment.c.target_id == target.c.id
        )
    )
    if selection is not None:
        targets_query = targets_query.where(selection)
        assignments_query = assignments_query.where(selection)
    target_rows = [row for row in run_select(targets_query) if int(row["id"]) in assessments]
    assignment_rows = [
        row for row in run_select(assignments_query) if int(row["target_id"]) in assessments
    ]

    # Per plan every target counts once: as its plan's "lead" pair.
    by_plan = rollup_by(
        (int(row["plan_id"]), assessments[int(row["id"])], "lead") for row in target_rows
    )
    plan_names = {int(row["plan_id"]): (row["slug"], row["title"]) for row in target_rows}
    plans = sorted(
        (Line(key, *plan_names[key], result) for key, result in by_plan.items()),
        key=lambda line: line.name,
    )
    by_unit = rollup_by(
        (int(row["unit_id"]), assessments[int(row["target_id"])], row["role"])
        for row in assignment_rows
    )
    unit_names = {int(row["unit_id"]): row["name"] for row in assignment_rows}
    units = sorted(
        (Line(key, unit_names[key], "", result) for key, result in by_unit.items()),
        key=_rate_order,
    )
    return Summary(as_of=as_of, plans=plans, units=units)


# -- Terminal layout ---------------------------------------------------------


def display_width(text: str) -> int:
    """Terminal cells: Chinese (wide and fullwidth) characters take two."""
    return sum(
        0 if unicodedata.combining(char) else 2 if unicodedata.east_asian_width(char) in "WF" else 1
        for char in text
    )


def _clip(text: str, width: int) -> str:
    if display_width(text) <= width:
        return text
    kept = ""
    for char in text:
        if display_width(kept + char) > width - 2:
            break
        kept += char
    return kept + ".."


def _pad(text: str, width: int, *, right: bool) -> str:
    fill = " " * max(width - display_width(text), 0)
    return fill + text if right else text + fill


def table(header: Sequence[str], rows: Sequence[Sequence[str]], *, left: int = 1) -> list[str]:
    """Fixed-width columns by display width; the first ``left`` columns are
    text (left-aligned), the rest figures (right-aligned)."""
    widths = [
        max(display_width(cell) for cell in column) for column in zip(header, *rows, strict=True)
    ]

    def line(cells: Sequence[str]) -> str:
        padded = (
            _pad(cell, width, right=index >= left)
            for index, (cell, width) in enumerate(zip(cells, widths, strict=True))
        )
        return _GUTTER.join(padded).rstrip()

    rule = _GUTTER.join("-" * width for width in widths)
    return [line(header), rule, *(line(row) for row in rows)]


def rate_text(rate: Rate) -> str:
    """``66.7% (2/3)``: the rate with the counts it rests on; ``-`` when
    nothing counts (never a bare 0% or 100%)."""
    if rate.value is None:
        return _NONE
    percent = (rate.value * 100).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    return f"{percent}% ({rate.met}/{rate.denominator})"


def _status_header() -> list[str]:
    return [label(status) for status in STATUSES]


def _counts(counts: dict[str, int]) -> list[str]:
    return [str(counts.get(status, 0)) for status in STATUSES]


def render(summary: Summary) -> list[str]:
    """The summary as terminal lines."""
    lines = [_("完成情况汇总（截至 %(date)s）") % {"date": summary.as_of.isoformat()}, ""]
    if not summary.plans:
        return [*lines, _("没有目标。")]

    lines.append(_("按规划（每个目标计一次）"))
    header = [_("规划"), _("目标数"), *_status_header(), _("确认完成率"), _("参考完成率")]
    rows = [
        [
            _clip(line.name, _NAME_WIDTH),
            str(line.result.total),
            *_counts(line.result.counts),
            rate_text(line.result.confirmed),
            rate_text(line.result.indicative),
        ]
        for line in summary.plans
    ]
    lines += table(header, rows)
    lines += [f"  {line.name}: {line.title}" for line in summary.plans]

    lines += ["", _("按责任单位（牵头：仅牵头任务；全部：牵头和配合；不牵头的单位只列全部）")]
    if summary.units:
        header = [
            _("责任单位"),
            _("范围"),
            _("目标数"),
            *_status_header(),
            _("确认完成率"),
            _("参考完成率"),
        ]
        rows = []
        for line in summary.units:
            result = line.result
            name = _clip(line.name, _NAME_WIDTH)
            # A unit that leads nothing gets its "all" row only.
            if result.lead_total:
                rows.append(
                    [
                        name,
                        _("牵头"),
                        str(result.lead_total),
                        *_counts(result.lead_counts),
                        rate_text(result.lead_confirmed),
                        rate_text(result.lead_indicative),
                    ]
                )
                name = ""
            rows.append(
                [
                    name,
                    _("全部"),
                    str(result.total),
                    *_counts(result.counts),
                    rate_text(result.confirmed),
                    rate_text(result.indicative),
                ]
            )
        lines += table(header, rows, left=2)
    else:
        lines.append(_("没有分配责任单位的目标。"))

    legend = "，".join(f"{label(status)} = {status}" for status in STATUSES)
    lines += [
        "",
        _("状态：%(legend)s。") % {"legend": legend},
        _(
            "确认完成率 = 已完成 ÷（已完成 + 未完成），仅计终期证据；"
            "参考完成率同时计入考核期后的事后证据。"
        ),
    ]
    return lines


class Command(BaseCommand):
    help = (
        "Summarise attainment per plan and per unit: counts of each status, confirmed "
        "and indicative rates (lead-only and all assignments), as of a date."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--plan", metavar="SLUG", help="Only this plan (by slug).")
        parser.add_argument(
            "--as-of",
            metavar="DATE",
            help="Statuses as of this date (YYYY-MM-DD). Default: today in Asia/Shanghai.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        as_of = parse_as_of(options["as_of"])
        plan_id = plan_ids_for([options["plan"]])[0] if options["plan"] else None
        for line in render(build_summary(as_of=as_of, plan_id=plan_id)):
            self.stdout.write(line)
