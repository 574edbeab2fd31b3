"""Table-level rules: unique constraints, indexes, and the words a column
may hold.

Unique constraints and indexes are compared by their columns (Django caps
index names at 30 characters, so names cannot match; ``alembic check``
compares the names with the database). A field's ``choices`` must be
exactly the words its column's check constraint allows (``kind IN ('plan',
...)``), so a word added on one side only is caught before a user meets a
form that offers it and a database that refuses it. Checks of other forms
(``period_start <= period_end``) have no model-side declaration to compare:
``alembic check`` compares them with the database by name.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import sqlalchemy as sa
from django.db import models

from tracker.drift.problems import Drift

_IN_LIST = re.compile(r"\b(\w+)\s+IN\s*\(([^)]*)\)", re.IGNORECASE)
_WORD = re.compile(r"'((?:[^']|'')*)'")


def _unique_sets(model: type[models.Model], table: sa.Table) -> tuple[set, set]:
    def column_names(fields: Iterable[str]) -> frozenset[str]:
        return frozenset(model._meta.get_field(name).column for name in fields)

    in_model = {
        column_names(c.fields)
        for c in model._meta.constraints
        if isinstance(c, models.UniqueConstraint)
    }
    in_model |= {frozenset([f.column]) for f in model._meta.concrete_fields if f.unique}
    in_model -= {frozenset([model._meta.pk.column])}
    in_table = {
        frozenset(c.name for c in constraint.columns)
        for constraint in table.constraints
        if isinstance(constraint, sa.UniqueConstraint)
    }
    in_table |= {
        frozenset(c.name for c in index.columns) for index in table.indexes if index.unique
    }
    in_table -= {frozenset(c.name for c in table.primary_key.columns)}
    return in_model, in_table


def _unique_problems(model: type[models.Model], table: sa.Table) -> list[Drift]:
    in_model, in_table = _unique_sets(model, table)
    problems = [
        Drift(table.name, "unique", f"unique {sorted(cols)} only in the table")
        for cols in sorted(in_table - in_model, key=sorted)
    ]
    problems += [
        Drift(table.name, "unique", f"unique {sorted(cols)} only in the model")
        for cols in sorted(in_model - in_table, key=sorted)
    ]
    return problems


def _model_indexes(model: type[models.Model]) -> set[tuple[str, ...]]:
    """Column tuples Django believes are indexed: ``db_index`` fields (every
    ``ForeignKey`` unless told otherwise) and ``Meta.indexes``."""
    found = {
        (field.column,)
        for field in model._meta.concrete_fields
        if field.db_index and not field.unique and not field.primary_key
    }
    for index in model._meta.indexes:
        if index.expressions:
            found.add(("expressions", index.name))
        else:
            found.add(
                tuple(model._meta.get_field(name.lstrip("-")).column for name in index.fields)
            )
    return found


def _table_indexes(table: sa.Table) -> set[tuple[str, ...]]:
    found = set()
    for index in table.indexes:
        if index.unique:
            continue  # a unique index is a unique constraint (above)
        columns = [getattr(expression, "name", None) for expression in index.expressions]
        if all(isinstance(expression, sa.Column) for expression in index.expressions):
            found.add(tuple(columns))
        else:
            found.add(("expressions", str(index.name)))
    return found


def _index_problems(model: type[models.Model], table: sa.Table) -> list[Drift]:
    in_model, in_table = _model_indexes(model), _table_indexes(table)
    problems = [
        Drift(table.name, "index", f"index on {list(cols)} only in the table")
        for cols in sorted(in_table - in_model)
    ]
    problems += [
        Drift(table.name, "index", f"index on {list(cols)} only in the model")
        for cols in sorted(in_model - in_table)
    ]
    return problems


def check_words(table: sa.Table) -> dict[str, list[tuple[str, frozenset[str]]]]:
    """``{column: [(check name, allowed words), ...]}`` for every
    ``column IN ('a', 'b')`` in the table's check constraints."""
    found: dict[str, list[tuple[str, frozenset[str]]]] = {}
    for constraint in table.constraints:
        if not isinstance(constraint, sa.CheckConstraint):
            continue
        text = str(getattr(constraint.sqltext, "text", constraint.sqltext))
        for column, words in _IN_LIST.findall(text):
            allowed = frozenset(word.replace("''", "'") for word in _WORD.findall(words))
            found.setdefault(column, []).append((str(constraint.name), allowed))
    return found


def _choice_problems(model: type[models.Model], table: sa.Table) -> list[Drift]:
    checks = check_words(table)
    problems = []
    fields = {field.column: field for field in model._meta.concrete_fields}
    for column in sorted(set(fields) | set(checks)):
        where = f"{table.name}.{column}"
        field = fields.get(column)
        offered = (
            frozenset(str(key) for key, _ in field.flatchoices) if field and field.choices else None
        )
        allowed = checks.get(column, [])
        if offered is None:
            problems += [
                Drift(
                    where,
                    "choices",
                    f"check {name} allows {sorted(words)}; the model has no choices",
                )
                for name, words in allowed
            ]
            continue
        if not allowed:
            problems.append(
                Drift(where, "choices", f"choices {sorted(offered)} but no check constraint")
            )
        for name, words in allowed:
            if words != offered:
                problems.append(
                    Drift(
                        where,
                        "choices",
                        f"check {name} allows {sorted(words)} "
                        f"but the choices are {sorted(offered)}",
                    )
                )
    return problems


def constraint_problems(model: type[models.Model], table: sa.Table) -> list[Drift]:
    """Unique constraints, indexes and choices against checks."""
    return (
        _unique_problems(model, table)
        + _index_problems(model, table)
        + _choice_problems(model, table)
    )
