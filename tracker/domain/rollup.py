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

__all__ = ["Rate", "Reporting", "RollupResult", "RollupTally", "rollup", "rollup_by"]

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


class _Side:
    """Running counts of one side (all assignments, or lead only)."""

    __slots__ = ("counts", "due", "final", "later", "reported", "unknown_over")

    def __init__(self) -> None:
        self.counts = dict.fromkeys(STATUSES, 0)
        self.final = [0, 0]  # met, missed over final evidence
        self.later = [0, 0]  # met, missed over later evidence
        self.reported = self.due = 0
        self.unknown_over = False

    def add(self, assessment: Assessment, over: bool | None) -> None:
        self.counts[assessment.status] += 1
        verdict = {"met": 0, "missed": 1}.get(assessment.status)
        if verdict is not None and assessment.grade == "final":
            self.final[verdict] += 1
        elif verdict is not None and assessment.grade == "later":
            self.later[verdict] += 1
        if over is None:
            self.unknown_over = True
        elif over:
            self.due += 1
            self.reported += assessment.grade == "final"

    def rates(self) -> tuple[Rate, Rate]:
        confirmed = Rate(*self.final)
        return confirmed, Rate(confirmed.met + self.later[0], confirmed.missed + self.later[1])

    def reporting(self) -> Reporting | None:
        return None if self.unknown_over else Reporting(reported=self.reported, due=self.due)


class RollupTally:
    """A rollup built one row at a time in constant memory, so a national
    data set can be summed batch by batch (issue 11); ``rollup`` is one
    tally over its rows, so the two never disagree."""

    __slots__ = ("_all", "_lead")

    def __init__(self) -> None:
        self._all, self._lead = _Side(), _Side()

    def add(self, assessment: Assessment, role: str, over: bool | None = None) -> None:
        if role not in ASSIGNMENT_ROLES:
            raise ValueError(f"role must be one of {', '.join(ASSIGNMENT_ROLES)}; got {role!r}")
        self._all.add(assessment, over)
        if role == "lead":
            self._lead.add(assessment, over)

    def result(self) -> RollupResult:
        confirmed, indicative = self._all.rates()
        lead_confirmed, lead_indicative = self._lead.rates()
        return RollupResult(
            counts=dict(self._all.counts),
            lead_counts=dict(self._lead.counts),
            confirmed=confirmed,
            indicative=indicative,
            lead_confirmed=lead_confirmed,
            lead_indicative=lead_indicative,
            reporting=self._all.reporting(),
            lead_reporting=self._lead.reporting(),
        )


Row = tuple[Assessment, str] | tuple[Assessment, str, bool]


def rollup(assessments: Iterable[Row]) -> RollupResult:
    """Counts and rates over all assignments and over lead assignments only.

    Rows are ``(assessment, role, period_over)``; ``(assessment, role)``
    rows give no reporting rate (None).
    """
    tally = RollupTally()
    for row in assessments:
        tally.add(row[0], row[1], row[2] if len(row) > 2 else None)  # type: ignore[misc]
    return tally.result()


def rollup_by(
    rows: Iterable[tuple[K, Assessment, str] | tuple[K, Assessment, str, bool]],
) -> dict[K, RollupResult]:
    """One rollup per key (a unit id, a plan id) from (key, assessment, role
    [, period_over]) rows."""
    tallies: dict[K, RollupTally] = {}
    for key, assessment, role, *over in rows:
        tally = tallies.get(key)
        if tally is None:
            tally = tallies[key] = RollupTally()
        tally.add(assessment, role, over[0] if over else None)
    return {key: tally.result() for key, tally in tallies.items()}
