"""The audit trail as CSV for auditors: one row per changed field (an event
without field changes, such as a submission, is one row), so a spreadsheet
filters by field, person or record directly. Streamed and formula-safe
through ``csvstream``: a quote that starts with ``=`` stays text."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone

from tracker.labels import label
from tracker.models import AuditEvent
from tracker.selectors_audit import changes_of, entity_label, iter_events

COLUMNS: tuple[str, ...] = (
    "event_id",
    "at",
    "actor",
    "action",
    "action_label",
    "entity",
    "entity_label",
    "entity_id",
    "via",
    "comment",
    "field",
    "field_label",
    "old",
    "new",
)


def _raw(value: Any) -> Any:
    # Lists (a user's groups) as one cell; everything else as stored.
    return "、".join(map(str, value)) if isinstance(value, list) else value


def audit_rows(events: QuerySet[AuditEvent]) -> Iterator[list[Any]]:
    for event in iter_events(events):
        actor = event.actor.get_username() if event.actor is not None else ""
        head = [
            event.pk,
            timezone.localtime(event.at).isoformat(timespec="seconds"),
            actor,
            event.action,
            label(event.action),
            event.entity,
            entity_label(event.entity),
            event.entity_id,
            event.via,
            event.comment,
        ]
        changes = changes_of(event)
        if not changes:
            yield [*head, "", "", "", ""]
        for change in changes:
            old = "" if change.old is None else _raw(change.old)
            new = "" if change.new is None else _raw(change.new)
            yield [*head, change.field, change.label, old, new]
