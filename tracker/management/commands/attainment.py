"""``attainment``: a terminal summary of attainment per plan and per unit.

Counts of each status and the confirmed, indicative and reporting rates
(docs/attainment.md section 9), per plan (each target once) and per unit (over lead
assignments and over all assignments), the units furthest behind (missed +
overdue) first and the targets no unit answers for in the "unassigned" row,
so the units add up to the plan. For the date the stored statuses are
valid for (``manage.py refresh_statuses``; normally today) it sums the
stored rollups (``tracker.analytics.stored_summary``, O(plans + units));
for any other date, or stale statuses, it computes every status for
``--as-of`` with the domain rules (``assessments.compute`` and
``tracker.domain.rollup``), reading the plans in batches with running
tallies, so a national data set is summed in flat memory (issue 11). The
two give the same summary (tests/test_summary_stored.py); the command never
writes.
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

from tracker.analytics import stored_summary
from tracker.analytics.assessments import compute
from tracker.analytics.batches import plan_batches
from tracker.analytics.units import unit_registry
from tracker.db import run_select, to_date
from tracker.domain import (
    Assessment,
    Rate,
    Reporting,
    RollupResult,
    RollupTally,
    period_is_over,
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


class _Unassigned:
    """The targets without a lead unit (lead scope) and without any unit
    (all scope), tallied as one unit's line."""

    def __init__(self) -> None:
        self.every, self.lead, self.without_lead = RollupTally(), RollupTally(), 0

    def add(self, assessment: Assessment, over: bool, *, has_lead: bool, has_unit: bool) -> None:
        if not has_unit:
            self.every.add(assessment, "lead", over)
        if not has_lead:
            self.lead.add(assessment, "lead", over)
            self.without_lead += 1

    def line(self) -> Line | None:
        if not self.without_lead:
            return None
        lead = self.lead.result()
        result = replace(
            self.every.result(),
            lead_counts=lead.lead_counts,
            lead_confirmed=lead.lead_confirmed,
            lead_indicative=lead.lead_indicative,
            lead_reporting=lead.lead_reporting,
        )
        return Line(None, _("未分配责任单位"), "", result)


def build_summary(*, as_of: date, plan_id: int | None = None) -> Summary:
    """The numbers the command prints, plan batch by plan batch
    (``tracker.analytics.batches``): memory holds one batch's targets and a
    running tally per plan and per unit, whatever the size. Statements: the
    unit registry once, then five per batch (the keyset lookup, targets,
    ranked evidence, the targets' plans, their assignments).

    When the stored statuses are valid for ``as_of`` (``manage.py
    refresh_statuses`` ran that day), the same numbers are read from the
    stored rollups instead (``_stored_summary``): four queries, whatever the
    size."""
    if stored_summary.statuses_valid_for(as_of, plan_id=plan_id):
        return _stored_summary(as_of=as_of, plan_id=plan_id)
    selection = attainment_selection(plan_ids=[plan_id]) if plan_id is not None else None
    registry = unit_registry()
    plan_tallies: dict[int, RollupTally] = {}
    plan_names: dict[int, tuple[str, str]] = {}
    unit_tallies: dict[int, RollupTally] = {}
    unit_names: dict[int, str] = {}
    unassigned = _Unassigned()
    for batch in plan_batches(selection):
        chosen = target.c.plan_id.in_(batch.plan_ids)
        if selection is not None:
            chosen = sa.and_(chosen, selection)
        assessments = compute(as_of=as_of, target_filter=chosen, units=registry)
        targets_query = (
            sa.select(
                target.c.id,
                target.c.period_end,
                plan.c.id.label("plan_id"),
                plan.c.slug,
                plan.c.title,
            )
            .select_from(target.join(plan, target.c.plan_id == plan.c.id))
            .where(chosen)
        )
        assignments_query = (
            sa.select(
                assignment.c.target_id, assignment.c.role, unit.c.id.label("unit_id"), unit.c.name
            )
            .select_from(
                assignment.join(unit, assignment.c.unit_id == unit.c.id).join(
                    target, assignment.c.target_id == target.c.id
                )
            )
            .where(chosen)
        )
        over: dict[int, bool] = {}
        for row in run_select(targets_query):
            key = int(row["id"])
            if key not in assessments:  # created after the statuses were read
                continue
            over[key] = period_is_over(to_date(row["period_end"]), as_of)
            # Per plan every target counts once: as its plan's "lead" pair.
            plan_key = int(row["plan_id"])
            plan_names[plan_key] = (row["slug"], row["title"])
            plan_tallies.setdefault(plan_key, RollupTally()).add(
                assessments[key], "lead", over[key]
            )
        with_lead: set[int] = set()
        with_unit: set[int] = set()
        for row in run_select(assignments_query):
            key = int(row["target_id"])
            if key not in over:
                continue
            unit_key = int(row["unit_id"])
            unit_names[unit_key] = row["name"]
            unit_tallies.setdefault(unit_key, RollupTally()).add(
                assessments[key], row["role"], over[key]
            )
            with_unit.add(key)
            if row["role"] == "lead":
                with_lead.add(key)
        for key, is_over in over.items():
            unassigned.add(
                assessments[key], is_over, has_lead=key in with_lead, has_unit=key in with_unit
            )

    plans = sorted(
        (Line(key, *plan_names[key], tally.result()) for key, tally in plan_tallies.items()),
        key=lambda line: line.name,
    )
    lines = [Line(key, unit_names[key], "", tally.result()) for key, tally in unit_tallies.items()]
    line = unassigned.line()
    if line is not None:
        lines.append(line)
    return Summary(as_of=as_of, plans=plans, units=sorted(lines, key=_behind_order))


def _stored_summary(*, as_of: date, plan_id: int | None) -> Summary:
    """``build_summary`` from the stored rollups (``tracker.analytics.
    stored_summary``): the same lines, in the same order."""
    plans = sorted(
        (
            Line(line.key, line.name, line.title, line.result)
            for line in stored_summary.plan_lines(plan_id=plan_id)
        ),
        # Python's order, as the recompute path's (not the database's collation).
        key=lambda line: line.name,
    )
    units = [
        Line(line.key, line.name if line.key is not None else _("未分配责任单位"), "", line.result)
        for line in stored_summary.unit_lines(plan_id=plan_id)
    ]
    return Summary(as_of=as_of, plans=plans, units=sorted(units, key=_behind_order))


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
