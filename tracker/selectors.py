"""Reads for the report pages: QuerySets and Core selects that the tables
filter, sort and page in the database (docs/architecture.md section 1).

Each returns everything a page row needs in one query (``select_related``,
``Subquery`` annotations), so a page costs the same number of queries for
ten targets as for ten thousand.
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import Case, IntegerField, OuterRef, Q, QuerySet, Subquery, Value, When

from tracker.analytics.rollups import plan_rollup_select, unit_rollup_select
from tracker.db import to_date
from tracker.models import Assignment, Document, Outcome, Target
from tracker.schema import assignment, plan, target
from tracker.vocabulary import GRADES, STATUSES

User = AbstractBaseUser | AnonymousUser

# Outcomes still in review: shown to the people who enter or review them,
# never counted (docs/reports.md "Outcome review").
PENDING_STATES = ("draft", "submitted", "returned")
ROLLUP_COUNTS = (
    "targets",
    *STATUSES,
    "met_final",
    "missed_final",
    "met_indicative",
    "missed_indicative",
)


def _rank(field: str, words: tuple[str, ...]) -> Case:
    # Sort by the vocabulary's order (met before missed…), not alphabetically.
    return Case(
        *(When(**{field: word}, then=Value(i)) for i, word in enumerate(words)),
        default=Value(len(words)),
        output_field=IntegerField(),
    )


def _lead(field: str) -> Subquery:
    lead = Assignment.objects.filter(target=OuterRef("pk"), role="lead").order_by("position")
    return Subquery(lead.values(field)[:1])


def report_targets() -> QuerySet[Target]:
    """Targets with their stored status, its evidence and document, the plan
    and the lead unit: one query per page. Call ``ensure_fresh()`` first."""
    return (
        Target.objects.select_related("assessment__outcome__document", "plan")
        .annotate(
            lead_unit_id=_lead("unit_id"),
            lead_unit_name=_lead("unit__name"),
            status_rank=_rank("assessment__status", STATUSES),
            grade_rank=_rank("assessment__grade", GRADES),
        )
        .order_by("plan_id", "id")
    )


def plan_targets(plan_id: int) -> QuerySet[Target]:
    return report_targets().filter(plan_id=plan_id)


def unit_targets(unit_id: int) -> QuerySet[Target]:
    """The unit's targets, lead and support, with its role on each."""
    role = Assignment.objects.filter(target=OuterRef("pk"), unit_id=unit_id).values("role")[:1]
    return (
        report_targets()
        .filter(assignments__unit_id=unit_id)
        .annotate(unit_role=Subquery(role))
        .order_by("plan_id", "id")
    )


# -- rollups (Core) -------------------------------------------------------------


def plan_list_select() -> sa.Select:
    """Every plan, with its rollup; plans without targets show zeros (an outer
    join over ``plan_rollup_select``, so the numbers are the rollup's own)."""
    rollup = plan_rollup_select().subquery("rollup")
    counts = [sa.func.coalesce(rollup.c[name], 0).label(name) for name in ROLLUP_COUNTS]
    return sa.select(
        plan.c.id,
        plan.c.slug,
        plan.c.title,
        plan.c.jurisdiction,
        plan.c.issuer,
        plan.c.period_start,
        plan.c.period_end,
        *counts,
        rollup.c.confirmed_rate,
        rollup.c.indicative_rate,
    ).select_from(plan.outerjoin(rollup, rollup.c.id == plan.c.id))


def unit_ranking_select(*, lead_only: bool, plan_id: int | None = None) -> sa.Select:
    return unit_rollup_select(lead_only=lead_only, plan_id=plan_id)


def rollup_row(row: dict[str, Any]) -> dict[str, Any]:
    """A rollup row with ints for counts and dates as dates (SQLite hands back
    strings and floats, docs/architecture.md section 3)."""
    converted = dict(row)
    for name in ROLLUP_COUNTS:
        if name in converted:
            converted[name] = int(converted[name] or 0)
    for name in ("period_start", "period_end"):
        if name in converted:
            converted[name] = to_date(converted[name])
    return converted


def ranking_target_ids(*, lead_only: bool, plan_id: int | None = None) -> sa.Select:
    """The targets behind the unit ranking (for its CSV export)."""
    query = sa.select(assignment.c.target_id).distinct()
    if lead_only:
        query = query.where(assignment.c.role == "lead")
    if plan_id is not None:
        query = query.join(target, target.c.id == assignment.c.target_id).where(
            target.c.plan_id == plan_id
        )
    return query


# -- outcomes -------------------------------------------------------------------


def can_see_pending(user: User) -> bool:
    """Drafts and outcomes in review are for the people who enter and review
    them (docs/reports.md "Outcome review")."""
    return user.has_perm("tracker.change_outcome") or user.has_perm("tracker.review_outcome")


def visible_outcomes(user: User) -> QuerySet[Outcome]:
    outcomes = Outcome.objects.select_related("document")
    if can_see_pending(user):
        return outcomes
    return outcomes.filter(state="approved")


def target_outcomes(target_id: int, user: User) -> QuerySet[Outcome]:
    """A target's outcomes the user may see, latest period first."""
    return visible_outcomes(user).filter(target_id=target_id).order_by("-period_end", "-id")


def document_outcomes(document_id: int, user: User) -> QuerySet[Outcome]:
    return (
        visible_outcomes(user)
        .filter(document_id=document_id)
        .select_related("target")
        .order_by("quote_start", "id")
    )


def document_plan_targets(document: Document) -> QuerySet[Target]:
    """Targets of the plans this document is the text of (their source quotes
    are highlighted in it)."""
    return Target.objects.filter(plan__document=document).order_by("plan_id", "id")


def review_queue() -> QuerySet[Outcome]:
    """Submitted outcomes, oldest first: the order they were asked to be reviewed."""
    return (
        Outcome.objects.filter(state="submitted")
        .select_related("target__plan", "document", "entered_by", "last_edited_by")
        .order_by("submitted_at", "id")
    )


def own_unsubmitted(user: User) -> QuerySet[Outcome]:
    """The user's drafts and returned outcomes, with the reviewer's comment."""
    return (
        Outcome.objects.filter(state__in=("draft", "returned"))
        .filter(Q(entered_by_id=user.pk) | Q(last_edited_by_id=user.pk))
        .select_related("target__plan", "document", "reviewed_by")
        .order_by("-updated_at", "-id")
    )
