"""Which measure a target statement declares, when its words decide it.

A plan file may leave out a target's ``measure`` only when the statement
settles it (docs/plan-files.md): ``技改投资增长20%以上`` is a change over the
period (``rate``), ``高耗能产业比重降低到30%左右`` a state at the period's end
(``level``), ``淘汰炭素产能85万吨以上`` an amount over the period (``flow``).
Each kind is recognised by a few unambiguous word patterns; a statement whose
words point to two kinds (``制造业占全市引进资金的30%以上``: a share of an
amount attracted) or to none (``抓好66家骨干企业``) decides nothing, and the
planner must say. Deliberately conservative: guessing wrong would silently
change which figures can speak for the target.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from tracker.vocabulary import Measure

__all__ = ["MeasureChoice", "infer_measure"]

# A change by a percentage or in points, not a level reached by changing:
# 增长7% / 下降4%以上 / 提高2个百分点, but not 降低到30% / 提高至60%.
_CHANGE_VERBS = "增长|下降|降低|提高|减少|上涨|上升|回落"
_RATE = re.compile(
    rf"增速|增幅|降幅|涨幅|增长率|(?:{_CHANGE_VERBS})了?\s*[0-9.]+\s*(?:%|％|个百分点|百分点)"
)
# A state at a date: a share, an intensity, a ratio, a level reached.
_LEVEL = re.compile(
    r"比重|占比|强度|比例|覆盖率|普及率|失业率"
    r"|占[^，,。；;]{0,15}的\s*[0-9.]+"
    r"|(?:降低|下降|提高|控制|保持)(?:到|至|在)"
)
# An amount over the period: added, cut, signed, started, completed.
_FLOW = re.compile(
    r"新增|累计|压减|淘汰|签约|引进|开工|竣工|(?:再|新)(?:创建|建成|认定)"
    r"|全年[^，,。；;]{0,12}(?:投资|实施|推进|完成|引进|签约)"
)
_PATTERNS: tuple[tuple[Measure, re.Pattern[str]], ...] = (
    ("rate", _RATE),
    ("level", _LEVEL),
    ("flow", _FLOW),
)


@dataclass(frozen=True)
class MeasureChoice:
    """What the statement says: ``measure`` when exactly one kind of words
    is found, else None; ``words`` maps each kind found to its first words
    (so an import can say what it chose, or why it could not)."""

    measure: Measure | None
    words: dict[str, str]


def infer_measure(statement: str) -> MeasureChoice:
    """The measure the statement's words decide, or None with what was found."""
    words = {}
    for measure, pattern in _PATTERNS:
        found = pattern.search(statement)
        if found:
            words[measure] = found.group(0)
    chosen: Measure | None = next(iter(words)) if len(words) == 1 else None  # type: ignore[assignment]
    return MeasureChoice(chosen, words)
