"""Reading Chinese figures and target statements (DESIGN.md section 3).

A figure is ``[qualifier] number [万|亿|万亿] unit [suffix]``, read into
Decimals: ``超过2500亿元`` is more_than 2500 亿元, ``4.8万个`` is exact 4.8
万个 (the magnitude stays in the unit as written; ``units.convert`` gives
48000 个), ``20%以上`` at_least 20 %, ``20—30家`` a range. No maintained
library reads these reliably (DESIGN.md section 10), hence this small parser.

Numbers are Arabic (full-width digits are accepted). ``parse_figure`` also
reads simple all-Chinese numerals below ten thousand (``两千五百亿元``,
``百亿元``, ``三十个``), with 万/亿/万亿 taken as the unit's magnitude; it
does not read numerals that span 万 (``三万五千``), nor ``点`` decimals.
``find_figures`` and ``parse_target_phrase`` look for Arabic numbers only, so
words such as 一批 or 两翼 are never taken for figures.

Two readings: in a target (``reading="target"``) 达到X and 提高到X mean at
least X and 降低到X/控制在X at most X; in a reported outcome
(``reading="outcome"``) the same verbs state the figure itself (exact):
``占比达到39.2%``, ``下降到25.3%``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from typing import Literal

from tracker.domain.units import SEED_REGISTRY, UnitRegistry, UnknownUnit
from tracker.domain.vocab import Commitment, Comparator, Direction, Qualifier

__all__ = [
    "Figure",
    "FigureMatch",
    "TargetPhrase",
    "UnparsableFigure",
    "find_figures",
    "parse_figure",
    "parse_target_phrase",
]

Reading = Literal["target", "outcome"]


class UnparsableFigure(ValueError):
    """The text is not one figure (or one target statement) this parser reads."""


@dataclass(frozen=True)
class Figure:
    """A figure as written: the value in ``unit`` (``4.8`` and ``万个``)."""

    qualifier: Qualifier
    value: Decimal
    value_high: Decimal | None
    unit: str


@dataclass(frozen=True)
class FigureMatch:
    """A figure found in a text, with character offsets (qualifier words
    included) and the qualifier words themselves (``""`` when absent)."""

    figure: Figure
    start: int
    end: int
    text: str
    prefix: str = ""
    suffix: str = ""


@dataclass(frozen=True)
class TargetPhrase:
    """What a target statement commits to.

    ``decline`` is True when the measured quantity is a reduction
    (``单位能耗下降4%以上``: the decline must be at least 4%). ``direction`` is
    which way is better for the figure as stated: ``lower`` for caps and
    ``降低到X`` statements, otherwise ``higher`` (including declines).
    """

    comparator: Comparator
    value: Decimal
    value_high: Decimal | None
    unit: str
    commitment: Commitment
    decline: bool
    direction: Direction = "higher"


# Full-width forms, one character for one so offsets are preserved.
_NORMALISE = str.maketrans(
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

_MAGNITUDE = r"万亿|亿|万"
_NUMBER = r"\d+(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_MAGNITUDE_PREFIXES = ("万亿", "亿", "万")


def _nouns(units: UnitRegistry) -> list[str]:
    known = units.known_units()
    return [u for u in known if not u.startswith(_MAGNITUDE_PREFIXES) and u != "％"]


def _noun_pattern(units: UnitRegistry) -> str:
    parts = []
    for noun in _nouns(units):
        escaped = re.escape(noun)
        if noun.isascii() and noun[0].isalpha():
            # 2720G is bandwidth; 5G基站 is not a figure.
            escaped += r"(?![A-Za-z0-9\u4e00-\u9fff])"
        elif noun == "个":
            escaped += r"(?!月|工作日|小时|季度|星期|多月)"
        parts.append(escaped)
    return "|".join(parts)


# Qualifier words before the number, by reading. Longest first when matching.
_PREFIX_COMMON: dict[str, Qualifier] = {
    "不低于": "at_least",
    "不少于": "at_least",
    "至少": "at_least",
    "超过": "more_than",
    "高于": "more_than",
    "多于": "more_than",
    "突破": "more_than",
    "超": "more_than",
    "逾": "more_than",
    "不超过": "at_most",
    "不高于": "at_most",
    "不多于": "at_most",
    "最多": "at_most",
    "不到": "less_than",
    "不满": "less_than",
    "不足": "less_than",
    "低于": "less_than",
    "少于": "less_than",
    "大约": "about",
    "约": "about",
}
# Verbs that name the level reached: a floor in a target, the fact in a report.
_REACH_WORDS = ("达到", "提高到", "提升到", "增长到", "增加到", "提高至", "提升至", "达")
# Verbs that name a lowered level: a cap in a target, the fact in a report.
_LOWER_TO_WORDS = (
    *("控制在", "降低到", "下降到", "降低至", "下降至", "降到", "降至"),
    *("减少到", "减少至", "压减到", "压减至", "下降为", "降低为"),
)


def _prefixes(reading: Reading) -> dict[str, Qualifier]:
    table = dict(_PREFIX_COMMON)
    for word in _REACH_WORDS:
        table[word] = "at_least" if reading == "target" else "exact"
    for word in _LOWER_TO_WORDS:
        table[word] = "at_most" if reading == "target" else "exact"
    return table


_SUFFIXES: dict[str, Qualifier] = {
    "及以上": "at_least",
    "以上": "at_least",
    "及以下": "at_most",
    "以下": "at_most",
    "以内": "at_most",
    "左右": "about",
    "上下": "about",
}


# Single characters that are qualifiers only when not part of another word:
# 签约 (sign), 节约 (save), 下达 (allocate), 表达 (express), 赶超 (catch up).
_GUARDS = {"约": "签节制合预公条契", "达": "表下传抵送发到", "超": "赶"}


def _alternation(words: list[str] | tuple[str, ...]) -> str:
    parts = []
    for word in sorted(words, key=len, reverse=True):
        guard = _GUARDS.get(word)
        parts.append(f"(?<![{guard}]){re.escape(word)}" if guard else re.escape(word))
    return "|".join(parts)


@lru_cache(maxsize=8)
def _figure_regex(units: UnitRegistry) -> re.Pattern[str]:
    """The figure pattern for a registry's nouns (compiled once per registry:
    the units are data, so a planner's new unit is a new registry)."""
    nouns = _noun_pattern(units)
    return re.compile(
        rf"(?P<prefix>{_alternation(list(_prefixes('target')))})?\s*"
        r"(?<![\d.])(?<!\d,)(?P<sign>-)?"
        rf"(?P<n1>{_NUMBER})(?P<mid0>[余多])?(?P<mag1>{_MAGNITUDE})?"
        rf"(?:(?P<noun1>{nouns})?\s*(?P<sep>[-~—至到])\s*(?P<n2>{_NUMBER})(?P<mag2>{_MAGNITUDE})?)?"
        r"(?P<mid>[余多])?"
        rf"(?P<noun>{nouns})"
        rf"(?P<suffix>(?:{_alternation(list(_SUFFIXES))})(?!游))?"
    )


