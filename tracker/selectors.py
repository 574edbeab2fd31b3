"""Reads for the report pages: QuerySets and Core selects that the tables
filter, sort and page in the database (docs/architecture.md section 1).

Each returns everything a page row needs in one query (``select_related``,
``Subquery`` annotations), so a page costs the same number of queries for
ten targets as for ten thousand.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

import sqlalchemy as sa
from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import Case, IntegerField, OuterRef, Q, QuerySet, Subquery, Value, When

from tracker.analytics.assessments import compute
from tracker.analytics.evidence import ids
from tracker.analytics.rollups import COUNT_COLUMNS, Rollup, rate_columns
from tracker.db import to_date
from tracker.domain import Assessment as DomainAssessment
from tracker.domain import RollupResult, rollup
from tracker.models import Assignment, Document, Outcome, Target, Unit, UnitRollup
from tracker.schema import ROLLUP_COUNT_COLUMNS, plan, plan_rollup, target, unit, unit_rollup
from tracker.vocabulary import EVIDENCE_GRADES, STATUSES

User = AbstractBaseUser | AnonymousUser

# Outcomes still in review: shown to the people who enter or review them,
# never counted (docs/reports.md "Outcome review").
PENDING_STATES = ("draft", "submitted", "returned")
ROLLUP_COUNTS = (*COUNT_COLUMNS, *STATUSES)
ROLLUP_RATES = ("confirmed_rate", "indicative_rate", "reporting_rate")


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


def _rank_as_of(
    assessments: Mapping[int, AsOfAssessment], field: str, words: tuple[str, ...]
) -> Case:
    # The as-of statuses are not stored: rank by which targets have which
    # word (a plan's or a unit's targets: bounded lists of ids).
    groups: dict[str, list[int]] = {}
    for pk, found in assessments.items():
        word = getattr(found, field)
        if word:
            groups.setdefault(word, []).append(pk)
    return Case(
        *(
            When(pk__in=groups[word], then=Value(i))
            for i, word in enumerate(words)
            if word in groups
        ),
        default=Value(len(words)),
        output_field=IntegerField(),
    )


def report_targets(
    assessments: Mapping[int, AsOfAssessment] | None = None,
) -> QuerySet[Target]:
    """Targets with their status, its evidence and document, the plan and
    the lead unit: one query per page. Without ``assessments`` the status is
    the stored one; with them (a view as of
    a past date, ``assessments_as_of``) statuses sort by those."""
    if assessments is None:
        return (
            Target.objects.select_related("assessment__outcome__document", "plan")
            .annotate(
                lead_unit_id=_lead("unit_id"),
                lead_unit_name=_lead("unit__name"),
                status_rank=_rank("assessment__status", STATUSES),
                grade_rank=_rank("assessment__grade", EVIDENCE_GRADES),
            )
            .order_by("plan_id", "id")
        )
    return (
        Target.objects.select_related("plan")
        .annotate(
            lead_unit_id=_lead("unit_id"),
            lead_unit_name=_lead("unit__name"),
            status_rank=_rank_as_of(assessments, "status", STATUSES),
            grade_rank=_rank_as_of(assessments, "grade", EVIDENCE_GRADES),
        )
        .order_by("plan_id", "id")
    )


def plan_targets(
    plan_id: int, assessments: Mapping[int, AsOfAssessment] | None = None
) -> QuerySet[Target]:
    return report_targets(assessments).filter(plan_id=plan_id)


def unit_targets(
    unit_id: int, assessments: Mapping[int, AsOfAssessment] | None = None
) -> QuerySet[Target]:
    """The unit's targets, lead and support, with its role on each."""
    role = Assignment.objects.filter(target=OuterRef("pk"), unit_id=unit_id).values("role")[:1]
    return (
        report_targets(assessments)
        .filter(assignments__unit_id=unit_id)
        .annotate(unit_role=Subquery(role))
        .order_by("plan_id", "id")
    )


def plan_units(plan_id: int) -> QuerySet[Unit]:
    """The units with an assignment in the plan, read from its stored
    rollup rows (``tracker_unit_rollup``, scope ``all``)."""
    stored = UnitRollup.objects.filter(plan_id=plan_id, scope="all", unit_id__isnull=False)
    return Unit.objects.filter(pk__in=stored.values("unit_id"))


# -- as of a past date ------------------------------------------------------------


@dataclass(frozen=True)
class AsOfAssessment:
    """A target's status computed for a past date (docs/attainment.md section 6:
    only what was known that day), shaped like the stored ``Assessment`` the pages show."""

    as_of: date
    result: DomainAssessment
    outcome: Outcome | None

    @property
    def status(self) -> str:
        return self.result.status

    @property
    def grade(self) -> str | None:
        return self.result.grade

    @property
    def indicative(self) -> bool:
        return self.result.indicative

    @property
    def outcome_id(self) -> int | None:
        return self.outcome.pk if self.outcome else None

    @property
    def progress_ratio(self) -> Decimal | None:
        return self.result.progress_ratio

    @property
    def band(self) -> str | None:
        return self.result.band

    @property
    def reason_code(self) -> str:
        return self.result.reason.code

    @property
    def reason_params(self) -> dict[str, Any]:
        return self.result.reason.as_dict()


