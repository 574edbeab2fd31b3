"""Where a figure's unit ends: a generic grammar, refined by the caller's units.

The reader does not decide which units exist: that is the unit registry's
job (data a planner extends). It reads the *token* after a number:

- ``%``, ``‰``, ``个百分点``/``百分点`` (grammar, not registry: the change
  reader needs them), and ``成`` after a numeral (``三成`` is 30 %);
- a run of Latin letters (``G``, ``Gbps``, ``kWh``, ``吨/年`` style ``/``
  suffixes), not glued to a following letter, digit or Han character;
- one Han character that can be a measure word (not 年, 月, 日, 大, 的 ...),
  optionally with a measurement prefix (平方, 立方, 公, 千, 标准) and a
  compound suffix (时, 次, /年, 标准煤): ``吨``, ``平方米``, ``千瓦时``,
  ``人次``, ``吨标准煤``.

A caller that knows its units passes them (``UnitLexicon``, built from the
registry's names with or without magnitudes). Known nouns are then tried
first, longest first, so ``吨标准煤`` wins over ``吨`` and a name such as
``标准箱`` the generic grammar would cut is read whole; a figure whose noun the
lexicon does not know is still returned, marked ``unit_known=False``, for the
caller to warn about or drop.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

__all__ = ["GENERIC_UNIT", "UnitLexicon", "lexicon_of", "noun_pattern"]

_MAGNITUDE_PREFIXES = ("万亿", "亿", "万")

# Han characters that follow numbers without being their unit: calendar
# words (a date is not a figure), ordinal and list words (6大主导产业, 三化),
# and function words.
NOT_UNITS = (
    "万亿年月日号时分秒周天季期届代岁"  # magnitudes and calendar words
    "大小多余些强最化级型路线楼层版"  # list, rank and ordinal words
    "之的和与及或是在为以上下中内外前后至到比较同并且而等"  # function words
)

# ``个`` before these is a duration or a count of periods (3个月, 1个工作日),
# not a figure of something counted.
_GE_DURATIONS = r"(?!月|工作日|小时|季度|星期|多月|年头)"

GENERIC_UNIT = (
    r"个百分点|百分点|%|‰"
    r"|[A-Za-z]+(?:/[A-Za-z]+)?(?![A-Za-z0-9\u4e00-\u9fff])"
    rf"|(?:平方|立方|公|千|标准)?(?:个{_GE_DURATIONS}|(?![{NOT_UNITS}个])[\u4e00-\u9fff])"
    r"(?:/年|标准煤|标煤|时|次)?"
)


@dataclass(frozen=True)
class UnitLexicon:
    """The unit nouns a caller knows (magnitudes stripped: ``亿元`` -> ``元``).

    Build it with ``lexicon_of(names)`` from whatever registry the caller has
    (the database's unit table, a plan file's units); the reader only asks
    ``knows(noun)`` and tries the nouns first when cutting a token.
    """

    nouns: frozenset[str]

    def knows(self, noun: str) -> bool:
        return noun in self.nouns


def _strip_magnitude(name: str) -> str:
    for prefix in _MAGNITUDE_PREFIXES:
        if name.startswith(prefix) and len(name) > len(prefix):
            return name[len(prefix) :]
    return name


def lexicon_of(names: Iterable[str] | UnitLexicon | None) -> UnitLexicon | None:
    """A lexicon from unit names as a registry stores them (``亿元``, ``万吨``,
    ``个``, ``%``); ``None`` stays ``None`` (generic reading only)."""
    if names is None or isinstance(names, UnitLexicon):
        return names
    nouns = {_strip_magnitude(name.strip()) for name in names if name and name.strip()}
    return UnitLexicon(frozenset(nouns))


def _known_alternative(noun: str) -> str:
    escaped = re.escape(noun)
    if noun.isascii() and noun[0].isalpha():
        # 2720G is bandwidth; 5G基站 is not a figure.
        return escaped + r"(?![A-Za-z0-9\u4e00-\u9fff])"
    if noun == "个":
        return escaped + _GE_DURATIONS
    return escaped


@lru_cache(maxsize=32)
def noun_pattern(lexicon: UnitLexicon | None) -> str:
    """The regex alternation for a unit noun: the lexicon's nouns (longest
    first), then the generic grammar."""
    if lexicon is None:
        return GENERIC_UNIT
    known = sorted(lexicon.nouns, key=lambda noun: (-len(noun), noun))
    return "|".join([*(_known_alternative(noun) for noun in known), GENERIC_UNIT])
