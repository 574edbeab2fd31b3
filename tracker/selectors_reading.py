"""What the document readers need from the database (issue 13), as plain
data for ``tracker.domain.reading``: a document's text and date, and the
open targets of chosen plans. A target is open until its period is locked
(its final figure approved, docs/attainment.md): a locked
target needs no more proposals.

The pages and the commands read through here, so a page shows what its
command prints: ``read_plan_document`` (``suggest_targets`` and the
planner's draft page) and ``document_proposals`` (the supervisors' review
page; ``suggest_outcomes`` passes the same ``open_targets``).

**Which plans a document is read against** (``reading_scope``): the chosen
plan, or by default the plans of the jurisdictions the text names, by name
(``郑州市``) or stem (``郑州``, ``places.place_stem``). The reader itself
drops every target whose place the text never names (``text_speaks_for``),
so the default loses no proposal it would make for a plan that has a
jurisdiction; it only spares loading and weighing the rest, which at
national size is hundreds of thousands of targets. Finding the named
jurisdictions is one query for the distinct jurisdictions of the plans,
matched in Python (measured faster than the same match in SQL,
docs/extraction.md). A plan with no jurisdiction is read only when chosen.

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
from dataclasses import dataclass, field
from pathlib import Path

from django.core.cache import cache
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext as _

from tracker.analytics.units import load_registry
from tracker.domain import reading
from tracker.domain.reading import OpenTarget, PlanReading, Proposal, propose_outcomes, read_plan
from tracker.domain.reading.places import place_stem
from tracker.models import Document, Outcome, Plan, ProposalRejection, Target

__all__ = [
    "READER_VERSION",
    "ProposalReview",
    "ReadingScope",
    "ReviewProposal",
    "document_by_slug",
    "document_proposals",
    "named_jurisdictions",
    "open_targets",
    "read_plan_document",
    "reading_scope",
    "scope_message",
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


# What can keep a scope from being read (``ReadingScope.problem``), said
# by ``scope_message``.
NO_PLACE = "no_place"
UNKNOWN_PLAN = "unknown_plan"
NOTHING_OPEN = "nothing_open"


@dataclass(frozen=True)
class ReadingScope:
    """The plans a document is read against (module docstring).

    ``places``: the jurisdictions the text names that have plans;
    ``plans``: their plans that have open targets, and the chosen ones
    whatever they have, by slug (the page's plan filter; each carries
    ``has_open``); ``read``: the ids of the plans whose open targets are
    read, or None for every plan (``--all-plans``); ``chosen``: the slugs
    asked for; ``problem``: why nothing is read ("" when something is);
    ``missing``: the chosen slugs no plan has."""

    places: tuple[str, ...] = ()
    plans: list[Plan] = field(default_factory=list)
    read: tuple[int, ...] | None = ()
    chosen: tuple[str, ...] = ()
    problem: str = ""
    missing: tuple[str, ...] = ()


def named_jurisdictions(text: str) -> tuple[str, ...]:
    """The plans' jurisdictions the text names, by name or stem, sorted
    (one query: the distinct jurisdictions; matched in Python)."""
    names = (
        Plan.objects.exclude(jurisdiction="")
        .order_by()
        .values_list("jurisdiction", flat=True)
        .distinct()
    )
    return tuple(sorted(n for n in names if (stem := place_stem(n)) and stem in text))


def reading_scope(
    document: Document, plan_slugs: Sequence[str] = (), *, all_plans: bool = False
) -> ReadingScope:
    """Which plans' open targets ``document`` is read against: the chosen
    plans, every plan (``all_plans``), or by default the plans of the
    jurisdictions its text names. Two queries (the jurisdictions, then the
    plans), none for ``all_plans``."""
    if all_plans:
        return ReadingScope(read=None)
    chosen = tuple(dict.fromkeys(s for s in plan_slugs if s))
    places = named_jurisdictions(document.text)
    if not places and not chosen:
        return ReadingScope(problem=NO_PLACE)
    has_open = Exists(Target.objects.filter(plan=OuterRef("pk"), locked_at__isnull=True))
    plans = [
        p
        for p in Plan.objects.filter(Q(jurisdiction__in=places) | Q(slug__in=chosen))
        .annotate(has_open=has_open)
        .order_by("slug")
        if p.has_open or p.slug in chosen
    ]
    if chosen:
        found = {p.slug for p in plans}
        missing = tuple(s for s in chosen if s not in found)
        read = tuple(p.pk for p in plans if p.slug in chosen and p.has_open)
    else:
        missing, read = (), tuple(p.pk for p in plans)
    problem = UNKNOWN_PLAN if missing else "" if read else NOTHING_OPEN
    return ReadingScope(places, plans, read if not problem else (), chosen, problem, missing)


def scope_message(scope: ReadingScope) -> str:
    """Why nothing is read, in the reader's language ("" when something is)."""
    if scope.problem == NO_PLACE:
        return _("本文没有提到任何有规划的行政区域，因此没有读取任何目标。")
    if scope.problem == UNKNOWN_PLAN:
        return _("没有标识为 %(slug)s 的规划，没有读取任何目标。") % {
            "slug": "、".join(scope.missing)
        }
    if scope.problem == NOTHING_OPEN and scope.chosen:
        return _("规划 %(slug)s 没有未锁定的目标，没有可建议的内容。") % {
            "slug": "、".join(scope.chosen)
        }
    if scope.problem == NOTHING_OPEN:
        return _("本文提到的行政区域（%(places)s）的规划都没有未锁定的目标，没有可建议的内容。") % {
            "places": "、".join(scope.places)
        }
    return ""


