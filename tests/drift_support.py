"""Tampered copies of both declarations, for the drift tests.

Each drift rule is tested from both sides: the table side changes a copy of
``tracker.schema.metadata``, the model side builds a copy of a real model
in a registry of its own (``django.apps.registry.Apps``), so the real models
and tables stay untouched for the other tests.
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from django.apps.registry import Apps
from django.db import models

from tracker.drift import Drift, compare_model, find_drift
from tracker.schema import metadata


def tables_copy(*names: str) -> sa.MetaData:
    """A copy of the tracker's tables (only ``names`` when given)."""
    copy = sa.MetaData(naming_convention=metadata.naming_convention)
    for table in metadata.sorted_tables:
        if not names or table.name in names:
            table.to_metadata(copy)
    return copy


def table(name: str) -> sa.Table:
    """A copy of one table, free to tamper with."""
    return tables_copy().tables[name]


def model_copy(
    model: type[models.Model],
    *,
    change: dict[str, dict[str, Any]] | None = None,
    drop: tuple[str, ...] = (),
    add: dict[str, models.Field] | None = None,
    meta: dict[str, Any] | None = None,
) -> type[models.Model]:
    """A copy of ``model`` with some fields' arguments changed (``change``),
    some fields dropped or added, or ``Meta`` options replaced.

    Relations keep pointing at the real models, without a reverse accessor
    (``related_name="+"``), so the real classes are not altered."""
    change = change or {}
    attrs: dict[str, Any] = {"__module__": model.__module__}
    for field in model._meta.local_fields:
        if field.name in drop:
            continue
        name, _path, args, kwargs = field.deconstruct()
        if field.is_relation:
            kwargs["to"] = field.related_model
            kwargs["related_name"] = "+"
        kwargs.update(change.get(name, {}))
        field_class = kwargs.pop("field_class", type(field))
        attrs[name] = field_class(*args, **kwargs)
    attrs.update(add or {})
    options = {
        "apps": Apps(),
        "app_label": model._meta.app_label,
        "db_table": model._meta.db_table,
        "managed": model._meta.managed,
        "constraints": [constraint.clone() for constraint in model._meta.constraints],
        "indexes": [index.clone() for index in model._meta.indexes],
    }
    options.update(meta or {})
    attrs["Meta"] = type("Meta", (), options)
    return type(model.__name__, (models.Model,), attrs)


def drift_of_model(
    model: type[models.Model], tampered_table: sa.Table | None = None
) -> list[Drift]:
    """The drift between ``model`` and its table (a tampered one if given)."""
    return compare_model(
        model, tampered_table if tampered_table is not None else table(model._meta.db_table)
    )


def codes(problems: list[Drift]) -> list[tuple[str, str]]:
    return [(problem.where, problem.code) for problem in problems]


__all__ = ["codes", "drift_of_model", "find_drift", "model_copy", "table", "tables_copy"]
