"""Evidence grades from periods (DESIGN.md section 5), and elapsed time.

Periods are closed date ranges ``[start, end]``: ``2020-01-01..2020-12-31`` is
the year 2020, and a figure "at" a date (a stock at year end) has
``start == end``. The grade depends only on where the outcome period ends
relative to the target period ``[S, E]``, plus, for a figure ending exactly at
``E``, whether it covers the whole period:

- ends after E (whatever its start): ``later``
- ends at E and starts on or before S: ``final``
- ends at E, starts after S: ``final`` unless the target accumulates, then
  ``interim``
- ends within ``[S, E)``, including one that starts before S: ``interim``
- ends before S: ``baseline``

Why: a figure that includes time after E cannot confirm what happened by E,
even if it also covers [S, E], so it is at best indicative (``later``). A
stock, share or rate is read at the end of the period, so the 2030 figure is
final for a 2016-2030 share target; an accumulating quantity (an investment
total) needs the whole period. A figure straddling S (``2019-12..2020-05``
for a 2020 target) ends inside the period, so it is ``interim``.
"""

from __future__ import annotations

from datetime import date
from decimal import Context, Decimal

from tracker.vocabulary import Grade

__all__ = ["GRADE_ORDER", "elapsed_fraction", "grade", "inclusive_days", "period_is_over"]

# Fixed precision, independent of the caller's decimal context.
_CONTEXT = Context(prec=28)

# Best evidence first; ``baseline`` is last and never best evidence.
GRADE_ORDER: tuple[Grade, ...] = ("final", "interim", "later", "baseline")


def _check(start: date, end: date, what: str) -> None:
    if end < start:
        raise ValueError(f"{what} period ends ({end}) before it starts ({start})")


def grade(
    target_start: date,
    target_end: date,
    outcome_start: date,
    outcome_end: date,
    *,
    accumulates: bool = True,
) -> Grade:
    """How far an outcome can speak for a target, from the two periods.

    ``accumulates`` defaults to True, the strict reading of DESIGN.md ("covers
    [S, E]"); pass the target's flag so a share or stock read at ``E`` is final.
    """
    _check(target_start, target_end, "target")
    _check(outcome_start, outcome_end, "outcome")
    if outcome_end > target_end:
        return "later"
    if outcome_end < target_start:
        return "baseline"
    if outcome_end == target_end and (outcome_start <= target_start or not accumulates):
        return "final"
    return "interim"


def inclusive_days(start: date, end: date) -> int:
    """Days in ``[start, end]`` counting both ends: a calendar year has 365 or 366."""
    _check(start, end, "given")
    return (end - start).days + 1


def elapsed_fraction(start: date, end: date, at: date) -> Decimal:
    """Share of ``[start, end]`` elapsed by the end of day ``at``, in [0, 1].

    Days are inclusive: by 2020-10-31 a 2020 target is 305/366 elapsed. Used to
    pro-rate accumulating targets; the result is an exact-as-possible Decimal
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
