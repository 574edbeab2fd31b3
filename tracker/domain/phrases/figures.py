"""Reading figures: ``[qualifier] number [万|亿|万亿] unit [suffix]``.

``超过2500亿元`` is more_than 2500 亿元, ``4.8万个`` exact 4.8 万个 (the
magnitude stays in the unit as written; ``Figure.scaled`` gives 48000 个),
``1.3万亿斤`` exact 1.3 万亿斤, ``20%以上`` at_least 20 %, ``20—30家`` a
range, ``三成`` 30 %. No maintained library reads these reliably
(docs/documents.md "The figure reader"), hence this small parser. Which
unit tokens exist is not decided
here (``unit_tokens``): a caller with a unit registry passes its names and
gets ``unit_known`` on every match.

Scale words (``find_figures(..., scale_words=True)``, the outcome reader's
choice): ``千亿级``/``5000亿级``/``万亿级`` is at least that many 亿元/万亿元,
``突破百亿`` more than 100 亿元, and ``5500亿电子信息`` (a magnitude with no
unit, before a noun) is 5500 亿元: in these texts an industry's or a
cluster's size without a unit is its output in yuan. Before 企业 a scale
word is a class of firms (``超百亿企业达17家``), not a size. Off by default:
a plan's ``打造2000亿级产业集群`` is read by the plan reader's own rules.

``find_figures`` reads Arabic numbers anywhere, and Chinese numerals only
when the caller's lexicon knows the unit (``两家``, ``十二个``) or as ``成``:
in running text 三标, 四新 and 两翼 are words, and only a registry can tell
them from counts. ``parse_figure`` is told the whole text is a figure, so it
reads Chinese numerals with any unit token.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

from tracker.domain.phrases.numbers import (
    ARABIC,
    CHINESE,
    MAGNITUDE,
    MAGNITUDES,
    NORMALISE,
    arabic_value,
    chinese_value,
    split_magnitude,
)
from tracker.domain.phrases.qualifiers import (
    SUFFIXES,
    ContradictoryQualifiers,
    Reading,
    alternation,
    combine,
    prefixes,
)
from tracker.domain.phrases.unit_tokens import UnitLexicon, lexicon_of, noun_pattern
from tracker.vocabulary import Qualifier

__all__ = [
    "Figure",
    "FigureMatch",
    "UnparsableFigure",
    "find_figures",
    "parse_figure",
]

Units = Iterable[str] | UnitLexicon | None


class UnparsableFigure(ValueError):
    """The text is not one figure (or one target statement) this parser reads."""


@dataclass(frozen=True)
class Figure:
    """A figure as written: the value in ``unit`` (``4.8`` and ``万个``)."""

    qualifier: Qualifier
    value: Decimal
    value_high: Decimal | None
    unit: str

    @property
    def magnitude(self) -> str:
        """``万``, ``亿``, ``万亿`` or ``""``: the part of ``unit`` that scales."""
        for magnitude in ("万亿", "亿", "万"):
            if self.unit.startswith(magnitude) and len(self.unit) > len(magnitude):
                return magnitude
        return ""

    @property
    def noun(self) -> str:
        """The unit without its magnitude (``斤`` of ``万亿斤``): what a unit
        registry is asked about."""
        return self.unit[len(self.magnitude) :]

    @property
    def scaled(self) -> Decimal:
        """The value in ``noun`` units: 1.3 万亿斤 -> 1300000000000 斤."""
        return self.value * MAGNITUDES[self.magnitude]


@dataclass(frozen=True)
class FigureMatch:
    """A figure found in a text, with character offsets (qualifier words
    included), the qualifier words themselves (``""`` when absent), and
    whether the caller's lexicon knows its unit (None: no lexicon given)."""

    figure: Figure
    start: int
    end: int
    text: str
    prefix: str = ""
    suffix: str = ""
    unit_known: bool | None = None


_NOT_AFTER_NUMERAL = "(?<![零〇一二两三四五六七八九十百千万亿])"
_NUMBER = rf"(?P<n1>{ARABIC}|{_NOT_AFTER_NUMERAL}{CHINESE})"
_NUMBER2 = rf"(?P<n2>{ARABIC}|{CHINESE})"


