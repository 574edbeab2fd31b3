"""The attainment export: one row per target, its status and its evidence.

For auditors (docs/security.md "Roles"): every status sits beside the
figure, the quote and the document it rests on, so each verdict can be traced back.

For the date the stored statuses are valid for (the refresh marker,
normally today) the rows are read from ``tracker_assessment``
(``tracker.exports.attainment_stored``: no rule runs); for any other date,
or stale statuses, statuses are computed for the requested date with the
domain rules, here; only the figures known on that date count. Both give
the same rows (docs/architecture.md section 8). Each row carries its
reason twice: the code (``reason_code``, for scripts) and the sentence in
the active language (``reason``, ``tracker.reason_text``).

It streams (issue 11): plans are read in batches by keyset on the slug
(``tracker.analytics.batches``), and each recomputed batch costs four statements
whatever its size: the next plans (one), the targets with their plans
(one), one pass of the ranked-evidence window query that also carries the
best figure's provenance (one), and the units (one); plus the refresh
marker and the unit registry once. Rows are yielded as each batch is
assessed, so memory stays flat and the first row comes after the first
batch, whatever the size of the data set. The statement count grows with
the number of batches (about ``TARGETS_PER_BATCH`` targets each), never with
the targets inside one.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

import sqlalchemy as sa
from django.utils import translation

from tracker.analytics.assessments import statuses_as_of
from tracker.analytics.batches import plan_batches
from tracker.analytics.evidence import (
    Evidence,
    evidence_from_rows,
    first_ranked_rows,
    target_columns,
    target_facts,
    today,
)
from tracker.analytics.units import unit_registry
from tracker.db import run_select, to_date, to_decimal
from tracker.domain import Assessment, UnitRegistry, assess, describe_target
from tracker.exports import attainment_stored
from tracker.exports.attainment_parts import (
    EXPECTED_PLACES,
    UNIT_SEPARATOR,
    attainment_selection,
    code_sort_key,
    units_by_target,
)
from tracker.exports.csvstream import format_cell
from tracker.reason_text import render_reason
from tracker.schema import document, outcome, plan, target

__all__ = [
    "COLUMNS",
    "UNIT_SEPARATOR",
    "attainment_rows",
    "attainment_selection",
    "code_sort_key",
]

COLUMNS: tuple[str, ...] = (
    # The target, as the plan states it.
    "plan",
    "target_code",
    "indicator",
    "statement",
    "comparator",
    "target_value",
    "target_value_high",
    "unit",
    "period_start",
    "period_end",
    "direction",
    "commitment",
    "lead_unit",
    "units",
    # Its status and the evidence it rests on.
    "status",
    "grade",
    "evidence_value",
    "evidence_qualifier",
    "evidence_unit",
    "evidence_period_start",
    "evidence_period_end",
    "document",
    "document_date",
    "quote",
    "progress_ratio",
    # More provenance and context.
    "plan_title",
    "target_display",
    "measure",
    "indicative",
    "band",
    "expected",
    "reason",
    "reason_code",
    "evidence_value_high",
    "evidence_is_proxy",
    "reported_indicator",
    "outcome_id",
    "document_url",
    "as_of",
)
"""Raw words throughout (``met``, ``final``, ``at_least``): stable for
scripts and spreadsheets whatever the interface language."""


_t, _p = target.c, plan.c


def _targets_with_plans(selection: sa.ColumnElement) -> sa.Select:
    """The targets' facts for the rules and the row's own columns: one query."""
    return (
        sa.select(
            *target_columns(),
            _t.code,
            _t.indicator,
            _t.statement,
            _p.slug.label("plan_slug"),
            _p.title.label("plan_title"),
        )
        .select_from(target.join(plan, _t.plan_id == _p.id))
        .where(selection)
    )


def _row(
    facts: dict[str, Any],
    result: Assessment,
    units: tuple[str, list[str]],
    details: dict[str, Any],
    as_of: date,
) -> list[str]:
    value, value_high = to_decimal(facts["value"]), to_decimal(facts["value_high"])
    evidence = result.evidence
    lead, names = units
    expected = (
        None if result.expected is None else result.expected.quantize(EXPECTED_PLACES).normalize()
    )
    cells: list[object] = [
        facts["plan_slug"],
        facts["code"],
        facts["indicator"],
        facts["statement"],
        facts["comparator"],
        value,
        value_high,
        facts["unit"],
        to_date(facts["period_start"]),
        to_date(facts["period_end"]),
        facts["direction"],
        facts["commitment"],
        lead,
        UNIT_SEPARATOR.join(names),
        result.status,
        result.grade,
        evidence and evidence.value,
        evidence and evidence.qualifier,
        evidence and evidence.unit,
        evidence and evidence.period_start,
        evidence and evidence.period_end,
        evidence and evidence.document_title,
        evidence and evidence.document_date,
        evidence and evidence.quote,
        result.progress_ratio,
        facts["plan_title"],
        describe_target(facts["comparator"], value, value_high, facts["unit"]),
        facts["measure"],
        result.indicative,
        result.band,
        expected,
        render_reason(result.reason.code, result.reason.params),
        result.reason.code,
        evidence and evidence.value_high,
        evidence and evidence.is_proxy,
        details.get("reported_indicator"),
        evidence and evidence.id,
        details.get("url"),
        as_of,
    ]
    return [format_cell(cell) for cell in cells]


def attainment_rows(
    *,
    as_of: date | None = None,
    plan_ids: list[int] | None = None,
    unit_id: int | None = None,
    target_ids: list[int] | None = None,
) -> Iterator[list[str]]:
    """The rows of ``COLUMNS`` as text, ordered by plan then target code.

    ``as_of`` defaults to today in Asia/Shanghai. Lazy: nothing is queried
    until the first row is asked for, so a streamed response sends its
    header first. Text is not neutralised here (``csv_chunks`` does it).
    Reasons are rendered in the language active when the rows are asked for
    (a streamed response is iterated after the view has returned).
    """
    return _rows(
        as_of=as_of or today(),
        language=translation.get_language(),
        plan_ids=plan_ids,
        unit_id=unit_id,
        target_ids=target_ids,
    )


def _rows(
    *,
    as_of: date,
    language: str | None,
    plan_ids: list[int] | None,
    unit_id: int | None,
    target_ids: list[int] | None,
) -> Iterator[list[str]]:
    selection = attainment_selection(plan_ids=plan_ids, unit_id=unit_id, target_ids=target_ids)
    if statuses_as_of() == as_of:
        # The stored statuses are valid for this date: read them rather than
        # run the rules again (same rows, docs/performance.md section 8).
        registries: list[UnitRegistry] = []

        def recompute(chosen: sa.ColumnElement) -> Iterator[list[str]]:
            if not registries:
                registries.append(unit_registry())
            return _batch_rows(chosen, as_of=as_of, language=language, registry=registries[0])

        yield from attainment_stored.stored_rows(
            selection, as_of=as_of, language=language, recompute=recompute
        )
        return
    registry = unit_registry()
    for batch in plan_batches(selection):
        in_batch = _t.plan_id.in_(batch.plan_ids)
        chosen = in_batch if selection is None else sa.and_(in_batch, selection)
        yield from _batch_rows(chosen, as_of=as_of, language=language, registry=registry)


def _batch_rows(
    chosen: sa.ColumnElement, *, as_of: date, language: str | None, registry: UnitRegistry
) -> Iterator[list[str]]:
    """One batch of plans: three queries (targets, the ranked evidence with
    its provenance, units), then its rows one at a time."""
    facts_rows = run_select(_targets_with_plans(chosen))
    ranked = first_ranked_rows(
        chosen, as_of=as_of, extra_columns=(outcome.c.reported_indicator, document.c.url)
    )
    details = {int(row["id"]): row for row in ranked if row["slot"] == "best"}
    evidence = evidence_from_rows(ranked)
    units = units_by_target(chosen)
    no_units: tuple[str, list[str]] = ("", [])
    # Sorted here, not in SQL: code order needs numbers read as numbers
    # (Chinese ones too). A batch holds whole plans, so sorting it sorts them.
    facts_rows.sort(
        key=lambda row: (row["plan_slug"], code_sort_key(row["code"]), row["code"], row["id"])
    )
    for facts in facts_rows:
        target_id = int(facts["id"])
        found = evidence.get(target_id, Evidence())
        result = assess(
            target_facts(facts),
            found.best,
            as_of=as_of,
            baseline=found.baseline,
            context=found.context,
            units=registry,
        )
        evidence_id = result.evidence.id if result.evidence else None
        with translation.override(language):
            row = _row(
                facts,
                result,
                units.get(target_id, no_units),
                details.get(evidence_id, {}) if evidence_id is not None else {},
                as_of,
            )
        yield row
