"""Every tie-break of the best-evidence ordering, on fixed cases.

``docs/attainment.md`` section 5 ("Best evidence"): within a grade, the most
recent period wins, then the most recently published document (an undated
one last), then the latest entry; a proxy never outranks a same-indicator
figure of its grade. Each case states its winner, and both the SQL window
(``tracker.analytics.evidence``) and the domain rules
(``tracker.domain.best_evidence``) must pick it: the property test in
``test_analytics_evidence`` only checks that the two agree, so a rule
changed on both sides would pass it.

All figures of a case share one grade (interim: periods inside the target's
year, ending before its end), so the cases hold whatever order the grades
themselves take. To add a tie-break (a new ordering term), add a case and a
term to ``stated_order``.

A property test then draws figures of one grade at random and checks SQL
and the domain against ``stated_order``, the rule as the docs state it. It
catches a swapped pair of terms within a few examples (the general property
test in ``test_analytics_evidence`` needs hundreds; see the CI profile in
``tests/conftest.py``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tracker.analytics.evidence import best_evidence_by_target, ids
from tracker.domain import OutcomeFacts, TargetFacts, best_evidence
from tracker.models import Document, Outcome, Plan, Target

pytestmark = pytest.mark.django_db

JAN = date(2020, 1, 1)
JUN_END, OCT_END = date(2020, 6, 30), date(2020, 10, 31)
OLDER, NEWER = date(2021, 3, 1), date(2022, 6, 1)


@dataclass(frozen=True)
class Figure:
    """One reported figure: its period's end (it starts on 1 January, as the
    target does), its document's publication date, and whether it is a proxy."""

    ends: date
    published: date | None
    proxy: bool = False
    unit: str = "%"


@dataclass(frozen=True)
class Case:
    rule: str
    figures: tuple[Figure, ...]  # entered in this order: later entries have higher ids
    best: int  # index into figures
    by_entry: bool = False  # the figures tie on every rule but the order of entry


CASES = [
    Case(
        "a later period from an older document beats an earlier period from a newer one",
        (Figure(OCT_END, OLDER), Figure(JUN_END, NEWER)),
        best=0,
    ),
    Case(
        "the later period wins even when its document is undated",
        (Figure(JUN_END, NEWER), Figure(OCT_END, None)),
        best=1,
    ),
    Case(
        "same period: the more recently published document",
        (Figure(OCT_END, NEWER), Figure(OCT_END, OLDER)),
        best=0,
    ),
    Case(
        "same period: a dated document before an undated one, even one entered later",
        (Figure(OCT_END, OLDER), Figure(OCT_END, None)),
        best=0,
    ),
    Case(
        "same period, same publication date: the latest entry",
        (Figure(OCT_END, OLDER), Figure(OCT_END, OLDER)),
        best=1,
        by_entry=True,
    ),
    Case(
        "a proxy after a same-indicator figure, even with a later period",
        (Figure(OCT_END, NEWER, proxy=True), Figure(JUN_END, OLDER)),
        best=1,
    ),
    Case(
        "a proxy after a same-indicator figure, even from a newer document",
        (Figure(OCT_END, NEWER, proxy=True), Figure(OCT_END, OLDER)),
        best=1,
    ),
    Case(
        "between proxies, the same order: the later period from the older document",
        (Figure(JUN_END, NEWER, proxy=True), Figure(OCT_END, OLDER, proxy=True)),
        best=1,
    ),
    Case(
        "a figure whose unit cannot convert never outranks one that can",
        (Figure(OCT_END, NEWER, unit="亿元"), Figure(JUN_END, OLDER)),
        best=1,
    ),
]


def _enter(make, figures: tuple[Figure, ...]) -> tuple[Target, list[Outcome]]:
    """The case's figures, approved, through the services: each figure cites
    its own document, whose text holds its quote."""
    target = make.target()
    outcomes = []
    for n, figure in enumerate(figures):
        quote = f"增长{21 + n}%"
        document = make.document(text=f"据统计,{quote}。", published_on=figure.published)
        outcomes.append(
            make.outcome(
                target,
                document_=document,
                quote=quote,
                value=Decimal(21 + n),
                unit=figure.unit,
                period_start=JAN,
                period_end=figure.ends,
                is_proxy=figure.proxy,
                reported_indicator="高技术制造业增速" if figure.proxy else "",
            )
        )
    return target, outcomes


