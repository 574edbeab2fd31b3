"""How Alembic compares ``tracker/schema/`` with a database.

``migrations/env.py`` passes ``COMPARE_OPTIONS`` to Alembic, so
autogenerate, ``alembic check`` (a test runs it) and ``schema_differences``
(tests tamper with a copy of the tables and expect a difference) compare the
same things: tables, columns, types, server defaults, indexes, unique and
foreign keys (Alembic's own), check constraints by name (Alembic's opt-in
plugin) and the words and numbers inside each check (this module's plugin,
since Alembic compares no check's text).
"""

from __future__ import annotations

import re
import sys
from decimal import Decimal
from typing import Any

import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.operations import ops
from alembic.runtime.migration import MigrationContext
from alembic.runtime.plugins import Plugin
from alembic.util import PriorityDispatchResult

from tracker.db import engine_for
from tracker.schema import metadata as tracker_metadata

PLUGIN = "tracker.check_constraint_terms"

_QUOTED = re.compile(r"'((?:[^']|'')*)'")
_NUMBER = re.compile(r"(?<![\w.])\d+(?:\.\d+)?(?![\w.])")


def include_name(name: str | None, type_: str, parent_names: dict[str, Any]) -> bool:
    """Only the tracker's tables: Django migrates its own."""
    if type_ == "table":
        return name in tracker_metadata.tables
    return True


def compare_server_default(
    context: MigrationContext,
    inspected_column: sa.Column,
    metadata_column: sa.Column,
    inspected_default: str | None,
    metadata_default: Any,
    rendered_metadata_default: str | None,
) -> bool | None:
    """Alembic's own comparison, except for the empty text default on
    SQLite: its unquoting needs one character between the quotes, so it
    reads ``''`` (reflected) as different from ``""`` (declared) and would
    report every optional text column. None defers to Alembic."""
    if (
        context.dialect.name == "sqlite"
        and rendered_metadata_default == ""
        and inspected_default in ("''", "('')")
    ):
        return False
    return None


def check_terms(sqltext: str) -> frozenset[tuple[str, object]]:
    """The quoted words and the numbers of a check's SQL: what a vocabulary
    change or a changed bound alters, and what survives PostgreSQL's
    rewriting (``kind IN ('a')`` comes back as ``(kind)::text = ANY
    (ARRAY['a'::character varying])``). Operators are not compared."""
    words = {("word", word.replace("''", "'")) for word in _QUOTED.findall(sqltext)}
    numbers = {("number", Decimal(n)) for n in _NUMBER.findall(_QUOTED.sub("''", sqltext))}
    return frozenset(words | numbers)


def _compare_check_terms(
    autogen_context: Any,
    modify_table_ops: ops.ModifyTableOps,
    schema: str | None,
    tname: str,
    conn_table: sa.Table | None,
    metadata_table: sa.Table | None,
) -> PriorityDispatchResult:
    """A check whose name is in both but whose terms differ is replaced
    (the by-name plugin reports checks added or removed)."""
    if conn_table is None or metadata_table is None:
        return PriorityDispatchResult.CONTINUE
    try:
        reflected = autogen_context.inspector.get_check_constraints(tname, schema=schema)
    except NotImplementedError:  # pragma: no cover (SQLite and PostgreSQL reflect checks)
        return PriorityDispatchResult.CONTINUE
    in_database = {ck["name"]: ck["sqltext"] for ck in reflected if ck.get("name")}
    for constraint in metadata_table.constraints:
        if not isinstance(constraint, sa.CheckConstraint) or constraint.name not in in_database:
            continue
        declared = str(getattr(constraint.sqltext, "text", constraint.sqltext))
        existing = in_database[constraint.name]
        if check_terms(declared) != check_terms(existing):
            old = sa.CheckConstraint(sa.text(existing), name=constraint.name, table=conn_table)
            modify_table_ops.ops.append(ops.DropConstraintOp.from_constraint(old))
            modify_table_ops.ops.append(ops.AddConstraintOp.from_constraint(constraint))
    return PriorityDispatchResult.CONTINUE


def setup(plugin: Plugin) -> None:
    plugin.add_autogenerate_comparator(_compare_check_terms, "table", "check_constraint_terms")


Plugin.setup_plugin_from_module(sys.modules[__name__], PLUGIN)

# What autogenerate and ``alembic check`` compare. Server defaults are
# compared: a default changed in schema.py without a migration is drift.
COMPARE_OPTIONS: dict[str, Any] = {
    "include_name": include_name,
    "compare_type": True,
    "compare_server_default": compare_server_default,
    "autogenerate_plugins": [
        "alembic.autogenerate.*",
        "alembic.ext.checkconstraint_byname",
        PLUGIN,
    ],
}


def schema_differences(metadata: sa.MetaData | None = None, using: str = "default") -> list:
    """What ``alembic check`` would report between ``metadata`` (default:
    ``tracker/schema/``) and the database, as Alembic's diff tuples."""
    engine = engine_for(using)
    try:
        with engine.connect() as connection:
            context = MigrationContext.configure(connection, opts=dict(COMPARE_OPTIONS))
            return compare_metadata(context, tracker_metadata if metadata is None else metadata)
    finally:
        engine.dispose()
