"""Compare the Django models with the SQLAlchemy tables they mirror.

Two declarations of one schema drift apart silently; this makes the drift
loud. ``find_drift()`` lists every difference, each a ``Drift`` with a code:

- tables and models: a table without a model, a model without a table, a
  model Django would manage (``columns``);
- columns: a column without a field and the reverse, type, length,
  precision/scale, time zone, nullability, primary key, server default
  (``db_default``) and model default (``default``) (``columns``);
- relations: foreign-key target and ``on_delete`` against ``ON DELETE``
  (``relations``);
- constraints: unique constraints, indexes, and each field's ``choices``
  against the check constraint that holds its column to those words
  (``constraints``).

A test and a system check (``manage.py check``) both call it. What the
model cannot say (the text of a check such as ``period_start <=
period_end``, index names) is compared between ``tracker/schema/`` and
the migrated database by ``alembic check`` instead (see
``tracker.migrations_compare``).
"""

from __future__ import annotations

from collections.abc import Iterable

import sqlalchemy as sa
from django.apps import apps
from django.db import models

from tracker.drift.columns import column_problems
from tracker.drift.constraints import constraint_problems
from tracker.drift.problems import Drift
from tracker.drift.relations import relation_problems

__all__ = ["Drift", "compare_model", "find_drift"]


def compare_model(model: type[models.Model], table: sa.Table) -> list[Drift]:
    """Every difference between one model and the table it mirrors."""
    problems: list[Drift] = []
    fields = {f.column: f for f in model._meta.concrete_fields}
    for name in sorted(set(table.columns.keys()) - set(fields)):
        problems.append(
            Drift(f"{table.name}.{name}", "column_without_field", "column has no model field")
        )
    for name in sorted(set(fields) - set(table.columns.keys())):
        problems.append(
            Drift(f"{table.name}.{name}", "field_without_column", "model field has no column")
        )
    for name in sorted(set(fields) & set(table.columns.keys())):
        field, column = fields[name], table.columns[name]
        problems += column_problems(field, column)
        problems += relation_problems(field, column)
    problems += constraint_problems(model, table)
    return problems


def find_drift(
    metadata: sa.MetaData | None = None,
    models_: Iterable[type[models.Model]] | None = None,
    app_label: str = "tracker",
) -> list[Drift]:
    """Compare ``metadata`` (default: ``tracker.schema``) with ``models_``
    (default: every model of the app)."""
    if metadata is None:
        from tracker.schema import metadata as tracker_metadata

        metadata = tracker_metadata
    if models_ is None:
        models_ = apps.get_app_config(app_label).get_models()
    problems = []
    models_by_table = {}
    for model in models_:
        if model._meta.managed:
            problems.append(
                Drift(model.__name__, "managed", "must be managed = False (Alembic owns the table)")
            )
        models_by_table[model._meta.db_table] = model
    for name in sorted(set(metadata.tables) - set(models_by_table)):
        problems.append(Drift(name, "table_without_model", "table has no model"))
    for name in sorted(set(models_by_table) - set(metadata.tables)):
        problems.append(Drift(name, "model_without_table", "model has no table"))
    for name in sorted(set(metadata.tables) & set(models_by_table)):
        problems += compare_model(models_by_table[name], metadata.tables[name])
    return problems
