"""Writes to plans, units, aliases, documents, targets and assignments.

One generic pair (``entity_save``, ``entity_delete``) serves them all: each
validates with ``full_clean()`` (field rules, the model's ``clean()`` and the
unique constraints), checks the version the person edited, and records the
change in the audit trail. Outcomes have their own services
(``tracker.services.outcomes``) because of their review.

Nothing that evidence rests on is erased (docs/security.md): targets,
documents and outcomes are never deleted, and a delete that would take any
of them with it is refused. What may be deleted (a plan without targets, a
unit nobody is assigned to, an alias, an assignment) is audited row by row,
cascades included.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, router, transaction
from django.db.models import F
from django.db.models.deletion import Collector, ProtectedError, RestrictedError
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from tracker.analytics.assessments import refresh
from tracker.models import Assessment, Assignment, Document, Outcome, Target, UnitOfMeasure
from tracker.services.audit import _jsonable, audit_record, diff, snapshot
from tracker.services.concurrency import check_version, claim_next_version
from tracker.services.documents import refuse_text_change

# Kept for good: the evidence and what it is evidence of.
UNDELETABLE: tuple[type[models.Model], ...] = (Target, Document, Outcome)
# Derived rows, rebuilt by the analytics: not a person's record.
DERIVED: tuple[type[models.Model], ...] = (Assessment,)


def _locked_target(instance: models.Model) -> Target | None:
    if isinstance(instance, Target):
        target = instance
    elif isinstance(instance, Assignment):
        target = instance.target
    else:
        return None
    if target.pk is None:
        return None
    stored = Target.objects.filter(pk=target.pk).values_list("locked_at", flat=True).first()
    return target if stored is not None else None


def _refuse_locked(instance: models.Model) -> None:
    target = _locked_target(instance)
    if target is not None:
        raise locked_refusal(target)


def locked_refusal(target: Target) -> ValidationError:
    """The refusal of a change to a locked target or its assignments."""
    return ValidationError(
        _("目标“%(target)s”的考核期已锁定：须先解锁才能修改。") % {"target": target},
        code="target_locked",
    )


@transaction.atomic
def entity_save(
    *, instance: models.Model, actor: Any, via: str = "", comment: str = ""
) -> models.Model:
    """Create or update one row, validated and audited; no-op when nothing
    changed (so re-imports leave no trace). An update must be made from the
    stored version (``instance.version``), or it is refused (``StaleEdit``)."""
    if isinstance(instance, Outcome):
        raise TypeError("Outcomes are written by tracker.services.outcomes.")
    if isinstance(instance, UnitOfMeasure):
        raise TypeError("Units of measure are written by tracker.services.units.")
    model = type(instance)
    stored = None
    if instance.pk is not None:
        stored = model.objects.select_for_update().filter(pk=instance.pk).first()
    if stored is not None:
        check_version(instance, yours=instance.version, current=stored.version)
    _refuse_locked(instance)
    if isinstance(instance, Document) and stored is not None:
        refuse_text_change(stored.pk, old_text=stored.text, new_text=instance.text)
    before = snapshot(stored) if stored is not None else {}
    instance.full_clean()
    changes = diff(before, snapshot(instance))
    if stored is not None and not changes:
        return instance
    if stored is not None:
        instance.version = claim_next_version(model, stored.pk, stored.version)
    else:
        instance.version = 1
    instance.save()
    changes = diff(before, snapshot(instance))
    audit_record(
        actor=actor,
        action="update" if stored is not None else "create",
        instance=instance,
        changes=changes,
        comment=comment,
        via=via,
    )
    if isinstance(instance, Target):
        refresh(target_ids=[instance.pk])
    return instance


@dataclass
class Deletion:
    """What deleting a row would do: the rows removed (the row first, then
    its cascades), the rows whose foreign key is set to NULL, and the rows
    that forbid it."""

    deleted: list[models.Model] = field(default_factory=list)
    nulled: list[tuple[models.Model, str]] = field(default_factory=list)
    blockers: list[models.Model] = field(default_factory=list)

    def blocker_names(self) -> list[str]:
        return [f"{capfirst(row._meta.verbose_name)}: {row}" for row in self.blockers]


def plan_deletion(instance: models.Model) -> Deletion:
    """Walk the deletion as Django would (``on_delete`` rules) without
    deleting: the admin's confirmation page and ``entity_delete`` both use it."""
    using = router.db_for_write(type(instance), instance=instance)
    collector = Collector(using=using, origin=instance)
    plan = Deletion()
    try:
        collector.collect([instance])
    except ProtectedError as error:
        plan.blockers.extend(error.protected_objects)
        return plan
    except RestrictedError as error:
        plan.blockers.extend(error.restricted_objects)
        return plan
    rows: list[models.Model] = [instance]
    for model, instances in collector.data.items():
        same_model = model is type(instance)
        others = (row for row in instances if not (same_model and row.pk == instance.pk))
        rows += sorted(others, key=lambda row: row.pk)
    for queryset in collector.fast_deletes:
        rows += list(queryset.order_by("pk"))
    for (field_, _value), groups in collector.field_updates.items():
        for group in groups:
            plan.nulled += [(row, field_.attname) for row in group]
    for row in rows:
        if isinstance(row, DERIVED):
            continue
        if isinstance(row, UNDELETABLE):
            plan.blockers.append(row)
        else:
            plan.deleted.append(row)
    return plan


@transaction.atomic
def entity_delete(*, instance: models.Model, actor: Any, via: str = "") -> None:
    """Delete one row and what cascades from it, one audit event per row
    removed (and per row whose reference is cleared); refused when evidence
    would go with it or a protected row refers to it."""
    if isinstance(instance, Outcome):
        raise TypeError("Outcomes are withdrawn by tracker.services.outcomes.outcome_withdraw.")
    if isinstance(instance, UnitOfMeasure):
        raise TypeError("Units of measure are removed by tracker.services.units.")
    stored = type(instance).objects.select_for_update().filter(pk=instance.pk).first()
    if stored is None:
        return
    check_version(instance, yours=instance.version, current=stored.version)
    _refuse_locked(instance)
    plan = plan_deletion(stored)
    if plan.blockers:
        raise ValidationError(
            _("不能删除“%(record)s”：以下记录须保留（或先解除与它的关联）：%(rows)s")
            % {"record": stored, "rows": "；".join(plan.blocker_names()[:10])},
            code="protected",
        )
    for row in plan.deleted:
        audit_record(
            actor=actor,
            action="delete",
            instance=row,
            changes=diff(snapshot(row), {}),
            comment="" if row is stored else _("随“%(record)s”一并删除") % {"record": stored},
            via=via,
        )
    for row, attname in plan.nulled:
        # The database clears the reference; the row's version moves too, so
        # a form opened before cannot put the old reference back.
        type(row).objects.filter(pk=row.pk).update(version=F("version") + 1)
        audit_record(
            actor=actor,
            action="update",
            instance=row,
            changes={attname: [_jsonable(getattr(row, attname)), None]},
            comment=_("因“%(record)s”被删除而清空") % {"record": stored},
            via=via,
        )
    stored.delete()
