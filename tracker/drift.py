"""Compare the Django models with the SQLAlchemy tables they mirror.

Two declarations of one schema drift apart silently; this makes the drift
loud. ``find_drift()`` lists every difference (table, column, type, length,
precision/scale, nullability, primary key, foreign key, unique key, and
tables without a model); a test and a system check (``manage.py check``)
both call it.
"""

from __future__ import annotations

from collections.abc import Iterable

import sqlalchemy as sa
from django.apps import apps
from django.db import models

# Django field class -> the SQLAlchemy type class it must meet, with the
# attributes that must agree.
_TYPE_RULES: list[tuple[type[models.Field], type[sa.types.TypeEngine]]] = [
    (models.BigAutoField, sa.BigInteger),
    (models.AutoField, sa.Integer),
    (models.BigIntegerField, sa.BigInteger),
    (models.SmallIntegerField, sa.SmallInteger),
    (models.IntegerField, sa.Integer),
    (models.DecimalField, sa.Numeric),
    (models.DateTimeField, sa.DateTime),
    (models.DateField, sa.Date),
    (models.BooleanField, sa.Boolean),
    (models.JSONField, sa.JSON),
    (models.TextField, sa.Text),
    (models.CharField, sa.String),  # SlugField, URLField are CharFields
]


def _base_type(column: sa.Column) -> sa.types.TypeEngine:
    """The generic type of a column, ignoring per-dialect variants."""
    type_ = column.type
    return getattr(type_, "impl_instance", type_) if isinstance(type_, sa.types.Variant) else type_


def _expected_sa_type(field: models.Field) -> type[sa.types.TypeEngine] | None:
    if isinstance(field, models.ForeignKey):
        return _expected_sa_type(field.target_field)
    for django_type, sa_type in _TYPE_RULES:
        if isinstance(field, django_type):
            return sa_type
    return None


def _type_problems(field: models.Field, column: sa.Column) -> list[str]:
    expected = _expected_sa_type(field)
    actual = _base_type(column)
    where = f"{column.table.name}.{column.name}"
    if expected is None:
        return [f"{where}: no type rule for Django field {type(field).__name__}"]
    # Text is a String subclass in SQLAlchemy, Integer a supertype of
    # BigInteger/SmallInteger: compare exact classes where it matters.
    exact = {sa.String: (sa.String,), sa.Integer: (sa.Integer,)}
    allowed = exact.get(expected)
    if allowed is not None:
        ok = type(actual) in allowed or (expected is sa.String and type(actual) is sa.Unicode)
    else:
        ok = isinstance(actual, expected)
    if expected is sa.Text:
        ok = isinstance(actual, sa.Text)
    if not ok:
        return [f"{where}: type {type(actual).__name__} but the model says {type(field).__name__}"]
    problems = []
    if expected is sa.String and field.max_length != actual.length:
        problems.append(
            f"{where}: length {actual.length} but the model says max_length={field.max_length}"
        )
    if expected is sa.Numeric and (field.max_digits, field.decimal_places) != (
        actual.precision,
        actual.scale,
    ):
        problems.append(
            f"{where}: NUMERIC({actual.precision}, {actual.scale}) but the model says "
            f"({field.max_digits}, {field.decimal_places})"
        )
    if expected is sa.DateTime and not actual.timezone:
        problems.append(f"{where}: DateTime without time zone (Django uses USE_TZ)")
    return problems


def _field_problems(field: models.Field, column: sa.Column) -> list[str]:
    where = f"{column.table.name}.{column.name}"
    problems = _type_problems(field, column)
    if field.null != column.nullable and not column.primary_key:
        problems.append(f"{where}: nullable={column.nullable} but the model says null={field.null}")
    if field.primary_key != column.primary_key:
        problems.append(f"{where}: primary key differs (model {field.primary_key})")
    problems += _foreign_key_problems(field, column)
    return problems


def _foreign_key_problems(field: models.Field, column: sa.Column) -> list[str]:
    where = f"{column.table.name}.{column.name}"
    targets = {(fk.column.table.name, fk.column.name) for fk in column.foreign_keys}
    if isinstance(field, models.ForeignKey) and field.db_constraint:
        expected = (field.related_model._meta.db_table, field.target_field.column)
        if targets != {expected}:
            return [f"{where}: foreign key {sorted(targets)} but the model says {expected}"]
        return []
    if targets:
        return [f"{where}: foreign key {sorted(targets)} that the model does not declare"]
    return []


def _unique_problems(model: type[models.Model], table: sa.Table) -> list[str]:
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
    problems = [
        f"{table.name}: unique {sorted(cols)} only in the table" for cols in in_table - in_model
    ]
    problems += [
        f"{table.name}: unique {sorted(cols)} only in the model" for cols in in_model - in_table
    ]
    return problems


def compare_model(model: type[models.Model], table: sa.Table) -> list[str]:
    problems = []
    fields = {f.column: f for f in model._meta.concrete_fields}
    for name in sorted(set(table.columns.keys()) - set(fields)):
        problems.append(f"{table.name}.{name}: column has no model field")
    for name in sorted(set(fields) - set(table.columns.keys())):
        problems.append(f"{table.name}.{name}: model field has no column")
    for name in sorted(set(fields) & set(table.columns.keys())):
        problems += _field_problems(fields[name], table.columns[name])
    problems += _unique_problems(model, table)
    return problems


def find_drift(metadata: sa.MetaData | None = None, app_label: str = "tracker") -> list[str]:
    if metadata is None:
        from tracker.schema import metadata as tracker_metadata

        metadata = tracker_metadata
    problems = []
    models_by_table = {}
    for model in apps.get_app_config(app_label).get_models():
        if model._meta.managed:
            problems.append(f"{model.__name__}: must be managed = False (Alembic owns the table)")
        models_by_table[model._meta.db_table] = model
    for name in sorted(set(metadata.tables) - set(models_by_table)):
        problems.append(f"{name}: table has no model")
    for name in sorted(set(models_by_table) - set(metadata.tables)):
        problems.append(f"{name}: model has no table")
    for name in sorted(set(metadata.tables) & set(models_by_table)):
        problems += compare_model(models_by_table[name], metadata.tables[name])
    return problems
