"""Counts and attainment rates per unit or plan (docs/attainment.md section 7).

Each (assessment, role) pair is one assignment: a target with three units
counts once for each unit. The confirmed rate is met / (met + missed) over
final evidence; the indicative rate also counts later evidence. Indeterminate
verdicts are in neither numerator nor denominator: they are not evidence of a
miss. A rate with an empty denominator is None, never 0 or 100%.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from dataclasses import dataclass, field
from decimal import Context, Decimal
from typing import TypeVar

from tracker.domain.status import Assessment
from tracker.domain.vocab import ROLES, STATUSES

__all__ = ["Rate", "RollupResult", "rollup", "rollup_by"]

_CONTEXT = Context(prec=28)
K = TypeVar("K", bound=Hashable)


@dataclass(frozen=True)
class Rate:
    """met / (met + missed), kept as counts so the figure can be audited."""

    met: int = 0
    missed: int = 0

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
class RollupResult:
    """Status counts (every status present, zeros included) and the four rates."""

    counts: dict[str, int] = field(default_factory=dict)
    lead_counts: dict[str, int] = field(default_factory=dict)
    confirmed: Rate = Rate()
    indicative: Rate = Rate()
    lead_confirmed: Rate = Rate()
    lead_indicative: Rate = Rate()

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def lead_total(self) -> int:
        return sum(self.lead_counts.values())

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


def rollup(assessments: Iterable[tuple[Assessment, str]]) -> RollupResult:
    """Counts and rates over all assignments and over lead assignments only."""
    pairs = list(assessments)
    for _, role in pairs:
        if role not in ROLES:
            raise ValueError(f"role must be one of {', '.join(ROLES)}; got {role!r}")
    everything = [a for a, _ in pairs]
    lead = [a for a, role in pairs if role == "lead"]
    confirmed, indicative = _rates(everything)
    lead_confirmed, lead_indicative = _rates(lead)
    return RollupResult(
        counts=_counts(everything),
        lead_counts=_counts(lead),
        confirmed=confirmed,
        indicative=indicative,
        lead_confirmed=lead_confirmed,
        lead_indicative=lead_indicative,
    )


def rollup_by(rows: Iterable[tuple[K, Assessment, str]]) -> dict[K, RollupResult]:
    """One rollup per key (a unit id, a plan id) from (key, assessment, role) rows."""
    groups: dict[K, list[tuple[Assessment, str]]] = {}
    for key, assessment, role in rows:
        groups.setdefault(key, []).append((assessment, role))
    return {key: rollup(pairs) for key, pairs in groups.items()}