@lru_cache(maxsize=32)
def _pattern(lexicon: UnitLexicon | None) -> re.Pattern[str]:
    noun = noun_pattern(lexicon)
    return re.compile(
        rf"(?P<prefix>{alternation(prefixes('target'))})?\s*"
        r"(?<![\d.A-Za-z])(?<!\d,)(?<!第)(?P<sign>[-+])?"
        rf"{_NUMBER}(?P<mid0>[余多])?(?P<mag1>{MAGNITUDE})?"
        rf"(?:(?P<noun1>{noun})?\s*(?P<sep>[-~—至到])\s*{_NUMBER2}(?P<mag2>{MAGNITUDE})?)?"
        r"(?P<mid>[余多])?"
        rf"(?P<noun>{noun})"
        rf"(?P<suffix>(?:{alternation(SUFFIXES)})(?!游))?"
    )


def _read_number(text: str, magnitude: str) -> tuple[Decimal, str, bool] | None:
    """(value, magnitude, chinese?) of a number token; a Chinese run carries
    its own trailing magnitude (``十二万`` -> 12, 万)."""
    if text[0].isdigit():
        return arabic_value(text), magnitude, False
    run, own = split_magnitude(text)
    if own and magnitude:
        return None
    value = chinese_value(run)
    if value is None:
        return None
    return Decimal(value), own or magnitude, True


def _figure_from(
    match: re.Match[str], reading: Reading, lexicon: UnitLexicon | None, *, whole: bool
) -> tuple[Figure, bool | None] | None:
    """The figure a regex match stands for, or None when it is not one."""
    first = _read_number(match["n1"], match["mag1"] or "")
    if first is None:
        return None
    value, mag1, chinese = first
    noun = match["noun"]
    known = None if lexicon is None else lexicon.knows(noun)
    # In running text a Chinese numeral is a figure only with a known unit,
    # or as 成 (tenths); 一 alone is an article (一批, 一个中心).
    if chinese and not whole and (match["n1"] == "一" or not (known or noun == "成")):
        return None
    if noun == "G" and len(match["n1"]) == 1:
        return None  # 4G/5G networks, not 5 Gbit/s of bandwidth
    sign = Decimal(-1) if match["sign"] == "-" else Decimal(1)
    value = sign * value
    table = prefixes(reading)
    prefix = table[match["prefix"]] if match["prefix"] else None
    if match["n2"] is not None:
        # 20%-30%, 20—30家, 1至2万个 (the magnitude written once applies to both).
        second = _read_number(match["n2"], match["mag2"] or "")
        if second is None or match["noun1"] not in (None, noun) or match["mid0"]:
            return None
        high, mag2, _ = second
        if mag1 and mag2 and mag1 != mag2:
            return None
        if high < value:
            raise UnparsableFigure(f"range upper end below lower end in {match.group(0)!r}")
        return Figure("range", value, high, (mag2 or mag1) + noun), known
    suffix = SUFFIXES[match["suffix"]] if match["suffix"] else None
    if match["mid"] or match["mid0"]:  # 1.6万余家, 5000多亿元: more than the number
        suffix = suffix or "more_than"
    try:
        qualifier = combine(prefix, suffix, match.group(0))
    except ContradictoryQualifiers as error:
        raise UnparsableFigure(str(error)) from None
    if noun == "成" and not mag1:
        if value > 10:
            return None
        return Figure(qualifier, value * 10, None, "%"), True if lexicon else None
    return Figure(qualifier, value, None, mag1 + noun), known


_SCALE = re.compile(
    r"(?P<prefix>突破|超过|超|逾|近|约)?"
    r"(?<![\d.])(?P<n>\d+(?:\.\d+)?|(?<![零〇一二两三四五六七八九十百千])[一二两三四五六七八九]?[十百千])?"
    r"(?P<mag>万亿|亿)(?P<ji>级)?(?![元斤吨美人件台项家个次套座辆企\d])"
)


