"""The facts the rules need, and which outcome is a target's best evidence.

``TargetFacts`` and ``OutcomeFacts`` are plain snapshots of rows, so the model
property, the SQL report and the CSV export all feed the same rules. Callers
pass approved outcomes only (docs/reports.md "Outcome review"): drafts
never reach a verdict.
Given ``as_of``, only figures known on that day count (``periods.known_on``).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from tracker.domain.periods import EVIDENCE_ORDER, grade, known_on
from tracker.domain.units import SEED_REGISTRY, UnitRegistry
from tracker.vocabulary import (
    COMMITMENTS,
    COMPARATORS,
    DIRECTIONS,
    GROWTH_PATHS,
    MEASURES,
    QUALIFIERS,
    Commitment,
    Comparator,
    Direction,
    Grade,
    Growth,
    Measure,
    Qualifier,
)

__all__ = [
    "EVIDENCE_ORDERING",
    "OutcomeFacts",
    "TargetFacts",
    "baseline_candidate",
    "best_evidence",
    "context_candidate",
    "evidence_rank_key",
    "known",
    "outcome_grade",
]

EVIDENCE_ORDERING: tuple[tuple[str, str], ...] = (
    (
        "convertible",
        "figures whose unit converts to the target's first (0), others after (1): a figure "
        "that cannot convert never outranks one that can; unknown units do not convert",
    ),
    (
        "grade",
        "final, then later, then interim (CASE ... WHEN 'final' THEN 0 ...); "
        "baseline and context ranked apart",
    ),
    ("is_proxy", "false first: a proxy never outranks a same-indicator figure of its grade"),
    ("period_end", "latest first (DESC)"),
    ("document_date", "latest first, unknown dates last (DESC NULLS LAST)"),
    ("id", "highest first (DESC): the most recently entered wins a full tie"),
)
"""The best-evidence ordering as column rules, for the SQL window function
(``ROW_NUMBER() OVER (PARTITION BY target_id, slot ORDER BY ...)``, keep row
1 of each slot: evidence, baseline, context). ``evidence_rank_key`` implements
exactly this; the grade is computed from the periods and the target's measure
as in ``tracker.domain.periods.grade``."""


def _decimal(name: str, value: object, *, optional: bool = False) -> Decimal | None:
    # Floats are refused: 0.1 + 0.2 is not 0.3, and verdicts sit on boundaries.
    if value is None and optional:
        return None
    if isinstance(value, bool | float):
        raise TypeError(
            f"{name} must be a Decimal, not {type(value).__name__}: use Decimal(str(x))"
        )
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, Decimal):
        return value
    raise TypeError(f"{name} must be a Decimal, not {type(value).__name__}")


def _choice(name: str, value: str, allowed: tuple[str, ...]) -> None:
    if value not in allowed:
        raise ValueError(f"{name} must be one of {', '.join(allowed)}; got {value!r}")


@dataclass(frozen=True, kw_only=True)
class OutcomeFacts:
    """A reported figure with its period and provenance.

    ``value``/``value_high`` are in ``unit`` as written (``4.8`` with
    ``万个``); ``is_proxy`` marks a related indicator reported in place of the
    target's own (高技术制造业 for 高技术产业).
    """

    id: int
    value: Decimal
    unit: str
    period_start: date
    period_end: date
    qualifier: Qualifier = "exact"
    value_high: Decimal | None = None
    is_proxy: bool = False
    document_id: int | None = None
    document_date: date | None = None
    document_title: str = ""
    quote: str = ""

    def __post_init__(self) -> None:
        object.__setattr__(self, "value", _decimal("value", self.value))
        object.__setattr__(
            self, "value_high", _decimal("value_high", self.value_high, optional=True)
        )
        _choice("qualifier", self.qualifier, QUALIFIERS)
        if (self.qualifier == "range") != (self.value_high is not None):
            raise ValueError("value_high is required for a range and only for a range")
        if self.period_end < self.period_start:
            raise ValueError("outcome period ends before it starts")


@dataclass(frozen=True, kw_only=True)
class TargetFacts:
    """A target as the rules see it.

    ``tolerance`` is absolute, in ``unit`` (None: 5% of |value|);
    ``baseline_value`` is in ``unit`` and measured at ``baseline_date``.
    ``measure`` (required: it decides which figures can speak for the
    target) is ``level`` for a state at a date (share, intensity, stock),
    ``flow`` for an amount adding up over the period (investment, projects
    started) and ``rate`` for a change over the period (growth, decline).
    """

    id: int
    comparator: Comparator
    value: Decimal
    unit: str
    period_start: date
    period_end: date
    value_high: Decimal | None = None
    tolerance: Decimal | None = None
    direction: Direction = "higher"
    commitment: Commitment = "firm"
    measure: Measure
    baseline_value: Decimal | None = None
    baseline_date: date | None = None
    growth: Growth = "linear"

    def __post_init__(self) -> None:
        object.__setattr__(self, "value", _decimal("value", self.value))
        object.__setattr__(
            self, "value_high", _decimal("value_high", self.value_high, optional=True)
        )
        object.__setattr__(self, "tolerance", _decimal("tolerance", self.tolerance, optional=True))
        object.__setattr__(
            self, "baseline_value", _decimal("baseline_value", self.baseline_value, optional=True)
        )
        _choice("comparator", self.comparator, COMPARATORS)
        _choice("direction", self.direction, DIRECTIONS)
        _choice("commitment", self.commitment, COMMITMENTS)
        _choice("growth", self.growth, GROWTH_PATHS)
        _choice("measure", self.measure, MEASURES)
        if (self.comparator == "range") != (self.value_high is not None):
            raise ValueError("value_high is required for a range and only for a range")
        if self.value_high is not None and self.value_high < self.value:
            raise ValueError("range upper end is below its lower end")
        if (self.baseline_value is None) != (self.baseline_date is None):
            raise ValueError("a baseline needs both a value and a date")
        if self.period_end < self.period_start:
            raise ValueError("target period ends before it starts")

    @property
    def has_baseline(self) -> bool:
        return self.baseline_value is not None


def outcome_grade(target: TargetFacts, outcome: OutcomeFacts) -> Grade:
    """The outcome's grade for this target (see ``tracker.domain.periods``)."""
    return grade(
        target.period_start,
        target.period_end,
        outcome.period_start,
        outcome.period_end,
        measure=target.measure,
    )


