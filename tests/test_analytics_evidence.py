"""Best evidence chosen in SQL (a ROW_NUMBER window) agrees with the domain's
``best_evidence``, ``baseline_candidate`` and ``context_candidate`` on random
outcome sets, for every measure and as of any date; only approved outcomes
reach it."""

from datetime import date
from decimal import Decimal as D

import pytest
import sqlalchemy as sa
from django.db import transaction
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from tracker.analytics.evidence import best_evidence_by_target, ids, ranked_evidence, targets
from tracker.analytics.units import load_registry
from tracker.db import run_select
from tracker.domain import (
    OutcomeFacts,
    TargetFacts,
    baseline_candidate,
    best_evidence,
    context_candidate,
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
    date(2020, 12, 31),  # final, or context for a flow started late, interim for a rate
    date(2021, 12, 31),  # later, or context
]
MEASURES = ["level", "flow", "rate"]
# As-of dates around the document dates and period ends (None: everything).
AS_OF = [None, date(2020, 10, 31), date(2021, 3, 1), date(2021, 12, 31), date(2022, 6, 1)]
FULL = [date(2020, 1, 1), date(2020, 12, 31)]
DOCUMENT_DATES = [None, date(2021, 3, 1), date(2021, 3, 1), date(2022, 6, 1)]
STATES = ["approved", "approved", "approved", "draft", "submitted", "returned"]
# Against a % target: convertible (%, ％, 万%), another dimension, unknown.
UNITS = ["%", "%", "％", "万%", "个百分点", "亿元", "英寸"]


def spec(start, end, *, proxy=False, document=1, state="approved", unit="%"):
    return {
        "period": (start, end),
        "proxy": proxy,
        "document": document,
        "state": state,
        "unit": unit,
    }


JAN, JUL = date(2020, 1, 1), date(2020, 7, 1)
JUN_END, OCT_END, DEC_END = date(2020, 6, 30), date(2020, 10, 31), date(2020, 12, 31)
NEXT_YEAR = (date(2021, 1, 1), date(2021, 12, 31))
# Each rule of the ordering, where it decides (always run, besides the random ones).
RULE_EXAMPLES = [
    # A proxy never outranks its grade's own figure, even a later one.
    ([("level", [spec(JAN, OCT_END, proxy=True), spec(JAN, JUN_END)])], None),
    # A better grade wins even as a proxy.
    ([("level", [spec(JAN, OCT_END), spec(JAN, DEC_END, proxy=True)])], None),
    # Same period end: the latest document, an undated one last; then the highest id.
    ([("level", [spec(JAN, OCT_END, document=0), spec(JAN, OCT_END, document=1)])], None),
    ([("level", [spec(JAN, OCT_END, document=1), spec(JAN, OCT_END, document=2)])], None),
    # Ends at the period's end but starts late: context for a flow, interim
    # for a rate, final for a level.
    (
        [
            ("flow", [spec(JUL, DEC_END), spec(JAN, OCT_END)]),
            ("rate", [spec(JUL, DEC_END)]),
            ("level", [spec(JUL, DEC_END)]),
        ],
        None,
    ),
    # Later beats interim; another year's rate is context only.
    ([("level", [spec(JAN, OCT_END), spec(*NEXT_YEAR)]), ("rate", [spec(*NEXT_YEAR)])], None),
    # Baseline figures rank among themselves; unapproved ones never count.
    (
        [
            (
                "level",
                [spec(date(2019, 1, 1), date(2019, 12, 31)), spec(JAN, JUN_END, state="draft")],
            )
        ],
        None,
    ),
    # As of a date: a document published later, or an undated one whose
    # period had not ended, is left out.
    (
        [("level", [spec(JAN, OCT_END, document=3), spec(JAN, JUN_END, document=0)])],
        date(2021, 3, 1),
    ),
    # A figure that cannot convert never outranks one that can, whatever its grade.
    ([("level", [spec(JAN, DEC_END, unit="亿元"), spec(JAN, JUN_END)])], None),
    (
        [("level", [spec(JAN, DEC_END, unit="英寸"), spec(JAN, date(2021, 12, 31), unit="万%")])],
        None,
    ),
]

