"""Writing the synthetic rows: ``COPY`` on PostgreSQL, ``executemany`` on SQLite.

Straight into the tables, past the services: this is a benchmark's load
(no audit events, no per-row validation), refused unless the tracker's
tables are empty, so it can never mix with real records. The ids are given
here (the database is empty); PostgreSQL's sequences are moved past them
afterwards so later inserts do not collide.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date

from django.db import connection, transaction

from tracker.analytics.units import load_registry
from tracker.synthetic.rows import (
    ASSIGNMENT_COLUMNS,
    DOCUMENT_COLUMNS,
    OUTCOME_COLUMNS,
    PLAN_COLUMNS,
    TARGET_COLUMNS,
    UNIT_COLUMNS,
    PlanRows,
    Sizes,
)
from tracker.synthetic.scenarios import Generator

# The tables that must be empty, and that the load fills, in write order.
TABLES = (
    "tracker_unit",
    "tracker_document",
    "tracker_plan",
    "tracker_target",
    "tracker_assignment",
    "tracker_outcome",
)
_COLUMNS = {
    "tracker_unit": UNIT_COLUMNS,
    "tracker_document": DOCUMENT_COLUMNS,
    "tracker_plan": PLAN_COLUMNS,
    "tracker_target": TARGET_COLUMNS,
    "tracker_assignment": ASSIGNMENT_COLUMNS,
    "tracker_outcome": OUTCOME_COLUMNS,
}
# Plans written per round trip: bounds memory whatever the size.
PLANS_PER_FLUSH = 20


class NotEmpty(Exception):
    """The tracker's tables already hold rows; names the first such table."""

    def __init__(self, table: str) -> None:
        super().__init__(table)
        self.table = table


@dataclass
class Loaded:
    """How many rows went into each table."""

    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(TABLES, 0))


def first_non_empty_table() -> str | None:
    with connection.cursor() as cursor:
        for table in (*TABLES, "tracker_assessment"):
            cursor.execute(f"SELECT 1 FROM {table} LIMIT 1")  # noqa: S608 (fixed names)
            if cursor.fetchone() is not None:
                return table
    return None


def _write(table: str, rows: Sequence[tuple]) -> None:
    if not rows:
        return
    columns = _COLUMNS[table]
    names = ", ".join(columns)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            raw = cursor.cursor  # psycopg 3's own cursor
            with raw.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        else:
            marks = ", ".join(["%s"] * len(columns))
            cursor.executemany(f"INSERT INTO {table} ({names}) VALUES ({marks})", list(rows))  # noqa: S608


def _flush(batch: list[PlanRows], loaded: Loaded) -> None:
    for table, attribute in (
        ("tracker_document", "documents"),
        ("tracker_plan", "plans"),
        ("tracker_target", "targets"),
        ("tracker_assignment", "assignments"),
        ("tracker_outcome", "outcomes"),
    ):
        rows = [row for plan_rows in batch for row in getattr(plan_rows, attribute)]
        _write(table, rows)
        loaded.counts[table] += len(rows)
    batch.clear()


def _move_sequences() -> None:
    if connection.vendor != "postgresql":
        return  # SQLite continues after the largest rowid by itself
    with connection.cursor() as cursor:
        for table in TABLES:
            cursor.execute(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'),"  # noqa: S608
                f" COALESCE((SELECT MAX(id) FROM {table}), 1))"
            )


def load(
    sizes: Sizes,
    *,
    today: date,
    progress: Callable[[int], None] | None = None,
) -> Loaded:
    """Fill the empty tracker tables; all or nothing (one transaction).

    Raises ``NotEmpty`` before writing anything if any tracker table holds a
    row. ``progress`` is called with the number of plans written so far.
    """
    with transaction.atomic():
        table = first_non_empty_table()
        if table is not None:
            raise NotEmpty(table)
        generator = Generator(sizes, today=today, registry=load_registry())
        loaded = Loaded()
        units = generator.units()
        _write("tracker_unit", units)
        loaded.counts["tracker_unit"] = len(units)
        batch: list[PlanRows] = []
        for number, plan_rows in enumerate(generator.plans(), start=1):
            batch.append(plan_rows)
            if len(batch) >= PLANS_PER_FLUSH:
                _flush(batch, loaded)
                if progress is not None:
                    progress(number)
        _flush(batch, loaded)
        _move_sequences()
    return loaded
