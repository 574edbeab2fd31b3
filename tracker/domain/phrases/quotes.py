"""Whether a quote states a figure, sign included.

The import warns when an outcome's value is not written in its quote (a
figure read off the source, not computed). A decline is entered as a
negative change (docs/attainment.md section 2), so ``-4`` for ``下降4%``
is stated,
and so is ``4`` (the decline itself, for a ``下降4%以上`` target); ``-4`` for
``增长4%`` is not.
"""

from __future__ import annotations

import re
from decimal import Decimal

from tracker.domain.phrases.changes import find_changes
from tracker.domain.phrases.figures import Units, _scan
from tracker.domain.phrases.unit_tokens import lexicon_of

__all__ = ["quote_states_value", "stated_values"]


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
