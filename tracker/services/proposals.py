"""Writes of the proposal review page (issue 13): a supervisor's no to the
reader's outcome proposal for a target from a document, remembered so the
target is not proposed from that document again. Accepting a proposal is
``outcome_create`` (a draft, then the usual review)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from tracker.models import Document, ProposalRejection, Target
from tracker.services.audit import audit_record, diff, snapshot


@transaction.atomic
def proposal_reject(
    *, actor: Any, document: Document, target: Target, reason: str = "", via: str = ""
) -> ProposalRejection:
    """Remember the rejection (once per document and target) and audit it."""
    rejection = ProposalRejection(
        document=document, target=target, rejected_by=actor, reason=reason.strip()
    )
    try:
        with transaction.atomic():
            rejection.save()
    except IntegrityError as error:
        raise ValidationError(_("这一建议已被拒绝过。"), code="already_rejected") from error
    audit_record(
        actor=actor,
        action="create",
        instance=rejection,
        changes=diff({}, snapshot(rejection)),
        comment=rejection.reason,
        via=via,
    )
    return rejection
