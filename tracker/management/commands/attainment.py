"""``attainment``: a terminal summary of attainment per plan and per unit.

Counts of each status and the confirmed, indicative and reporting rates
(docs/attainment.md section 9), per plan (each target once) and per unit (over lead
assignments and over all assignments), the units furthest behind (missed +
overdue) first and the targets no unit answers for in the "unassigned" row,
so the units add up to the plan. Statuses are computed for ``--as-of`` with
the domain rules
(``assessments.compute`` and ``tracker.domain.rollup``) for every date,
today included: one code path, and the command never writes (the stored
statuses that ``tracker.analytics.rollups`` reads exist for today only;
a test checks both give the same numbers today).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

import sqlalchemy as sa
from django.core.management.base import BaseCommand, CommandParser
from django.utils.translation import gettext as _

from tracker.analytics.assessments import compute
from tracker.db import run_select, to_date
from tracker.domain import (
    Assessment,
    Rate,
    Reporting,
    RollupResult,
    period_is_over,
    rollup,
    rollup_by,
)
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
    """One plan or unit of the summary; the unassigned line has key None."""

    key: int | None
    name: str
    title: str
    result: RollupResult


@dataclass(frozen=True)
class Summary:
    as_of: date
    plans: list[Line]
    units: list[Line]


def _behind_order(line: Line) -> tuple[Any, ...]:
    # Furthest behind (missed + overdue, all assignments) first, then over
    # lead assignments, then by name; the unassigned line last among equals.
    return (-line.result.behind, -line.result.lead_behind, line.key is None, line.name)


def _unassigned(
    targets: dict[int, tuple[Assessment, bool]], with_lead: set[int], with_unit: set[int]
) -> Line | None:
    """Targets without a lead unit (lead scope) and without any unit (all
    scope), shaped like a unit's line."""
    no_lead = [pair for key, pair in targets.items() if key not in with_lead]
    if not no_lead:
        return None
    every = rollup((a, "lead", over) for key, (a, over) in targets.items() if key not in with_unit)
    lead = rollup((a, "lead", over) for a, over in no_lead)
    result = replace(
        every,
        lead_counts=lead.lead_counts,
        lead_confirmed=lead.lead_confirmed,
        lead_indicative=lead.lead_indicative,
        lead_reporting=lead.lead_reporting,
    )
    return Line(None, _("未分配责任单位"), "", result)


def build_summary(*, as_of: date, plan_id: int | None = None) -> Summary:
    """The numbers the command prints: five queries whatever the size."""
    selection = attainment_selection(plan_ids=[plan_id]) if plan_id is not None else None
    assessments = compute(as_of=as_of, target_filter=selection)
    targets_query = sa.select(
        target.c.id, target.c.period_end, plan.c.id.label("plan_id"), plan.c.slug, plan.c.title
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
    over = {
        int(row["id"]): period_is_over(to_date(row["period_end"]), as_of) for row in target_rows
    }

    # Per plan every target counts once: as its plan's "lead" pair.
    by_plan = rollup_by(
        (int(row["plan_id"]), assessments[int(row["id"])], "lead", over[int(row["id"])])
        for row in target_rows
    )
    plan_names = {int(row["plan_id"]): (row["slug"], row["title"]) for row in target_rows}
    plans = sorted(
        (Line(key, *plan_names[key], result) for key, result in by_plan.items()),
        key=lambda line: line.name,
    )
    by_unit = rollup_by(
        (
            int(row["unit_id"]),
            assessments[int(row["target_id"])],
            row["role"],
            over[int(row["target_id"])],
        )
        for row in assignment_rows
    )
    unit_names = {int(row["unit_id"]): row["name"] for row in assignment_rows}
    lines = [Line(key, unit_names[key], "", result) for key, result in by_unit.items()]
    unassigned = _unassigned(
        {key: (assessments[key], over[key]) for key in over},
        with_lead={int(row["target_id"]) for row in assignment_rows if row["role"] == "lead"},
        with_unit={int(row["target_id"]) for row in assignment_rows},
    )
    if unassigned is not None:
        lines.append(unassigned)
    return Summary(as_of=as_of, plans=plans, units=sorted(lines, key=_behind_order))


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


def rate_text(rate: Rate | Reporting | None) -> str:
    """``66.7% (2/3)``: the rate with the counts it rests on; ``-`` when
    nothing counts (never a bare 0% or 100%)."""
    if rate is None or rate.value is None:
        return _NONE
    percent = (rate.value * 100).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    return f"{percent}% ({rate.numerator}/{rate.denominator})"


def _rate_header() -> list[str]:
    return [_("确认完成率"), _("参考完成率"), _("终期报告率")]


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
    header = [_("规划"), _("目标数"), *_status_header(), *_rate_header()]
    rows = [
        [
            _clip(line.name, _NAME_WIDTH),
            str(line.result.total),
            *_counts(line.result.counts),
            rate_text(line.result.confirmed),
            rate_text(line.result.indicative),
            rate_text(line.result.reporting),
        ]
        for line in summary.plans
    ]
    lines += table(header, rows)
    lines += [f"  {line.name}: {line.title}" for line in summary.plans]

    lines += [
        "",
        _(
            "按责任单位（牵头：仅牵头任务；全部：牵头和配合；不牵头的单位只列全部；"
            "最落后的（未完成＋逾期最多）在前；没有责任单位的目标计入“未分配责任单位”）"
        ),
    ]
    if summary.units:
        header = [
            _("责任单位"),
            _("范围"),
            _("目标数"),
            *_status_header(),
            *_rate_header(),
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
                        rate_text(result.lead_reporting),
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
                    rate_text(result.reporting),
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
        _("终期报告率 = 已报终期数据的目标 ÷ 考核期已结束的目标。"),
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
