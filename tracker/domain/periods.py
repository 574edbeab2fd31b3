"""Evidence grades from periods and measures (docs/attainment.md section 4), and
elapsed time.

Periods are closed date ranges ``[start, end]``: ``2020-01-01..2020-12-31`` is
the year 2020, and a figure "at" a date (a stock at year end) has
``start == end``. For a target period ``[S, E]`` and an outcome period
``[s, e]`` the grade depends on the target's measure:

| outcome period              | ``level``  | ``flow``                  | ``rate``          |
| --------------------------- | ---------- | ------------------------- | ----------------- |
| e = E                       | final      | final if s <= S           | final if s = S    |
| S <= e < E                  | interim    | interim if s <= S         | interim if s >= S |
| e > E                       | later      | later if s <= S           | context           |
| e < S                       | baseline   | context                   | context           |

A flow not counted from S (``s > S``) and a rate figure reaching outside
``[S, E]`` are ``context``: shown on the target's page, never a verdict. A
rate ending at E that starts after S (the last quarter's growth) is interim:
inside the period, but not the period's own figure.

Why: a level (a share, an intensity, a stock) is read at a date, so its
value at E is final whenever the figure's own period began, and a later
value still says something about where it stood (indicative). A flow adds up
over the period, so only an amount counted from S (or earlier: ``累计``) can
speak for it. A rate belongs to its own period: 2023's growth says nothing
about 2020's, whatever its size.
"""

from __future__ import annotations

from datetime import date
from decimal import Context, Decimal

from tracker.vocabulary import MEASURES, EvidenceGrade, Grade, Measure

__all__ = [
    "EVIDENCE_ORDER",
    "elapsed_fraction",
    "grade",
    "inclusive_days",
    "known_on",
    "period_is_over",
]

# Fixed precision, independent of the caller's decimal context.
_CONTEXT = Context(prec=28)

# Best evidence first (docs/attainment.md section 5: once the period is
# over, final, then later, then interim; while it runs only interim figures can be known).
# ``baseline`` and ``context`` are never evidence.
EVIDENCE_ORDER: tuple[EvidenceGrade, ...] = ("final", "later", "interim")


def _check(start: date, end: date, what: str) -> None:
    if end < start:
        raise ValueError(f"{what} period ends ({end}) before it starts ({start})")


def grade(
    target_start: date,
    target_end: date,
    outcome_start: date,
    outcome_end: date,
    *,
    measure: Measure,
) -> Grade:
    """How far an outcome can speak for a target, from the two periods and
    the target's measure (the table in this module's docstring)."""
    _check(target_start, target_end, "target")
    _check(outcome_start, outcome_end, "outcome")
    if measure not in MEASURES:
        raise ValueError(f"measure must be one of {', '.join(MEASURES)}; got {measure!r}")
    if measure == "rate" and (outcome_start < target_start or outcome_end > target_end):
        return "context"
    if measure == "flow" and (outcome_start > target_start or outcome_end < target_start):
        return "context"
    if outcome_end > target_end:
        return "later"
    if outcome_end < target_start:
        return "baseline"
    if outcome_end == target_end and (measure != "rate" or outcome_start == target_start):
        return "final"
    return "interim"


def known_on(document_date: date | None, period_end: date, as_of: date) -> bool:
    """Whether a figure was known on ``as_of`` (docs/attainment.md section 6).

    A dated document counts from its publication day. An undated one counts
    from the last day of the period its figure covers: the earliest day
    anyone could have reported it, so a view of the past never uses a figure
    that did not exist yet.
    """
    if document_date is not None:
        return document_date <= as_of
    return period_end <= as_of


def inclusive_days(start: date, end: date) -> int:
    """Days in ``[start, end]`` counting both ends: a calendar year has 365 or 366."""
    _check(start, end, "given")
    return (end - start).days + 1


def elapsed_fraction(start: date, end: date, at: date) -> Decimal:
    """Share of ``[start, end]`` elapsed by the end of day ``at``, in [0, 1].

    Days are inclusive: by 2020-10-31 a 2020 target is 305/366 elapsed. Used to
    pro-rate flow targets; the result is an exact-as-possible Decimal
    (28 significant digits), never rounded for display here.
    """
    total = inclusive_days(start, end)
    if at < start:
        return Decimal(0)
    if at >= end:
        return Decimal(1)
    return _CONTEXT.divide(Decimal((at - start).days + 1), Decimal(total))


def period_is_over(end: date, as_of: date) -> bool:
    """A period is over the day after its last day; on ``end`` it still runs."""
    return as_of > end
