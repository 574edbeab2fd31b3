"""Which figures of a plan are commitments, and what a commitment's words say.

The rules of the plan reader's docstring (``tracker.domain.reading.plans``)
for what is *not* a commitment (quoted names, meeting ordinals, counts of a
list, thresholds, capacities before ``等N个项目``), the cue words of a
forward-looking clause, one span per figure where a clause lists several,
and the suggested indicator, fallback measure, period and plan year a
statement reads as.
"""

from __future__ import annotations

import re
from datetime import date

from tracker.domain.phrases import FigureMatch, find_periods
from tracker.vocabulary import Measure

FORWARD_CUES = ("力争", "争取", "计划", "确保")
ASPIRATION = ("力争", "争取")
OWN_MODE = ("确保", "加快")
PRODUCING_VERBS = ("编制", "出台", "制定", "建成", "创建", "新增", "引进", "培育", "建设")
_TITLED_YEAR = re.compile(r"(\d{4})年[^，,。\s]{0,20}(?:方案|计划|规划|要点)")
QUOTE_MARKS = {"“": "”", "《": "》", "‘": "’", "「": "」"}


def _quoted(text: str) -> list[tuple[int, int]]:
    spans, opened = [], None
    closing = ""
    for index, char in enumerate(text):
        if opened is None and char in QUOTE_MARKS:
            opened, closing = index, QUOTE_MARKS[char]
        elif opened is not None and char == closing:
            spans.append((opened, index + 1))
            opened = None
    return spans


def _inside(position: int, spans: list[tuple[int, int]]) -> bool:
    return any(a <= position < b for a, b in spans)


def _is_commitment_figure(
    text: str, clause: tuple[int, int], match: FigureMatch, figures: list[FigureMatch]
) -> bool:
    """False for the figures the module docstring names as not commitments."""
    if match.unit_known is False:
        return False
    before = text[max(clause[0], match.start - 2) : match.start]
    after = text[match.end : match.end + 2]
    if before.endswith("届") or after.startswith("全会"):
        return False  # a meeting's ordinal
    if match.figure.qualifier == "at_most" and "以下" in match.text and after[:1].isalpha():
        return False  # 30万吨以下煤矿: a threshold
    if after.startswith("的") and len(figures) > 1:
        return False  # 投资30亿元的项目: describes, is not counted
    later = [m for m in figures if m.start > match.start]
    if any(text[max(clause[0], m.start - 1) : m.start] == "等" for m in later):
        return False  # capacities in the names listed before 等N个项目
    previous = [m.end for m in figures if m.end <= match.start]
    head = text[max([clause[0], *previous]) : match.start]
    listed = head.count("、") >= 2 and not head.rstrip().endswith("等")
    produced = any(verb in head for verb in PRODUCING_VERBS) or match.figure.unit == "%"
    # 提升装备、食品…5个传统产业: counts a list it names
    return not (listed and not produced)


def _indicator(statement: str, match_text: str) -> str:
    """A suggested indicator name: the statement without its figure, cue
    words and period, a change verb turned into its rate noun."""
    before, _, after = statement.partition(match_text)
    before = re.sub(r"^\d{4}年[,，]?", "", before)
    for word in (*ASPIRATION, "确保", "计划", "全年", "重点", "达到", "降低到", "提高到", "为"):
        before = before.replace(word, "")
    if before.endswith("增长"):
        return before[:-2] + "增速"
    if before.endswith("下降") or before.endswith("降低"):
        return before[:-2] + "降幅"
    before = before.rstrip("的")
    tail = re.sub(r"^(以上|以下|左右)", "", after).strip()
    if tail and match_text[-1:] not in "%":
        return (before + tail + "数") if not before.endswith(tail) else before + "数"
    return before or statement


def _fallback_measure(statement: str, unit: str) -> tuple[Measure, str]:
    if unit in ("%", "个百分点"):
        if re.search(r"增长|下降|提高|降低|增速", statement):
            return "rate", "增长/下降 %"
        return "level", "%"
    if re.search(r"抓好|保持|拥有|总数|达到", statement):
        return "level", "抓好/达到"
    return "flow", "count"


def _period(sentence: str, on: date | None, year: int | None) -> tuple[date, date] | None:
    for found in find_periods(sentence, on=on):
        period = found.period
        if period.end is not None and period.kind in ("year", "plan", "by"):
            start = period.start or date(period.end.year, 1, 1)
            if period.kind == "by" and year is not None and year < period.end.year:
                start = date(year, 1, 1)
            return start, period.end
    if year is None:
        return None
    return date(year, 1, 1), date(year, 12, 31)


def _plan_year(text: str, on: date | None) -> int | None:
    """The latest year a named plan of the text is for (a reply names last
    year's plan and this year's), else the document's year."""
    years = [int(m.group(1)) for m in _TITLED_YEAR.finditer(text)]
    if years:
        return max(years)
    return on.year if on else None


def _pieces(
    text: str, clause: tuple[int, int], kept: list[FigureMatch]
) -> list[tuple[FigureMatch, tuple[int, int]]]:
    """One span per kept figure: the clause, cut at ``、`` between figures
    (``压减刚玉产能35万吨左右、建材(石灰)产能10万吨以上``)."""
    if len(kept) <= 1:
        return [(m, clause) for m in kept]
    pieces = []
    start = clause[0]
    for index, match in enumerate(kept):
        end = clause[1]
        if index + 1 < len(kept):
            cut = text.rfind("、", match.end, kept[index + 1].start)
            if cut >= 0:
                end = cut
        pieces.append((match, (start, end)))
        if end < clause[1]:
            start = end + 1
    return pieces
