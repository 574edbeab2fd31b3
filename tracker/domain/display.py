"""Figures as a person reads them: ``≥ 20%``, ``> 2500亿元``, ``20–30%``.

Money and counts keep the unit as written (``2500亿元``, never Western scales
such as ``250.0 十亿``: docs/attainment.md section 8).
"""

from __future__ import annotations

from decimal import Decimal

__all__ = ["describe_target", "format_decimal", "status_label"]

_SYMBOLS = {
    "at_least": "≥ ",
    "more_than": "> ",
    "at_most": "≤ ",
    "less_than": "< ",
    "about": "≈ ",
    "exact": "",
}


def format_decimal(value: Decimal) -> str:
    """Plain digits without trailing zeros or exponent: 7, 2.1, 1, 2500."""
    text = format(value.normalize(), "f")
    return "0" if text in ("-0", "0") else text


def describe_target(comparator: str, value: Decimal, value_high: Decimal | None, unit: str) -> str:
    """``≥ 20%``, ``≈ 7%``, ``20–30%``; an exact (outcome) figure has no symbol."""
    if comparator == "range":
        if value_high is None:
            raise ValueError("a range needs value_high")
        return f"{format_decimal(value)}–{format_decimal(value_high)}{unit}"
    try:
        symbol = _SYMBOLS[comparator]
    except KeyError:
        raise ValueError(f"unknown comparator {comparator!r}") from None
    return f"{symbol}{format_decimal(value)}{unit}"


def status_label(status: str, grade: str | None) -> str:
    """Status with its grade beside it, as reports show it: ``met · later``."""
    return f"{status} · {grade}" if grade else status
