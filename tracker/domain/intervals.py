"""Targets and outcomes as intervals (docs/attainment.md section 3).

A target is a set of satisfying values; an outcome, even an exact one, is the
set of values it may stand for (``超过2500亿元`` is ``(2500, inf)``). The
verdict is set arithmetic, so open and closed ends matter: ``超过X`` against
``X以上`` is met, ``不到X`` against ``X以上`` is missed.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from tracker.vocabulary import Direction, Verdict

__all__ = [
    "DEFAULT_TOLERANCE_SHARE",
    "Interval",
    "compare",
    "default_tolerance",
    "outcome_interval",
    "target_interval",
]

# ``X左右`` with no tolerance set on the target means within 5% of |X|.
DEFAULT_TOLERANCE_SHARE = Decimal("0.05")


@dataclass(frozen=True)
class Interval:
    """A non-empty interval of the real line; ``None`` is an infinite end."""

    low: Decimal | None
    high: Decimal | None
    low_closed: bool = True
    high_closed: bool = True

    def __post_init__(self) -> None:
        # An infinite end is never "closed": normalise so equality is structural.
        if self.low is None:
            object.__setattr__(self, "low_closed", False)
        if self.high is None:
            object.__setattr__(self, "high_closed", False)
        if (
            self.low is not None
            and self.high is not None
            and (
                self.low > self.high
                or (self.low == self.high and not (self.low_closed and self.high_closed))
            )
        ):
            raise ValueError(f"empty interval {self}")

    def __contains__(self, x: object) -> bool:
        if not isinstance(x, Decimal | int):
            return False
        value = Decimal(x)
        if self.low is not None and (
            value < self.low or (value == self.low and not self.low_closed)
        ):
            return False
        return not (
            self.high is not None
            and (value > self.high or (value == self.high and not self.high_closed))
        )

    def __str__(self) -> str:
        low = "-inf" if self.low is None else str(self.low)
        high = "inf" if self.high is None else str(self.high)
        return f"{'[' if self.low_closed else '('}{low}, {high}{']' if self.high_closed else ')'}"

    def map_affine(self, scale: Decimal, shift: Decimal = Decimal(0)) -> Interval:
        """The image under ``x -> x * scale + shift``; a negative scale swaps ends."""
        if scale == 0:
            raise ValueError("scale must not be zero")

        def image(end: Decimal | None) -> Decimal | None:
            return None if end is None else end * scale + shift

        if scale > 0:
            return Interval(image(self.low), image(self.high), self.low_closed, self.high_closed)
        return Interval(image(self.high), image(self.low), self.high_closed, self.low_closed)


def default_tolerance(value: Decimal) -> Decimal:
    """5% of |value|: the reading of 左右/约 when nothing else is set."""
    return DEFAULT_TOLERANCE_SHARE * abs(value)


def target_interval(
    comparator: str,
    value: Decimal,
    value_high: Decimal | None = None,
    direction: Direction | str = "higher",
    tolerance: Decimal | None = None,
) -> Interval:
    """A target's satisfying set.

    ``about`` is one-sided: exceeding a higher-is-better target is never a
    miss, so ``7%左右`` is ``[7 - t, inf)``; for lower-is-better it is
    ``(-inf, X + t]``. Other comparators ignore the direction (``下降4%以上``
    is at least 4 even though energy use should go down: the measured
    quantity is the decline).
    """
    if comparator == "at_least":
        return Interval(value, None, True, False)
    if comparator == "more_than":
        return Interval(value, None, False, False)
    if comparator == "at_most":
        return Interval(None, value, False, True)
    if comparator == "less_than":
        return Interval(None, value, False, False)
    if comparator == "about":
        t = default_tolerance(value) if tolerance is None else abs(tolerance)
        if direction == "higher":
            return Interval(value - t, None, True, False)
        if direction == "lower":
            return Interval(None, value + t, False, True)
        raise ValueError(f"unknown direction {direction!r}")
    if comparator == "range":
        if value_high is None:
            raise ValueError("a range needs value_high")
        return Interval(value, value_high)
    if comparator == "exact":
        raise ValueError(
            "targets never use 'exact': a bare target figure reads as at_least/at_most"
        )
    raise ValueError(f"unknown comparator {comparator!r}")


def outcome_interval(
    qualifier: str,
    value: Decimal,
    value_high: Decimal | None = None,
    tolerance: Decimal | None = None,
) -> Interval:
    """The values a reported figure may stand for; ``about`` is two-sided."""
    if qualifier == "exact":
        return Interval(value, value)
    if qualifier == "at_least":
        return Interval(value, None, True, False)
    if qualifier == "more_than":
        return Interval(value, None, False, False)
    if qualifier == "at_most":
        return Interval(None, value, False, True)
    if qualifier == "less_than":
        return Interval(None, value, False, False)
    if qualifier == "about":
        t = default_tolerance(value) if tolerance is None else abs(tolerance)
        return Interval(value - t, value + t)
    if qualifier == "range":
        if value_high is None:
            raise ValueError("a range needs value_high")
        return Interval(value, value_high)
    raise ValueError(f"unknown qualifier {qualifier!r}")


def _lower_bound_covers(outer: Interval, inner: Interval) -> bool:
    if outer.low is None:
        return True
    if inner.low is None or inner.low < outer.low:
        return False
    return inner.low > outer.low or outer.low_closed or not inner.low_closed


def _upper_bound_covers(outer: Interval, inner: Interval) -> bool:
    if outer.high is None:
        return True
    if inner.high is None or inner.high > outer.high:
        return False
    return inner.high < outer.high or outer.high_closed or not inner.high_closed


def _intersects(a: Interval, b: Interval) -> bool:
    # The larger low end and the smaller high end, with their closedness.
    lows = [(x.low, x.low_closed) for x in (a, b) if x.low is not None]
    highs = [(x.high, x.high_closed) for x in (a, b) if x.high is not None]
    if not lows or not highs:
        return True
    low = max(v for v, _ in lows)
    low_closed = all(c for v, c in lows if v == low)
    high = min(v for v, _ in highs)
    high_closed = all(c for v, c in highs if v == high)
    return low < high or (low == high and low_closed and high_closed)


def compare(outcome: Interval, satisfying: Interval) -> Verdict:
    """``met`` if every value the outcome may stand for satisfies the target,
    ``missed`` if none does, else ``indeterminate``."""
    if _lower_bound_covers(satisfying, outcome) and _upper_bound_covers(satisfying, outcome):
        return "met"
    if not _intersects(outcome, satisfying):
        return "missed"
    return "indeterminate"