_LOWER_FAMILY = {"at_least", "more_than"}
_UPPER_FAMILY = {"at_most", "less_than"}


def _combine(prefix: Qualifier | None, suffix: Qualifier | None, text: str) -> Qualifier:
    """One qualifier from the words around the number.

    ``左右``/``约`` anywhere wins (``达到75%左右`` is about 75%); otherwise
    the prefix is kept when both bound the same side (``超过X以上`` reads as
    more than X); opposite sides are a contradiction.
    """
    if prefix is None or prefix == "exact":
        return suffix or prefix or "exact"
    if suffix is None:
        return prefix
    if "about" in (prefix, suffix):
        return "about"
    if {prefix, suffix} <= _LOWER_FAMILY or {prefix, suffix} <= _UPPER_FAMILY:
        return prefix
    raise UnparsableFigure(f"contradictory qualifiers in {text!r}")


def _number(text: str) -> Decimal:
    return Decimal(text.replace(",", ""))


def _figure_from(match: re.Match[str], reading: Reading, units: UnitRegistry) -> Figure | None:
    """The figure a regex match stands for, or None if its unit is not real."""
    mag1, mag2 = match["mag1"] or "", match["mag2"] or ""
    noun = match["noun"]
    if match["n2"] is not None:
        # 20%-30%, 20—30家, 1至2万个 (the magnitude written once applies to both).
        if match["noun1"] not in (None, noun) or (mag1 and mag2 and mag1 != mag2) or match["mid0"]:
            return None
        unit = (mag2 or mag1) + noun
    else:
        unit = mag1 + noun
    if noun == "G" and len(match["n1"]) == 1:
        return None  # 4G/5G networks, not 5 Gbit/s of bandwidth
    try:
        units.lookup(unit)
    except UnknownUnit:
        return None
    sign = Decimal(-1) if match["sign"] else Decimal(1)
    value = sign * _number(match["n1"])
    prefixes = _prefixes(reading)
    prefix = prefixes[match["prefix"]] if match["prefix"] else None
    if match["n2"] is not None:
        high = _number(match["n2"])
        if high < value:
            raise UnparsableFigure(f"range upper end below lower end in {match.group(0)!r}")
        return Figure("range", value, high, unit)
    suffix = _SUFFIXES[match["suffix"]] if match["suffix"] else None
    if match["mid"] or match["mid0"]:  # 1.6万余家, 5000多亿元: more than the number
        suffix = suffix or "more_than"
    return Figure(_combine(prefix, suffix, match.group(0)), value, None, unit)


def find_figures(
    text: str, *, reading: Reading = "target", units: UnitRegistry = SEED_REGISTRY
) -> list[FigureMatch]:
    """Every figure in a text, left to right, with offsets into ``text``.

    Figures that contradict themselves (``不超过5%以上``, ``30-20%``) are
    skipped here; ``parse_figure`` reports them. ``units`` says which unit
    texts are figures' units.
    """
    return list(_scan(text, reading, units, strict=False))


