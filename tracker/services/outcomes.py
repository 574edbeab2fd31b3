"""Writes to outcomes, including their review (DESIGN.md section 6a).

An outcome starts as ``draft``, is ``submitted`` for review, and another
person ``approves`` it or ``returns`` it with a comment; a returned outcome is
edited (back to ``draft``) and submitted again. Only approved outcomes count
in verdicts. While a target is locked, none of its outcomes can be added,
changed or withdrawn.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tracker.analytics.assessments import refresh
from tracker.models import Document, Outcome, Target
from tracker.services.audit import audit_record, diff, snapshot

EDITABLE_FIELDS = (
    "target",
    "document",
    "value",
    "value_high",
    "qualifier",
    "unit",
    "period_start",
    "period_end",
    "quote",
    "is_proxy",
    "reported_indicator",
    "notes",
)
# States from which an action may start.
SUBMITTABLE = ("draft", "returned")
EDITABLE = ("draft", "returned", "submitted", "approved")


def _refuse_if_locked(target: Target) -> None:
    if target.locked_at is not None:
        raise ValidationError(
            _("目标“%(target)s”的考核期已锁定：须先解锁才能新增、修改或撤回其完成情况。")
            % {"target": target},
            code="target_locked",
        )


def _refuse_state(outcome: Outcome, allowed: tuple[str, ...], action: str) -> None:
    if outcome.state not in allowed:
        raise ValidationError(
            _("处于“%(state)s”状态的完成情况不能%(action)s。")
            % {"state": outcome.get_state_display(), "action": action},
            code="invalid_transition",
        )


def _refuse_own_entry(outcome: Outcome, actor: Any) -> None:
    people = {outcome.entered_by_id, outcome.last_edited_by_id} - {None}
    if actor is None or actor.pk in people:
        raise PermissionDenied(_("不能审核自己录入或最后修改的完成情况，须由另一人审核。"))


@transaction.atomic
def outcome_create(
    *,
    actor: Any,
    target: Target,
    document: Document,
    value: Decimal,
    unit: str,
    period_start: date,
    period_end: date,
    quote: str,
    qualifier: str = "exact",
    value_high: Decimal | None = None,
    is_proxy: bool = False,
    reported_indicator: str = "",
    notes: str = "",
    approved: bool = False,
    via: str = "",
) -> Outcome:
    """Enter an outcome as a draft. ``approved=True`` is for plan-file imports
    by a planner (DESIGN.md 6a): the outcome counts at once, and the audit
    trail says it came in approved."""
    target = Target.objects.select_for_update().get(pk=target.pk)
    _refuse_if_locked(target)
    now = timezone.now()
    outcome = Outcome(
        target=target,
        document=document,
        value=value,
        value_high=value_high,
        qualifier=qualifier,
        unit=unit,
        period_start=period_start,
        period_end=period_end,
        quote=quote,
        is_proxy=is_proxy,
        reported_indicator=reported_indicator,
        notes=notes,
        entered_by=actor,
        last_edited_by=actor,
        state="approved" if approved else "draft",
    )
    if approved:
        outcome.reviewed_by = actor
        outcome.reviewed_at = now
        outcome.submitted_at = now
    outcome.full_clean()
    outcome.save()
    audit_record(
        actor=actor,
        action="create",
        instance=outcome,
        changes=diff({}, snapshot(outcome)),
        comment=_("导入时直接审核通过") if approved else "",
        via=via,
    )
    refresh(target_ids=[outcome.target_id])
    return outcome


@transaction.atomic
def outcome_update(
    *, outcome: Outcome, actor: Any, keep_approved: bool = False, via: str = "", **fields: Any
) -> Outcome:
    """Change an outcome's figures or quote. Any edit sends it back to draft
    (a changed figure needs a fresh review), except a planner's re-import of
    an approved outcome (``keep_approved=True``)."""
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise TypeError(f"Not editable: {sorted(unknown)}")
    outcome = Outcome.objects.select_for_update().get(pk=outcome.pk)
    _refuse_if_locked(outcome.target)
    _refuse_state(outcome, EDITABLE, _("修改"))
    before = snapshot(outcome)
    for name, value in fields.items():
        setattr(outcome, name, value)
    if "target" in fields:
        _refuse_if_locked(outcome.target)
    if diff(before, snapshot(outcome)) == {}:
        return outcome
    previous_target_id = before["target_id"]
    outcome.last_edited_by = actor
    if not (keep_approved and outcome.state == "approved"):
        outcome.state = "draft"
        outcome.reviewed_by = None
        outcome.reviewed_at = None
    outcome.full_clean()
    outcome.save()
    audit_record(
        actor=actor,
        action="update",
        instance=outcome,
        changes=diff(before, snapshot(outcome)),
        via=via,
    )
    refresh(target_ids=sorted({previous_target_id, outcome.target_id}))
    return outcome


@transaction.atomic
def outcome_submit(*, outcome: Outcome, actor: Any, via: str = "") -> Outcome:
    outcome = Outcome.objects.select_for_update().get(pk=outcome.pk)
    _refuse_if_locked(outcome.target)
    _refuse_state(outcome, SUBMITTABLE, _("提交审核"))
    before = snapshot(outcome)
    outcome.state = "submitted"
    outcome.submitted_at = timezone.now()
    outcome.save(update_fields=["state", "submitted_at", "updated_at"])
    audit_record(
        actor=actor,
        action="submit",
        instance=outcome,
        changes=diff(before, snapshot(outcome)),
        via=via,
    )
    return outcome


def _review(
    *, outcome: Outcome, actor: Any, state: str, action: str, verb: str, comment: str, via: str
) -> Outcome:
    """A second person's decision on a submitted outcome (approve or return)."""
    outcome = Outcome.objects.select_for_update().get(pk=outcome.pk)
    _refuse_if_locked(outcome.target)
    _refuse_state(outcome, ("submitted",), verb)
    _refuse_own_entry(outcome, actor)
    before = snapshot(outcome)
    outcome.state = state
    outcome.reviewed_by = actor
    outcome.reviewed_at = timezone.now()
    outcome.review_comment = comment
    outcome.save(
        update_fields=["state", "reviewed_by", "reviewed_at", "review_comment", "updated_at"]
    )
    audit_record(
        actor=actor,
        action=action,
        instance=outcome,
        changes=diff(before, snapshot(outcome)),
        comment=comment,
        via=via,
    )
    refresh(target_ids=[outcome.target_id])
    return outcome


