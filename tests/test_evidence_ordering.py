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
themselves take. To add a tie-break (a new ordering term), add a case.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

import pytest

from tracker.analytics.evidence import best_evidence_by_target, ids
from tracker.domain import OutcomeFacts, TargetFacts, best_evidence
from tracker.models import Outcome, Target

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
        accumulates=target.accumulates,
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
