"""The review of outcomes (docs/reports.md "Outcome review").

A supervisor's outcome is ``submitted`` for review, and another person
``approves`` it or ``returns`` it with a comment; a returned outcome is
edited (back to ``draft``) and submitted again. Each step may carry the
version the person saw (the review page sends it): a decision on an outcome
that changed since is refused rather than applied to what they did not see.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tracker.analytics.assessments import refresh
from tracker.models import Outcome
from tracker.services.audit import audit_record, diff, snapshot
from tracker.services.outcomes import (
    SUBMITTABLE,
    locked_for_write,
    refuse_if_locked,
    refuse_state,
    save_new_version,
)


def _refuse_own_entry(outcome: Outcome, actor: Any) -> None:
    people = {outcome.entered_by_id, outcome.last_edited_by_id} - {None}
    if actor is None or actor.pk in people:
        raise PermissionDenied(_("不能审核自己录入或最后修改的完成情况，须由另一人审核。"))


@transaction.atomic
def outcome_submit(
    *, outcome: Outcome, actor: Any, version: int | None = None, via: str = ""
) -> Outcome:
    outcome = locked_for_write(outcome, version=version)
    refuse_if_locked(outcome.target)
    refuse_state(outcome, SUBMITTABLE, _("提交审核"))
    before = snapshot(outcome)
    outcome.state = "submitted"
    outcome.submitted_at = timezone.now()
    save_new_version(outcome, update_fields=["state", "submitted_at"])
    audit_record(
        actor=actor,
        action="submit",
        instance=outcome,
        changes=diff(before, snapshot(outcome)),
        via=via,
    )
    return outcome


def _review(
    *,
    outcome: Outcome,
    actor: Any,
    state: str,
    action: str,
    verb: str,
    comment: str,
    version: int | None,
    via: str,
) -> Outcome:
    """A second person's decision on a submitted outcome (approve or return)."""
    outcome = locked_for_write(outcome, version=version)
    refuse_if_locked(outcome.target)
    refuse_state(outcome, ("submitted",), verb)
    _refuse_own_entry(outcome, actor)
    before = snapshot(outcome)
    outcome.state = state
    outcome.reviewed_by = actor
    outcome.reviewed_at = timezone.now()
    outcome.review_comment = comment
    save_new_version(
        outcome, update_fields=["state", "reviewed_by", "reviewed_at", "review_comment"]
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
def outcome_approve(
    *, outcome: Outcome, actor: Any, comment: str = "", version: int | None = None, via: str = ""
) -> Outcome:
    return _review(
        outcome=outcome,
        actor=actor,
        state="approved",
        action="approve",
        verb=_("审核通过"),
        comment=comment,
        version=version,
        via=via,
    )


@transaction.atomic
def outcome_return(
    *, outcome: Outcome, actor: Any, comment: str, version: int | None = None, via: str = ""
) -> Outcome:
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
        version=version,
        via=via,
    )
