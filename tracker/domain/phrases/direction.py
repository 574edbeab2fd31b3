"""Suggesting which way is better for an indicator (docs/documents.md
"The figure reader").

Direction belongs to the indicator and the planner declares it; the reader
never infers it from ``左右`` (``居民消费价格涨幅3%左右`` is a ceiling,
``增长7%左右`` a floor, with the same word). This helper only *suggests*
``lower`` when the indicator's name says so (失业率, 价格涨幅, 能耗, 排放 ...),
and says why: a ``DirectionSuggestion`` carries the cue word and a reason
code for the admin and the plan-file checks to render ("suggested: 能耗 is
usually lower-is-better"). When the statement measures a *decline* of such an
indicator (``单位能耗下降4%以上``), the decline itself is better higher.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from tracker.vocabulary import Direction

__all__ = ["LOWER_IS_BETTER_CUES", "DirectionSuggestion", "suggest_direction"]

# Longest first when several match (价格涨幅 before 涨幅 would matter if 涨幅
# alone were a cue; it is not: 增加值涨幅 is higher-is-better).
LOWER_IS_BETTER_CUES: tuple[str, ...] = (
    "失业率",
    "价格涨幅",
    "物价涨幅",
    "CPI涨幅",
    "能耗",
    "煤耗",
    "水耗",
    "排放",
    "污染物",
    "浓度",
    "事故",
    "死亡率",
    "亏损",
)

SuggestionCode = Literal["lower_is_better_indicator", "decline_of_lower_is_better_indicator"]


@dataclass(frozen=True)
class DirectionSuggestion:
    """A *suggested* direction, never a declared one: ``cue`` is the word of
    the indicator that suggests it, ``code`` the reason to render."""

    direction: Direction
    cue: str
    code: SuggestionCode


def suggest_direction(indicator: str, *, decline: bool = False) -> DirectionSuggestion | None:
    """Suggest ``lower`` for an indicator named like a cost (or ``higher``
    for a stated decline of one); None when the name suggests nothing."""
    found = [cue for cue in LOWER_IS_BETTER_CUES if cue in indicator]
    if not found:
        return None
    cue = max(found, key=len)
    if decline:
        return DirectionSuggestion("higher", cue, "decline_of_lower_is_better_indicator")
    return DirectionSuggestion("lower", cue, "lower_is_better_indicator")
