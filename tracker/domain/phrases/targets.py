"""Reading a whole target statement into what it commits to
(docs/attainment.md section 2)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from tracker.domain.phrases.figures import Units, UnparsableFigure, _scan
from tracker.domain.phrases.numbers import NORMALISE
from tracker.domain.phrases.qualifiers import LOWER_TO_WORDS, PREFIX_COMMON, SUFFIXES, UPPER_FAMILY
from tracker.domain.phrases.unit_tokens import lexicon_of
from tracker.vocabulary import Commitment, Comparator, Direction

__all__ = [
    "COMMITMENT_WORDS",
    "DECLINE_VERBS",
    "GROWTH_VERBS",
    "TargetPhrase",
    "parse_target_phrase",
]


@dataclass(frozen=True)
class TargetPhrase:
    """What a target statement commits to.

    ``decline`` is True when the measured quantity is a reduction
    (``单位能耗下降4%以上``: the decline must be at least 4%). ``direction`` is
    what the *wording* says about the figure as stated: ``lower`` for caps
    (``控制在``, ``以下``, ``降低到X``), otherwise ``higher`` (including
    declines). It is never read from ``左右``; the indicator's own direction
    is the planner's to declare (``suggest_direction`` offers a suggestion).
    """

    comparator: Comparator
    value: Decimal
    value_high: Decimal | None
    unit: str
    commitment: Commitment
    decline: bool
    direction: Direction = "higher"


COMMITMENT_WORDS = ("力争", "争取")
DECLINE_VERBS = (
    *("下降", "降低", "减少", "压减", "削减", "淘汰", "压降", "缩减", "减排", "退出"),
    "回落",
)
GROWTH_VERBS = ("增长", "提高", "提升", "增加", "上升", "扩大", "新增")
_CLAUSE_BREAK = re.compile(r"[，,；;。：:！!？?]")


def _last_verb(clause: str) -> str | None:
    best, where = None, -1
    for verb in DECLINE_VERBS + GROWTH_VERBS:
        at = clause.rfind(verb)
        if at > where:
            best, where = verb, at
    return best


def parse_target_phrase(text: str, *, units: Units = None) -> TargetPhrase:
    """Read a whole target statement.

    ``力争规模以上工业增加值增长7%左右`` -> about 7 %, aspirational;
    ``单位能耗下降4%以上`` -> at_least 4 %, decline; ``高耗能产业比重降低到30%左右``
    -> about 30 %, wording lower. A bare figure (``210个项目开工``) reads as
    at least (at most when the statement caps a level). The statement must
    hold exactly one figure (years such as 2020年 are not figures); split
    statements with several.
    """
    lexicon = lexicon_of(units)
    found = list(_scan(text, "target", lexicon, strict=True, whole=False))
    if lexicon is not None:
        found = [m for m in found if m.unit_known]
    if not found:
        raise UnparsableFigure(f"no figure with a unit in {text!r}")
    if len(found) > 1:
        listed = ", ".join(m.text for m in found)
        raise UnparsableFigure(f"several figures in one statement ({listed}): split it")
    match = found[0]
    figure = match.figure
    commitment: Commitment = "aspirational" if any(w in text for w in COMMITMENT_WORDS) else "firm"
    clause = _CLAUSE_BREAK.split(text.translate(NORMALISE)[: match.start])[-1]
    lowered_to = match.prefix in LOWER_TO_WORDS
    decline = not lowered_to and _last_verb(clause) in DECLINE_VERBS
    caps = lowered_to or any(
        q in UPPER_FAMILY
        for q in (
            PREFIX_COMMON.get(match.prefix),
            SUFFIXES.get(match.suffix),
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