def _scan(
    text: str, reading: Reading, units: UnitRegistry, *, strict: bool = True
) -> Iterator[FigureMatch]:
    normal = text.translate(_NORMALISE)
    pattern = _figure_regex(units)
    position = 0
    while True:
        match = pattern.search(normal, position)
        if match is None:
            return
        try:
            figure = _figure_from(match, reading, units)
        except UnparsableFigure:
            if strict:
                raise
            figure = None
        if figure is None:
            position = match.start("n1") + 1
            continue
        start = match.start("prefix") if match["prefix"] else match.start("n1")
        if match["sign"]:
            start = min(start, match.start("sign"))
        yield FigureMatch(
            figure,
            start,
            match.end(),
            text[start : match.end()],
            prefix=match["prefix"] or "",
            suffix=match["suffix"] or "",
        )
        position = match.end()


_CN_DIGITS = dict(
    zip("零〇一二两三四五六七八九", (0, 0, 1, 2, 2, 3, 4, 5, 6, 7, 8, 9), strict=True)
)
_CN_UNITS = {"十": 10, "百": 100, "千": 1000}
_CN_RUN = re.compile("[零〇一二两三四五六七八九十百千]+")


def _chinese_numeral(run: str) -> int | None:
    """Value of a simple numeral below 10000 (两千五百 -> 2500), else None."""
    total, digit, last_unit = 0, None, 10**4
    for char in run:
        if char in _CN_DIGITS:
            if digit is not None and _CN_DIGITS[char] != 0:
                return None  # 一二: two digits in a row is not a number
            digit = _CN_DIGITS[char] or None
        else:
            unit = _CN_UNITS[char]
            if unit >= last_unit:
                return None
            total += (digit if digit is not None else 1) * unit
            digit, last_unit = None, unit
    return total + (digit or 0)


def _arabise(text: str) -> str:
    def replace(match: re.Match[str]) -> str:
        value = _chinese_numeral(match.group(0))
        return match.group(0) if value is None else str(value)

    return _CN_RUN.sub(replace, text)


def parse_figure(
    text: str, *, reading: Reading = "target", units: UnitRegistry = SEED_REGISTRY
) -> Figure:
    """Read one figure (``超过2500亿元``, ``1.0万亿元``, ``7%左右``).

    The whole text (bar surrounding spaces) must be the figure; use
    ``find_figures`` to pick figures out of a sentence. Raises
    ``UnparsableFigure`` otherwise.
    """
    stripped = text.strip()
    for candidate in (stripped, _arabise(stripped)):
        found = list(_scan(candidate, reading, units))
        if len(found) == 1 and found[0].start == 0 and found[0].end == len(candidate):
            return found[0].figure
    raise UnparsableFigure(f"not a figure: {text!r} (expected qualifier + number + unit)")


_COMMITMENT_WORDS = ("力争", "争取")
_DECLINE_VERBS = ("下降", "降低", "减少", "压减", "削减", "淘汰", "压降", "缩减", "减排", "退出")
_GROWTH_VERBS = ("增长", "提高", "提升", "增加", "上升", "扩大", "新增")
_CLAUSE_BREAK = re.compile(r"[，,；;。：:！!？?]")


def _last_verb(clause: str) -> str | None:
    best, where = None, -1
    for verb in _DECLINE_VERBS + _GROWTH_VERBS:
        at = clause.rfind(verb)
        if at > where:
            best, where = verb, at
    return best


def parse_target_phrase(text: str, *, units: UnitRegistry = SEED_REGISTRY) -> TargetPhrase:
    """Read a whole target statement.

    ``力争规模以上工业增加值增长7%左右`` -> about 7 %, aspirational;
    ``单位能耗下降4%以上`` -> at_least 4 %, decline; ``高耗能产业比重降低到30%左右``
    -> about 30 %, direction lower. A bare figure (``210个项目开工``) reads as
    at least (at most when the statement caps a level). The statement must
    hold exactly one figure (years such as 2020年 are not figures); split
    statements with several.
    """
    found = list(_scan(text, "target", units))
    if not found:
        raise UnparsableFigure(f"no figure with a known unit in {text!r}")
    if len(found) > 1:
        listed = ", ".join(m.text for m in found)
        raise UnparsableFigure(f"several figures in one statement ({listed}): split it")
    match = found[0]
    figure = match.figure
    commitment: Commitment = "aspirational" if any(w in text for w in _COMMITMENT_WORDS) else "firm"
    clause = _CLAUSE_BREAK.split(text.translate(_NORMALISE)[: match.start])[-1]
    lowered_to = match.prefix in _LOWER_TO_WORDS
    decline = not lowered_to and _last_verb(clause) in _DECLINE_VERBS
    caps = lowered_to or any(
        q in _UPPER_FAMILY
        for q in (
            _PREFIX_COMMON.get(match.prefix),
            _SUFFIXES.get(match.suffix),
            figure.qualifier,
        )
    )
    direction: Direction = "lower" if caps else "higher"
    comparator: Comparator
    if figure.qualifier == "exact":
        comparator = "at_most" if direction == "lower" else "at_least"
    else:
        comparator = figure.qualifier
    return TargetPhrase(
        comparator, figure.value, figure.value_high, figure.unit, commitment, decline, direction
    )