def assessments_as_of(target_ids: Iterable[int], as_of: date) -> dict[int, AsOfAssessment]:
    """The statuses of these targets as of ``as_of``, with their evidence
    rows: three queries whatever the number of targets."""
    wanted = list(target_ids)
    if not wanted:
        return {}
    results = compute(as_of=as_of, target_filter=ids(wanted))
    evidence = Outcome.objects.select_related("document").in_bulk(
        [r.evidence.id for r in results.values() if r.evidence is not None]
    )
    return {
        pk: AsOfAssessment(as_of, r, evidence.get(r.evidence.id) if r.evidence else None)
        for pk, r in results.items()
    }


def _as_rollup(result: RollupResult, *, lead: bool, name: str = "") -> Rollup:
    counts = result.lead_counts if lead else result.counts
    confirmed = result.lead_confirmed if lead else result.confirmed
    indicative = result.lead_indicative if lead else result.indicative
    reporting = result.lead_reporting if lead else result.reporting
    return Rollup(
        key=0,
        name=name,
        targets=sum(counts.values()),
        counts=counts,
        met_final=confirmed.met,
        missed_final=confirmed.missed,
        met_indicative=indicative.met,
        missed_indicative=indicative.missed,
        reported=reporting.reported if reporting else 0,
        due=reporting.due if reporting else 0,
    )


def rollup_as_of(
    assessments: Mapping[int, AsOfAssessment], roles: Mapping[int, str] | None = None
) -> dict[str, Rollup]:
    """The summary a report shows, from as-of statuses, by the domain's
    rollup rule: ``all`` (each target once, or each of a unit's assignments
    when ``roles`` gives its role per target) and ``lead``."""
    pairs = [
        (
            found.result,
            roles.get(pk, "lead") if roles is not None else "lead",
            found.result.period_over,
        )
        for pk, found in assessments.items()
    ]
    result = rollup(pairs)
    return {"all": _as_rollup(result, lead=False), "lead": _as_rollup(result, lead=True)}


# -- rollups (Core) -------------------------------------------------------------


def plan_list_select() -> sa.Select:
    """Every plan, with its stored rollup (``tracker_plan_rollup``, kept with
    the stored statuses); plans without targets show zeros. One row per
    plan, no aggregate: the paginator's count is a plain count of plans."""
    stored = plan_rollup.c
    counts = {name: sa.func.coalesce(stored[name], 0) for name in ROLLUP_COUNT_COLUMNS}
    return sa.select(
        plan.c.id,
        plan.c.slug,
        plan.c.title,
        plan.c.jurisdiction,
        plan.c.issuer,
        plan.c.period_start,
        plan.c.period_end,
        *(expression.label(name) for name, expression in counts.items()),
        *rate_columns(counts),
    ).select_from(plan.outerjoin(plan_rollup, stored.plan_id == plan.c.id))


def stored_plan_rollup_select(plan_id: int) -> sa.Select:
    """One plan's stored rollup row, shaped as ``rollup_from_row`` reads it
    (no row: the plan has no targets)."""
    stored = plan_rollup.c
    return (
        sa.select(
            stored.plan_id.label("id"),
            plan.c.title.label("name"),
            *(stored[name] for name in ROLLUP_COUNT_COLUMNS),
        )
        .select_from(plan_rollup.join(plan, plan.c.id == stored.plan_id))
        .where(stored.plan_id == plan_id)
    )


def unit_ranking_select(*, lead_only: bool, plan_id: int | None = None) -> sa.Select:
    """The units' stored rollups (``tracker_unit_rollup``: within one plan or
    over every plan) and, when some target has no (lead) unit, the unassigned
    row (id NULL), so the rows add up to the plan (docs/attainment.md
    section 9). Stored rows, read through one index: the table counts,
    sorts and pages them in the database with no aggregate."""
    stored = unit_rollup.c
    counts = {name: stored[name] for name in ROLLUP_COUNT_COLUMNS}
    where_plan = stored.plan_id.is_(None) if plan_id is None else stored.plan_id == plan_id
    return (
        sa.select(
            stored.unit_id.label("id"),
            sa.func.coalesce(unit.c.name, "").label("name"),
            *(expression.label(name) for name, expression in counts.items()),
            *rate_columns(counts),
        )
        .select_from(unit_rollup.outerjoin(unit, unit.c.id == stored.unit_id))
        .where(stored.scope == ("lead" if lead_only else "all"), where_plan)
    )


def ranking_tiebreak(select: sa.Select) -> list[sa.ColumnElement]:
    """Ties in the ranking's sort end on the name, then the id (the
    unassigned row, id NULL, last), so pages never overlap."""
    columns = select.selected_columns
    return [columns["name"], columns["id"].is_(None), columns["id"]]


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
    """The targets behind the unit ranking (for its CSV export): since the
    unassigned row counts the rest, every target (of the plan), whatever the
    scope; ``lead_only`` is accepted so the export reads the page's form."""
    del lead_only  # the rows of either scope cover every target
    query = sa.select(target.c.id.label("target_id"))
    if plan_id is not None:
        query = query.where(target.c.plan_id == plan_id)
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
