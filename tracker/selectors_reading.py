"""What the document readers need from the database (issue 13), as plain
data for ``tracker.domain.reading``: a document's text and date, and the
open targets of chosen plans. A target is open until its period is locked
(its final figure approved, docs/attainment.md): a locked
target needs no more proposals.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from tracker.analytics.units import load_registry
from tracker.domain.reading import OpenTarget, Proposal, propose_outcomes
from tracker.models import Document, Outcome, ProposalRejection, Target

__all__ = ["ReviewProposal", "document_by_slug", "document_proposals", "open_targets"]


def document_by_slug(slug: str) -> Document | None:
    return Document.objects.filter(slug=slug).first()


def open_targets(plan_slugs: Sequence[str] = ()) -> list[OpenTarget]:
    """Unlocked targets of the given plans (all plans when none are given),
    in plan and code order."""
    query = Target.objects.filter(locked_at__isnull=True)
    if plan_slugs:
        query = query.filter(plan__slug__in=list(plan_slugs))
    return [_open(target) for target in _ordered(query)]


def _ordered(query) -> list[Target]:
    return list(query.select_related("plan").order_by("plan__slug", "id"))


def _open(target: Target) -> OpenTarget:
    return OpenTarget(
        plan=target.plan.slug,
        code=target.code,
        indicator=target.indicator,
        aliases=tuple(a for a in target.indicator_aliases.splitlines() if a.strip()),
        unit=target.unit,
        measure=target.measure,
        period_start=target.period_start,
        period_end=target.period_end,
        jurisdiction=target.plan.jurisdiction,
    )


@dataclass(frozen=True)
class ReviewProposal:
    """A proposal with the stored target it is for (the review page acts on it)."""

    proposal: Proposal
    target: Target


def document_proposals(document: Document) -> list[ReviewProposal]:
    """The reader's best proposal per open target for a document, minus the
    targets a supervisor already decided on for it: rejected
    (``ProposalRejection``) or given an outcome from it (any state but
    withdrawn). Two queries (targets, units), however many targets."""
    decided = ProposalRejection.objects.filter(document=document).values("target_id")
    entered = (
        Outcome.objects.filter(document=document).exclude(state="withdrawn").values("target_id")
    )
    targets = _ordered(
        Target.objects.filter(locked_at__isnull=True)
        .exclude(pk__in=decided)
        .exclude(pk__in=entered)
    )
    by_key = {}
    opened = []
    for target in targets:
        item = _open(target)
        by_key[item.key] = target
        opened.append(item)
    proposals = propose_outcomes(
        document.text,
        opened,
        on=document.published_on,
        units=load_registry(),
        per_target=1,
        is_plan=document.kind == "plan",
    )
    return [ReviewProposal(p, by_key[p.target.key]) for p in proposals]
