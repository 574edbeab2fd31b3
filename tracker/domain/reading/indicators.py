"""Does a stretch of text name a target's indicator? (issue 13, deliverable 4)

The outcome reader compares words by character pairs (``_pairs``): Chinese
has no spaces, and an indicator is written with its words in another order
or with words left out (``主导产业占全市工业比重`` / ``六大主导产业增加值占规上
工业的比重``). Before comparing, both sides are normalised in documented
ways, each a rule class rather than a fix for one sentence:

- **Variants** that mean the same: ``炭``/``碳`` (炭素 is usually written
  碳素), ``规模以上``/``规上``, ``年产`` before a figure is a capacity
  (``年产12万吨的石灰窑``: 产能).
- **Measure words** at the end of a name say how it is counted, and the
  text says it with the unit instead: ``签约项目数`` is reported as
  ``签约项目296个``; ``数``, ``数量``, ``个数``, ``总数``, ``规模`` are
  dropped from the names.
- **Change words of one family**: cutting capacity is written ``压减``,
  ``淘汰``, ``退出``, ``关闭``, ``关停``, ``拆除``, ``化解``; any of them
  stands for any other, but a figure matched only through such a swap
  reports a related indicator (退出 is not 淘汰): a **proxy**.
- **Related scopes**: ``工业`` for ``制造业`` (industry includes
  manufacturing). A figure whose words name the target only once its
  制造业 is read as 工业 is proposed as a **proxy**, never as a match.

``coverage`` is the best share of a name's pairs found in the window (to two
places: a ranking key, not a measurement). Pairs inside **generic words**
(``规上``, ``工业``, ``增加值``, ``比重``, ``占比``, ``产业``, ``企业``, ``项目``,
``全市``), which half the indicators share, weigh half: what tells
``高技术产业占比`` from ``主导产业占比`` is 高技术, not 产业占比.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

__all__ = [
    "Match",
    "NameSet",
    "WindowPairs",
    "match_names",
    "name_set",
    "names_written_whole",
    "normal_words",
    "pairs",
    "shares_a_pair",
    "window_pairs",
]

VARIANTS = (("炭", "碳"), ("规模以上", "规上"))
CAPACITY = re.compile(r"年产(?=\s*[\d.]|\s|$)")  # before a figure (or where it stood)
MEASURE_WORDS = re.compile(r"(?:总数|个数|数量|数|规模)$")
# Cutting capacity: one family of change words (longest first).
REMOVAL = re.compile(r"关闭退出|淘汰退出|压减|淘汰|退出|关闭|关停|拆除|化解|削减|压缩")
REMOVAL_MARK = "\ue000\ue001"  # private-use pair: matches only itself
RELATED = (("制造业", "工业"),)
DROPPED = re.compile(r"[\s*“”\"、，,()（）的]")
GENERIC = ("规上", "工业", "增加值", "比重", "占比", "产业", "企业", "项目", "全市")


def normal_words(text: str) -> str:
    """Variants read one way and 年产 as 产能 (module docstring)."""
    for variant, usual in VARIANTS:
        text = text.replace(variant, usual)
    return CAPACITY.sub("产能", text)


def pairs(text: str) -> frozenset[str]:
    """The character pairs of ``text`` without spaces, quotes, brackets and 的."""
    text = DROPPED.sub("", text)
    return frozenset(text[i : i + 2] for i in range(len(text) - 1))


@dataclass(frozen=True)
class NameSet:
    """A target's indicator and aliases, ready to compare: ``plain`` (variants
    read one way, measure words dropped), ``family`` (change words of one
    family made one token) and ``related`` (制造业 read as 工业)."""

    names: tuple[str, ...]
    plain: tuple[frozenset[str], ...]
    family: tuple[frozenset[str], ...]
    related: tuple[frozenset[str], ...]
    whole: tuple[str, ...]


@dataclass(frozen=True)
class Match:
    coverage: Decimal
    name: str
    proxy_reason: str  # "" | "family" | "related"


def _stem(name: str) -> str:
    return MEASURE_WORDS.sub("", normal_words(name)) or normal_words(name)


def name_set(names: Sequence[str]) -> NameSet:
    stems = [_stem(n) for n in names if n]
    related = []
    for stem in stems:
        for narrow, wide in RELATED:
            stem = stem.replace(narrow, wide)
        related.append(pairs(REMOVAL.sub(REMOVAL_MARK, stem)))
    return NameSet(
        names=tuple(n for n in names if n),
        plain=tuple(pairs(s) for s in stems),
        family=tuple(pairs(REMOVAL.sub(REMOVAL_MARK, s)) for s in stems),
        related=tuple(related),
        whole=tuple(stems),
    )


@dataclass(frozen=True)
class WindowPairs:
    """A window's pairs in the three readings of ``NameSet``."""

    text: str
    plain: frozenset[str]
    family: frozenset[str]


def window_pairs(window: str) -> WindowPairs:
    words = normal_words(window)
    return WindowPairs(words, pairs(words), pairs(REMOVAL.sub(REMOVAL_MARK, words)))


GENERIC_PAIRS = frozenset().union(*(pairs(word) for word in GENERIC))


def _weight(found: frozenset[str]) -> float:
    return len(found) - 0.5 * len(found & GENERIC_PAIRS)


def _best(window: frozenset[str], names: Sequence[frozenset[str]]) -> tuple[float, int]:
    best, at = 0.0, -1
    for i, name in enumerate(names):
        if name:
            covered = _weight(name & window) / _weight(name)
            if covered > best:
                best, at = covered, i
    return best, at


def match_names(window: WindowPairs, names: NameSet, minimum: Decimal) -> Match | None:
    """How well ``window`` names one of ``names``: the plain reading first,
    then a change word of the same family, then a related scope (both
    proxies); None when none reaches ``minimum``."""
    readings = (
        (*_best(window.plain, names.plain), ""),
        (*_best(window.family, names.family), "family"),
        (*_best(window.family, names.related), "related"),
    )
    # The best reading; on a tie the plain one (then the family).
    covered, at, reason = max(readings, key=lambda r: (round(r[0], 2), -readings.index(r)))
    coverage = Decimal(f"{covered:.2f}")
    if coverage < minimum:
        return None
    return Match(coverage, names.names[at], reason)


def names_written_whole(window: WindowPairs, names: NameSet) -> bool:
    """Whether a name (variants read one way, measure word dropped) is
    written in the window as it stands."""
    return any(stem and stem in window.text for stem in names.whole)


def shares_a_pair(words: str, names: NameSet) -> bool:
    """Whether ``words`` share a pair with a name, read plainly or with its
    change word's family (not with a related scope): used for what a count
    counts (``3个优质项目`` and ``1000个工业微电网`` do not count 制造业企业)."""
    found = window_pairs(words)
    return any(n & found.family for n in names.family) or any(n & found.plain for n in names.plain)
