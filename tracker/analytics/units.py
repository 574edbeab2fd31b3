"""The units a tracker knows, read from ``tracker_unit_of_measure``.

The domain rules take a ``UnitRegistry`` (plain rows) and never read the
database; this builds one from the table, so a unit a planner adds in the
admin counts in the next form, import or verdict, in every process. One
small query per use; ``registry_scope()`` reads it once for a block that
validates many rows (an import), so validation costs no query per row.

``unit_dimensions()`` is the same registry as SQL, for the best-evidence
window: every unit text the registry accepts (each name and its 万/亿/万亿
forms; the table forbids names that start with a magnitude, so each text
appears once) with its dimension.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

import sqlalchemy as sa

from tracker.db import run_select, to_decimal
from tracker.domain import UnitRegistry, UnitRow
from tracker.domain.units import MAGNITUDES
from tracker.schema import unit_of_measure

_u = unit_of_measure.c
_scoped: ContextVar[UnitRegistry | None] = ContextVar("tracker_unit_registry", default=None)


def load_registry(*, using: str | None = None) -> UnitRegistry:
    """The registry as stored now: one query."""
    rows = run_select(sa.select(_u.name, _u.dimension, _u.factor), using=using)
    return UnitRegistry.from_rows(
        UnitRow(row["name"], row["dimension"], to_decimal(row["factor"])) for row in rows
    )


def unit_registry() -> UnitRegistry:
    """The registry of the enclosing ``registry_scope()``, else read now."""
    scoped = _scoped.get()
    return scoped if scoped is not None else load_registry()


@contextmanager
def registry_scope() -> Iterator[UnitRegistry]:
    """Read the registry once for the block (validating an import's rows);
    nested scopes reuse the outer one."""
    if _scoped.get() is not None:
        yield _scoped.get()  # type: ignore[misc]
        return
    token = _scoped.set(load_registry())
    try:
        yield _scoped.get()  # type: ignore[misc]
    finally:
        _scoped.reset(token)


def unit_texts(name: str) -> list[str]:
    """Every unit text a stored name stands for (吨: 吨, 万吨, 亿吨, 万亿吨)."""
    return [name, *(prefix + name for prefix, _ in MAGNITUDES)]


def unit_dimensions() -> sa.Subquery:
    """``(text, dimension)`` for every unit text the registry accepts."""
    parts = [sa.select(_u.name.label("text"), _u.dimension)]
    parts += [
        sa.select((sa.literal(prefix) + _u.name).label("text"), _u.dimension)
        for prefix, _ in MAGNITUDES
    ]
    return sa.union_all(*parts).subquery("unit_dimension")
