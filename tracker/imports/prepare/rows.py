"""Setting a spec's values and links on a model row, noting what changed.

Shared by every step of the preparation (``documents``, ``units``,
``plans``, ``targets``, ``outcomes``); nothing here reads the database. The
names keep their leading underscore from the one module they came from, so
that a change made there re-applies here unchanged.
"""

from __future__ import annotations

from typing import Any

from django.db import models


def _choices(model: type[models.Model]) -> dict[str, list[str]]:
    return {
        f.name: [str(value) for value, _label in f.choices]
        for f in model._meta.concrete_fields
        if f.choices
    }


def _assign(instance: models.Model, values: dict[str, Any]) -> list[str]:
    """Set the values that differ from the row's; return their names.
    Decimals compare by value, so "2.1" equals a stored 2.100000."""
    changed = []
    for name, value in values.items():
        if getattr(instance, name) != value:
            setattr(instance, name, value)
            changed.append(name)
    return changed


def _link(instance: models.Model, name: str, related: models.Model | None) -> bool:
    """Point a foreign key at ``related`` (possibly not yet saved); True when
    that changes the row. Unsaved rows are linked again at write time."""
    attname = instance._meta.get_field(name).attname
    current = getattr(instance, attname)
    if related is None:
        if current is not None:
            setattr(instance, name, None)
            return True
        return False
    if related.pk is None:
        return True
    if current != related.pk:
        setattr(instance, name, related)
        return True
    return False


def _unsaved(links: dict[str, models.Model | None]) -> list[str]:
    return [name for name, related in links.items() if related is not None and related.pk is None]
