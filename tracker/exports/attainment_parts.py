"""What both ways of building the attainment export share (issue 11): the
selection of targets, the order of target codes and each target's units.

``tracker.exports.attainment`` recomputes every status for any date;
``tracker.exports.attainment_stored`` reads the stored statuses when they
are valid for the date asked. Both sort, filter and list units through the
functions here, so their rows can only differ where the statuses come from,
and the tests compare the two byte for byte.
"""

from __future__ import annotations

import re
from decimal import Decimal

import sqlalchemy as sa

from tracker.db import run_select_tuples
from tracker.schema import assignment, target, unit

__all__ = [
    "EXPECTED_PLACES",
    "UNIT_SEPARATOR",
    "attainment_selection",
    "code_sort_key",
    "units_by_target",
    "units_query",
]

# How Chinese lists units (市工信局、市发展改革委).
UNIT_SEPARATOR = "、"
# ``expected`` is exact to 28 digits; the figures' own scale is enough.
EXPECTED_PLACES = Decimal("0.000001")

_t = target.c


def attainment_selection(
    *,
    plan_ids: list[int] | None = None,
    unit_id: int | None = None,
    target_ids: list[int] | None = None,
) -> sa.ColumnElement | None:
    """A condition on ``tracker_target`` for the given filters (None: all).

    A unit selects the targets it is assigned to in any role. Its subquery
    uses its own alias of ``tracker_assignment`` and never correlates, so it
    still selects targets inside a query that itself reads assignments.
    """
    conditions: list[sa.ColumnElement] = []
    if plan_ids is not None:
        conditions.append(_t.plan_id.in_(list(plan_ids)))
    if target_ids is not None:
        conditions.append(_t.id.in_(list(target_ids)))
    if unit_id is not None:
        chosen = assignment.alias("chosen_assignment")
        of_unit = sa.select(chosen.c.target_id).where(chosen.c.unit_id == unit_id).correlate(None)
        conditions.append(_t.id.in_(of_unit))
    return sa.and_(*conditions) if conditions else None


_NUMERALS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4}
_NUMERALS.update({"五": 5, "六": 6, "七": 7, "八": 8, "九": 9})
_MULTIPLIERS = {"十": 10, "百": 100, "千": 1000}
_CODE_PARTS = re.compile(
    r"[0-9]+|[零〇一二两三四五六七八九十百千]+|[^0-9零〇一二两三四五六七八九十百千]+"
)


def _chinese_number(text: str) -> int:
    """``二`` 2, ``十一`` 11, ``二十三`` 23, ``一百零五`` 105."""
    total = digit = 0
    for char in text:
        if char in _MULTIPLIERS:
            total += (digit or 1) * _MULTIPLIERS[char]
            digit = 0
        else:
            digit = _NUMERALS[char]
    return total + digit


def _part_key(part: str) -> tuple[int, int, str]:
    if part[0].isascii() and part[0].isdigit():
        return (0, int(part), "")
    if part[0] in _NUMERALS or part[0] in _MULTIPLIERS:
        return (0, _chinese_number(part), "")
    return (1, 0, part)


def code_sort_key(code: str) -> tuple[tuple[int, int, str], ...]:
    """Target codes in reading order: numbers, Arabic or Chinese, by value
    (``二.2`` < ``二.10`` < ``三.1`` < ``十.1``; ``T2`` < ``T10``), the rest
    as text. Plain text order would put 三 before 二 (by code point)."""
    return tuple(_part_key(part) for part in _CODE_PARTS.findall(code))


def units_query(selection: sa.ColumnElement) -> sa.Select:
    """(target id, role, unit name) of the selected targets' assignments, in
    listed order (position, then id) within each target."""
    return (
        sa.select(assignment.c.target_id, assignment.c.role, unit.c.name)
        .select_from(
            assignment.join(unit, assignment.c.unit_id == unit.c.id).join(
                target, assignment.c.target_id == _t.id
            )
        )
        .where(selection)
        .order_by(assignment.c.target_id, assignment.c.position, assignment.c.id)
    )


def units_by_target(selection: sa.ColumnElement) -> dict[int, tuple[str, list[str]]]:
    """Each target's lead unit and all its units in listed order: one query."""
    query = units_query(selection)
    leads: dict[int, str] = {}
    names: dict[int, list[str]] = {}
    # Tuples, not dicts: an export reads two assignments per target.
    for target_id, role, name in run_select_tuples(query):
        names.setdefault(target_id, []).append(name)
        if role == "lead":
            leads.setdefault(target_id, name)
    return {target_id: (leads.get(target_id, ""), listed) for target_id, listed in names.items()}
