"""Applying a prepared import: one transaction, through the services only.

Everything was validated before this runs; the services validate again (a
row may have changed since), and if any of them refuses, the whole import
rolls back and the refusal is reported with its place.

New targets, assignments and outcomes, the bulk of a large file, are written
in batches of ``services.BATCH_SIZE`` (``services.entities_create_many``,
``services.outcomes_create_many``: same rules, same audit events, a few
queries per batch). Each batch has its own savepoint: if the database or a
rule refuses it, the batch is rolled back and written again row by row
through the one-row services, which stop at the row at fault and name it.
Everything else (documents, units, aliases, plans, every update) is written
row by row. Either way the import is one transaction: all or nothing.
"""

from __future__ import annotations

from collections.abc import Iterator
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
# New rows of these are written in batches.
BATCHED = ("target", "assignment", "outcome")


def apply(
    change_set: ChangeSet, *, actor: Any, approved: bool, via: str, bulk: bool = True
) -> None:
    """Write every change in order (documents, units, aliases, plans parents
    first, targets, assignments, outcomes); unchanged rows are not touched,
    so a re-import leaves no audit events. ``bulk=False`` writes every row
    through the one-row services (the benchmark's "before")."""
    try:
        # The units are read once for the whole write, not per row validated;
        # the batches' stored statuses are refreshed once, at the end, and
        # then each plan's stored rollups rewritten once.
        with (
            registry_scope(),
            transaction.atomic(),
            stored_rollups.deferred(),
            services.deferred_refresh(),
        ):
            for batch in _batches(change_set.writes, size=services.BATCH_SIZE if bulk else 1):
                if len(batch) == 1:
                    _write(batch[0], actor=actor, approved=approved, via=via)
                else:
                    _write_batch(batch, actor=actor, approved=approved, via=via)
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


def _batches(writes: list[Change], *, size: int) -> Iterator[list[Change]]:
    """Runs of up to ``size`` creations of one batched entity; any other
    change alone. Order is kept, so whatever a row refers to comes first."""
    run: list[Change] = []
    for change in writes:
        batched = change.entity in BATCHED and change.action == "create"
        if run and (not batched or change.entity != run[0].entity or len(run) >= size):
            yield run
            run = []
        if batched:
            run.append(change)
        else:
            yield [change]
    if run:
        yield run


def _write_batch(batch: list[Change], *, actor: Any, approved: bool, via: str) -> None:
    for change in batch:
        for name, related in change.links.items():
            setattr(change.instance, name, related)
    try:
        with transaction.atomic():  # a savepoint: a refused batch leaves nothing
            if batch[0].entity == "outcome":
                services.outcomes_create_many(
                    rows=[
                        {name: getattr(change.instance, name) for name in EDITABLE_FIELDS}
                        for change in batch
                    ],
                    actor=actor,
                    approved=approved,
                    via=via,
                )
            else:
                services.entities_create_many(
                    instances=[change.instance for change in batch], actor=actor, via=via
                )
    except (ValidationError, PermissionDenied, IntegrityError):
        # Again row by row, to stop at the row at fault and name it. Rows the
        # rolled-back batch had numbered are new again.
        for change in batch:
            if change.entity != "outcome":
                change.instance.pk = None
                change.instance._state.adding = True
        for change in batch:
            _write(change, actor=actor, approved=approved, via=via)


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
