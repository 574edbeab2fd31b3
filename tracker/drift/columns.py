"""One field against one column: type, size, nullability, key, defaults."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from django.db import models
from django.db.models.expressions import Value
from django.db.models.functions import Now

from tracker.drift.problems import Drift

# Django field class -> the SQLAlchemy type class it must meet. Order
# matters: subclasses first (BigAutoField is an AutoField, SlugField and
# URLField are CharFields).
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
    (models.CharField, sa.String),
]

# A default that the database computes: compared by meaning, not by value.
NOW = "now()"


def _base_type(column: sa.Column) -> sa.types.TypeEngine:
    """The generic type of a column, ignoring per-dialect variants."""
    type_ = column.type
    return getattr(type_, "impl_instance", type_) if isinstance(type_, sa.types.Variant) else type_


def expected_sa_type(field: models.Field) -> type[sa.types.TypeEngine] | None:
    """The SQLAlchemy type a field's column must have (a foreign key's is its
    target's), or None when no rule covers the field."""
    if isinstance(field, models.ForeignKey):
        return expected_sa_type(field.target_field)
    for django_type, sa_type in _TYPE_RULES:
        if isinstance(field, django_type):
            return sa_type
    return None


def _type_matches(expected: type[sa.types.TypeEngine], actual: sa.types.TypeEngine) -> bool:
    # SQLAlchemy's hierarchy is wider than Django's: Text is a String,
    # BigInteger and SmallInteger are Integers, Float is a Numeric.
    if expected is sa.String:
        return type(actual) in (sa.String, sa.Unicode)
    if expected is sa.Integer:
        return type(actual) is sa.Integer
    if expected is sa.Numeric:
        return isinstance(actual, sa.Numeric) and not isinstance(actual, sa.Float)
    return isinstance(actual, expected)


def _type_problems(field: models.Field, column: sa.Column) -> list[Drift]:
    where = f"{column.table.name}.{column.name}"
    expected = expected_sa_type(field)
    actual = _base_type(column)
    if expected is None:
        return [
            Drift(where, "no_type_rule", f"no type rule for Django field {type(field).__name__}")
        ]
    if not _type_matches(expected, actual):
        return [
            Drift(
                where,
                "type",
                f"type {type(actual).__name__} but the model says {type(field).__name__}",
            )
        ]
    problems = []
    if expected is sa.String and field.max_length != actual.length:
        problems.append(
            Drift(
                where,
                "length",
                f"length {actual.length} but the model says max_length={field.max_length}",
            )
        )
    if expected is sa.Numeric and (field.max_digits, field.decimal_places) != (
        actual.precision,
        actual.scale,
    ):
        problems.append(
            Drift(
                where,
                "precision",
                f"NUMERIC({actual.precision}, {actual.scale}) but the model says "
                f"({field.max_digits}, {field.decimal_places})",
            )
        )
    if expected is sa.DateTime and not actual.timezone:
        problems.append(Drift(where, "timezone", "DateTime without time zone (Django uses USE_TZ)"))
    return problems


class _Absent:
    """No default on this side (``None`` is a default value of its own)."""

    def __repr__(self) -> str:
        return "no default"


ABSENT: Any = _Absent()


def server_default(column: sa.Column, field: models.Field) -> Any:
    """The table's server default as the Python value Django would read
    (``"0"`` on a SmallInteger column is 0), ``NOW`` for the current time,
    ``ABSENT`` without one."""
    if column.server_default is None:
        return ABSENT
    arg = column.server_default.arg
    if isinstance(arg, str):
        return field.to_python(arg)
    if isinstance(arg, sa.sql.elements.True_ | sa.sql.elements.False_):
        return isinstance(arg, sa.sql.elements.True_)
    if isinstance(arg, sa.sql.functions.now):
        return NOW
    if isinstance(arg, sa.TextClause):
        return f"SQL {arg.text}"
    return f"SQL {arg}"


def db_default(field: models.Field) -> Any:
    """The model's ``db_default`` in the same terms as ``server_default``."""
    if not field.has_db_default():
        return ABSENT
    value = field.db_default
    if isinstance(value, Now):
        return NOW
    if isinstance(value, Value):
        return value.value
    if hasattr(value, "resolve_expression"):
        return f"expression {value!r}"
    return value


def model_default(field: models.Field) -> Any:
    """The value a new instance gets when the caller gives none."""
    if not field.has_default():
        return ABSENT
    return field.default() if callable(field.default) else field.default


def _default_problems(field: models.Field, column: sa.Column) -> list[Drift]:
    """A row inserted through SQL (an import in Core, COPY, psql) and one
    saved through Django must start out alike: the table's server default,
    the model's ``db_default`` and its ``default`` say the same, or all
    three are absent."""
    where = f"{column.table.name}.{column.name}"
    in_table, in_db_default, in_model = (
        server_default(column, field),
        db_default(field),
        model_default(field),
    )
    problems = []
    if in_table != in_db_default:
        problems.append(
            Drift(
                where,
                "server_default",
                f"server default {in_table!r} but the model's db_default is {in_db_default!r}",
            )
        )
    if in_model is not ABSENT and in_model != in_table:
        problems.append(
            Drift(
                where,
                "model_default",
                f"model default {in_model!r} but the table's server default is {in_table!r}",
            )
        )
    return problems


def column_problems(field: models.Field, column: sa.Column) -> list[Drift]:
    """Type, size, nullability, primary key and defaults of one column."""
    where = f"{column.table.name}.{column.name}"
    problems = _type_problems(field, column)
    if field.null != column.nullable and not column.primary_key:
        problems.append(
            Drift(
                where,
                "nullable",
                f"nullable={column.nullable} but the model says null={field.null}",
            )
        )
    if field.primary_key != column.primary_key:
        problems.append(
            Drift(where, "primary_key", f"primary key differs (model {field.primary_key})")
        )
    problems += _default_problems(field, column)
    return problems
