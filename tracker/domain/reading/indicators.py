"""Does a stretch of text name a target's indicator? (issue 13, deliverable 4)

The outcome reader compares words by character pairs (``_pairs``): Chinese
has no spaces, and an indicator is written with its words in another order
or with words left out (``主导产业占全市工业比重`` / ``六大主导产业增加值占规上
工业的比重``). Before comparing, both sides are normalised in documented
ways, each a rule class rather than a fix for one sentence:

- **Variants** that mean the same: ``炭``/``碳`` (炭素 is usually written
  碳素), ``规模以上``/``规上``, a rate's name and the change reported
  (``增速``/``增幅``/``增长率`` and ``增长``, ``降幅`` and ``下降``),
  ``年产`` before a figure is a capacity (``年产12万吨的石灰窑``: 产能).
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
    "GENERIC_PAIRS",
    "Match",
    "NameSet",
    "WindowPairs",
    "match_names",
    "name_set",
    "names_written_whole",
    "normal_words",
    "pairs",
    "focus",
    "heads",
    "shares_a_pair",
    "shares_a_telling_pair",
    "window_pairs",
]

VARIANTS = (
    ("炭", "碳"),
    ("规模以上", "规上"),
    # A rate's name and the change a text reports (…增速 is written 增长8.5%).
    ("增长率", "增长"),
    ("增速", "增长"),
    ("增幅", "增长"),
    ("降幅", "下降"),
    # A decline is a negative growth (docs/attainment.md section 2), its
    # sign set apart (outcomes._signed): 下降1.8% reports a 增速.
    ("下降", "增长"),
    # 同比 (year on year) only says what the change is against; so do
    # 比上年 and its kin (增加值比上年增长7.0% names 增加值增速 whole).
    ("同比", ""),
    ("比上年同期", ""),
    ("比去年同期", ""),
    ("比上年", ""),
    ("比去年", ""),
    ("较上年", ""),
    # Trade (进出口) is neither its exports (出口) nor its imports (进口): one
    # private-use character, so 进出口总额 shares no pair with 出口总额.
    ("进出口", "\ue002"),
)
CAPACITY = re.compile(r"年产(?=\s*[\d.]|\s|$)")  # before a figure (or where it stood)
MEASURE_WORDS = re.compile(r"(?:总数|个数|数量|数|规模|人次|(?<=[出进]口)(?:总额|总值|[量额值]))$")
# 出口汽车 (export cars) right before its figure names 汽车出口 (car exports).
# Not a measure word after it (进口总额 is imports' amount, no product).
TRADED = re.compile(r"([出进]口)(?!总额|总值|总量|额|量|值)([\u4e00-\u9fff]{2,4})(?=\s*$)")
# Cutting capacity: one family of change words (longest first).
REMOVAL = re.compile(r"关闭退出|淘汰退出|压减|淘汰|退出|关闭|关停|拆除|化解|削减|压缩")
REMOVAL_MARK = "\ue000\ue001"  # private-use pair: matches only itself
RELATED = (("制造业", "工业"),)
DROPPED = re.compile(r"[\s*“”\"、，,()（）的]")
GENERIC = ("规上", "工业", "增加值", "比重", "占比", "产业", "企业", "项目", "全市")


def normal_words(text: str) -> str:
    """Variants read one way, 年产 as 产能 and 出口汽车 as 汽车出口 (module
    docstring)."""
    for variant, usual in VARIANTS:
        text = text.replace(variant, usual)
    return TRADED.sub(r"\2\1", CAPACITY.sub("产能", text))


def pairs(text: str) -> frozenset[str]:
    """The character pairs of ``text`` without spaces, quotes, brackets and 的."""
    text = DROPPED.sub("", text)
    return frozenset(text[i : i + 2] for i in range(len(text) - 1))


# A name's pairs, its generic pairs and its total weight.
Weighted = tuple[frozenset[str], frozenset[str], float]


@dataclass(frozen=True)
class NameSet:
    """A target's indicator and aliases, ready to compare: ``plain`` (variants
    read one way, measure words dropped), ``family`` (change words of one
    family made one token) and ``related`` (制造业 read as 工业)."""

    names: tuple[str, ...]
    plain: tuple[Weighted, ...]
    family: tuple[Weighted, ...]  # () when it is the plain reading
    related: tuple[Weighted, ...]  # () when it is the family reading
    whole: tuple[str, ...]


@dataclass(frozen=True)
class Match:
    coverage: Decimal
    name: str
    proxy_reason: str  # "" | "family" | "related"


def _stem(name: str) -> str:
    return MEASURE_WORDS.sub("", normal_words(name)) or normal_words(name)


GENERIC_PAIRS = frozenset().union(*(pairs(word) for word in GENERIC))


def _weighted(name: frozenset[str]) -> tuple[frozenset[str], frozenset[str], float]:
    """A name's pairs, its generic pairs and its total weight."""
    generic = name & GENERIC_PAIRS
    return name, generic, len(name) - 0.5 * len(generic)


