"""Best evidence chosen in SQL (a ROW_NUMBER window) agrees with the domain's
``best_evidence`` and ``baseline_candidate`` on random outcome sets, and
only approved outcomes reach it."""

from datetime import date
from decimal import Decimal as D

import pytest
import sqlalchemy as sa
from django.db import transaction
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from tracker.analytics.evidence import best_evidence_by_target, ids, ranked_evidence
from tracker.db import run_select
from tracker.domain import (
    OutcomeFacts,
    TargetFacts,
    baseline_candidate,
    best_evidence,
    outcome_grade,
)
from tracker.models import Document, Outcome, Plan, Target

pytestmark = pytest.mark.django_db

# Few dates, so that every grade turns up and ties (same grade, same period
# end, same document date) are common: the ordering rules are all exercised.
STARTS = [date(2019, 1, 1), date(2020, 1, 1), date(2020, 7, 1), date(2021, 1, 1)]
ENDS = [
    date(2019, 12, 31),  # baseline
    date(2020, 6, 30),  # interim
    date(2020, 10, 31),  # interim
    date(2020, 12, 31),  # final, or interim for an accumulating target started late
    date(2021, 12, 31),  # later
]
FULL = [date(2020, 1, 1), date(2020, 12, 31)]
DOCUMENT_DATES = [None, date(2021, 3, 1), date(2021, 3, 1), date(2022, 6, 1)]
STATES = ["approved", "approved", "approved", "draft", "submitted", "returned"]


def spec(start, end, *, proxy=False, document=1, state="approved"):
    return {"period": (start, end), "proxy": proxy, "document": document, "state": state}


JAN, JUL = date(2020, 1, 1), date(2020, 7, 1)
JUN_END, OCT_END, DEC_END = date(2020, 6, 30), date(2020, 10, 31), date(2020, 12, 31)
# Each rule of the ordering, where it decides (always run, besides the random ones).
RULE_EXAMPLES = [
    # A proxy never outranks its grade's own figure, even a later one.
    [(False, [spec(JAN, OCT_END, proxy=True), spec(JAN, JUN_END)])],
    # A better grade wins even as a proxy.
    [(False, [spec(JAN, OCT_END), spec(JAN, DEC_END, proxy=True)])],
    # Same period end: the latest document, an undated one last; then the highest id.
    [(False, [spec(JAN, OCT_END, document=0), spec(JAN, OCT_END, document=1)])],
    [(False, [spec(JAN, OCT_END, document=1), spec(JAN, OCT_END, document=2)])],
    # Ends at the period's end but starts late: interim when accumulating.
    [(True, [spec(JUL, DEC_END), spec(JAN, OCT_END)]), (False, [spec(JUL, DEC_END)])],
    # Baseline figures rank among themselves; unapproved ones never count.
    [(False, [spec(date(2019, 1, 1), date(2019, 12, 31)), spec(JAN, JUN_END, state="draft")])],
]

outcome_specs = st.fixed_dictionaries(
    {
        "period": st.tuples(st.sampled_from(STARTS), st.sampled_from(ENDS)).filter(
            lambda period: period[0] <= period[1]
        ),
        "proxy": st.booleans(),
        "document": st.integers(0, len(DOCUMENT_DATES) - 1),
        "state": st.sampled_from(STATES),
    }
)
target_specs = st.tuples(st.booleans(), st.lists(outcome_specs, min_size=1, max_size=7))


@pytest.fixture
def documents():
    return [
        Document.objects.create(
            slug=f"prop-doc-{n}", title=f"文件{n}", kind="news", published_on=published
        )
        for n, published in enumerate(DOCUMENT_DATES)
    ]


def facts_of(target: Target) -> TargetFacts:
    return TargetFacts(
        id=target.pk,
        comparator=target.comparator,
        value=target.value,
        unit=target.unit,
        period_start=target.period_start,
        period_end=target.period_end,
        accumulates=target.accumulates,
    )


def outcome_facts_of(outcome: Outcome) -> OutcomeFacts:
    return OutcomeFacts(
        id=outcome.pk,
        value=outcome.value,
        unit=outcome.unit,
        period_start=outcome.period_start,
        period_end=outcome.period_end,
        is_proxy=outcome.is_proxy,
        document_id=outcome.document_id,
        document_date=outcome.document.published_on,
    )


def build(specs, documents) -> dict[Target, list[Outcome]]:
    """Targets and their outcomes straight into the tables (no services:
    they would refresh statuses on every row, which this test does not need)."""
    plan = Plan.objects.create(
        slug="prop-plan", title="性质测试", period_start=date(2020, 1, 1),
        period_end=date(2020, 12, 31),
    )  # fmt: skip
    built = {}
    for n, (accumulates, outcomes) in enumerate(specs):
        target = Target.objects.create(
            plan=plan, code=f"P{n}", statement="增长20%以上", indicator="增速",
            comparator="at_least", value=D(20), unit="%", accumulates=accumulates,
            period_start=plan.period_start, period_end=plan.period_end,
        )  # fmt: skip
        built[target] = [
            Outcome.objects.create(
                target=target,
                document=documents[spec["document"]],
                value=D(n),
                unit="%",
                period_start=spec["period"][0],
                period_end=spec["period"][1],
                quote="增长",
                is_proxy=spec["proxy"],
                state=spec["state"],
            )
            for spec in outcomes
        ]
    return built


@settings(
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(specs=st.lists(target_specs, min_size=1, max_size=3))
@example(specs=RULE_EXAMPLES[0])
@example(specs=RULE_EXAMPLES[1])
@example(specs=RULE_EXAMPLES[2])
@example(specs=RULE_EXAMPLES[3])
@example(specs=RULE_EXAMPLES[4])
@example(specs=RULE_EXAMPLES[5])
def test_sql_best_evidence_equals_the_domain(documents, specs):
    # One savepoint per example, rolled back: examples never see each other.
    with transaction.atomic():
        built = build(specs, documents)
        chosen = best_evidence_by_target(ids(target.pk for target in built))
        for target, outcomes in built.items():
            facts = facts_of(target)
            approved = [outcome_facts_of(o) for o in outcomes if o.state == "approved"]
            expected_best = best_evidence(facts, approved)
            expected_baseline = baseline_candidate(facts, approved)
            found = chosen.get(target.pk)
            assert (found.best.id if found and found.best else None) == (
                expected_best.id if expected_best else None
            )
            assert (found.baseline.id if found and found.baseline else None) == (
                expected_baseline.id if expected_baseline else None
            )
        transaction.set_rollback(True)


@settings(
    max_examples=20,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(specs=st.lists(target_specs, min_size=1, max_size=2))
def test_sql_grade_equals_the_domain(documents, specs):
    with transaction.atomic():
        built = build(specs, documents)
        ranked = ranked_evidence(ids(target.pk for target in built))
        grades = {
            int(row["id"]): row["grade"]
            for row in run_select(sa.select(ranked.c.id, ranked.c.grade))
        }
        expected = {
            outcome.pk: outcome_grade(facts_of(target), outcome_facts_of(outcome))
            for target, outcomes in built.items()
            for outcome in outcomes
            if outcome.state == "approved"
        }
        assert grades == expected
        transaction.set_rollback(True)


def test_unapproved_outcomes_never_reach_the_evidence(documents):
    specs = [
        (False, [{"period": FULL, "proxy": False, "document": 1, "state": state}])
        for state in ("draft", "submitted", "returned")
    ]
    built = build(specs, documents)
    assert best_evidence_by_target(ids(target.pk for target in built)) == {}
