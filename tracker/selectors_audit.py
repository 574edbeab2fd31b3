"""Reads of the audit trail: its events, a record's history, and the names a
person reads for what the trail stores as codes (``outcome``, ``value``).

The trail stores each event's record as (entity, entity_id), where entity
is the model's name, and its changes as ``{field: [old, new]}`` keyed by
attribute name (``target_id``); these helpers turn both back into the
labels of the models (translated), so the audit page and its CSV read the
same way as the admin.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from axes.models import AccessAttempt
from django.contrib.auth import get_user_model
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from tracker.models import (
    Assignment,
    AuditEvent,
    Document,
    Outcome,
    Plan,
    ProposalRejection,
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
        ProposalRejection,
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


def _field(entity: str, attname: str) -> models.Field | None:
    model = ENTITY_MODELS.get(entity)
    if model is None:
        return None
    try:
        return model._meta.get_field(attname)
    except FieldDoesNotExist:
        return None


def field_label(entity: str, attname: str) -> str:
    """``target_id`` of an outcome -> 目标; unknown names stay as stored."""
    field = _field(entity, attname)
    return str(capfirst(field.verbose_name)) if field is not None else attname


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


class ValueNames:
    """How a page of events shows its values: a reference by the name of what
    it points at (one query per kind of record on the page, whatever the
    number of rows), a stored word by its label, a time in local time."""

    def __init__(self, events: Iterable[AuditEvent]) -> None:
        wanted: dict[type[models.Model], set[int]] = defaultdict(set)
        for event in events:
            for change in changes_of(event):
                field = _field(event.entity, change.field)
                if field is not None and field.many_to_one:
                    for value in (change.old, change.new):
                        if isinstance(value, int) and not isinstance(value, bool):
                            wanted[field.related_model].add(value)
        self.names = {
            model: {pk: str(row) for pk, row in model._default_manager.in_bulk(ids).items()}
            for model, ids in wanted.items()
        }

    def text(self, event: AuditEvent, attname: str, value: Any) -> str:
        field = _field(event.entity, attname)
        if value is None or value == "" or field is None:
            return value_text(value)
        if field.many_to_one and isinstance(value, int):
            name = self.names.get(field.related_model, {}).get(value)
            return f"{name} (#{value})" if name else f"#{value}"
        if field.choices:
            return str(dict(field.flatchoices).get(value, value))
        if isinstance(field, models.DateTimeField) and isinstance(value, str):
            moment = parse_datetime(value)
            if moment is not None:
                return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M:%S")
        return value_text(value)


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
