"""django-tables2 data from a SQLAlchemy Core select, counted, sorted and paged
by the database.

django-tables2 knows QuerySets and lists; a rollup is neither (it is a
grouped Core select, docs/architecture.md section 3), and turning it into a list would sort and
page it in Python. ``SelectData`` gives the table what it asks of a data
source: ``len()`` is a ``COUNT(*)`` over the select, a slice is ``LIMIT`` /
``OFFSET``, and ``order_by()`` maps column names to SQL ``ORDER BY``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import Any

import sqlalchemy as sa
from django_tables2.data import TableData
from django_tables2.utils import OrderBy

from tracker.db import run_select

Row = dict[str, Any]


class SelectData(TableData):
    """A Core select as table data; rows are dicts (through ``row_factory``).

    ``order_columns`` maps a sort key (a table column's ``order_by`` accessor)
    to its SQL expression; by default the select's own output columns.
    ``tiebreak`` ends every ``ORDER BY`` so pages never overlap.
    """

    def __init__(
        self,
        select: sa.Select,
        *,
        tiebreak: Sequence[sa.ColumnElement] = (),
        order_columns: Mapping[str, sa.ColumnElement] | None = None,
        row_factory: Callable[[Row], Any] | None = None,
    ) -> None:
        super().__init__(data=select)
        self.select = select
        self.tiebreak = list(tiebreak)
        self.order_columns = dict(order_columns or {})
        self.row_factory = row_factory or (lambda row: row)
        self.ordering_clauses: list[sa.ColumnElement] = []
        self._length: int | None = None

    # -- what django-tables2 calls ------------------------------------------

    def __len__(self) -> int:
        if self._length is None:
            inner = self.select.order_by(None).subquery()
            count = sa.select(sa.func.count().label("n")).select_from(inner)
            self._length = int(run_select(count)[0]["n"])
        return self._length

    def __getitem__(self, key: slice | int) -> Any:
        if isinstance(key, slice):
            if key.step not in (None, 1):
                raise ValueError("SelectData slices have no step")
            start = key.start or 0
            if start < 0 or (key.stop is not None and key.stop < 0):
                raise ValueError("SelectData slices are non-negative")
            return self._fetch(start, key.stop)
        rows = self._fetch(key, key + 1)
        if not rows:
            raise IndexError(key)
        return rows[0]

    def __iter__(self) -> Iterator[Any]:
        return iter(self._fetch(0, None))

    @property
    def ordering(self) -> None:
        # Unknown until ``order_by`` runs: the table's Meta.order_by applies.
        return None

    @property
    def verbose_name(self) -> str:
        return getattr(self, "_verbose_name", "row")

    @property
    def verbose_name_plural(self) -> str:
        return getattr(self, "_verbose_name_plural", "rows")

    def order_by(self, aliases: Sequence[str]) -> None:
        """Translate the table's sort aliases (``-confirmed_rate``) into
        ``ORDER BY`` clauses; NULLs (no rate) sort last either way."""
        clauses = []
        for alias in aliases:
            bound_column = self.table.columns[OrderBy(alias).bare]
            # As in django-tables2's own data classes: the alias prefix says
            # which way, the column's order_by which keys.
            if alias[0] != bound_column.order_by_alias[0]:
                accessors = bound_column.order_by.opposite
            else:
                accessors = bound_column.order_by
            for accessor in accessors:
                expression = self._expression(OrderBy(accessor).bare)
                ordered = expression.desc() if OrderBy(accessor).is_descending else expression.asc()
                clauses.append(ordered.nulls_last())
        self.ordering_clauses = clauses

    # -- internals ----------------------------------------------------------

    def _expression(self, name: str) -> sa.ColumnElement:
        if name in self.order_columns:
            return self.order_columns[name]
        try:
            return self.select.selected_columns[name]
        except KeyError:
            raise ValueError(f"no column {name!r} to sort by") from None

    def ordered_select(self) -> sa.Select:
        return self.select.order_by(None).order_by(*self.ordering_clauses, *self.tiebreak)

    def _fetch(self, start: int, stop: int | None) -> list[Any]:
        query = self.ordered_select()
        if start:
            query = query.offset(start)
        if stop is not None:
            query = query.limit(max(stop - start, 0))
        return [self.row_factory(row) for row in run_select(query)]