outcome_specs = st.fixed_dictionaries(
    {
        "period": st.tuples(st.sampled_from(STARTS), st.sampled_from(ENDS)).filter(
            lambda period: period[0] <= period[1]
        ),
        "proxy": st.booleans(),
        "document": st.integers(0, len(DOCUMENT_DATES) - 1),
        "state": st.sampled_from(STATES),
        "unit": st.sampled_from(UNITS),
    }
)
target_specs = st.tuples(st.sampled_from(MEASURES), st.lists(outcome_specs, min_size=1, max_size=7))


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
        measure=target.measure,
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
    for n, (measure, outcomes) in enumerate(specs):
        target = Target.objects.create(
            plan=plan, code=f"P{n}", statement="增长20%以上", indicator="增速",
            comparator="at_least", value=D(20), unit="%", measure=measure,
            period_start=plan.period_start, period_end=plan.period_end,
        )  # fmt: skip
        built[target] = [
            Outcome.objects.create(
                target=target,
                document=documents[spec["document"]],
                value=D(n),
                unit=spec.get("unit", "%"),
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
@given(specs=st.lists(target_specs, min_size=1, max_size=3), as_of=st.sampled_from(AS_OF))
@example(specs=RULE_EXAMPLES[0][0], as_of=RULE_EXAMPLES[0][1])
@example(specs=RULE_EXAMPLES[1][0], as_of=RULE_EXAMPLES[1][1])
@example(specs=RULE_EXAMPLES[2][0], as_of=RULE_EXAMPLES[2][1])
@example(specs=RULE_EXAMPLES[3][0], as_of=RULE_EXAMPLES[3][1])
@example(specs=RULE_EXAMPLES[4][0], as_of=RULE_EXAMPLES[4][1])
@example(specs=RULE_EXAMPLES[5][0], as_of=RULE_EXAMPLES[5][1])
@example(specs=RULE_EXAMPLES[6][0], as_of=RULE_EXAMPLES[6][1])
@example(specs=RULE_EXAMPLES[7][0], as_of=RULE_EXAMPLES[7][1])
@example(specs=RULE_EXAMPLES[8][0], as_of=RULE_EXAMPLES[8][1])
@example(specs=RULE_EXAMPLES[9][0], as_of=RULE_EXAMPLES[9][1])
def test_sql_best_evidence_equals_the_domain(documents, specs, as_of):
    # One savepoint per example, rolled back: examples never see each other.
    with transaction.atomic():
        built = build(specs, documents)
        chosen = best_evidence_by_target(ids(target.pk for target in built), as_of=as_of)
        units = load_registry()  # the table's registry, as the pages use it
        for target, outcomes in built.items():
            facts = facts_of(target)
            approved = [outcome_facts_of(o) for o in outcomes if o.state == "approved"]
            found = chosen.get(target.pk)
            for slot, pick in (
                ("best", best_evidence),
                ("baseline", baseline_candidate),
                ("context", context_candidate),
            ):
                expected = pick(facts, approved, as_of=as_of, units=units)
                got = getattr(found, slot) if found else None
                assert (got.id if got else None) == (expected.id if expected else None), slot
        transaction.set_rollback(True)


@settings(
    max_examples=20,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(specs=st.lists(target_specs, min_size=1, max_size=2))
@example(specs=[(measure, [spec(start, end) for start in STARTS for end in ENDS if start <= end])
                for measure in MEASURES])  # fmt: skip
def test_sql_grade_equals_the_domain(documents, specs):
    # Every period against every measure, besides the random sets: the grade
    # decides the status (interim after the period is overdue, final is not)
    # even where it does not change which figure ranks first.
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


def test_a_planners_unit_counts_in_sql_as_in_the_domain(documents):
    # A unit added to the table (here, a percent-like one) converts in the
    # window at once: the SQL reads the same registry the rules are given.
    from tracker.models import UnitOfMeasure

    final_in_boxes = spec(JAN, DEC_END, unit="万标准点")
    interim = spec(JAN, JUN_END)
    built = build([("level", [final_in_boxes, interim])], documents)
    (target, outcomes) = next(iter(built.items()))
    assert best_evidence_by_target(ids([target.pk]))[target.pk].best.id == outcomes[1].pk
    UnitOfMeasure.objects.create(name="标准点", dimension="percent", factor=D("0.0001"))
    assert best_evidence_by_target(ids([target.pk]))[target.pk].best.id == outcomes[0].pk
    facts = facts_of(target)
    approved = [outcome_facts_of(o) for o in outcomes]
    assert best_evidence(facts, approved, units=load_registry()).id == outcomes[0].pk


def test_unapproved_outcomes_never_reach_the_evidence(documents):
    specs = [
        ("level", [{"period": FULL, "proxy": False, "document": 1, "state": state}])
        for state in ("draft", "submitted", "returned")
    ]
    built = build(specs, documents)
    assert best_evidence_by_target(ids(target.pk for target in built)) == {}


def test_sql_reads_every_fact_of_a_target_and_of_its_evidence(make):
    """The SQL hands the rules every field, none left at its default: a
    range target's high end, its tolerance, direction, commitment, baseline
    and growth; an outcome's range, qualifier, proxy flag, document and
    quote (mutation testing, issue 14: a dropped ``value_high`` survived)."""
    plan = make.plan(period_start=date(2020, 1, 1), period_end=date(2022, 12, 31))
    target = make.target(
        plan,
        statement="高耗能产业比重20-30%",
        comparator="range",
        value=D("20"),
        value_high=D("30"),
        unit="%",
        tolerance=D("1.5"),
        direction="lower",
        commitment="aspirational",
        measure="level",
        baseline_value=D("40.1"),
        baseline_date=date(2016, 12, 31),
        growth="compound",
    )
    document = make.document(text="2021年高耗能产业占比为25.3%至26.1%。", published_on=None)
    outcome = make.outcome(
        target,
        document_=document,
        quote="占比为25.3%至26.1%",
        qualifier="range",
        value=D("25.3"),
        value_high=D("26.1"),
        is_proxy=True,
        reported_indicator="高耗能行业占比",
        period_start=date(2021, 12, 31),
        period_end=date(2021, 12, 31),
    )
    assert targets(ids([target.pk])) == [
        TargetFacts(
            id=target.pk,
            comparator="range",
            value=D("20"),
            value_high=D("30"),
            unit="%",
            tolerance=D("1.5"),
            period_start=date(2020, 1, 1),
            period_end=date(2022, 12, 31),
            direction="lower",
            commitment="aspirational",
            measure="level",
            baseline_value=D("40.1"),
            baseline_date=date(2016, 12, 31),
            growth="compound",
        )
    ]
    assert best_evidence_by_target(ids([target.pk]))[target.pk].best == OutcomeFacts(
        id=outcome.pk,
        value=D("25.3"),
        value_high=D("26.1"),
        qualifier="range",
        unit="%",
        period_start=date(2021, 12, 31),
        period_end=date(2021, 12, 31),
        is_proxy=True,
        document_id=document.pk,
        document_date=None,
        document_title=document.title,
        quote="占比为25.3%至26.1%",
    )


def test_an_undated_documents_figure_counts_from_the_day_its_period_ends(make):
    """docs/attainment.md section 6: without a publication date a figure is
    known once its period has ended, on that day included (mutation testing,
    issue 14: ``period_end < as_of`` survived)."""
    target = make.target(measure="level")
    document = make.document(text="2020年上半年,增长29%。", published_on=None)
    outcome = make.outcome(
        target,
        document_=document,
        quote="增长29%",
        period_start=date(2020, 1, 1),
        period_end=date(2020, 6, 30),
    )
    on_the_day = best_evidence_by_target(ids([target.pk]), as_of=date(2020, 6, 30))
    assert on_the_day[target.pk].best.id == outcome.pk
    assert best_evidence_by_target(ids([target.pk]), as_of=date(2020, 6, 29)) == {}
