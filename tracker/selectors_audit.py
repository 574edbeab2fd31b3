"""Reads of the audit trail: its events, a record's history, and the names a
person reads for what the trail stores as codes (``outcome``, ``value``).

The trail stores each event's record as (entity, entity_id), where entity
is the model's name, and its changes as ``{field: [old, new]}`` keyed by
attribute name (``target_id``); these helpers turn both back into the
labels of the models (translated), so the audit page and its CSV read the
same way as the admin.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from axes.models import AccessAttempt
from django.contrib.auth import get_user_model
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.db.models import QuerySet
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from tracker.models import (
    Assignment,
    AuditEvent,
    Document,
    Outcome,
    Plan,
    Target,
    Unit,
    UnitAlias,
)

# What the trail records events for, by the name it stores.
ENTITY_MODELS: dict[str, type[models.Model]] = {
    model._meta.model_name: model
    for model in (
        Plan,
        Target,
        Assignment,
        Unit,
        UnitAlias,
        Document,
        Outcome,
        get_user_model(),
        AccessAttempt,
    )
}
EMPTY = "—"


def entity_label(entity: str) -> str:
    model = ENTITY_MODELS.get(entity)
    return str(capfirst(model._meta.verbose_name)) if model else entity


def entity_choices() -> list[tuple[str, str]]:
    return [(name, entity_label(name)) for name in ENTITY_MODELS]


def field_label(entity: str, attname: str) -> str:
    """``target_id`` of an outcome -> 目标; unknown names stay as stored."""
    model = ENTITY_MODELS.get(entity)
    if model is None:
        return attname
    try:
        return str(capfirst(model._meta.get_field(attname).verbose_name))
    except FieldDoesNotExist:
        return attname


def value_text(value: Any) -> str:
    """A stored value as a person reads it (the trail keeps JSON: text,
    numbers as text, booleans, lists, null)."""
    if value is None or value == "":
        return EMPTY
    if isinstance(value, bool):
        return _("是") if value else _("否")
    if isinstance(value, list):
        return "、".join(value_text(item) for item in value) or EMPTY
    return str(value)


@dataclass(frozen=True)
class Change:
    field: str
    label: str
    old: Any
    new: Any


def changes_of(event: AuditEvent) -> list[Change]:
    """The event's changed fields, in the order the trail stored them."""
    stored = event.changes if isinstance(event.changes, dict) else {}
    result = []
    for name, pair in stored.items():
        old, new = pair if isinstance(pair, list) and len(pair) == 2 else (None, pair)
        result.append(Change(name, field_label(event.entity, name), old, new))
    return result


def audit_events() -> QuerySet[AuditEvent]:
    """Every event, newest first, with its person (one query per page)."""
    return AuditEvent.objects.select_related("actor").order_by("-at", "-id")


def record_events(entity: str, entity_id: int) -> QuerySet[AuditEvent]:
    """One record's full history, oldest first: how it came to be as it is."""
    return (
        AuditEvent.objects.filter(entity=entity, entity_id=entity_id)
        .select_related("actor")
        .order_by("at", "id")
    )


def iter_events(events: QuerySet[AuditEvent], *, chunk_size: int = 2000) -> Iterator[AuditEvent]:
    """Events read in chunks (exports of the whole trail stay small in memory)."""
    return events.iterator(chunk_size=chunk_size)
