"""The audit trail: one append-only row per write made through the services.

Every service that writes calls ``audit_record`` in the same transaction, so
a change and its record commit or roll back together.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.db import models

from tracker.models import AuditEvent


def _jsonable(value: Any) -> Any:
    if isinstance(value, Decimal):
        # By value: 25.3 typed and 25.300000 stored are one figure, so saving
        # it again is no change (and re-imports leave no audit events).
        return format(value.normalize(), "f")
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, models.Model):
        return value.pk
    return value


# Bookkeeping the database or the services keep, not what a person changed:
# a save that only moves these is no change (re-imports leave no trace).
NOT_AUDITED = frozenset({"created_at", "updated_at", "version", "password", "last_login"})


def snapshot(instance: models.Model) -> dict[str, Any]:
    """Field values of a row, keyed by attribute name (``target_id`` ...)."""
    return {
        field.attname: _jsonable(getattr(instance, field.attname))
        for field in instance._meta.concrete_fields
        if field.attname not in NOT_AUDITED
    }


def diff(before: dict[str, Any], after: dict[str, Any]) -> dict[str, list[Any]]:
    """``{field: [old, new]}`` for every field that differs (a missing side
    reads as None, so creation and deletion diff against ``{}``)."""
    return {
        name: [before.get(name), after.get(name)]
        for name in sorted(before.keys() | after.keys())
        if before.get(name) != after.get(name)
    }


def created(after: dict[str, Any]) -> dict[str, list[Any]]:
    """``diff({}, after)``, the changes of a new row, without the general
    comparison: the bulk writers make one per row of a large import."""
    return {name: [None, after[name]] for name in sorted(after) if after[name] is not None}


def audit_record(
    *,
    actor: Any,
    action: str,
    instance: models.Model,
    changes: dict[str, Any],
    comment: str = "",
    via: str = "",
) -> AuditEvent:
    """Append one event; ``entity`` is the model's name (``outcome``,
    ``user`` ...), so a record's history is (entity, entity_id)."""
    return AuditEvent.objects.create(
        actor_id=getattr(actor, "pk", None),
        action=action,
        entity=instance._meta.model_name,
        entity_id=instance.pk,
        changes=changes,
        comment=comment,
        via=via,
    )


def last_event(instance: models.Model) -> AuditEvent | None:
    """The most recent event of a row: who changed it last, and when."""
    return (
        AuditEvent.objects.filter(entity=instance._meta.model_name, entity_id=instance.pk)
        .select_related("actor")
        .order_by("-at", "-id")
        .first()
    )
