"""Whether a quote states a figure, sign included.

The import warns when an outcome's value is not written in its quote (a
figure read off the source, not computed). A decline is entered as a
negative change (DESIGN.md section 3), so ``-4`` for ``下降4%`` is stated,
and so is ``4`` (the decline itself, for a ``下降4%以上`` target); ``-4`` for
``增长4%`` is not.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from tracker.domain.phrases.changes import find_changes
from tracker.domain.phrases.figures import Figure, Units, _scan
from tracker.domain.phrases.periods import find_periods
from tracker.domain.phrases.unit_tokens import lexicon_of

__all__ = ["QuoteReading", "quote_states_value", "read_quote", "stated_values"]


def stated_values(quote: str, *, units: Units = None) -> set[Decimal]:
    """Every number the quote states as a figure: each figure's value (and
    range ends) as written, and each change's signed value. A quote is short
    and chosen by a person, so Chinese numerals count with any unit token
    (``新增两家`` states 2)."""
    values: set[Decimal] = set()
    for match in _scan(quote, "outcome", lexicon_of(units), strict=False, whole=True):
        values.add(match.figure.value)
        if match.figure.value_high is not None:
            values.add(match.figure.value_high)
    for change in find_changes(quote, units=units):
        if change.signed is not None:
            values.add(change.signed)
    return values


def quote_states_value(value: Decimal, quote: str, *, units: Units = None) -> bool:
    """True when ``value`` is written in ``quote``: as a figure the reader
    finds (sign-aware: a decline states its negative), or, for a
    non-negative value, as a whole number anywhere (a count written without
    a unit the reader cuts, such as 第7位; 6.4 is not in 16.45)."""
    if value in stated_values(quote, units=units):
        return True
    if value < 0:
        return False
    written = {str(value), format(value.normalize(), "f")}
    return any(re.search(rf"(?<![\d.]){re.escape(text)}(?![\d])", quote) for text in written)


@dataclass(frozen=True)
class QuoteReading:
    """What a quote says of an outcome, where the reader is sure: the
    figure (a decline signed negative) and the period; None where the quote
    says nothing readable, or more than one thing."""

    figure: Figure | None
    period_start: date | None
    period_end: date | None


def read_quote(
    quote: str, *, on: date | None = None, target_unit: str = "", units: Units = None
) -> QuoteReading:
    """Read the figure and the period a supervisor's quote states, to fill
    an outcome's form (the person checks them before saving). Of several
    figures, the one in the target's unit is taken when it is the only one;
    otherwise none (a guess would be worse than an empty field). Periods
    resolve against ``on``, the document's date."""
    lexicon = lexicon_of(units)
    matches = list(_scan(quote, "outcome", lexicon, strict=False, whole=True))
    if len(matches) > 1 and target_unit:
        matches = [m for m in matches if m.figure.unit == target_unit]
    figure = None
    if len(matches) == 1:
        match = matches[0]
        figure = match.figure
        for change in find_changes(quote, units=units):
            inside = change.start <= match.start and match.end <= change.end
            if inside and change.kind == "by" and change.signed is not None and change.signed < 0:
                figure = Figure(figure.qualifier, change.signed, figure.value_high, figure.unit)
    periods = {
        (m.period.start, m.period.end)
        for m in find_periods(quote, on=on)
        if m.period.start is not None and m.period.end is not None
    }
    start, end = periods.pop() if len(periods) == 1 else (None, None)
    return QuoteReading(figure, start, end)
