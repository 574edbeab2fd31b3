"""New rows in batches: the imports' fast path, with the services' rules.

``entities_create_many`` and ``outcomes_create_many`` make many new rows at
once and do what ``entity_save`` / ``outcome_create`` do for each: the same
field rules and ``clean()``, the same refusals (locked targets, a duplicate
outcome), one ``create`` audit event per row with the same changes and
comment, and the stored statuses of the targets touched refreshed, but with
a constant number of queries per batch instead of per row. On PostgreSQL
the rows and their audit events go in with ``COPY`` (``_insert``,
``tracker.db.copy_rows``); inside ``deferred_refresh`` (an import) the
statuses are refreshed once at its end rather than after every batch.

What is checked differently: references, unique constraints and check
constraints are left to the database (every one of them is also a
constraint in ``tracker/schema/``, which the drift tests hold to the
models), instead of one ``SELECT`` per row. A batch the database refuses
raises ``IntegrityError``; the caller (``tracker.imports.writer``) then rolls
the batch back to its savepoint and writes it again row by row through the
one-row services, which name the row and give the usual message. Nothing is
committed here: the caller's transaction decides.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from django.core.exceptions import ValidationError
from django.db import connections, models, router, transaction
from django.db.models.expressions import DatabaseDefault, Value
from django.utils import timezone
from django.utils.translation import gettext as _

from tracker.analytics.assessments import BATCH, refresh
from tracker.db import copy_rows
from tracker.deferral import Deferral
from tracker.models import Assignment, Outcome, Target, UnitOfMeasure
from tracker.schema import audit_event, metadata
from tracker.services.audit import created, snapshot
from tracker.services.entities import locked_refusal
from tracker.services.outcomes import IDENTITY, duplicate_refusal, refuse_if_locked

# Rows per INSERT (and per audit INSERT): large enough that round trips stop
# mattering, small enough to keep statements and memory modest.
BATCH_SIZE = 1000


# Targets whose stored statuses wait for the end of a ``deferred_refresh``.
_deferral = Deferral("bulk_pending_refresh")


@contextmanager
def deferred_refresh() -> Iterator[None]:
    """Within the block, the batches' status refreshes wait and run once at
    its end, for every target touched, in chunks of ``assessments.BATCH``:
    an outcome CSV of 50,000 rows for 5,000 targets touches most targets in
    every batch, and refreshed each of them once per batch (ten times).
    Use inside the writes' transaction (``tracker.imports.writer``), inside
    ``stored_rollups.deferred()`` so the rollups follow once too; nested
    blocks join the outer one. Nothing runs if the block raises."""
    with _deferral.gather() as gathered:
        yield
    target_ids = sorted(gathered)
    for start in range(0, len(target_ids), BATCH):
        refresh(target_ids=target_ids[start : start + BATCH])


def _refresh(target_ids: list[int]) -> None:
    if not _deferral.keep(target_ids):
        refresh(target_ids=target_ids)


class BatchRefused(ValidationError):
    """A row of a batch broke a rule; ``index`` is its place in the batch."""

    def __init__(self, index: int, error: ValidationError) -> None:
        super().__init__(error)
        self.index = index


def _foreign_keys(model: type[models.Model]) -> list[str]:
    return [f.name for f in model._meta.concrete_fields if f.is_relation]


def _validate(instances: Sequence[models.Model], model: type[models.Model]) -> None:
    """Field rules and the model's ``clean()``; the database checks the
    references and constraints (see the module docstring)."""
    exclude = _foreign_keys(model)
    for index, instance in enumerate(instances):
        try:
            instance.full_clean(exclude=exclude, validate_unique=False, validate_constraints=False)
        except ValidationError as error:
            raise BatchRefused(index, error) from error


def _audit_creates(
    instances: Sequence[models.Model], *, actor: Any, via: str, comment: str = ""
) -> None:
    """One ``create`` event per row, as ``audit_record`` writes it, in one
    ``COPY`` on PostgreSQL (``copy_rows``; the ORM's bulk insert spends more
    time adapting the JSON than the database spends storing it, and an
    ``executemany`` is still a statement per row)."""
    at = timezone.now()
    actor_id = getattr(actor, "pk", None)
    copy_rows(
        audit_event,
        [
            {
                "at": at,
                "actor_id": actor_id,
                "action": "create",
                "entity": instance._meta.model_name,
                "entity_id": instance.pk,
                "changes": created(snapshot(instance)),
                "comment": comment,
                "via": via,
            }
            for instance in instances
        ],
    )


def _column_values(fields: list[models.Field], instance: models.Model) -> dict[str, Any] | None:
    """The row ``bulk_create`` would insert, as Python values psycopg adapts;
    None if a column takes a database default that is not a constant."""
    row = {}
    for field in fields:
        value = getattr(instance, field.attname)
        if isinstance(value, DatabaseDefault):
            default = field._db_default_expression
            if not isinstance(default, Value):
                return None
            value = default.value
            setattr(instance, field.attname, value)
        row[field.column] = value
    return row


def _insert(model: type[models.Model], instances: Sequence[models.Model]) -> None:
    """``bulk_create`` the new rows; on PostgreSQL one ``COPY`` instead, with
    keys taken from the table's sequence first (``COPY`` returns none): the
    ORM's bulk insert spends most of its time turning each value into SQL.
    The instances end as ``bulk_create`` leaves them: keys set, saved, with
    their timestamps and constant database defaults."""
    using = router.db_for_write(model)
    connection = connections[using]
    if connection.vendor != "postgresql":
        model.objects.bulk_create(instances, batch_size=BATCH_SIZE)
        return
    fields = [field for field in model._meta.concrete_fields if not field.primary_key]
    stamped = [f for f in fields if getattr(f, "auto_now", 0) or getattr(f, "auto_now_add", 0)]
    rows = []
    for instance in instances:
        instance._prepare_related_fields_for_save(operation_name="bulk_create")
        for field in stamped:
            field.pre_save(instance, add=True)
        row = _column_values(fields, instance)
        if row is None:  # pragma: no cover (every default of these tables is a constant)
            model.objects.bulk_create(instances, batch_size=BATCH_SIZE)
            return
        rows.append(row)
    table = model._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)",
            [table, len(instances)],
        )
        keys = [key for (key,) in cursor.fetchall()]
    for instance, row, key in zip(instances, rows, keys, strict=True):
        instance.pk = key
        row["id"] = key
        instance._state.adding = False
        instance._state.db = using
    copy_rows(metadata.tables[table], rows, using=using)


def _locked_target_ids(target_ids: set[int]) -> set[int]:
    return set(
        Target.objects.filter(pk__in=target_ids, locked_at__isnull=False).values_list(
            "pk", flat=True
        )
    )


@transaction.atomic
def entities_create_many(
    *, instances: Sequence[models.Model], actor: Any, via: str = ""
) -> list[models.Model]:
    """Create new rows of one model (not outcomes, not units of measure):
    what ``entity_save`` does for a new row, batched."""
    if not instances:
        return []
    model = type(instances[0])
    if any(type(instance) is not model or instance.pk is not None for instance in instances):
        raise TypeError("One model, new rows only.")
    if model is Outcome or model is UnitOfMeasure:
        raise TypeError(f"{model.__name__} rows have their own services.")
    if model is Assignment:
        locked = _locked_target_ids({instance.target_id for instance in instances})
        for index, instance in enumerate(instances):
            if instance.target_id in locked:
                raise BatchRefused(index, locked_refusal(instance.target))
    _validate(instances, model)
    for instance in instances:
        instance.version = 1
    _insert(model, instances)
    _audit_creates(instances, actor=actor, via=via)
    if model is Target:
        _refresh([instance.pk for instance in instances])
    return list(instances)


def _duplicates(outcomes: Sequence[Outcome]) -> dict[int, int]:
    """``{index in batch: id of the stored outcome it repeats}``: the rule of
    ``refuse_duplicate`` (same target, document, period and quote; withdrawn
    ones do not count), one query for the batch."""
    wanted = {tuple(getattr(o, name) for name in IDENTITY): i for i, o in enumerate(outcomes)}
    stored = (
        Outcome.objects.filter(target_id__in={o.target_id for o in outcomes})
        .exclude(state="withdrawn")
        .order_by("id")
        .values_list("id", *IDENTITY)
    )
    found: dict[int, int] = {}
    for pk, *identity in stored:
        index = wanted.get(tuple(identity))
        if index is not None and index not in found:
            found[index] = pk
    return found


@transaction.atomic
def outcomes_create_many(
    *, rows: Sequence[dict[str, Any]], actor: Any, approved: bool = False, via: str = ""
) -> list[Outcome]:
    """Enter many outcomes (each ``rows`` item holds ``outcome_create``'s
    keyword arguments): drafts, or approved for a planner's plan-file import,
    exactly as ``outcome_create`` makes them, batched."""
    if not rows:
        return []
    target_ids = {row["target"].pk for row in rows}
    # Row locks on the targets, as outcome_create takes one per outcome.
    targets = Target.objects.select_for_update().in_bulk(sorted(target_ids))
    now = timezone.now()
    outcomes = []
    for index, row in enumerate(rows):
        target = targets[row["target"].pk]
        try:
            refuse_if_locked(target)
        except ValidationError as error:
            raise BatchRefused(index, error) from error
        outcome = Outcome(
            **{**row, "target": target},
            entered_by=actor,
            last_edited_by=actor,
            state="approved" if approved else "draft",
        )
        if approved:
            outcome.reviewed_by = actor
            outcome.reviewed_at = now
            outcome.submitted_at = now
        outcomes.append(outcome)
    _validate(outcomes, Outcome)
    duplicates = _duplicates(outcomes)
    if duplicates:
        index = min(duplicates)
        raise BatchRefused(index, duplicate_refusal(duplicates[index]))
    _insert(Outcome, outcomes)
    _audit_creates(
        outcomes, actor=actor, via=via, comment=_("导入时直接审核通过") if approved else ""
    )
    _refresh(sorted(target_ids))
    return outcomes
