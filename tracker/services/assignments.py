"""Assigning one responsible unit to many targets at once
(docs/attainment.md section 9).

Targets without a unit are counted under "unassigned" in every rollup; a
planner clears that row by giving them a unit. All or nothing: every
selected target is checked first, and if any cannot take the unit in that
role, nothing is written and every refusal is reported by target.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from tracker.analytics import stored_rollups
from tracker.models import Assignment, Target, Unit
from tracker.services.entities import entity_save

__all__ = ["assignments_add"]


def _refusal(target: Target, unit: Unit, role: str) -> str | None:
    """Why this target cannot take the unit in this role, or None."""
    if target.locked_at is not None:
        return _("%(target)s：考核期已锁定，须先解锁") % {"target": target}
    if role != "lead":
        return None
    leads = [a for a in target.assignments.all() if a.role == "lead" and a.unit_id != unit.pk]
    if leads:
        return _("%(target)s：已有牵头单位“%(lead)s”") % {
            "target": target,
            "lead": leads[0].unit.name,
        }
    return None


@transaction.atomic
def assignments_add(
    *, targets: Iterable[Target], unit: Unit, role: str, actor: Any, via: str = ""
) -> int:
    """Give ``unit`` the ``role`` (lead or support) on every target; returns
    how many assignments were created or changed.

    A target that already has the unit in that role is left as it is; one
    that has it in the other role gets the new role. A lead goes first
    (position 0), a support after the units listed. Refused as a whole
    (``ValidationError`` listing each target) when a target is locked or,
    for ``lead``, already led by another unit.
    """
    if role not in ("lead", "support"):
        raise ValueError(f"role must be lead or support, not {role!r}")
    selected = list(
        Target.objects.filter(pk__in=[t.pk for t in targets])
        .select_for_update(of=("self",))
        .prefetch_related("assignments__unit")
        .select_related("plan")
        .order_by("plan_id", "code")
    )
    refusals = [why for target in selected if (why := _refusal(target, unit, role))]
    if refusals:
        raise ValidationError(refusals, code="assignment_refused")
    with stored_rollups.deferred():  # each plan's rollups once, at the end
        return _assign(selected, unit, role, actor=actor, via=via)


def _assign(selected: list[Target], unit: Unit, role: str, *, actor: Any, via: str) -> int:
    written = 0
    for target in selected:
        existing = {a.unit_id: a for a in target.assignments.all()}
        assignment = existing.get(unit.pk)
        if assignment is not None and assignment.role == role:
            continue
        if assignment is None:
            assignment = Assignment(target=target, unit=unit)
        assignment.role = role
        if role == "lead":
            for other in existing.values():
                if other.pk != assignment.pk and other.position == 0:
                    other.position = _next_position(target)
                    entity_save(instance=other, actor=actor, via=via)
            assignment.position = 0
        elif assignment.pk is None:
            assignment.position = _next_position(target)
        entity_save(instance=assignment, actor=actor, via=via)
        written += 1
    return written


def _next_position(target: Target) -> int:
    highest = target.assignments.aggregate(highest=Max("position"))["highest"]
    return 0 if highest is None else highest + 1