@transaction.atomic
def outcome_approve(*, outcome: Outcome, actor: Any, comment: str = "", via: str = "") -> Outcome:
    return _review(
        outcome=outcome,
        actor=actor,
        state="approved",
        action="approve",
        verb=_("审核通过"),
        comment=comment,
        via=via,
    )


@transaction.atomic
def outcome_return(*, outcome: Outcome, actor: Any, comment: str, via: str = "") -> Outcome:
    if not comment.strip():
        raise ValidationError(
            {
                "review_comment": ValidationError(
                    _("退回时须填写审核意见。"), code="comment_required"
                )
            }
        )
    return _review(
        outcome=outcome,
        actor=actor,
        state="returned",
        action="return",
        verb=_("退回"),
        comment=comment,
        via=via,
    )


@transaction.atomic
def outcome_delete(*, outcome: Outcome, actor: Any, via: str = "") -> None:
    """Withdraw an outcome. Refused while its target is locked."""
    outcome = Outcome.objects.select_for_update().get(pk=outcome.pk)
    _refuse_if_locked(outcome.target)
    audit_record(
        actor=actor,
        action="delete",
        instance=outcome,
        changes=diff(snapshot(outcome), {}),
        via=via,
    )
    target_id = outcome.target_id
    outcome.delete()
    refresh(target_ids=[target_id])