def _scoped(query, scope: ReadingScope):
    return query if scope.read is None else query.filter(plan_id__in=scope.read)


def open_targets(scope: ReadingScope) -> list[OpenTarget]:
    """Unlocked targets of the scope's plans, in plan and code order."""
    query = _scoped(Target.objects.filter(locked_at__isnull=True), scope)
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
    target, best first within each), and the scope they were read in (its
    plans are the page's plan filter)."""

    items: list[ReviewProposal]
    scope: ReadingScope


def _digest(*parts: object) -> str:
    return hashlib.sha256("\x1f".join(map(repr, parts)).encode()).hexdigest()[:24]


def _cache_key(document: Document, scope: ReadingScope, inputs: str) -> str:
    text = hashlib.sha256(document.text.encode()).hexdigest()[:24]
    plan_set = _digest("*" if scope.read is None else sorted(scope.read))
    return f"tracker:proposals:{document.pk}:{text}:{READER_VERSION}:{plan_set}:{inputs}"


def document_proposals(document: Document, scope: ReadingScope) -> ProposalReview:
    """Every proposal of the reader for the open targets of the scope's
    plans (``reading_scope``), minus the targets a supervisor already
    decided on for this document: rejected (``ProposalRejection``) or given
    an outcome from it (any state but withdrawn). Two queries (targets with
    their decided flag, units), however many targets, none when the scope
    reads nothing; the reading itself is cached (module docstring)."""
    if scope.problem:
        return ProposalReview([], scope)
    decided = Exists(
        ProposalRejection.objects.filter(document=document, target=OuterRef("pk"))
    ) | Exists(
        Outcome.objects.filter(document=document, target=OuterRef("pk")).exclude(state="withdrawn")
    )
    open_ = _scoped(Target.objects.filter(locked_at__isnull=True), scope)
    targets = _ordered(open_.annotate(decided=decided))
    by_key = {}
    opened = []
    for target in targets:
        item = _open(target)
        by_key[item.key] = target
        opened.append(item)
    registry = load_registry()
    inputs = _digest(opened, registry.rows, document.published_on, document.kind)
    key = _cache_key(document, scope, inputs)
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
    return ProposalReview(items, scope)
