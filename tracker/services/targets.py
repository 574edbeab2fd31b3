"""Locking a target's period once its final figure is approved
(docs/reports.md "Outcome review").

While a target is locked none of its outcomes can be added, changed or
withdrawn, and the target itself cannot be edited; unlocking needs a reason.
Both are audited.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tracker.domain import grade
from tracker.models import Target
from tracker.services.audit import audit_record, diff, snapshot
from tracker.services.concurrency import check_version, claim_next_version


def has_approved_final(target: Target) -> bool:
    return any(
        grade(
            target.period_start,
            target.period_end,
            o.period_start,
            o.period_end,
            measure=target.measure,
        )
        == "final"
        for o in target.outcomes.filter(state="approved").only("period_start", "period_end")
    )


def _save_lock(target: Target) -> None:
    target.version = claim_next_version(Target, target.pk, target.version)
    target.save(update_fields=["locked_at", "locked_by", "version", "updated_at"])


@transaction.atomic
def target_lock(
    *, target: Target, actor: Any, comment: str = "", version: int | None = None, via: str = ""
) -> Target:
    target = Target.objects.select_for_update().get(pk=target.pk)
    check_version(target, yours=version, current=target.version)
    if target.locked_at is not None:
        raise ValidationError(_("该目标已锁定。"), code="already_locked")
    if not has_approved_final(target):
        raise ValidationError(_("只有终期数据审核通过后才能锁定考核期。"), code="no_approved_final")
    before = snapshot(target)
    target.locked_at = timezone.now()
    target.locked_by = actor
    _save_lock(target)
    audit_record(
        actor=actor,
        action="lock",
        instance=target,
        changes=diff(before, snapshot(target)),
        comment=comment,
        via=via,
    )
    return target


@transaction.atomic
def target_unlock(
    *, target: Target, actor: Any, reason: str, version: int | None = None, via: str = ""
) -> Target:
    if not reason.strip():
        raise ValidationError(
            {"reason": ValidationError(_("解锁须说明理由。"), code="reason_required")}
        )
    target = Target.objects.select_for_update().get(pk=target.pk)
    check_version(target, yours=version, current=target.version)
    if target.locked_at is None:
        raise ValidationError(_("该目标未锁定。"), code="not_locked")
    before = snapshot(target)
    target.locked_at = None
    target.locked_by = None
    _save_lock(target)
    audit_record(
        actor=actor,
        action="unlock",
        instance=target,
        changes=diff(before, snapshot(target)),
        comment=reason,
        via=via,
    )
    return target
