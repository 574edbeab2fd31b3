"""A target's attainment status from its best evidence (docs/attainment.md section 7).

The verdict is interval arithmetic (``tracker.domain.intervals``) after the
outcome is converted to the target's unit; the grade (``periods``) decides
which statuses are possible, and every status carries a reason code with
its parameters (``tracker.domain.reasons``). Interim figures are judged
against where the target should be by the figure's end, by measure:

- ``flow``: the satisfying set scaled by the elapsed share of the target
  period (``periods.elapsed_fraction``, inclusive days): ``pro_rata``;
- ``rate``: directly, the growth so far against the period's growth;
- ``level``: directly, unless the target spans more than one year and has a
  baseline (its own, else the ``baseline`` outcome passed in): then along
  the path from the baseline (``tracker.domain.paths``).

Once the period is over an interim figure no longer judges anything: the
target is ``overdue`` because the final figure is owed, and the interim
figure stays as its evidence.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Context, Decimal

from tracker.domain.evidence import OutcomeFacts, TargetFacts, outcome_grade
from tracker.domain.intervals import Interval, compare, outcome_interval, target_interval
from tracker.domain.paths import (
    ON_TRACK_RATIO,
    PathJudgement,
    band_for,
    expected_on_path,
    judge_on_path,
)
from tracker.domain.periods import (
    EVIDENCE_ORDER,
    elapsed_fraction,
    inclusive_days,
    period_is_over,
)
from tracker.domain.reasons import Reason, reason, unit_reason
from tracker.domain.units import SEED_REGISTRY, IncomparableUnits, UnitRegistry, UnknownUnit
from tracker.vocabulary import Band, EvidenceGrade, Status

__all__ = ["ON_TRACK_RATIO", "Assessment", "assess", "band_for", "expected_on_path"]

# A target spanning more days than a leap year is "multi-year".
_MULTI_YEAR_DAYS = 366
_CONTEXT = Context(prec=28)


@dataclass(frozen=True)
class Assessment:
    """A status with what it rests on.

    ``indicative`` is True when the evidence is ``later`` (never shown as
    final). ``progress_ratio`` (R, rounded down to 4 places so it agrees with
    the status) and ``band`` are set only when a baseline path was used and
    the outcome is a single number. ``expected`` is where the target should
    have been at the outcome's end, in the target's unit, for interim evidence.
    ``context`` is the most recent figure for another period when nothing
    else speaks for the target (named in the reason, never judged).
    ``period_over`` says whether the target's period had ended on the date
    assessed: the reporting rate's denominator (docs/attainment.md section 9).
    """

    status: Status
    grade: EvidenceGrade | None
    evidence: OutcomeFacts | None
    reason: Reason
    indicative: bool = False
    progress_ratio: Decimal | None = None
    band: Band | None = None
    expected: Decimal | None = None
    context: OutcomeFacts | None = field(default=None, compare=False)
    period_over: bool = False


_TRACK: dict[str, Status] = {
    "met": "on_track",
    "missed": "off_track",
    "indeterminate": "indeterminate",
}


def assess(
    target: TargetFacts,
    best: OutcomeFacts | None,
    *,
    as_of: date,
    baseline: OutcomeFacts | None = None,
    context: OutcomeFacts | None = None,
    units: UnitRegistry = SEED_REGISTRY,
) -> Assessment:
    """The status of ``target`` on ``as_of`` given its best evidence.

    ``best`` comes from ``best_evidence``, ``baseline`` from
    ``baseline_candidate`` (used only when the target has none) and
    ``context`` from ``context_candidate``, all over the figures known on
    ``as_of``. ``units`` is the registry the figures are converted with.
    """
    over = period_is_over(target.period_end, as_of)
    return replace(_assess(target, best, over, baseline, context, units), period_over=over)


def _assess(
    target: TargetFacts,
    best: OutcomeFacts | None,
    over: bool,
    baseline: OutcomeFacts | None,
    context: OutcomeFacts | None,
    units: UnitRegistry,
) -> Assessment:
    if best is None:
        return _without_evidence(target, context, over=over)

    grade = outcome_grade(target, best)
    if grade not in EVIDENCE_ORDER:
        raise ValueError(f"a {grade}-grade outcome is never best evidence")
    indicative = grade == "later"

    try:
        observed = _outcome_in_target_unit(target, best, units)
    except (UnknownUnit, IncomparableUnits) as error:
        return Assessment("incomparable", grade, best, unit_reason(error), indicative=indicative)

    if grade == "final":
        return Assessment(_verdict(target, observed), grade, best, reason("final_figure"))
    if grade == "later":
        why = reason("later_indicative", period_end=target.period_end)
        return Assessment(_verdict(target, observed), grade, best, why, indicative=True)

    if over:
        why = reason("final_figure_owed", interim_end=best.period_end, period_end=target.period_end)
        return Assessment("overdue", "interim", best, why)
    if target.measure == "flow":
        return _interim_flow(target, best, observed)
    if target.measure == "rate":
        why = reason("growth_so_far", interim_end=best.period_end)
        return Assessment(_TRACK[_verdict(target, observed)], "interim", best, why)
    return _interim_level(target, best, observed, baseline, units)


def _without_evidence(
    target: TargetFacts, context: OutcomeFacts | None, *, over: bool
) -> Assessment:
    status: Status = "overdue" if over else "no_data"
    if context is not None:
        why = reason(
            "context_only_overdue" if over else "context_only",
            period_end=target.period_end,
            context_start=context.period_start,
            context_end=context.period_end,
        )
    elif over:
        why = reason("no_figure_overdue", period_end=target.period_end)
    else:
        why = reason("no_figure")
    return Assessment(status, None, None, why, context=context)


def _satisfying(target: TargetFacts) -> Interval:
    return target_interval(
        target.comparator, target.value, target.value_high, target.direction, target.tolerance
    )


def _verdict(target: TargetFacts, observed: Interval) -> str:
    return compare(observed, _satisfying(target))


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


def _interim_flow(target: TargetFacts, outcome: OutcomeFacts, observed: Interval) -> Assessment:
    # The grade guarantees the figure is counted from the start (or earlier).
    share = elapsed_fraction(target.period_start, target.period_end, outcome.period_end)
    verdict = compare(observed, _satisfying(target).map_affine(share))
    days = inclusive_days(target.period_start, min(outcome.period_end, target.period_end))
    total = inclusive_days(target.period_start, target.period_end)
    expected = _CONTEXT.multiply(target.value, share)
    return Assessment(
        _TRACK[verdict],
        "interim",
        outcome,
        reason("pro_rata", days=days, total=total, expected=expected),
        expected=expected,
    )


def _interim_level(
    target: TargetFacts,
    outcome: OutcomeFacts,
    observed: Interval,
    baseline: OutcomeFacts | None,
    units: UnitRegistry,
) -> Assessment:
    path = _baseline_for_path(target, baseline, units)
    if isinstance(path, Reason):
        return Assessment(_TRACK[_verdict(target, observed)], "interim", outcome, path)
    base_value, base_date = path
    if base_date >= outcome.period_end:
        why = reason("baseline_not_earlier", baseline_date=base_date)
        return Assessment(_TRACK[_verdict(target, observed)], "interim", outcome, why)
    # The path aims at the nominal value (the low end of a range when higher
    # is better, the high end when lower is better).
    aim = target.value
    if target.comparator == "range" and target.direction == "lower":
        aim = target.value_high if target.value_high is not None else aim
    required_sign = 1 if target.direction == "higher" else -1
    if (aim - base_value) * required_sign <= 0:
        why = reason("baseline_meets_target", baseline_value=base_value, aim=aim)
        return Assessment(_TRACK[_verdict(target, observed)], "interim", outcome, why)
    try:
        judged: PathJudgement = judge_on_path(
            observed,
            base_value=base_value,
            base_date=base_date,
            aim=aim,
            target_end=target.period_end,
            at=outcome.period_end,
            growth=target.growth,
        )
    except ValueError:
        why = reason("path_impossible", growth=target.growth, baseline_value=base_value, aim=aim)
        return Assessment("indeterminate", "interim", outcome, why)
    why = reason(
        "path",
        growth=target.growth,
        baseline_value=base_value,
        baseline_date=base_date,
        aim=aim,
        period_end=target.period_end,
        expected=judged.expected,
    )
    return Assessment(
        _TRACK[judged.verdict],
        "interim",
        outcome,
        why,
        progress_ratio=judged.ratio,
        band=judged.band,
        expected=judged.expected,
    )


def _baseline_for_path(
    target: TargetFacts, baseline: OutcomeFacts | None, units: UnitRegistry
) -> tuple[Decimal, date] | Reason:
    """The baseline (value in the target's unit, date) to draw a path from, or
    the reason none is used (which becomes the assessment's reason)."""
    if inclusive_days(target.period_start, target.period_end) <= _MULTI_YEAR_DAYS:
        return reason("interim_level")
    if target.baseline_value is not None and target.baseline_date is not None:
        return target.baseline_value, target.baseline_date
    if baseline is None:
        return reason("multi_year_no_baseline")
    if baseline.qualifier not in ("exact", "about"):
        return reason("baseline_not_single", baseline_end=baseline.period_end)
    try:
        value = units.convert(baseline.value, baseline.unit, target.unit)
    except (UnknownUnit, IncomparableUnits) as error:
        cause = unit_reason(error)
        return reason("baseline_unusable", cause=cause.code, **cause.params)
    return value, baseline.period_end
