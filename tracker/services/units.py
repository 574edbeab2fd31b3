"""Writes to the unit registry (docs/attainment.md section 1: the units are
data).

Built-in units mirror the code's seed (``tracker.domain.units.SEED_UNITS``,
which the rules use when no registry is passed): ``manage.py migrate`` keeps
them in step on every database, and nobody edits them by hand, so the
database and the default registry never disagree on a built-in unit. A
planner adds, corrects and removes their own units here; the statuses of the
targets a change touches are recomputed in the same transaction, so a
unit's new factor shows in the next page.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from tracker.analytics.assessments import refresh
from tracker.analytics.units import unit_texts
from tracker.domain import SEED_UNITS
from tracker.models import Target, UnitOfMeasure
from tracker.services.audit import audit_record, diff, snapshot

__all__ = [
    "ensure_builtin_units",
    "refuse_if_in_use",
    "targets_using",
    "unit_of_measure_delete",
    "unit_of_measure_save",
]


def ensure_builtin_units(*, using: str = "default") -> int:
    """Make the built-in rows equal the seed; returns how many rows changed.

    A row of the seed's name that a planner made becomes built-in (the seed
    wins); a built-in row the seed no longer lists becomes a planner's row,
    so figures stored in it keep their meaning. Not audited: these rows are
    code, and their history is the code's.
    """
    rows = UnitOfMeasure.objects.using(using)
    stored = {unit.name: unit for unit in rows.all()}
    seed_names = {row.name for row in SEED_UNITS}
    changed = 0
    with transaction.atomic(using=using):
        for row in SEED_UNITS:
            unit = stored.get(row.name)
            if unit is None:
                rows.create(name=row.name, dimension=row.dimension, factor=row.factor, builtin=True)
                changed += 1
            elif (unit.dimension, unit.factor, unit.builtin) != (row.dimension, row.factor, True):
                unit.dimension, unit.factor, unit.builtin = row.dimension, row.factor, True
                unit.save(using=using, update_fields=["dimension", "factor", "builtin"])
                changed += 1
        changed += rows.filter(builtin=True).exclude(name__in=seed_names).update(builtin=False)
    return changed


def _refuse_builtin(unit: UnitOfMeasure) -> None:
    if unit.pk is not None and UnitOfMeasure.objects.filter(pk=unit.pk, builtin=True).exists():
        raise ValidationError(
            _("内置计量单位“%(name)s”随程序提供，不能在此修改或删除。") % {"name": unit.name},
            code="builtin_unit",
        )


def targets_using(name: str) -> list[int]:
    """Targets whose figures, or whose outcomes' figures, are written in the
    unit (or its 万/亿/万亿 forms)."""
    texts = unit_texts(name)
    in_use = Q(unit__in=texts) | Q(outcomes__unit__in=texts)
    return list(Target.objects.filter(in_use).values_list("pk", flat=True).distinct())


def refuse_if_in_use(name: str, *, action: str) -> None:
    """Refuse (``ValidationError``) to ``rename`` or ``delete`` a unit that
    stored figures are written in."""
    count = len(targets_using(name))
    if not count:
        return
    values = {"name": name, "count": count}
    if action == "rename":
        message = _("计量单位“%(name)s”正被 %(count)d 个目标（或其完成情况）使用，不能改名。")
    else:
        message = _("计量单位“%(name)s”正被 %(count)d 个目标（或其完成情况）使用，不能删除。")
    raise ValidationError(message % values, code="unit_in_use")


@transaction.atomic
def unit_of_measure_save(
    *, instance: UnitOfMeasure, actor: Any, via: str = "", comment: str = ""
) -> UnitOfMeasure:
    """Add or correct a planner's unit, validated and audited.

    A unit in use may change its dimension or factor (a correction: the
    statuses of its targets are recomputed) but not its name, which stored
    figures are written in.
    """
    _refuse_builtin(instance)
    instance.builtin = False
    before = {}
    if instance.pk is not None:
        stored = UnitOfMeasure.objects.filter(pk=instance.pk).first()
        if stored is not None:
            before = snapshot(stored)
            if stored.name != instance.name:
                refuse_if_in_use(stored.name, action="rename")
    instance.full_clean()
    changes = diff(before, snapshot(instance))
    if before and not changes:
        return instance
    instance.save()
    audit_record(
        actor=actor,
        action="update" if before else "create",
        instance=instance,
        changes=diff(before, snapshot(instance)),
        comment=comment,
        via=via,
    )
    target_ids = targets_using(instance.name)
    if target_ids:
        refresh(target_ids=target_ids)
    return instance


@transaction.atomic
def unit_of_measure_delete(*, instance: UnitOfMeasure, actor: Any, via: str = "") -> None:
    """Remove a planner's unit that no figure is written in, audited."""
    _refuse_builtin(instance)
    refuse_if_in_use(instance.name, action="delete")
    audit_record(
        actor=actor,
        action="delete",
        instance=instance,
        changes=diff(snapshot(instance), {}),
        via=via,
    )
    instance.delete()
