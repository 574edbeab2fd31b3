"""Progress along a path from a baseline to a target (docs/attainment.md section 7).

A multi-year level target with a baseline (22.8% in 2016 -> 60% by 2030) is
judged mid-way by where it should stand on the path at the figure's date:
``R = actual progress / required progress``; ``on_track`` iff ``R >= 0.95``,
and the Open SDG band says how far off it is. Split from ``status`` because
it is one self-contained rule with its own arithmetic.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_FLOOR, Context, Decimal

from tracker.domain.intervals import Interval, compare
from tracker.vocabulary import Band, Verdict

__all__ = ["ON_TRACK_RATIO", "PathJudgement", "band_for", "expected_on_path", "judge_on_path"]

ON_TRACK_RATIO = Decimal("0.95")
_NEEDS_ACCELERATION_RATIO = Decimal("0.6")
_CONTEXT = Context(prec=28)
# Wider, for R itself, so rounding R down to 4 places agrees with the status.
_FINE = Context(prec=60)
_RATIO_PLACES = Decimal("0.0001")

_BAND_FLOORS: tuple[tuple[Band, Decimal | None], ...] = (
    ("on_track", ON_TRACK_RATIO),
    ("needs_acceleration", _NEEDS_ACCELERATION_RATIO),
    ("limited_progress", Decimal(0)),
    ("deterioration", None),
)


@dataclass(frozen=True)
class PathJudgement:
    """The verdict against the on-track threshold, R (single numbers only),
    its band, and the expected value on the path at the figure's date."""

    verdict: Verdict
    expected: Decimal
    ratio: Decimal | None = None
    band: Band | None = None


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
    geometrically and needs both ends positive (``ValueError`` otherwise).
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


def judge_on_path(
    observed: Interval,
    *,
    base_value: Decimal,
    base_date: date,
    aim: Decimal,
    target_end: date,
    at: date,
    growth: str,
) -> PathJudgement:
    """Judge ``observed`` (at ``at``) against the path; ``ValueError`` when no
    path can be drawn (compound with a non-positive end, no progress required).

    R = (v - b) / required. The thresholds are mapped into value space
    (b + r * required, exact products) so no division can tip a verdict; an
    interval outcome is judged whole (indeterminate if it straddles), and R
    and the band are given for a single number only, R rounded down.
    """
    expected = expected_on_path(base_value, base_date, aim, target_end, at, growth)
    required = expected - base_value
    if required == 0:
        raise ValueError("no progress is required yet")
    verdict = compare(observed, _ratio_at_least(base_value, required, ON_TRACK_RATIO))
    if observed.low is None or observed.low != observed.high:
        return PathJudgement(verdict, expected)
    value = observed.low
    ratio = _FINE.divide(value - base_value, required).quantize(_RATIO_PLACES, rounding=ROUND_FLOOR)
    band = next(
        name
        for name, floor in _BAND_FLOORS
        if floor is None or value in _ratio_at_least(base_value, required, floor)
    )
    return PathJudgement(verdict, expected, ratio, band)
