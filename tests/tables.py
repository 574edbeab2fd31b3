"""Emptying the tracker's tables after a test that commits.

pytest-django's transactional tests flush only the tables of managed models;
the tracker's (``managed = False``, owned by Alembic) keep what a test
committed unless the test empties them, as the browser tests and the replica
tests do.
"""

from __future__ import annotations

from django.db import connection

from tracker.schema import metadata
from tracker.services.units import ensure_builtin_units

AUDIT = "tracker_audit_event"


def _empty_audit_trail(cursor) -> None:
    """The trail is append-only (migration 0005_trust's triggers): a test
    database is emptied with the guard lifted for that one statement."""
    if connection.vendor == "postgresql":
        cursor.execute(f"ALTER TABLE {AUDIT} DISABLE TRIGGER USER")
        cursor.execute(f"DELETE FROM {AUDIT}")  # noqa: S608
        cursor.execute(f"ALTER TABLE {AUDIT} ENABLE TRIGGER USER")
        return
    cursor.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = %s", [AUDIT]
    )
    triggers = cursor.fetchall()
    for name, _sql in triggers:
        cursor.execute(f'DROP TRIGGER "{name}"')
    cursor.execute(f"DELETE FROM {AUDIT}")  # noqa: S608
    for _name, sql in triggers:
        cursor.execute(sql)


def clean_tracker_tables() -> None:
    """Empty the tracker's tables, then put back the built-in units of
    measure, as ``migrate`` makes them (the tests that follow need them)."""
    with connection.cursor() as cursor:
        for table in reversed(metadata.sorted_tables):
            if table.name == AUDIT:
                _empty_audit_trail(cursor)
            else:
                cursor.execute(f"DELETE FROM {table.name}")  # noqa: S608 (our own table names)
    ensure_builtin_units()
