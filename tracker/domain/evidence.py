"""The facts the rules need, and which outcome is a target's best evidence.

``TargetFacts`` and ``OutcomeFacts`` are plain snapshots of rows, so the model
property, the SQL report and the CSV export all feed the same rules. Callers
pass approved outcomes only (DESIGN.md 6a): drafts never reach a verdict.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from tracker.domain.periods import GRADE_ORDER, grade
from tracker.domain.units import SEED_REGISTRY, UnitRegistry
from tracker.domain.vocab import (
    COMMITMENTS,
    COMPARATORS,
    DIRECTIONS,
    GROWTH_PATHS,
    QUALIFIERS,
    Commitment,
    Comparator,
    Direction,
    Grade,
    Growth,
    Qualifier,
)

__all__ = [
    "EVIDENCE_ORDERING",
    "OutcomeFacts",
    "TargetFacts",
    "baseline_candidate",
    "best_evidence",
    "evidence_rank_key",
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
        "final, then interim, then later (CASE ... WHEN 'final' THEN 0 ...); baseline excluded",
    ),
    ("is_proxy", "false first: a proxy never outranks a same-indicator figure of its grade"),
    ("period_end", "latest first (DESC)"),
    ("document_date", "latest first, unknown dates last (DESC NULLS LAST)"),
    ("id", "highest first (DESC): the most recently entered wins a full tie"),
)
"""The best-evidence ordering as column rules, for the SQL window function
(``ROW_NUMBER() OVER (PARTITION BY target_id ORDER BY ...)``, keep row 1).
``evidence_rank_key`` implements exactly this; the grade is computed from the
periods as in ``tracker.domain.periods.grade``."""


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
    ``accumulates`` is True for totals over the period (investment, projects
    started) and False for rates, shares and stocks.
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
    accumulates: bool = False
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
        accumulates=target.accumulates,
    )


def evidence_rank_key(
    target: TargetFacts, outcome: OutcomeFacts, *, units: UnitRegistry = SEED_REGISTRY
) -> tuple[int, int, int, int, int, int]:
    """Sort key, smallest is best: ``min(outcomes, key=...)`` is the best evidence.

    Follows ``EVIDENCE_ORDERING``: a unit that converts to the target's (in
    ``units``) first, then grade (final < interim < later < baseline), same
    indicator before proxy, latest period end, latest document date (unknown
    last), highest id.
    """
    doc = outcome.document_date.toordinal() if outcome.document_date else 0
    return (
        0 if units.problem(outcome.unit, target.unit) is None else 1,
        GRADE_ORDER.index(outcome_grade(target, outcome)),
        int(outcome.is_proxy),
        -outcome.period_end.toordinal(),
        -doc,
        -outcome.id,
    )


def best_evidence(
    target: TargetFacts,
    outcomes: Iterable[OutcomeFacts],
    *,
    units: UnitRegistry = SEED_REGISTRY,
) -> OutcomeFacts | None:
    """The outcome the verdict rests on; baseline-grade figures never qualify."""
    usable = [o for o in outcomes if outcome_grade(target, o) != "baseline"]
    if not usable:
        return None
    return min(usable, key=lambda o: evidence_rank_key(target, o, units=units))


def baseline_candidate(
    target: TargetFacts,
    outcomes: Iterable[OutcomeFacts],
    *,
    units: UnitRegistry = SEED_REGISTRY,
) -> OutcomeFacts | None:
    """The latest figure from before the target period, to stand in for a
    missing baseline; same ordering as best evidence within the grade."""
    earlier = [o for o in outcomes if outcome_grade(target, o) == "baseline"]
    if not earlier:
        return None
    return min(earlier, key=lambda o: evidence_rank_key(target, o, units=units))
