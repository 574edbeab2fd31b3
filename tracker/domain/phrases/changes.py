"""Reading changes with their sign: ``增长8.5%``, ``下降4%``, ``回落``,
``提高29.6个百分点``, ``从108.6万吨下降至73.6万吨``, ``由X跃升至Y``.

A reported decline is a negative change (docs/attainment.md section 2):
``固定资产投资下降4%`` is -4 against a growth target. The verb must touch
the figure (``同比增长29%``, ``增速为45.5%``, ``下降了4%``, ``降幅为5%``):
a verb further away (``压减刚玉产能35万吨``) states a target's action, which
``parse_target_phrase`` reads, not a reported change. ``下降到25.3%`` and
``提升至18.1%`` state the level reached, not a change; with ``从X``/``由X``
before them they are a change from X to Y, and the amount is Y - X when both
are written in one unit.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

from tracker.domain.phrases.figures import Figure, FigureMatch, Units, find_figures
from tracker.domain.phrases.numbers import NORMALISE
from tracker.domain.phrases.qualifiers import LOWER_TO_WORDS, REACH_WORDS

__all__ = [
    "DOWN_VERBS",
    "UP_VERBS",
    "Change",
    "change_way",
    "find_changes",
    "names_a_decline",
]

Way = Literal["up", "down"]

UP_VERBS = ("增长", "增加", "提高", "提升", "上升", "上涨", "跃升", "攀升", "扩大", "增", "涨")
DOWN_VERBS = (
    *("下降", "降低", "减少", "回落", "下滑", "下跌", "缩减", "压减", "萎缩", "收缩"),
    *("降", "减"),
)
# What may stand between the verb and its figure: 增速为, 增幅达, 降幅为, 下降了.
_FILL = r"(?:率|速|幅|幅度)?(?:为|是|了|达|达到)?\s*"


def _alternation(words: tuple[str, ...]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


_VERB_BEFORE = re.compile(
    rf"(?:(?P<up>{_alternation(UP_VERBS)})|(?P<down>{_alternation(DOWN_VERBS)})){_FILL}$"
)
_FROM_BEFORE = re.compile(r"(?:从|由)(?:过去的|原来的|上年的|去年的)?\s*$")
_BETWEEN_FROM_TO = re.compile(
    rf"^\s*(?:(?P<up>{_alternation(UP_VERBS)})|(?P<down>{_alternation(DOWN_VERBS)}))?"
    r"(?:到|至|为)?\s*$"
)
_LEVEL_PREFIXES = frozenset(REACH_WORDS) | frozenset(LOWER_TO_WORDS)
_UP_LEVEL = frozenset(REACH_WORDS)


@dataclass(frozen=True)
class Change:
    """A change read from a text.

    ``kind="by"``: the amount is written (``下降4%``: amount 4 %, way down,
    ``signed`` -4). ``kind="from_to"``: ``before`` and ``after`` are written
    and ``amount`` is their difference (None when their units differ).
    Offsets cover the verb and the figures.
    """

    kind: Literal["by", "from_to"]
    way: Way
    verb: str
    amount: Figure | None
    start: int
    end: int
    text: str
    before: Figure | None = None
    after: Figure | None = None

    @property
    def signed(self) -> Decimal | None:
        """The change as a signed number in ``amount.unit``: a decline is
        negative (``下降4%`` -> -4; ``下降-2%`` stays as written, +2)."""
        if self.amount is None:
            return None
        if self.kind == "from_to":
            assert self.before is not None and self.after is not None
            return self.after.value - self.before.value
        return -self.amount.value if self.way == "down" else self.amount.value


def _way(match: re.Match[str]) -> tuple[Way, str] | None:
    if match["up"]:
        return "up", match["up"]
    if match["down"]:
        return "down", match["down"]
    return None


def _from_to(normal: str, text: str, first: FigureMatch, second: FigureMatch) -> Change | None:
    opener = _FROM_BEFORE.search(normal, max(0, first.start - 8), first.start)
    if opener is None or first.prefix:
        return None
    between = _BETWEEN_FROM_TO.match(normal[first.end : second.start])
    if between is None:
        return None
    way_verb = _way(between)
    if way_verb is None:
        if second.prefix not in _LEVEL_PREFIXES:
            return None
        way: Way = "up" if second.prefix in _UP_LEVEL else "down"
        verb = second.prefix
    else:
        way, verb = way_verb
    before, after = first.figure, second.figure
    amount = None
    if before.unit == after.unit and before.value_high is None and after.value_high is None:
        amount = Figure("exact", abs(after.value - before.value), None, after.unit)
    start = opener.start()
    return Change(
        "from_to", way, verb, amount, start, second.end, text[start : second.end], before, after
    )


def _touching(normal: str, match: FigureMatch) -> tuple[Way, str, int] | None:
    """The change verb touching a figure (``同比下降4%``), its way and where
    it starts; None for a level reached (``下降到25.3%``) or no verb."""
    if match.prefix in _LEVEL_PREFIXES:
        return None  # 下降到25.3%: a level reached, not a change
    verb_match = _VERB_BEFORE.search(normal, max(0, match.start - 12), match.start)
    way_verb = None if verb_match is None else _way(verb_match)
    if verb_match is None or way_verb is None:
        return None
    return way_verb[0], way_verb[1], verb_match.start()


def change_way(normal: str, match: FigureMatch) -> Way | None:
    """Whether a figure is a rise or a decline by the verb touching it
    (``下降4%``: down), in the text ``find_figures`` read (NORMALISE'd)."""
    touching = _touching(normal, match)
    return None if touching is None else touching[0]


_DECLINE_NAME = re.compile(rf"{_alternation(DOWN_VERBS)}|降幅|降速")


def names_a_decline(name: str) -> bool:
    """Whether an indicator measures a decline (``单位能耗降幅``,
    ``压减产能``): a decline reported for it is positive, a rise negative."""
    return bool(_DECLINE_NAME.search(name))


def find_changes(text: str, *, units: Units = None) -> list[Change]:
    """Every change in a text, left to right (see the module docstring)."""
    normal = text.translate(NORMALISE)
    figures = find_figures(text, reading="outcome", units=units)
    changes: list[Change] = []
    used: set[int] = set()
    for index, match in enumerate(figures):
        if index in used:
            continue
        if index + 1 < len(figures):
            pair = _from_to(normal, text, match, figures[index + 1])
            if pair is not None:
                changes.append(pair)
                used.add(index + 1)
                continue
        touching = _touching(normal, match)
        if touching is None:
            continue
        way, verb, start = touching
        changes.append(
            Change("by", way, verb, match.figure, start, match.end, text[start : match.end])
        )
    return changes
