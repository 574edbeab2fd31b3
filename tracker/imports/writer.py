"""Applying a prepared import: one transaction, through the services only.

Everything was validated before this runs; the services validate again (a
row may have changed since), and if any of them refuses, the whole import
rolls back and the refusal is reported with its place.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from tracker import services
from tracker.analytics import stored_rollups
from tracker.analytics.units import registry_scope
from tracker.imports.prepare import Change, ChangeSet
from tracker.imports.problems import ImportFailed, Problems
from tracker.imports.specs import OUTCOME_KEYS, TARGET_KEYS, UNIT_KEYS
from tracker.services.outcomes import EDITABLE_FIELDS

_KEYS = {"unit": UNIT_KEYS, "target": TARGET_KEYS, "outcome": OUTCOME_KEYS}


def apply(change_set: ChangeSet, *, actor: Any, approved: bool, via: str) -> None:
    """Write every change in order (documents, units, aliases, plans parents
    first, targets, assignments, outcomes); unchanged rows are not touched,
    so a re-import leaves no audit events."""
    try:
        # The units are read once for the whole write, not per row validated;
        # each plan's stored rollups are rewritten once, at the end.
        with registry_scope(), transaction.atomic(), stored_rollups.deferred():
            for change in change_set.writes:
                _write(change, actor=actor, approved=approved, via=via)
    except (ValidationError, PermissionDenied, IntegrityError) as error:
        problems = Problems()
        failed = getattr(error, "import_change", None)
        if failed is None:  # pragma: no cover (every write is tagged)
            raise
        if isinstance(error, ValidationError):
            problems.validation(failed.place, error, keys=_KEYS.get(failed.entity))
        else:
            problems.error(failed.place, "", str(error))
        raise ImportFailed(problems.errors) from error


def _write(change: Change, *, actor: Any, approved: bool, via: str) -> None:
    instance = change.instance
    # Rows made earlier in this transaction now have keys: link them again.
    for name, related in change.links.items():
        setattr(instance, name, related)
    try:
        if change.entity != "outcome":
            services.entity_save(instance=instance, actor=actor, via=via)
        elif change.action == "create":
            services.outcome_create(
                actor=actor,
                approved=approved,
                via=via,
                **{name: getattr(instance, name) for name in EDITABLE_FIELDS},
            )
        else:
            services.outcome_update(
                outcome=instance,
                actor=actor,
                keep_approved=approved,
                version=instance.version,
                via=via,
                **{name: getattr(instance, name) for name in change.changed},
            )
    except (ValidationError, PermissionDenied, IntegrityError) as error:
        error.import_change = change  # type: ignore[attr-defined]
        raise
