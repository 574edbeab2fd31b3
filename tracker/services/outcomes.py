"""Writes to outcomes: entering, correcting and withdrawing them.

An outcome starts as ``draft``; its review (submit, approve, return) is in
``tracker.services.review`` (DESIGN.md section 6a). Only approved outcomes
count in verdicts. Nothing is erased: an outcome that should no longer count
is withdrawn with a reason and stays in the history. While a target is
locked, none of its outcomes can be added, changed or withdrawn. The same
reported figure (target, document, period and quote) is entered once.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tracker.analytics.assessments import refresh
from tracker.models import Document, Outcome, Target
from tracker.services.audit import audit_record, diff, snapshot
from tracker.services.concurrency import check_version, claim_next_version

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
WITHDRAWABLE = EDITABLE
# What makes two outcomes the same reported figure (the CSV import's key).
IDENTITY = ("target_id", "document_id", "period_start", "period_end", "quote")


def refuse_if_locked(target: Target) -> None:
    if target.locked_at is not None:
        raise ValidationError(
            _("目标“%(target)s”的考核期已锁定：须先解锁才能新增、修改或撤回其完成情况。")
            % {"target": target},
            code="target_locked",
        )


def refuse_state(outcome: Outcome, allowed: tuple[str, ...], action: str) -> None:
    if outcome.state not in allowed:
        raise ValidationError(
            _("处于“%(state)s”状态的完成情况不能%(action)s。")
            % {"state": outcome.get_state_display(), "action": action},
            code="invalid_transition",
        )


def refuse_duplicate(outcome: Outcome) -> None:
    """One rule for the admin, the imports and anything else: the same
    figure from the same sentence of the same document for the same period
    is one outcome (a withdrawn one does not count)."""
    same = (
        Outcome.objects.filter(**{name: getattr(outcome, name) for name in IDENTITY})
        .exclude(state="withdrawn")
        .exclude(pk=outcome.pk)
        .order_by("id")
        .first()
    )
    if same is not None:
        raise duplicate_refusal(same.pk)


def duplicate_refusal(existing_id: int) -> ValidationError:
    """The refusal of a second entry of the same reported figure."""
    return ValidationError(
        _(
            "与已有的完成情况 #%(id)s 重复（目标、出处文件、统计期和引述都相同）："
            "请修改那一条，而不是再录入一条。"
        )
        % {"id": existing_id},
        code="duplicate",
    )


def locked_for_write(outcome: Outcome, *, version: int | None) -> Outcome:
    """The stored outcome, row-locked, after checking the version the caller
    edited (``None``: the caller holds no version; state rules decide)."""
    stored = Outcome.objects.select_for_update().select_related("target").get(pk=outcome.pk)
    check_version(stored, yours=version, current=stored.version)
    return stored


def save_new_version(outcome: Outcome, *, update_fields: list[str] | None = None) -> None:
    outcome.version = claim_next_version(Outcome, outcome.pk, outcome.version)
    if update_fields is not None:
        update_fields = [*update_fields, "version", "updated_at"]
    outcome.save(update_fields=update_fields)


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
    refuse_if_locked(target)
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
    refuse_duplicate(outcome)
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
    *,
    outcome: Outcome,
    actor: Any,
    keep_approved: bool = False,
    version: int | None = None,
    via: str = "",
    **fields: Any,
) -> Outcome:
    """Change an outcome's figures or quote. Any edit sends it back to draft
    (a changed figure needs a fresh review), except a planner's re-import of
    an approved outcome (``keep_approved=True``). ``version`` is the version
    the person edited: a save from an older one is refused."""
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise TypeError(f"Not editable: {sorted(unknown)}")
    outcome = locked_for_write(outcome, version=version)
    refuse_if_locked(outcome.target)
    refuse_state(outcome, EDITABLE, _("修改"))
    before = snapshot(outcome)
    for name, value in fields.items():
        setattr(outcome, name, value)
    if "target" in fields:
        refuse_if_locked(outcome.target)
    if diff(before, snapshot(outcome)) == {}:
        return outcome
    previous_target_id = before["target_id"]
    outcome.last_edited_by = actor
    if not (keep_approved and outcome.state == "approved"):
        outcome.state = "draft"
        outcome.reviewed_by = None
        outcome.reviewed_at = None
    outcome.full_clean()
    refuse_duplicate(outcome)
    save_new_version(outcome)
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
def outcome_withdraw(
    *, outcome: Outcome, actor: Any, reason: str, version: int | None = None, via: str = ""
) -> Outcome:
    """Withdraw an outcome: it stops counting at once and stays in the
    history with who withdrew it, when and why. Refused while its target is
    locked, and without a reason."""
    if not reason.strip():
        raise ValidationError(
            {"reason": ValidationError(_("撤回须说明理由。"), code="reason_required")}
        )
    outcome = locked_for_write(outcome, version=version)
    refuse_if_locked(outcome.target)
    refuse_state(outcome, WITHDRAWABLE, _("撤回"))
    before = snapshot(outcome)
    outcome.state = "withdrawn"
    outcome.withdrawn_at = timezone.now()
    outcome.withdrawn_by = actor
    outcome.withdrawal_reason = reason.strip()
    save_new_version(
        outcome, update_fields=["state", "withdrawn_at", "withdrawn_by", "withdrawal_reason"]
    )
    audit_record(
        actor=actor,
        action="withdraw",
        instance=outcome,
        changes=diff(before, snapshot(outcome)),
        comment=outcome.withdrawal_reason,
        via=via,
    )
    refresh(target_ids=[outcome.target_id])
    return outcome
