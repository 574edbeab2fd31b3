"""The stored path's query on PostgreSQL: the cells as text, made by the
database (issue 11).

Turning 100,000 rows of Decimals and dates into text in Python, and
decoding them from the wire first, was most of the stored export's time.
PostgreSQL writes them itself, in the export's own spelling: a figure as
``trim_scale(x)::text`` (plain digits, no trailing zeros: ``7``, ``2.1``,
``1500``, ``0``, what ``format_decimal`` writes), a date as
``to_char(d, 'YYYY-MM-DD')`` (``date.isoformat``), flags as ``true`` and
``false``, NULL as ``''``. Columns come in ``COLUMNS`` order, so a row is
a few slices; Python adds only the units (``units_by_target``), the target
as shown (cached), the reason and ``expected`` (cached per code and
parameters, ``attainment_stored._Cells``) and the date.

SQLite keeps ``attainment_stored._select`` and formats in Python; the
tests compare both with the recompute path byte for byte, on both
databases.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa

from tracker.schema import assessment, document, outcome, plan, target

__all__ = ["STATUS", "TARGET_ID", "order", "select_text", "text_row"]

_t, _p, _a, _o, _d = target.c, plan.c, assessment.c, outcome.c, document.c


def _figure(column: sa.ColumnElement) -> sa.ColumnElement:
    return sa.func.coalesce(sa.cast(sa.func.trim_scale(column), sa.Text), "")


def _day(column: sa.ColumnElement) -> sa.ColumnElement:
    return sa.func.coalesce(sa.func.to_char(column, "YYYY-MM-DD"), "")


def _text(column: sa.ColumnElement) -> sa.ColumnElement:
    return sa.func.coalesce(column, "")


def _flag(column: sa.ColumnElement) -> sa.ColumnElement:
    return sa.case((column, "true"), else_="false")


# Positions in ``select_text``'s rows.
STATUS = 12
TARGET_ID, _PARAMS = 33, 34


def select_text(chosen: sa.ColumnElement) -> sa.Select:
    """The export's cells 0-11, 14-25, 27-29 and 32-37 as text in
    ``COLUMNS`` order, then the target id and the reason's parameters (JSON
    text). The units come from ``units_by_target``: grouped here, per
    target, they cost more than the rows themselves."""
    found = _o.id.is_not(None)
    # The stored status, its outcome and document, made text: looked up per
    # target through their keys (LATERAL), a few index probes each, rather
    # than a hash of all of ``tracker_assessment`` per batch, which the
    # planner picks when its statistics lag behind a refresh.
    stored = {
        "status": _a.status,  # NULL: no stored status (the batch is recomputed)
        "grade": _text(_a.grade),
        "value": _figure(_o.value),
        "qualifier": _text(_o.qualifier),
        "unit": _text(_o.unit),
        "start": _day(_o.period_start),
        "end": _day(_o.period_end),
        "document": _text(_d.title),
        "published": _day(_d.published_on),
        "quote": _text(_o.quote),
        "ratio": _figure(_a.progress_ratio),
        "indicative": _flag(_a.indicative),
        "band": _text(_a.band),
        "code": _a.reason_code,
        "high": _figure(_o.value_high),
        "proxy": sa.case((found, _flag(_o.is_proxy)), else_=""),
        "reported": sa.case((found, _text(_o.reported_indicator)), else_=""),
        "outcome": _text(sa.cast(_o.id, sa.Text)),
        "url": sa.case((found, _text(_d.url)), else_=""),
        "params": sa.cast(_a.reason_params, sa.Text),
    }
    lookup = (
        sa.select(*(expression.label(name) for name, expression in stored.items()))
        .select_from(
            assessment.outerjoin(outcome, _o.id == _a.outcome_id).outerjoin(
                document, _d.id == _o.document_id
            )
        )
        .where(_a.target_id == _t.id)
        .lateral("stored")
    )
    s = lookup.c
    return (
        sa.select(
            _p.slug,
            _t.code,
            _t.indicator,
            _t.statement,
            _t.comparator,
            _figure(_t.value),
            _figure(_t.value_high),
            _t.unit,
            _day(_t.period_start),
            _day(_t.period_end),
            _t.direction,
            _t.commitment,
            s.status,
            s.grade,
            s.value,
            s.qualifier,
            s.unit,
            s.start,
            s.end,
            s.document,
            s.published,
            s.quote,
            s.ratio,
            _p.title,
            _t.measure,
            s.indicative,
            s.band,
            s.code,
            s.high,
            s.proxy,
            s.reported,
            s.outcome,
            s.url,
            _t.id,
            s.params,
        )
        .select_from(target.join(plan, _t.plan_id == _p.id).outerjoin(lookup, sa.true()))
        .where(chosen)
    )


def order(cells: Any, row: Sequence[Any]) -> tuple[Any, ...]:
    """The recompute path's order: plan slug, code read as numbers, code, id."""
    return (row[0], cells.sort_key(row[1]), row[1], row[TARGET_ID])


def text_row(cells: Any, row: Sequence[Any], units: tuple[str, str]) -> list[str]:
    """The 39 cells: the database's text, plus the units, the target as
    shown, the ``expected`` figure, the reason and the date. ``units``:
    the lead unit and all units, joined."""
    reason, expected = cells.reason(row[27], row[_PARAMS])
    shown = cells.target_text(row[4], row[5], row[6], row[7])
    return [
        *row[0:12],
        *units,
        *row[12:24],
        shown,
        *row[24:27],
        expected,
        reason,
        *row[27:33],
        cells.as_of,
    ]
