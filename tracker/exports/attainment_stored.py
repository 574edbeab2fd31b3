"""The attainment export from the stored statuses (issue 11).

When the stored statuses are valid for the date asked (the refresh marker,
``tracker_status_refresh``, says that date: ``manage.py refresh_statuses``
ran today and the services refreshed every target they wrote since), the
rules need not run again: ``tracker_assessment`` holds each target's status,
grade, evidence id, progress ratio, band and reason, computed by the same
``assess`` the recompute path calls, for the same date, from the same
figures. This module reads them, with everything a row needs, in one query
per batch of plans (the keyset batches of ``tracker.analytics.batches``, so
memory stays flat and the first row comes after the first small batch):
the target and its plan, its stored status, the outcome it rests on and
that outcome's document. Units come from the same query as the recompute
path's (``units_query``). Three statements a batch: the keyset lookup,
that query and the units; no unit registry. On PostgreSQL the query hands
back the cells as text (``attainment_stored_pg``); on SQLite Python formats
them (``_Cells.row``).

What is not a column is derived from stored state, never recomputed:
``expected`` is the ``expected`` parameter of the reasons that carry one
(``pro_rata`` and ``path``, the only verdicts that set it, with the same
Decimal: ``tests/test_export_stored.py`` checks the rule on every status);
the reason in words is rendered from the stored code and parameters, once
per distinct (code, parameters) in a bounded cache, since an export repeats
the same few reasons thousands of times.

A batch in which some target has no stored status at all (created by a
write that bypassed the services, or since the marker was read) is
recomputed whole by the caller's function, so a row is never missing.
Rows are text, cell for cell what ``tracker.exports.attainment._row``
makes; the tests compare the two paths byte for byte on both databases.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Sequence
from datetime import date
from decimal import Decimal
from functools import lru_cache
from typing import Any

import sqlalchemy as sa
from django.db import connections
from django.utils import translation

from tracker.analytics.batches import plan_batches
from tracker.db import run_select_tuples, to_date, to_decimal
from tracker.dbrouters import read_alias
from tracker.domain import describe_target, format_decimal
from tracker.exports import attainment_stored_pg as pg
from tracker.exports.attainment_parts import (
    EXPECTED_PLACES,
    UNIT_SEPARATOR,
    code_sort_key,
    units_by_target,
    units_query,
)
from tracker.reason_text import render_reason
from tracker.schema import assessment, document, outcome, plan, target

__all__ = ["stored_rows"]

_t, _p, _a, _o, _d = target.c, plan.c, assessment.c, outcome.c, document.c

# The reasons whose parameters carry the ``expected`` figure (the only
# verdicts that set ``Assessment.expected``, to the same value).
_EXPECTED_IN = frozenset({"pro_rata", "path"})
# Distinct (code, parameters) rendered per export; bounded so memory stays flat.
_REASONS_CACHED = 8192
_FIGURES_CACHED = 4096
# Targets per batch (after a first one of ``batches.FIRST_BATCH``, so the
# first row still comes at once): more than the recompute path's, as a row
# here holds no rule work; each batch's joins scan the stored statuses and
# the assignments once, so fewer batches cost less.
TARGETS_PER_BATCH = 5_000

Recompute = Callable[[sa.ColumnElement], Iterator[list[str]]]


_TARGET_COLUMNS = (
    _t.id,
    _t.code,
    _t.indicator,
    _t.statement,
    _t.comparator,
    _t.value,
    _t.value_high,
    _t.unit,
    _t.period_start,
    _t.period_end,
    _t.direction,
    _t.commitment,
    _t.measure,
    _p.slug,
    _p.title,
)


def _stored_columns() -> list[sa.ColumnElement]:
    return [
        _a.status,
        _a.grade,
        _a.indicative,
        _a.progress_ratio,
        _a.band,
        _a.reason_code,
        # As text: a hashable cache key; parsed once per distinct value.
        sa.cast(_a.reason_params, sa.Text).label("reason_params"),
        _o.id.label("outcome_id"),
        _o.value.label("outcome_value"),
        _o.qualifier,
        _o.unit.label("outcome_unit"),
        _o.period_start.label("outcome_start"),
        _o.period_end.label("outcome_end"),
        _o.value_high.label("outcome_value_high"),
        _o.is_proxy,
        _o.quote,
        _o.reported_indicator,
        _d.title.label("document_title"),
        _d.published_on,
        _d.url,
    ]


_STORED = assessment.outerjoin(outcome, _o.id == _a.outcome_id).outerjoin(
    document, _d.id == _o.document_id
)


def _select(chosen: sa.ColumnElement) -> sa.Select:
    """One row per selected target: its facts, plan, stored status, and the
    outcome and document that status rests on. Positions, not names, are
    read (``_Cells.row``), so the column order here is the contract."""
    return (
        sa.select(*_TARGET_COLUMNS, *_stored_columns())
        .select_from(
            target.join(plan, _t.plan_id == _p.id).outerjoin(_STORED, _a.target_id == _t.id)
        )
        .where(chosen)
    )


_STATUS = 15  # position of tracker_assessment.status in ``_select``


def _day(value: Any) -> str:
    """A date as ISO text, as ``format_cell`` writes it (SQLite gives text)."""
    if value is None:
        return ""
    day = value if type(value) is date else to_date(value)
    return day.isoformat()


class _Days(dict):
    """Dates as ISO text, each formatted once: ``days[value]`` is a lookup in
    C. Bounded by the calendar days an export mentions, not by its rows."""

    def __missing__(self, value: Any) -> str:
        text = self[value] = _day(value)
        return text


def _text(value: Any) -> str:
    return "" if value is None else value


# The evidence cells of a row whose status rests on no figure.
_NO_EVIDENCE = ("",) * 8


class _Cells:
    """Turns a stored row into the export's cells, with the caches of one
    export (one date, one language). Bounded caches: the same target figures,
    descriptions, codes and reasons recur across plans; memory stays flat."""

    def __init__(self, as_of: date, language: str | None) -> None:
        self.as_of = as_of.isoformat()
        self.days = _Days()
        self.language = language
        self.reason = lru_cache(maxsize=_REASONS_CACHED)(self._reason)
        self.figure = lru_cache(maxsize=_FIGURES_CACHED)(_figure)
        self.target = lru_cache(maxsize=_FIGURES_CACHED)(_target)
        self.target_text = lru_cache(maxsize=_FIGURES_CACHED)(_target_text)
        self.sort_key = lru_cache(maxsize=_FIGURES_CACHED)(code_sort_key)

    def _reason(self, code: str, params_text: str | None) -> tuple[str, str]:
        """The reason in words and the ``expected`` cell, from the stored
        code and parameters (rendered in the export's language)."""
        params = json.loads(params_text) if params_text else {}
        if isinstance(params, str):  # JSON stored as a JSON string
            params = json.loads(params)
        expected = ""
        if code in _EXPECTED_IN and "expected" in params:
            exact = Decimal(str(params["expected"]))
            expected = format_decimal(exact.quantize(EXPECTED_PLACES).normalize())
        with translation.override(self.language):
            return render_reason(code, params), expected

    def order(self, row: Sequence[Any]) -> tuple[Any, ...]:
        """The recompute path's order: plan slug, code read as numbers, code, id."""
        return (row[13], self.sort_key(row[1]), row[1], row[0])

    def row(self, r: Sequence[Any], units: tuple[str, list[str]]) -> list[str]:
        """The cells of ``COLUMNS``; NOT NULL columns are used as they come."""
        (
            _id, code, indicator, statement, comparator, value, value_high, unit, start, end,
            direction, commitment, measure, slug, title,
            status, grade, indicative, ratio, band, reason_code, reason_params,
            outcome_id, e_value, qualifier, e_unit, e_start, e_end, e_high, proxy, quote,
            reported, document_title, published_on, url,
        ) = r  # fmt: skip
        figure, days = self.figure, self.days
        reason, expected = self.reason(reason_code, reason_params)
        lead, names = units
        if outcome_id is None:
            evidence = _NO_EVIDENCE
            provenance = ("", "", "", "", "")
        else:
            evidence = (
                format_decimal(to_decimal(e_value)),
                qualifier,
                e_unit,
                days[e_start],
                days[e_end],
                document_title,
                days[published_on],
                quote,
            )
            provenance = (
                "" if e_high is None else format_decimal(to_decimal(e_high)),
                "true" if proxy else "false",
                _text(reported),
                str(outcome_id),
                _text(url),
            )
        return [
            slug,
            code,
            indicator,
            statement,
            comparator,
            figure(value),
            figure(value_high),
            unit,
            days[start],
            days[end],
            direction,
            commitment,
            lead,
            UNIT_SEPARATOR.join(names),
            status,
            _text(grade),
            *evidence,
            figure(ratio),
            title,
            self.target(comparator, value, value_high, unit),
            measure,
            "true" if indicative else "false",
            _text(band),
            expected,
            reason,
            reason_code,
            *provenance,
            self.as_of,
        ]


def _figure(value: Any) -> str:
    return "" if value is None else format_decimal(to_decimal(value))


def _target_text(comparator: str, value: str, value_high: str, unit: str) -> str:
    """``describe_target`` of figures the database wrote as text ('' none)."""
    high = Decimal(value_high) if value_high else None
    return describe_target(comparator, Decimal(value), high, unit)


def _target(comparator: str, value: Any, value_high: Any, unit: str) -> str:
    return describe_target(comparator, to_decimal(value), to_decimal(value_high), unit)


def stored_rows(
    selection: sa.ColumnElement | None,
    *,
    as_of: date,
    language: str | None,
    recompute: Recompute,
) -> Iterator[list[str]]:
    """The export's rows from the stored statuses, batch by batch. Call only
    when the stored statuses are valid for ``as_of`` (the caller reads the
    marker); ``recompute`` builds a batch the rules' way when a target in it
    has no stored status."""
    cells = _Cells(as_of, language)
    if connections[read_alias()].vendor == "postgresql":
        yield from _text_rows(selection, cells, recompute)
        return
    no_units: tuple[str, list[str]] = ("", [])
    for chosen in _batches(selection):
        rows = run_select_tuples(_select(chosen))
        if any(row[_STATUS] is None for row in rows):
            yield from recompute(chosen)
            continue
        units = units_by_target(chosen)
        rows.sort(key=cells.order)
        for row in rows:
            yield cells.row(row, units.get(row[0], no_units))


def _text_rows(
    selection: sa.ColumnElement | None, cells: _Cells, recompute: Recompute
) -> Iterator[list[str]]:
    """PostgreSQL: the same statements, the cells made text by the database
    (``attainment_stored_pg``)."""
    no_units = ("", "")
    target_id = pg.TARGET_ID
    for chosen in _batches(selection):
        rows = run_select_tuples(pg.select_text(chosen))
        if any(row[pg.STATUS] is None for row in rows):
            yield from recompute(chosen)
            continue
        units = _units_text(chosen)
        rows.sort(key=lambda row: pg.order(cells, row))
        for row in rows:
            yield pg.text_row(cells, row, units.get(row[target_id], no_units))


def _units_text(chosen: sa.ColumnElement) -> dict[int, tuple[str, str]]:
    """Each target's lead unit and all its units joined, as text: the
    query of ``units_by_target`` (same order, same lead), folded in one
    loop without a list per target."""
    found: dict[int, list[str]] = {}
    for target_id, role, name in run_select_tuples(units_query(chosen)):
        entry = found.get(target_id)
        if entry is None:
            found[target_id] = [name if role == "lead" else "", name]
        else:
            entry[1] += UNIT_SEPARATOR + name
            if role == "lead" and not entry[0]:
                entry[0] = name
    return {key: (lead, names) for key, (lead, names) in found.items()}


def _batches(selection: sa.ColumnElement | None) -> Iterator[sa.ColumnElement]:
    """Each keyset batch of plans as a condition on ``tracker_target``."""
    for batch in plan_batches(selection, targets_per_batch=TARGETS_PER_BATCH):
        in_batch = _t.plan_id.in_(batch.plan_ids)
        yield in_batch if selection is None else sa.and_(in_batch, selection)
