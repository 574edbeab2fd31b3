"""Writes to plans, units, aliases, documents, targets and assignments.

One generic pair (``entity_save``, ``entity_delete``) serves them all: each
validates with ``full_clean()`` (field rules, the model's ``clean()`` and the
unique constraints) and records the change in the audit trail. Outcomes have
their own services (``tracker.services.outcomes``) because of their review.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.translation import gettext as _

from tracker.analytics.assessments import refresh
from tracker.models import Assignment, Outcome, Target, UnitOfMeasure
from tracker.services.audit import audit_record, diff, snapshot


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
        raise ValidationError(
            _("目标“%(target)s”的考核期已锁定：须先解锁才能修改。") % {"target": target},
            code="target_locked",
        )


@transaction.atomic
def entity_save(
    *, instance: models.Model, actor: Any, via: str = "", comment: str = ""
) -> models.Model:
    """Create or update one row, validated and audited; no-op when nothing
    changed (so re-imports leave no trace)."""
    if isinstance(instance, Outcome):
        raise TypeError("Outcomes are written by tracker.services.outcomes.")
    if isinstance(instance, UnitOfMeasure):
        raise TypeError("Units of measure are written by tracker.services.units.")
    _refuse_locked(instance)
    model = type(instance)
    before = {}
    if instance.pk is not None:
        stored = model.objects.filter(pk=instance.pk).first()
        before = snapshot(stored) if stored is not None else {}
    instance.full_clean()
    changes = diff(before, snapshot(instance))
    if before and not changes:
        return instance
    instance.save()
    changes = diff(before, snapshot(instance))
    audit_record(
        actor=actor,
        action="update" if before else "create",
        instance=instance,
        changes=changes,
        comment=comment,
        via=via,
    )
    if isinstance(instance, Target):
        refresh(target_ids=[instance.pk])
    return instance


@transaction.atomic
def entity_delete(*, instance: models.Model, actor: Any, via: str = "") -> None:
    """Delete one row, audited. The database refuses to delete a document
    that outcomes cite or a target that has outcomes (``ON DELETE RESTRICT``);
    Django's ``PROTECT`` says so first, with the rows in the way."""
    if isinstance(instance, Outcome):
        raise TypeError("Outcomes are withdrawn by tracker.services.outcomes.outcome_delete.")
    if isinstance(instance, UnitOfMeasure):
        raise TypeError("Units of measure are removed by tracker.services.units.")
    _refuse_locked(instance)
    audit_record(
        actor=actor,
        action="delete",
        instance=instance,
        changes=diff(snapshot(instance), {}),
        via=via,
    )
    instance.delete()
