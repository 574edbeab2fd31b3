"""Counts and attainment rates per unit or plan (docs/attainment.md section 7).

Each (assessment, role) pair is one assignment: a target with three units
counts once for each unit. The confirmed rate is met / (met + missed) over
final evidence; the indicative rate also counts later evidence. Indeterminate
verdicts are in neither numerator nor denominator: they are not evidence of a
miss. A rate with an empty denominator is None, never 0 or 100%.

The reporting rate (DHIS2's completeness) is the third: targets with a final
figure / targets whose period is over. The attainment rates count only the
verdicts there are, so a unit whose targets are mostly overdue can show
100%; the reporting rate says how much of what is owed was reported. It
needs to know, per row, whether the target's period is over as of the
assessment's date: rows are ``(assessment, role, period_over)``.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from dataclasses import dataclass, field
from decimal import Context, Decimal
from typing import TypeVar

from tracker.domain.status import Assessment
from tracker.vocabulary import ASSIGNMENT_ROLES, STATUSES

__all__ = ["Rate", "Reporting", "RollupResult", "rollup", "rollup_by"]

_CONTEXT = Context(prec=28)
K = TypeVar("K", bound=Hashable)


@dataclass(frozen=True)
class Rate:
    """met / (met + missed), kept as counts so the figure can be audited."""

    met: int = 0
    missed: int = 0

    @property
    def numerator(self) -> int:
        return self.met

    @property
    def denominator(self) -> int:
        return self.met + self.missed

    @property
    def value(self) -> Decimal | None:
        """met / (met + missed) to 28 significant digits, unrounded (rounding
        is for display), or None when nothing counts."""
        if not self.denominator:
            return None
        return _CONTEXT.divide(Decimal(self.met), Decimal(self.denominator))


@dataclass(frozen=True)
class Reporting:
    """Targets with a final figure / targets whose period is over, as counts."""

    reported: int = 0
    due: int = 0

    @property
    def numerator(self) -> int:
        return self.reported

    @property
    def denominator(self) -> int:
        return self.due

    @property
    def value(self) -> Decimal | None:
        """reported / due, unrounded; None when no period is over yet."""
        if not self.due:
            return None
        return _CONTEXT.divide(Decimal(self.reported), Decimal(self.due))


@dataclass(frozen=True)
class RollupResult:
    """Status counts (every status present, zeros included) and the six rates.

    ``reporting`` and ``lead_reporting`` are None when the rows did not say
    whether each period is over.
    """

    counts: dict[str, int] = field(default_factory=dict)
    lead_counts: dict[str, int] = field(default_factory=dict)
    confirmed: Rate = Rate()
    indicative: Rate = Rate()
    lead_confirmed: Rate = Rate()
    lead_indicative: Rate = Rate()
    reporting: Reporting | None = None
    lead_reporting: Reporting | None = None

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def lead_total(self) -> int:
        return sum(self.lead_counts.values())

    @property
    def behind(self) -> int:
        """missed + overdue: how far behind, the order lists of units use."""
        return self.counts.get("missed", 0) + self.counts.get("overdue", 0)

    @property
    def lead_behind(self) -> int:
        return self.lead_counts.get("missed", 0) + self.lead_counts.get("overdue", 0)

    @property
    def confirmed_rate(self) -> Decimal | None:
        return self.confirmed.value

    @property
    def indicative_rate(self) -> Decimal | None:
        return self.indicative.value

    @property
    def lead_confirmed_rate(self) -> Decimal | None:
        return self.lead_confirmed.value

    @property
    def lead_indicative_rate(self) -> Decimal | None:
        return self.lead_indicative.value


def _rates(assessments: list[Assessment]) -> tuple[Rate, Rate]:
    def tally(grades: set[str]) -> Rate:
        met = sum(1 for a in assessments if a.status == "met" and a.grade in grades)
        missed = sum(1 for a in assessments if a.status == "missed" and a.grade in grades)
        return Rate(met, missed)

    return tally({"final"}), tally({"final", "later"})


def _counts(assessments: list[Assessment]) -> dict[str, int]:
    counts = dict.fromkeys(STATUSES, 0)
    for assessment in assessments:
        counts[assessment.status] += 1
    return counts


def _reporting(rows: list[tuple[Assessment, bool | None]]) -> Reporting | None:
    if any(over is None for _, over in rows):
        return None
    due = [a for a, over in rows if over]
    return Reporting(reported=sum(1 for a in due if a.grade == "final"), due=len(due))


Row = tuple[Assessment, str] | tuple[Assessment, str, bool]


def rollup(assessments: Iterable[Row]) -> RollupResult:
    """Counts and rates over all assignments and over lead assignments only.

    Rows are ``(assessment, role, period_over)``; ``(assessment, role)``
    rows give no reporting rate (None).
    """
    rows: list[tuple[Assessment, str, bool | None]] = [
        (row[0], row[1], row[2] if len(row) > 2 else None) for row in assessments
    ]
    for _, role, _over in rows:
        if role not in ASSIGNMENT_ROLES:
            raise ValueError(f"role must be one of {', '.join(ASSIGNMENT_ROLES)}; got {role!r}")
    everything = [a for a, _, _ in rows]
    lead = [a for a, role, _ in rows if role == "lead"]
    confirmed, indicative = _rates(everything)
    lead_confirmed, lead_indicative = _rates(lead)
    return RollupResult(
        counts=_counts(everything),
        lead_counts=_counts(lead),
        confirmed=confirmed,
        indicative=indicative,
        lead_confirmed=lead_confirmed,
        lead_indicative=lead_indicative,
        reporting=_reporting([(a, over) for a, _, over in rows]),
        lead_reporting=_reporting([(a, over) for a, role, over in rows if role == "lead"]),
    )


def rollup_by(
    rows: Iterable[tuple[K, Assessment, str] | tuple[K, Assessment, str, bool]],
) -> dict[K, RollupResult]:
    """One rollup per key (a unit id, a plan id) from (key, assessment, role
    [, period_over]) rows."""
    groups: dict[K, list[Row]] = {}
    for key, *row in rows:
        groups.setdefault(key, []).append(tuple(row))  # type: ignore[arg-type]
    return {key: rollup(pairs) for key, pairs in groups.items()}
