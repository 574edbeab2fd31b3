"""Qualifier words around a number (docs/attainment.md section 2), by reading.

In a target (``reading="target"``) 达到X and 提高到X mean at least X and
降低到X/控制在X at most X; in a reported outcome (``reading="outcome"``) the
same verbs state the figure itself (exact): ``占比达到39.2%``, ``下降到25.3%``.
``近X``/``接近X`` (nearly X) reads as about X: the interval model has no
"just under", and ``less_than`` would turn 近5000家 against a target of 4000
into a doubt it is not.
"""

from __future__ import annotations

import re
from typing import Literal

from tracker.vocabulary import Qualifier

__all__ = [
    "LOWER_FAMILY",
    "LOWER_TO_WORDS",
    "PREFIX_COMMON",
    "REACH_WORDS",
    "SUFFIXES",
    "UPPER_FAMILY",
    "Reading",
    "alternation",
    "combine",
    "prefixes",
]

Reading = Literal["target", "outcome"]


class ContradictoryQualifiers(ValueError):
    """Qualifiers on opposite sides of one number (``不超过5%以上``)."""


PREFIX_COMMON: dict[str, Qualifier] = {
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
    "近": "about",
    "接近": "about",
    "将近": "about",
}
# Verbs that name the level reached: a floor in a target, the fact in a report.
REACH_WORDS = (
    *("达到", "提高到", "提升到", "增长到", "增加到", "提高至", "提升至", "达"),
    *("跃升至", "跃升到", "上升到", "上升至", "增至", "升至"),
)
# Verbs that name a lowered level: a cap in a target, the fact in a report.
LOWER_TO_WORDS = (
    *("控制在", "降低到", "下降到", "降低至", "下降至", "降到", "降至"),
    *("减少到", "减少至", "压减到", "压减至", "下降为", "降低为", "回落到", "回落至"),
)

SUFFIXES: dict[str, Qualifier] = {
    "及以上": "at_least",
    "以上": "at_least",
    "及以下": "at_most",
    "以下": "at_most",
    "以内": "at_most",
    "左右": "about",
    "上下": "about",
}

LOWER_FAMILY = frozenset({"at_least", "more_than"})
UPPER_FAMILY = frozenset({"at_most", "less_than"})

# Single characters that are qualifiers only when not part of another word:
# 签约 (sign), 节约 (save), 下达 (allocate), 表达 (express), 赶超 (catch up),
# 最近/附近 (recent/nearby).
_GUARDS = {"约": "签节制合预公条契", "达": "表下传抵送发到", "超": "赶", "近": "最附临就接将"}


def prefixes(reading: Reading) -> dict[str, Qualifier]:
    table = dict(PREFIX_COMMON)
    for word in REACH_WORDS:
        table[word] = "at_least" if reading == "target" else "exact"
    for word in LOWER_TO_WORDS:
        table[word] = "at_most" if reading == "target" else "exact"
    return table


def alternation(words) -> str:
    """Longest first, with the single-character guards above."""
    parts = []
    for word in sorted(words, key=len, reverse=True):
        guard = _GUARDS.get(word)
        parts.append(f"(?<![{guard}]){re.escape(word)}" if guard else re.escape(word))
    return "|".join(parts)


def combine(prefix: Qualifier | None, suffix: Qualifier | None, text: str) -> Qualifier:
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
    if {prefix, suffix} <= LOWER_FAMILY or {prefix, suffix} <= UPPER_FAMILY:
        return prefix
    raise ContradictoryQualifiers(f"contradictory qualifiers in {text!r}")
