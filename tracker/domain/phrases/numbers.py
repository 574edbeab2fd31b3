"""Numbers as Chinese documents write them: Arabic and Chinese numerals.

Arabic numbers may use thousands commas and full-width digits
(``１，５００``); ``NORMALISE`` maps full-width forms one character for one,
so offsets found in the normalised text are offsets into the original.
Chinese numerals are read up to the 亿 section (``两千五百``, ``十二``,
``三万五千``); a trailing 万/亿/万亿 is a *magnitude* of the unit, not part
of the number (``十二万个`` is 12 万个, as ``12万个`` is), so Arabic and
Chinese figures read alike. ``点`` decimals (``三点五``) are not read: the
seeds never write them and a wrong decimal would be worse than none.
"""

from __future__ import annotations

from decimal import Decimal

__all__ = [
    "ARABIC",
    "CHINESE",
    "MAGNITUDE",
    "MAGNITUDES",
    "NORMALISE",
    "arabic_value",
    "chinese_value",
    "split_magnitude",
]

# Full-width forms, one character for one so offsets are preserved.
NORMALISE = str.maketrans(
    {
        **{chr(0xFF10 + d): str(d) for d in range(10)},
        "．": ".",
        "％": "%",
        "～": "~",
        "－": "-",
        "−": "-",
        "–": "—",
        "　": " ",
    }
)

ARABIC = r"\d+(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
CHINESE_DIGITS = "零〇一二两三四五六七八九"
CHINESE = f"[{CHINESE_DIGITS}十百千万亿]+"
MAGNITUDE = "万亿|亿|万"
MAGNITUDES: dict[str, Decimal] = {
    "": Decimal(1),
    "万": Decimal(10) ** 4,
    "亿": Decimal(10) ** 8,
    "万亿": Decimal(10) ** 12,
}

_DIGITS = dict(zip(CHINESE_DIGITS, (0, 0, 1, 2, 2, 3, 4, 5, 6, 7, 8, 9), strict=True))
_SMALL_UNITS = {"十": 10, "百": 100, "千": 1000}


def arabic_value(text: str) -> Decimal:
    """``1,500`` -> 1500; the caller's regex has checked the shape."""
    return Decimal(text.replace(",", ""))


def _below_ten_thousand(run: str) -> int | None:
    """A section without 万/亿: ``两千五百`` -> 2500, ``十二`` -> 12."""
    if not run:
        return None
    total, digit, last_unit, zero_seen = 0, None, 10**4, False
    for char in run:
        if char in _DIGITS:
            value = _DIGITS[char]
            if value == 0:
                zero_seen = True
                continue
            if digit is not None:
                return None  # 一二: two digits in a row is a list, not a number
            digit = value
        else:
            unit = _SMALL_UNITS[char]
            if unit >= last_unit:
                return None
            total += (digit if digit is not None else 1) * unit
            digit, last_unit, zero_seen = None, unit, False
    if digit is not None and not zero_seen and last_unit > 10 and last_unit != 10**4:
        # 两千五 (colloquial 2500) is ambiguous in writing: refuse rather than guess.
        return None
    return total + (digit or 0)


def chinese_value(run: str) -> int | None:
    """Value of a Chinese numeral (``三万五千`` -> 35000), else None."""
    if not run or run[0] in "万亿" or "万万" in run or "亿亿" in run:
        return None
    total = 0
    rest = run
    for unit, size in (("亿", 10**8), ("万", 10**4)):
        if unit in rest:
            head, rest = rest.split(unit, 1)
            value = _below_ten_thousand(head)
            if value is None:
                return None
            total += value * size
    if rest:
        value = _below_ten_thousand(rest)
        if value is None:
            return None
        total += value
    return total


def split_magnitude(run: str) -> tuple[str, str]:
    """Split a trailing magnitude off a Chinese numeral run:
    ``十二万`` -> (``十二``, ``万``), ``三万五千`` -> (``三万五千``, ``"")``."""
    for magnitude in ("万亿", "亿", "万"):
        if run.endswith(magnitude) and chinese_value(run[: -len(magnitude)]) is not None:
            return run[: -len(magnitude)], magnitude
    return run, ""