def _scale_figures(text: str, reading: Reading) -> Iterator[FigureMatch]:
    """Sizes written as scale words (module docstring): 千亿级, 突破百亿,
    5500亿 before a noun; always 亿元 or 万亿元."""
    normal = text.translate(NORMALISE)
    table = prefixes(reading)
    for match in _SCALE.finditer(normal):
        number, magnitude = match["n"], match["mag"]
        if not number and not match["ji"]:
            continue
        if not number:
            value = Decimal(1)
        elif number[0].isdigit():
            value = arabic_value(number)
        else:
            value = Decimal(chinese_value(number) or 0)
            if not value:
                continue
        qualifier: Qualifier = "at_least" if match["ji"] else "exact"
        if match["prefix"]:
            if match["ji"]:
                continue  # 超千亿级: no single reading
            qualifier = table.get(match["prefix"], qualifier)
        start = match.start("prefix") if match["prefix"] else match.start("n")
        if start < 0:
            start = match.start("mag")
        end = match.end()
        yield FigureMatch(
            Figure(qualifier, value, None, magnitude + "元"),
            start,
            end,
            text[start:end],
            prefix=match["prefix"] or "",
            unit_known=True,
        )


def find_figures(
    text: str, *, reading: Reading = "target", units: Units = None, scale_words: bool = False
) -> list[FigureMatch]:
    """Every figure in a text, left to right, with offsets into ``text``.

    ``units``: the unit names the caller knows (a registry's names, with or
    without magnitudes); without them the unit is cut by the generic grammar
    and ``unit_known`` is None. Figures that contradict themselves
    (``不超过5%以上``, ``30-20%``) are skipped here; ``parse_figure``
    reports them. ``scale_words``: also read 千亿级, 突破百亿 and a bare
    ``5500亿`` before a noun as sizes in 亿元 (module docstring); a figure
    of the usual grammar whose unit is known keeps its place.
    """
    lexicon = lexicon_of(units)
    found = [
        _times(text, f, lexicon) for f in _scan(text, reading, lexicon, strict=False, whole=False)
    ]
    if not scale_words:
        return found
    kept = [f for f in found if f.unit_known is not False or not f.figure.magnitude]
    for scale in _scale_figures(text, reading):
        if not any(f.start < scale.end and scale.start < f.end for f in kept):
            kept.append(scale)
    return sorted(kept, key=lambda f: f.start)


_TIMES = re.compile(r"\s*[(（]次[)）]")


def _times(text: str, found: FigureMatch, lexicon: UnitLexicon | None) -> FigureMatch:
    """``31672家(次)`` counts visits: the unit is 家次 when the caller knows it."""
    times = _TIMES.match(text, found.end)
    if times is None or lexicon is None or not lexicon.knows(found.figure.noun + "次"):
        return found
    unit = found.figure.unit + "次"
    figure = Figure(found.figure.qualifier, found.figure.value, found.figure.value_high, unit)
    end = times.end()
    return FigureMatch(
        figure,
        found.start,
        end,
        text[found.start : end],
        prefix=found.prefix,
        suffix=found.suffix,
        unit_known=True,
    )


def _scan(
    text: str, reading: Reading, lexicon: UnitLexicon | None, *, strict: bool, whole: bool
) -> Iterator[FigureMatch]:
    normal = text.translate(NORMALISE)
    pattern = _pattern(lexicon)
    position = 0
    while True:
        match = pattern.search(normal, position)
        if match is None:
            return
        try:
            found = _figure_from(match, reading, lexicon, whole=whole)
        except UnparsableFigure:
            if strict:
                raise
            found = None
        if found is None:
            position = match.start("n1") + 1
            continue
        figure, known = found
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
            unit_known=known,
        )
        position = match.end()


def parse_figure(text: str, *, reading: Reading = "target", units: Units = None) -> Figure:
    """Read one figure (``超过2500亿元``, ``1.0万亿元``, ``7%左右``, ``两家``).

    The whole text (bar surrounding spaces) must be the figure; use
    ``find_figures`` to pick figures out of a sentence. Raises
    ``UnparsableFigure`` otherwise. Whether the unit exists is the caller's
    question (``Figure.noun`` is what to ask the registry).
    """
    stripped = text.strip()
    found = list(_scan(stripped, reading, lexicon_of(units), strict=True, whole=True))
    if len(found) == 1 and found[0].start == 0 and found[0].end == len(stripped):
        return found[0].figure
    raise UnparsableFigure(f"not a figure: {text!r} (expected qualifier + number + unit)")