def _name_pairs(stem: str) -> frozenset[str]:
    """A name's pairs; a rate's name (…浓度增长) without the pair joining its
    noun to its change word (度增), which texts write apart (浓度为36…,
    同比下降7.7%)."""
    if stem.endswith("增长") and len(stem) > 3:
        return pairs(stem[:-2]) | {"增长"}
    return pairs(stem)


def name_set(names: Sequence[str]) -> NameSet:
    stems = [_stem(n) for n in names if n]
    family = [pairs(REMOVAL.sub(REMOVAL_MARK, s)) for s in stems]
    related = []
    for stem in stems:
        for narrow, wide in RELATED:
            stem = stem.replace(narrow, wide)
        related.append(pairs(REMOVAL.sub(REMOVAL_MARK, stem)))
    plain = [_name_pairs(s) for s in stems]
    return NameSet(
        names=tuple(n for n in names if n),
        plain=tuple(_weighted(p) for p in plain),
        # Only the readings that differ from the plain one need comparing.
        family=tuple(_weighted(f) for f in family) if family != plain else (),
        related=tuple(_weighted(r) for r in related) if related != family else (),
        whole=tuple(stems),
    )


@dataclass(frozen=True)
class WindowPairs:
    """A window's pairs in the readings of ``NameSet``."""

    text: str
    plain: frozenset[str]
    family: frozenset[str]


def window_pairs(window: str) -> WindowPairs:
    words = normal_words(window)
    plain = pairs(words)
    marked = REMOVAL.sub(REMOVAL_MARK, words)
    return WindowPairs(words, plain, plain if marked == words else pairs(marked))


def _best(window: frozenset[str], names: Sequence[Weighted]) -> tuple[float, int]:
    best, at = 0.0, -1
    for i, (name, generic, total) in enumerate(names):
        if total:
            found = name & window
            covered = (len(found) - 0.5 * len(found & generic)) / total
            if covered > best:
                best, at = covered, i
    return best, at


def match_names(window: WindowPairs, names: NameSet, minimum: Decimal) -> Match | None:
    """How well ``window`` names one of ``names``: the plain reading, a
    change word of the same family, a related scope (both proxies); the best
    of them, the plain one on a tie; None when none reaches ``minimum``."""
    covered, at = _best(window.plain, names.plain)
    reason = ""
    # A family reading differs from the plain one only when the name or the
    # window holds a change word of the family.
    family_names = names.family or (names.plain if window.family is not window.plain else ())
    for reading, readings in (("family", family_names), ("related", names.related)):
        if readings:
            better, better_at = _best(window.family, readings)
            if round(better, 2) > round(covered, 2):
                covered, at, reason = better, better_at, reading
    coverage = Decimal(f"{covered:.2f}")
    if coverage < minimum:
        return None
    return Match(coverage, names.names[at], reason)


def names_written_whole(window: WindowPairs, names: NameSet) -> bool:
    """Whether a name (variants read one way, measure word dropped) is
    written in the window as it stands."""
    return any(stem and stem in window.text for stem in names.whole)


def heads(names: NameSet) -> frozenset[str]:
    """What each name counts: its last two characters once the measure word
    is dropped (``产业集群整治企业数``: 企业), and before a closing bracket
    too (``绿色工厂(园区)数``: 工厂, 园区)."""
    found = set()
    for stem in names.whole:
        parts = re.split(r"[(（]", stem.rstrip(")）"))
        for part in parts:
            part = DROPPED.sub("", part)
            if len(part) >= 2:
                found.add(part[-2:])
    return frozenset(found)


def shares_a_pair(words: str, names: NameSet) -> bool:
    """Whether ``words`` share a pair with a name, read plainly or with its
    change word's family (not with a related scope): used for what a count
    counts (``3个优质项目`` and ``1000个工业微电网`` do not count 制造业企业)."""
    found = window_pairs(words)
    return any(n & found.family for n, _, _ in names.family or names.plain) or any(
        n & found.plain for n, _, _ in names.plain
    )


def shares_a_telling_pair(words: str, names: NameSet) -> bool:
    """Whether ``words`` share a pair with a name that is not inside a
    generic word: a figure's own words must say which quantity of a shared
    subject it is (``惠及企业`` for 奖补资金惠及企业数; ``实现营业收入``
    shares only generic words with 规上工业增加值)."""
    found = window_pairs(words)
    family = names.family or names.plain
    return any((n - GENERIC_PAIRS) & found.family for n, _, _ in family) or any(
        (n - GENERIC_PAIRS) & found.plain for n, _, _ in names.plain
    )


def focus(words: str, names: NameSet) -> float:
    """The share of the pairs of ``words`` (a figure's own words) that are a
    name's: of two figures named alike, the one saying least else is the
    indicator's own (``工业企业已达`` before ``完成…工业企业年度分类评价``)."""
    found = window_pairs(words).plain
    if not found:
        return 0.0
    return max(len(n & found) for n, _, _ in names.plain) / len(found)
