"""A target's attainment status from its best evidence (DESIGN.md section 6).

The verdict is interval arithmetic (``tracker.domain.intervals``) after the
outcome is converted to the target's unit; the grade (``periods``) decides
which statuses are possible. Interim figures are judged against where the
target should be by the outcome's end:

- accumulating targets: the satisfying set scaled by the elapsed share of the
  target period (``periods.elapsed_fraction``, inclusive days);
- rates, shares and stocks: directly, unless the target spans more than one
  year and has a baseline (its own, else the ``baseline`` outcome passed in):
  then along the path from the baseline to the target value (straight line,
  or compound for ``growth="compound"``), with ``R = actual progress /
  required progress`` and ``on_track`` iff ``R >= 0.95``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_FLOOR, Context, Decimal

from tracker.domain.evidence import OutcomeFacts, TargetFacts, outcome_grade
from tracker.domain.intervals import Interval, compare, outcome_interval, target_interval
from tracker.domain.periods import elapsed_fraction, inclusive_days, period_is_over
from tracker.domain.units import SEED_REGISTRY, UnitRegistry
from tracker.domain.vocab import Band, Grade, Status

__all__ = ["ON_TRACK_RATIO", "Assessment", "assess", "band_for", "expected_on_path"]

ON_TRACK_RATIO = Decimal("0.95")
_NEEDS_ACCELERATION_RATIO = Decimal("0.6")
# A target spanning more days than a leap year is "multi-year".
_MULTI_YEAR_DAYS = 366
_CONTEXT = Context(prec=28)
# Wider, for R itself, so rounding R down to 4 places agrees with the status.
_FINE = Context(prec=60)
_RATIO_PLACES = Decimal("0.0001")


@dataclass(frozen=True)
class Assessment:
    """A status with what it rests on.

    ``indicative`` is True when the evidence is ``later`` (never shown as
    final). ``progress_ratio`` (R, rounded down to 4 places so it agrees with
    the status) and ``band`` are set only when a baseline path was used and
    the outcome is a single number. ``expected`` is where the target should
    have been at the outcome's end, in the target's unit, for interim evidence.
    """

    status: Status
    grade: Grade | None
    evidence: OutcomeFacts | None
    indicative: bool = False
    reason: str = ""
    progress_ratio: Decimal | None = None
    band: Band | None = None
    expected: Decimal | None = None


_BAND_FLOORS: tuple[tuple[Band, Decimal | None], ...] = (
    ("on_track", ON_TRACK_RATIO),
    ("needs_acceleration", _NEEDS_ACCELERATION_RATIO),
    ("limited_progress", Decimal(0)),
    ("deterioration", None),
)


def _ratio_at_least(base_value: Decimal, required: Decimal, floor: Decimal) -> Interval:
    """Values v with (v - base) / required >= floor."""
    threshold = base_value + _FINE.multiply(required, floor)
    if required > 0:
        return Interval(threshold, None, True, False)
    return Interval(None, threshold, False, True)


def band_for(ratio: Decimal) -> Band:
    """The Open SDG band of a progress ratio R."""
    if ratio >= ON_TRACK_RATIO:
        return "on_track"
    if ratio >= _NEEDS_ACCELERATION_RATIO:
        return "needs_acceleration"
    if ratio >= 0:
        return "limited_progress"
    return "deterioration"


def expected_on_path(
    baseline_value: Decimal,
    baseline_date: date,
    target_value: Decimal,
    target_date: date,
    at: date,
    growth: str = "linear",
) -> Decimal:
    """Where the path from baseline to target stands on ``at``.

    The fraction is point to point, ``(at - baseline_date) / (target_date -
    baseline_date)`` in days, clamped to [0, 1]; compound growth interpolates
    geometrically and needs both ends positive.
    """
    span = (target_date - baseline_date).days
    if span <= 0:
        raise ValueError("the baseline date must be before the target's end")
    fraction = min(max(_CONTEXT.divide(Decimal((at - baseline_date).days), Decimal(span)), 0), 1)
    if growth == "compound":
        if baseline_value <= 0 or target_value <= 0:
            raise ValueError("a compound path needs a positive baseline and target")
        ratio = _CONTEXT.divide(target_value, baseline_value)
        return _CONTEXT.multiply(baseline_value, _CONTEXT.power(ratio, fraction))
    return baseline_value + _CONTEXT.multiply(target_value - baseline_value, fraction)


def assess(
    target: TargetFacts,
    best: OutcomeFacts | None,
    *,
    as_of: date,
    baseline: OutcomeFacts | None = None,
    units: UnitRegistry = SEED_REGISTRY,
) -> Assessment:
    """The status of ``target`` on ``as_of`` given its best evidence.

    ``best`` should come from ``best_evidence``; ``baseline`` from
    ``baseline_candidate`` and is used only when the target has none.
    ``units`` is the registry the figures are converted with.
    """
    over = period_is_over(target.period_end, as_of)
    if best is None:
        if over:
            return Assessment(
                "overdue", None, None, reason=f"no figure; the period ended {target.period_end}"
            )
        return Assessment("no_data", None, None, reason="no figure yet")

    grade = outcome_grade(target, best)
    if grade == "baseline":
        raise ValueError("a baseline-grade outcome is never best evidence; pass it as baseline=")
    indicative = grade == "later"

    problem = units.problem(best.unit, target.unit)
    if problem is not None:
        return Assessment("incomparable", grade, best, indicative=indicative, reason=str(problem))
    observed = _outcome_in_target_unit(target, best, units)

    if grade in ("final", "later"):
        verdict = compare(observed, _satisfying(target))
        note = "later figure: indicative only" if indicative else ""
        return Assessment(verdict, grade, best, indicative=indicative, reason=note)

    # Interim evidence.
    if over:
        return Assessment(
            "overdue",
            grade,
            best,
            reason=f"only an interim figure (to {best.period_end}); the period ended "
            f"{target.period_end}",
        )
    if target.accumulates:
        return _interim_accumulating(target, best, observed)
    path = _baseline_for_path(target, baseline, units)
    if isinstance(path, tuple):
        return _interim_on_path(target, best, observed, *path)
    verdict = compare(observed, _satisfying(target))
    return Assessment(_TRACK[verdict], grade, best, reason=path)


_TRACK: dict[str, Status] = {
    "met": "on_track",
    "missed": "off_track",
    "indeterminate": "indeterminate",
}


def _satisfying(target: TargetFacts) -> Interval:
    return target_interval(
        target.comparator, target.value, target.value_high, target.direction, target.tolerance
    )


def _outcome_in_target_unit(
    target: TargetFacts, outcome: OutcomeFacts, units: UnitRegistry
) -> Interval:
    # Convert before building the interval: the about-band is 5% of the value
    # whatever the unit, so the conversion cannot move a verdict.
    value = units.convert(outcome.value, outcome.unit, target.unit)
    high = (
        None
        if outcome.value_high is None
        else units.convert(outcome.value_high, outcome.unit, target.unit)
    )
    return outcome_interval(outcome.qualifier, value, high)


def _interim_accumulating(
    target: TargetFacts, outcome: OutcomeFacts, observed: Interval
) -> Assessment:
    if outcome.period_start > target.period_start:
        return Assessment(
            "indeterminate",
            "interim",
            outcome,
            reason="an accumulating target needs a figure counted from the start of its period "
            f"({target.period_start}); this one starts {outcome.period_start}",
        )
    share = elapsed_fraction(target.period_start, target.period_end, outcome.period_end)
    satisfying = _satisfying(target).map_affine(share)
    verdict = compare(observed, satisfying)
    days = inclusive_days(target.period_start, min(outcome.period_end, target.period_end))
    total = inclusive_days(target.period_start, target.period_end)
    return Assessment(
        _TRACK[verdict],
        "interim",
        outcome,
        reason=f"compared pro rata: {days}/{total} days of the period elapsed",
        expected=_CONTEXT.multiply(target.value, share),
    )


def _baseline_for_path(
    target: TargetFacts, baseline: OutcomeFacts | None, units: UnitRegistry
) -> tuple[Decimal, date] | str:
    """The baseline (value in the target's unit, date) to draw a path from, or
    the reason none is used (which becomes the assessment's reason)."""
    if inclusive_days(target.period_start, target.period_end) <= _MULTI_YEAR_DAYS:
        return "compared directly (rate, share or stock)"
    if target.baseline_value is not None and target.baseline_date is not None:
        return target.baseline_value, target.baseline_date
    if baseline is None:
        return "compared directly: multi-year target without a baseline"
    if baseline.qualifier not in ("exact", "about"):
        return "compared directly: the baseline figure is not a single number"
    problem = units.problem(baseline.unit, target.unit)
    if problem is not None:
        return f"compared directly: baseline unusable ({problem})"
    return units.convert(baseline.value, baseline.unit, target.unit), baseline.period_end


def _interim_on_path(
    target: TargetFacts,
    outcome: OutcomeFacts,
    observed: Interval,
    base_value: Decimal,
    base_date: date,
) -> Assessment:
    if base_date >= outcome.period_end:
        verdict = compare(observed, _satisfying(target))
        return Assessment(
            _TRACK[verdict],
            "interim",
            outcome,
            reason="compared directly: the baseline is not earlier than the figure",
        )
    # The path aims at the nominal value (the low end of a range when higher
    # is better, the high end when lower is better).
    aim = target.value
    if (
        target.comparator == "range"
        and target.direction == "lower"
        and target.value_high is not None
    ):
        aim = target.value_high
    required_sign = 1 if target.direction == "higher" else -1
    if (aim - base_value) * required_sign <= 0:
        verdict = compare(observed, _satisfying(target))
        return Assessment(
            _TRACK[verdict],
            "interim",
            outcome,
            reason="compared directly: the baseline already meets the target value",
        )
    try:
        expected = expected_on_path(
            base_value, base_date, aim, target.period_end, outcome.period_end, target.growth
        )
    except ValueError as error:
        return Assessment("indeterminate", "interim", outcome, reason=str(error))
    required = expected - base_value
    if required == 0:  # only at the baseline date itself, excluded above
        return Assessment("indeterminate", "interim", outcome, reason="no progress required yet")
    # R = (v - b) / required. The thresholds are mapped into value space
    # (b + r * required, exact products) so no division can tip a verdict.
    verdict = compare(observed, _ratio_at_least(base_value, required, ON_TRACK_RATIO))
    ratio: Decimal | None = None
    band: Band | None = None
    if observed.low is not None and observed.low == observed.high:
        value = observed.low
        ratio = _FINE.divide(value - base_value, required).quantize(
            _RATIO_PLACES, rounding=ROUND_FLOOR
        )
        band = next(
            name
            for name, floor in _BAND_FLOORS
            if floor is None or value in _ratio_at_least(base_value, required, floor)
        )
    return Assessment(
        _TRACK[verdict],
        "interim",
        outcome,
        reason=f"{target.growth} path from {base_value} ({base_date}) to {aim} "
        f"({target.period_end})",
        progress_ratio=ratio,
        band=band,
        expected=expected,
    )
