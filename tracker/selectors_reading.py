"""What the document readers need from the database (issue 13), as plain
data for ``tracker.domain.reading``: a document's text and date, and the
open targets of chosen plans. A target is open until its period is locked
(its final figure approved, docs/attainment.md): a locked
target needs no more proposals.

The pages and the commands read through here, so a page shows what its
command prints: ``read_plan_document`` (``suggest_targets`` and the
planner's draft page) and ``document_proposals`` (the supervisors' review
page; ``suggest_outcomes`` passes the same ``open_targets``).

The review page's reading is cached (Django's cache framework, the
``default`` cache): the key is the document's id, a hash of its text, the
reader's version (``READER_VERSION``), the plan set, and a hash of every
other input of the reader (the open targets as the reader sees them, the
unit registry, the document's date and kind). An edit to any of them makes
a new key, so nothing is ever invalidated by hand; stale entries age out.
What a supervisor decided (a rejection, an accepted outcome) is applied
after the cache: it changes which proposals show, never the reading.
"""

from __future__ import annotations

import hashlib
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from django.core.cache import cache
from django.db.models import Exists, OuterRef

from tracker.analytics.units import load_registry
from tracker.domain import reading
from tracker.domain.reading import OpenTarget, PlanReading, Proposal, propose_outcomes, read_plan
from tracker.models import Document, Outcome, Plan, ProposalRejection, Target

__all__ = [
    "READER_VERSION",
    "ProposalReview",
    "ReviewProposal",
    "document_by_slug",
    "document_proposals",
    "open_targets",
    "read_plan_document",
]

CACHE_SECONDS = 24 * 60 * 60
# Every proposal of a target, not only the best few (the page shows the rest
# collapsed; the command keeps ``--per-target``).
ALL_PER_TARGET = sys.maxsize


def _reader_version() -> str:
    """The reader's own ``VERSION`` if it states one, and a hash of the
    domain code it runs on: a deployment that changes how text is read
    changes every cache key, with no version to remember to bump."""
    digest = hashlib.sha256(str(getattr(reading, "VERSION", "")).encode())
    domain = Path(reading.__file__).resolve().parent.parent
    for source in sorted(domain.rglob("*.py")):
        digest.update(source.relative_to(domain).as_posix().encode())
        digest.update(source.read_bytes())
    return digest.hexdigest()[:16]


READER_VERSION = _reader_version()


def document_by_slug(slug: str) -> Document | None:
    return Document.objects.filter(slug=slug).first()


def read_plan_document(document: Document) -> PlanReading:
    """A stored document read into suggested targets (one query: the unit
    registry). ``suggest_targets`` and the planner's draft page both call
    this, so they show the same reading."""
    return read_plan(
        document.text,
        on=document.published_on,
        is_plan=document.kind == "plan",
        units=load_registry().known_units(),
    )


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
    """A proposal with the stored target it is for (the review page acts on
    it) and its rank among that target's proposals (0: the best)."""

    proposal: Proposal
    target: Target
    rank: int = 0


@dataclass(frozen=True)
class ProposalReview:
    """The review page's data: the proposals still to decide (grouped by
    target, best first within each), and the plans that have open targets
    (the page's plan filter)."""

    items: list[ReviewProposal]
    plans: list[Plan]


def _digest(*parts: object) -> str:
    return hashlib.sha256("\x1f".join(map(repr, parts)).encode()).hexdigest()[:24]


def _cache_key(document: Document, plan_slugs: Sequence[str], inputs: str) -> str:
    text = hashlib.sha256(document.text.encode()).hexdigest()[:24]
    plans = ",".join(sorted(plan_slugs)) or "*"
    plan_set = _digest(plans)
    return f"tracker:proposals:{document.pk}:{text}:{READER_VERSION}:{plan_set}:{inputs}"


def document_proposals(document: Document, plan_slugs: Sequence[str] = ()) -> ProposalReview:
    """Every proposal of the reader for the open targets of the chosen plans
    (all plans when none are chosen), minus the targets a supervisor already
    decided on for this document: rejected (``ProposalRejection``) or given
    an outcome from it (any state but withdrawn). Two queries (targets with
    their decided flag, units), however many targets; the reading itself is
    cached (module docstring)."""
    decided = Exists(
        ProposalRejection.objects.filter(document=document, target=OuterRef("pk"))
    ) | Exists(
        Outcome.objects.filter(document=document, target=OuterRef("pk")).exclude(state="withdrawn")
    )
    targets = _ordered(Target.objects.filter(locked_at__isnull=True).annotate(decided=decided))
    plans = list({t.plan.slug: t.plan for t in targets}.values())
    chosen = set(plan_slugs)
    if chosen:
        targets = [t for t in targets if t.plan.slug in chosen]
    by_key = {}
    opened = []
    for target in targets:
        item = _open(target)
        by_key[item.key] = target
        opened.append(item)
    registry = load_registry()
    inputs = _digest(opened, registry.rows, document.published_on, document.kind)
    key = _cache_key(document, sorted(chosen), inputs)
    proposals = cache.get(key)
    if proposals is None:
        proposals = propose_outcomes(
            document.text,
            opened,
            on=document.published_on,
            units=registry,
            per_target=ALL_PER_TARGET,
            is_plan=document.kind == "plan",
        )
        cache.set(key, proposals, CACHE_SECONDS)
    items = []
    ranks: dict[str, int] = {}
    for proposal in proposals:
        target = by_key[proposal.target.key]
        if target.decided:
            continue
        rank = ranks.get(proposal.target.key, 0)
        ranks[proposal.target.key] = rank + 1
        items.append(ReviewProposal(proposal, target, rank))
    return ProposalReview(items, plans)
