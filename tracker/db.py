"""Bridges between Django's database settings and SQLAlchemy.

Two ways in, each for its own job (docs/architecture.md section 3):

- ``run_select`` compiles a SQLAlchemy Core statement for the vendor's dialect
  and runs it on Django's own connection, so a request (or a test) sees its
  own uncommitted rows and one snapshot across ORM and Core reads;
- ``engine_for`` builds a separate SQLAlchemy engine from Django's
  ``settings_dict`` for scripts, Alembic and benchmarks; it follows the test
  database rename because it reads the settings at call time.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import date, datetime
from decimal import Decimal
from typing import Any

import sqlalchemy as sa
from django.db import connections
from django.db.backends.base.base import BaseDatabaseWrapper
from django.utils.dateparse import parse_date, parse_datetime
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Dialect

from tracker.dbrouters import read_alias


def dialect_for(connection: BaseDatabaseWrapper) -> Dialect:
    """A dialect whose compiled SQL Django's cursor accepts: ``%s`` markers
    (Django's SQLite cursor rewrites them to ``?``)."""
    if connection.vendor == "postgresql":
        return postgresql.psycopg.dialect(paramstyle="format")
    if connection.vendor == "sqlite":
        return sqlite.pysqlite.dialect(paramstyle="format")
    raise NotImplementedError(f"Unsupported database vendor: {connection.vendor}")


def compile_for(
    statement: sa.sql.ClauseElement, connection: BaseDatabaseWrapper
) -> tuple[str, list[Any]]:
    """SQL text and positional parameters; Django's cursor adapts the values
    (Decimal, date, datetime) for its driver."""
    compiled = statement.compile(
        dialect=dialect_for(connection), compile_kwargs={"render_postcompile": True}
    )
    params = compiled.construct_params()
    return str(compiled), [params[name] for name in (compiled.positiontup or [])]


def execute_many(
    statement: sa.sql.Insert, rows: list[dict[str, Any]], *, using: str = "default"
) -> None:
    """Run one Core INSERT/UPDATE for many parameter rows on Django's connection
    (same transaction as the request or test)."""
    if not rows:
        return
    connection = connections[using]
    dialect = dialect_for(connection)
    compiled = statement.values(rows[0]).compile(dialect=dialect)
    names = list(compiled.positiontup or [])
    # Django's cursor adapts Decimals, dates and datetimes itself, but not
    # JSON: serialise JSON values the way SQLAlchemy would for this dialect.
    json_processors = {
        name: compiled.binds[name].type.dialect_impl(dialect).bind_processor(dialect)
        for name in names
        if isinstance(compiled.binds[name].type, sa.JSON)
    }
    params = []
    for row in rows:
        bound = compiled.construct_params(row)
        for name, process in json_processors.items():
            if process is not None and bound[name] is not None:
                bound[name] = process(bound[name])
        params.append([bound[name] for name in names])
    with connection.cursor() as cursor:
        cursor.executemany(str(compiled), params)


def copy_rows(table: sa.Table, rows: list[dict[str, Any]], *, using: str = "default") -> None:
    """Append many new rows to one table on Django's connection (same
    transaction): ``COPY ... FROM STDIN`` on PostgreSQL, where an
    ``executemany`` still costs a statement per row (about ten times the
    time for the audit events of a large import); ``execute_many``
    elsewhere (SQLite's is in-process and cheap). Every row has the keys of
    the first; the columns left out take their defaults. Triggers and
    constraints apply as for an INSERT. The statement is logged like any
    other (``connection.queries``, query-count tests)."""
    if not rows:
        return
    connection = connections[using]
    if connection.vendor != "postgresql":
        execute_many(table.insert(), rows, using=using)
        return
    import json
    import time

    from psycopg import sql

    names = list(rows[0])
    as_json = {name for name in names if isinstance(table.c[name].type, sa.JSON)}
    statement = sql.SQL("COPY {} ({}) FROM STDIN").format(
        sql.Identifier(table.name), sql.SQL(", ").join(map(sql.Identifier, names))
    )
    started = time.monotonic()
    # The driver's errors become Django's (IntegrityError ...), as for execute.
    with (
        connection.cursor() as cursor,
        connection.wrap_database_errors,
        cursor.cursor.copy(statement) as copy,
    ):
        for row in rows:
            copy.write_row(
                [
                    json.dumps(row[name])
                    if name in as_json and row[name] is not None
                    else row[name]
                    for name in names
                ]
            )
    if connection.queries_logged:
        connection.queries_log.append(
            {
                "sql": f"{statement.as_string(cursor.cursor)} -- {len(rows)} rows",
                "time": f"{time.monotonic() - started:.3f}",
            }
        )


def iter_select(
    statement: sa.sql.Select, *, using: str | None = None, batch_size: int = 2000
) -> Iterator[dict[str, Any]]:
    """Yield rows of a Core SELECT as dicts, read on Django's connection in
    batches (for streaming exports). ``using=None``: the connection the
    router picks for reads now (the replica inside a report request,
    ``tracker/dbrouters.py``), so Core and ORM reads share one snapshot."""
    connection = connections[using or read_alias()]
    sql, params = compile_for(statement, connection)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        names = [column[0] for column in cursor.description]
        while True:
            rows = cursor.fetchmany(batch_size)
            if not rows:
                break
            for row in rows:
                yield dict(zip(names, row, strict=True))


def run_select_tuples(statement: sa.sql.Select, *, using: str | None = None) -> list[Sequence[Any]]:
    """``run_select`` without a dict per row: the driver's tuples, in the
    statement's column order. For the hot loops of exports, where building
    a dict for each of 100,000 rows costs more than reading them."""
    connection = connections[using or read_alias()]
    sql, params = compile_for(statement, connection)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def run_statement(statement: sa.sql.Executable, *, using: str = "default") -> int:
    """Run one Core statement (INSERT ... SELECT, UPDATE, DELETE) on Django's
    connection, in its transaction; returns the row count."""
    connection = connections[using]
    sql, params = compile_for(statement, connection)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.rowcount


def run_select(statement: sa.sql.Select, *, using: str | None = None) -> list[dict[str, Any]]:
    return list(iter_select(statement, using=using))


# SQLite hands back ints/floats for NUMERIC and strings for dates: convert
# results ourselves, one helper per type.
def to_decimal(value: Any) -> Decimal | None:
    if value is None or isinstance(value, Decimal):
        return value
    if isinstance(value, float):
        return Decimal(repr(value))
    return Decimal(value)


def to_date(value: Any) -> date | None:
    if value is None or (isinstance(value, date) and not isinstance(value, datetime)):
        return value
    if isinstance(value, datetime):
        return value.date()
    return parse_date(str(value))


def to_datetime(value: Any) -> datetime | None:
    if value is None or isinstance(value, datetime):
        return value
    return parse_datetime(str(value))


def to_bool(value: Any) -> bool:
    return bool(value)


def url_for(settings_dict: dict[str, Any]) -> sa.URL:
    """The SQLAlchemy URL of a Django database (always naming the driver)."""
    engine = settings_dict["ENGINE"]
    if engine.endswith("sqlite3"):
        return sa.URL.create("sqlite+pysqlite", database=str(settings_dict["NAME"]))
    if engine.endswith("postgresql"):
        return sa.URL.create(
            "postgresql+psycopg",
            username=settings_dict.get("USER") or None,
            password=settings_dict.get("PASSWORD") or None,
            host=settings_dict.get("HOST") or None,
            port=int(settings_dict["PORT"]) if settings_dict.get("PORT") else None,
            database=settings_dict["NAME"],
        )
    raise NotImplementedError(f"Unsupported database engine: {engine}")


def engine_for(using: str = "default", **kwargs: Any) -> sa.Engine:
    return sa.create_engine(url_for(connections[using].settings_dict), **kwargs)


def columns(rows: Sequence[dict[str, Any]], name: str) -> list[Any]:
    return [row[name] for row in rows]
