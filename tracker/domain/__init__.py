"""The tracker's domain rules in plain Python (no Django, no SQLAlchemy).

Units and their conversion, Chinese figure phrases, target and outcome
intervals, evidence grades and ranking, statuses, rollups and display. The
model properties, the SQL reports and the CSV export all call these, so a
verdict means the same everywhere. ``docs/attainment.md`` states the rules.
"""

from tracker.domain.display import describe_target, format_decimal, status_label
from tracker.domain.evidence import (
    EVIDENCE_ORDERING,
    OutcomeFacts,
    TargetFacts,
    baseline_candidate,
    best_evidence,
    context_candidate,
    evidence_rank_key,
    known,
    outcome_grade,
)
from tracker.domain.intervals import (
    DEFAULT_TOLERANCE_SHARE,
    Interval,
    compare,
    default_tolerance,
    outcome_interval,
    target_interval,
)
from tracker.domain.measures import MeasureChoice, infer_measure
from tracker.domain.periods import (
    EVIDENCE_ORDER,
    elapsed_fraction,
    grade,
    inclusive_days,
    known_on,
    period_is_over,
)
from tracker.domain.phrases import (
    Figure,
    FigureMatch,
    TargetPhrase,
    UnparsableFigure,
    find_figures,
    parse_figure,
    parse_target_phrase,
)
from tracker.domain.reasons import Reason, reason, unit_reason
from tracker.domain.rollup import Rate, Reporting, RollupResult, RollupTally, rollup, rollup_by
from tracker.domain.status import (
    ON_TRACK_RATIO,
    Assessment,
    assess,
    band_for,
    expected_on_path,
)
from tracker.domain.units import (
    DIMENSIONS,
    SEED_REGISTRY,
    SEED_UNITS,
    IncomparableUnits,
    UnitRegistry,
    UnitRow,
    UnitSpec,
    UnknownUnit,
    can_convert,
    conversion_problem,
    convert,
    known_units,
    lookup_unit,
    starts_with_magnitude,
)

__all__ = [
    "DEFAULT_TOLERANCE_SHARE",
    "DIMENSIONS",
    "EVIDENCE_ORDERING",
    "EVIDENCE_ORDER",
    "ON_TRACK_RATIO",
    "SEED_REGISTRY",
    "SEED_UNITS",
    "Assessment",
    "Figure",
    "FigureMatch",
    "IncomparableUnits",
    "Interval",
    "MeasureChoice",
    "OutcomeFacts",
    "Rate",
    "Reason",
    "Reporting",
    "RollupResult",
    "RollupTally",
    "TargetFacts",
    "TargetPhrase",
    "UnitRegistry",
    "UnitRow",
    "UnitSpec",
    "UnknownUnit",
    "UnparsableFigure",
    "assess",
    "band_for",
    "baseline_candidate",
    "best_evidence",
    "can_convert",
    "compare",
    "context_candidate",
    "conversion_problem",
    "convert",
    "default_tolerance",
    "describe_target",
    "elapsed_fraction",
    "evidence_rank_key",
    "expected_on_path",
    "find_figures",
    "format_decimal",
    "grade",
    "inclusive_days",
    "infer_measure",
    "known",
    "known_on",
    "known_units",
    "lookup_unit",
    "outcome_grade",
    "outcome_interval",
    "parse_figure",
    "parse_target_phrase",
    "period_is_over",
    "reason",
    "rollup",
    "rollup_by",
    "starts_with_magnitude",
    "status_label",
    "target_interval",
    "unit_reason",
]