def known(outcomes: Iterable[OutcomeFacts], as_of: date | None) -> list[OutcomeFacts]:
    """The outcomes known on ``as_of`` (all of them when it is None)."""
    if as_of is None:
        return list(outcomes)
    return [o for o in outcomes if known_on(o.document_date, o.period_end, as_of)]


def _grade_rank(grade_: Grade) -> int:
    # Baseline and context rank after every evidence grade; they are only
    # ever compared among themselves.
    return EVIDENCE_ORDER.index(grade_) if grade_ in EVIDENCE_ORDER else len(EVIDENCE_ORDER)


def evidence_rank_key(
    target: TargetFacts, outcome: OutcomeFacts, *, units: UnitRegistry = SEED_REGISTRY
) -> tuple[int, int, int, int, int, int]:
    """Sort key, smallest is best: ``min(outcomes, key=...)`` is the best evidence.

    Follows ``EVIDENCE_ORDERING``: a unit that converts to the target's (in
    ``units``) first, then grade (final < later < interim; baseline and
    context after them, only ever compared among themselves), same
    indicator before proxy, latest period end, latest document date (unknown
    last), highest id.
    """
    doc = outcome.document_date.toordinal() if outcome.document_date else 0
    return (
        0 if units.problem(outcome.unit, target.unit) is None else 1,
        _grade_rank(outcome_grade(target, outcome)),
        int(outcome.is_proxy),
        -outcome.period_end.toordinal(),
        -doc,
        -outcome.id,
    )


def _first(
    target: TargetFacts,
    outcomes: Iterable[OutcomeFacts],
    grades: tuple[str, ...],
    as_of: date | None,
    units: UnitRegistry,
) -> OutcomeFacts | None:
    chosen = [o for o in known(outcomes, as_of) if outcome_grade(target, o) in grades]
    if not chosen:
        return None
    return min(chosen, key=lambda o: evidence_rank_key(target, o, units=units))


def best_evidence(
    target: TargetFacts,
    outcomes: Iterable[OutcomeFacts],
    *,
    as_of: date | None = None,
    units: UnitRegistry = SEED_REGISTRY,
) -> OutcomeFacts | None:
    """The outcome the verdict rests on: final, later or interim only."""
    return _first(target, outcomes, EVIDENCE_ORDER, as_of, units)


def baseline_candidate(
    target: TargetFacts,
    outcomes: Iterable[OutcomeFacts],
    *,
    as_of: date | None = None,
    units: UnitRegistry = SEED_REGISTRY,
) -> OutcomeFacts | None:
    """The latest level from before the target period, to stand in for a
    missing baseline; same ordering as best evidence within the grade."""
    return _first(target, outcomes, ("baseline",), as_of, units)


def context_candidate(
    target: TargetFacts,
    outcomes: Iterable[OutcomeFacts],
    *,
    as_of: date | None = None,
    units: UnitRegistry = SEED_REGISTRY,
) -> OutcomeFacts | None:
    """The most recent figure for another period (a rate's other years, a
    flow not counted from the start): named in the reason when nothing else
    speaks for the target, never judged."""
    return _first(target, outcomes, ("context",), as_of, units)