def _target_facts(target: Target) -> TargetFacts:
    return TargetFacts(
        id=target.pk,
        comparator=target.comparator,
        value=target.value,
        unit=target.unit,
        period_start=target.period_start,
        period_end=target.period_end,
        measure=target.measure,
    )


def _outcome_facts(outcome: Outcome) -> OutcomeFacts:
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


@pytest.mark.parametrize("entry_order", ["as listed", "reversed"])
@pytest.mark.parametrize("case", CASES, ids=[case.rule for case in CASES])
def test_sql_and_domain_pick_the_stated_winner(make, case, entry_order):
    """Entered in either order, the same figure wins (only the last rule
    looks at the order of entry), so no case passes by its ids alone."""
    figures = case.figures if entry_order == "as listed" else case.figures[::-1]
    best = case.best if entry_order == "as listed" else len(figures) - 1 - case.best
    if case.by_entry:
        best = len(figures) - 1
    target, outcomes = _enter(make, figures)
    expected = outcomes[best].pk
    chosen = best_evidence_by_target(ids([target.pk]))[target.pk].best
    assert chosen is not None
    assert chosen.id == expected, case.rule
    domain = best_evidence(_target_facts(target), [_outcome_facts(o) for o in outcomes])
    assert domain is not None
    assert domain.id == expected, case.rule


# -- the same rules on random figures of one grade ------------------------------------------

ENDS = [date(2020, 3, 31), JUN_END, date(2020, 9, 30), OCT_END]
PUBLISHED = [None, date(2020, 11, 20), OLDER, OLDER, NEWER]


def stated_order(figure: Figure, entered: int) -> tuple:
    """docs/attainment.md section 5 within a grade, smallest first: same
    indicator before proxy, latest period end, latest document (undated
    last), latest entry."""
    published = figure.published
    return (
        figure.proxy,
        -figure.ends.toordinal(),
        published is None,
        -(published.toordinal() if published else 0),
        -entered,
    )


@pytest.fixture
def documents_by_date():
    """One document per publication date, shared by the examples."""
    return {
        published: Document.objects.create(
            slug=f"order-doc-{n}", title=f"文件{n}", kind="news", published_on=published
        )
        for n, published in enumerate(dict.fromkeys(PUBLISHED))
    }


@settings(deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    figures=st.lists(
        st.builds(
            Figure,
            ends=st.sampled_from(ENDS),
            published=st.sampled_from(PUBLISHED),
            proxy=st.booleans(),
        ),
        min_size=2,
        max_size=6,
    )
)
def test_within_a_grade_sql_and_domain_follow_the_stated_order(documents_by_date, figures):
    # One savepoint per example, rolled back: examples never see each other.
    # Rows go straight into the tables: the services would refresh the stored
    # statuses on every row, which this test does not read.
    with transaction.atomic():
        plan = Plan.objects.create(
            slug="order-plan", title="排序", period_start=JAN, period_end=date(2020, 12, 31)
        )
        target = Target.objects.create(
            plan=plan, code="O1", statement="增长20%以上", indicator="增速",
            comparator="at_least", value=Decimal(20), unit="%", measure="rate",
            period_start=plan.period_start, period_end=plan.period_end,
        )  # fmt: skip
        outcomes = [
            Outcome.objects.create(
                target=target, document=documents_by_date[figure.published],
                value=Decimal(n), unit="%", period_start=JAN, period_end=figure.ends,
                quote="增长", is_proxy=figure.proxy, state="approved",
                reported_indicator="相近指标" if figure.proxy else "",
            )
            for n, figure in enumerate(figures)
        ]  # fmt: skip
        expected = min(range(len(figures)), key=lambda n: stated_order(figures[n], n))
        chosen = best_evidence_by_target(ids([target.pk]))[target.pk].best
        assert chosen is not None and chosen.id == outcomes[expected].pk
        domain = best_evidence(_target_facts(target), [_outcome_facts(o) for o in outcomes])
        assert domain is not None and domain.id == outcomes[expected].pk
        transaction.set_rollback(True)
