"""Which period a figure speaks of: its sentence's, else the one its
paragraph or heading sets.

In its sentence (``sentence_period``), the last period before the figure
that is not a comparison (``比2016年``, ``从2012年的``; ``从8月当月看`` is
none), nor one opening a later clause that speaks for that clause only
(``1—8月,…,8月当月产量7.2万吨;白银产量1836.5吨``: 1836.5 is 1—8月's).

Officials date a paragraph once and let its sentences run on:
``2024年，新乡市坚持…。全市规模以上工业企业达到1847家`` reports 1847 for
2024, and ``截至2023年底，全市中小微企业…。全市规模以上工业企业2051家``
counts them on 2023-12-31. A figure whose own sentence names no period takes
the *frame* of its paragraph: the last period before its sentence, in the
same paragraph, that opens a sentence (``2024年全市…``) or stands as a clause
of its own (``…获悉，2024年，新乡市…``). A goal, a plan's year, a ``以来``,
a comparison (``比2020年``) or a period after the text's day sets no frame;
a paragraph break ends it. With none in its paragraph, the nearest heading
above that holds a period frames it (``一、2024年工作回顾``; a title,
``关于2024年度民生实事和重点工作完成情况的通报``; ``一、过去一年工作回顾`` is
the year before the text's day, or in an undated text the year of the latest
period it reports), or whose section opens with one (``一、产业发展基本情况``
over ``（一）化工新材料产业。2024年，全市…``). A year earlier than one that
opened the paragraph before it is a look back, framing its own sentence
only; a paragraph reading the table above it (``从表中看``) takes the
caption's period; ``上年同期,…`` is the frame's period a year before.
``figure_period`` puts these together for one figure.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable, Sequence
from datetime import date

from tracker.domain.phrases.periods import Period, PeriodMatch
from tracker.domain.reading.clauses import WHOLE_YEAR, last_match

__all__ = ["CHANGE_TAIL", "Frames", "figure_period", "last_whole_year", "sentence_period"]

GOAL_BEFORE = re.compile(r"(?:到|至|力争|争取|计划)\s*$")
COMPARISON = re.compile(r"(?:比|较|与|同比|相比|从|由)\s*$")
LOOKING = re.compile(r"\s*来?看")  # 从8月当月看: that period, no comparison
CLAUSE_BREAK = re.compile(r"[，,；;]")
PAST_YEAR = re.compile(r"过去(?:的)?一年|上一年度?|上年度")
ON_LAST_YEAR = re.compile(r"(?:比上年|较上年|比去年)(?!同期)")  # 比上年同期: the same part of it
YEAR_OPENERS = re.compile(r"全年|过去(?:的)?一年")  # frame a paragraph they open

SENTENCE = re.compile(r"[。！!？?]")
CLAUSE = re.compile(r"[。！!？?，,；;：:]")
# What may follow a frame that does not open its sentence: its clause's end.
CLAUSE_OF_ITS_OWN = re.compile(r"\s*[，,]")
# A paragraph reading the table above it takes the period its caption names.
FROM_TABLE = re.compile(r"\s*(?:从上?表(?:中|\d+)?(?:来)?看|由上?表(?:\d+)?可见)")
TABLE_CAPTION = re.compile(r"\s*(?:表\s*\d+|附表)")
# What may stand before the period opening a section: a lead sentence with
# no figure (（一）化工新材料产业。).
OPENING_LEAD = re.compile(r"\s*(?:[(（][一二三四五六七八九十]+[)）][^。\d]{0,20}。)?\s*")
# A deadline, a plan's years, a 以来, a span of years or a day (a dateline,
# an event's day) frames nothing.
SETS_NO_FRAME = ("by", "plan", "since", "years", "day")


CHANGE_TAIL = re.compile(
    r"(?:增长|下降|降低|提高|提升|增加|减少|回落|上升|上涨|增速|增幅|降幅|涨幅)"
    r"(?:率|幅度)?(?:为|是|了|达|达到)?\s*$"
)
# A sentence opening with the same period a year before (上年同期,…).
SAME_PERIOD_BEFORE = re.compile(r"\s*(?:上年|去年)同期\s*[，,]")


def same_period_a_year_before(normal: str, sentence_start: int) -> Callable[[date], date] | None:
    """For a sentence opening with ``上年同期,``, the function moving a day of
    its frame a year back; None for any other sentence."""
    if not SAME_PERIOD_BEFORE.match(normal, sentence_start):
        return None

    def back(day: date) -> date:
        if day in (date.min, date.max):
            return day
        return day.replace(
            year=day.year - 1, day=28 if (day.month, day.day) == (2, 29) else day.day
        )

    return back


def whole_year(year: int) -> Period:
    """January to December of ``year``."""
    return Period(date(year, 1, 1), date(year, 12, 31), "year")


def last_whole_year(day: date) -> int:
    """The last whole year on ``day``: the year before (``全年`` in a text of
    2025-01-20 is 2024), or in December its own, which a year-end summary
    reviews (``全年`` in a text of 2024-12-20 is 2024)."""
    return day.year if day.month == 12 else day.year - 1


def _opens(head: str, ends: re.Pattern) -> bool:
    """Whether only blanks or 在 stand between the last ``ends`` of
    ``head`` and its end."""
    cut = max((m.end() for m in ends.finditer(head)), default=0)
    return head[cut:].strip() in ("", "在")


class Frames:
    """The frames of one text (module docstring)."""

    def __init__(
        self,
        normal: str,
        periods: Sequence[PeriodMatch],
        today: date | None,
        headings: Sequence[tuple[int, int]] = (),
    ):
        self.normal, self.today = normal, today
        # 全年 and 过去一年 opening a sentence frame the last whole year too.
        self.periods = sorted([*periods, *self._whole_years()], key=lambda found: found.start)
        self.starts = [found.start for found in self.periods]
        # Each heading's frame, where it has one, by where it starts.
        self.headed = [
            (start, frame)
            for start, end in headings
            if (
                frame := self._last_frame(
                    bisect_left(self.starts, start), bisect_left(self.starts, end)
                )
                or self._past_year(start, end)
                or self._opening(end)
            )
        ]
        self.headed_starts = [start for start, _frame in self.headed]

    def _last_year(self) -> Period | None:
        """The last whole year before the text's day (its date; undated, the
        end of the latest period it reports, whose year it is)."""
        if self.today is None:
            return None
        return whole_year(last_whole_year(self.today))

    def _whole_years(self) -> list[PeriodMatch]:
        year = self._last_year()
        if year is None:
            return []
        return [
            PeriodMatch(year, m.start(), m.end(), m.group())
            for m in YEAR_OPENERS.finditer(self.normal)
        ]

    def _past_year(self, start: int, end: int) -> PeriodMatch | None:
        """``一、过去一年工作回顾``: the last whole year."""
        words = PAST_YEAR.search(self.normal, start, end)
        year = self._last_year()
        if words is None or year is None:
            return None
        return PeriodMatch(year, words.start(), words.end(), words.group())

    def _opening(self, heading_end: int) -> PeriodMatch | None:
        """The period opening a heading's first paragraph, after at most a
        lead (``一、产业发展基本情况`` / ``（一）化工新材料产业。2024年，全市…``):
        the section opened by a year is that year's."""
        paragraph_start = heading_end + 1
        while self.normal[paragraph_start : paragraph_start + 1] == "\n":
            paragraph_start += 1
        n = bisect_left(self.starts, paragraph_start)
        if n == len(self.periods):
            return None
        found = self.periods[n]
        head = self.normal[paragraph_start : found.start]
        if "\n" in head or OPENING_LEAD.fullmatch(head) is None or not self._frames(found):
            return None
        return found if CLAUSE_OF_ITS_OWN.match(self.normal, found.end) else None

    def _frames(self, found: PeriodMatch) -> bool:
        period = found.period
        if period.kind in SETS_NO_FRAME or period.start is None or period.end is None:
            return False
        return self.today is None or period.end <= self.today

    def _last_frame(self, first: int, last: int) -> PeriodMatch | None:
        return next((f for f in reversed(self.periods[first:last]) if self._frames(f)), None)

    def _table_above(self, paragraph_start: int) -> PeriodMatch | None:
        """The period a table's caption names (``表1 …（2024年1—11月）``), the
        table being the paragraph above ``paragraph_start``."""
        end = len(self.normal[:paragraph_start].rstrip())
        start = self.normal.rfind("\n", 0, end) + 1
        if not TABLE_CAPTION.match(self.normal, start):
            return None
        caption_end = self.normal.find("：", start, end)
        first = bisect_left(self.starts, start)
        last = bisect_left(self.starts, caption_end if caption_end > 0 else end)
        return next((f for f in self.periods[first:last] if self._frames(f)), None)

    def _opens_at(self, paragraph_start: int, found: PeriodMatch) -> bool:
        """Whether ``found`` opens a sentence of its paragraph, or stands as a
        clause of its own."""
        head = self.normal[paragraph_start : found.start]
        return _opens(head, SENTENCE) or (
            _opens(head, CLAUSE) and bool(CLAUSE_OF_ITS_OWN.match(self.normal, found.end))
        )

    def at(self, sentence_start: int, said: str = "") -> PeriodMatch | None:
        """The frame a figure of the sentence starting at ``sentence_start``
        takes, or None. ``said``: the sentence's words before the figure; a
        figure compared with the year before (``比上年增长6.1%``) under a
        frame of part of a year (``12月份,…。``) is that whole year's."""
        found = self._at(sentence_start)
        if found is None or found.period.kind == "year" or found.period.end is None:
            return found
        if not ON_LAST_YEAR.search(said):
            return found
        whole = whole_year(found.period.end.year)
        return PeriodMatch(whole, found.start, found.end, found.text)

    def _at(self, sentence_start: int) -> PeriodMatch | None:
        normal = self.normal
        paragraph_start = normal.rfind("\n", 0, sentence_start) + 1
        first = bisect_left(self.starts, paragraph_start)
        last = bisect_left(self.starts, sentence_start)
        framing = [
            found
            for found in self.periods[first:last]
            if self._frames(found) and self._opens_at(paragraph_start, found)
        ]
        for n in range(len(framing) - 1, -1, -1):
            found = framing[n]
            # A look back (2024年,…。2023年,全市接待游客为1.24亿人次。) frames
            # its own sentence only: an earlier frame of the paragraph is later.
            if not any(f.period.end > found.period.end for f in framing[:n]):
                return found
        table = FROM_TABLE.match(normal, paragraph_start) and self._table_above(paragraph_start)
        if table:
            return table
        # The nearest heading above with a period (一、2024年工作回顾; a
        # title, 关于2024年度民生实事…的通报) frames what is under it.
        n = bisect_left(self.headed_starts, sentence_start)
        return self.headed[n - 1][1] if n else None


def _own_clause_only(normal: str, found: PeriodMatch, sentence_start: int, at: int) -> bool:
    """A period opening a later clause of its sentence, not as a clause of
    its own, under a period heading the sentence, speaks for that clause only
    (``1—8月,铅产量55.6万吨,8月当月产量7.2万吨;白银产量1836.5吨``: 1836.5 is
    1—8月's)."""
    head = normal[sentence_start : found.start].rstrip()
    return (
        bool(head)
        and head[-1] in "，,；;"
        and not CLAUSE_OF_ITS_OWN.match(normal, found.end)
        and CLAUSE_BREAK.search(normal, found.end, at) is not None
    )


def sentence_period(
    normal: str,
    periods: Sequence[PeriodMatch],
    starts: Sequence[int],
    sentence_start: int,
    at: int,
    today: date | None,
) -> tuple:
    """The period of the figure at ``at`` from its own sentence: the last
    period before it that is not a comparison (``比2016年``, ``从2012年的``;
    ``从8月当月看`` is none) nor another clause's; a figure right after a
    comparison's period is that period's (a baseline). (period, its words,
    where they start, baseline, goal)."""
    period, text, period_at, baseline, goal = None, "", -1, False, False
    for found in periods[bisect_left(starts, sentence_start) :]:
        if found.end > at:
            break
        if found.period.end is None and not (found.period.kind == "since" and today is not None):
            continue
        before = normal[max(sentence_start, found.start - 3) : found.start]
        if COMPARISON.search(before) and not LOOKING.match(normal, found.end):
            if normal[found.end : at].strip() in ("(", "（", "的"):
                period, text, baseline = found.period, found.text, True
            continue
        if period is not None and _own_clause_only(normal, found, sentence_start, at):
            continue  # under a period heading the sentence, a nested one's clause
        if not baseline:
            period, text, period_at = found.period, found.text, found.start
            goal = found.period.kind in ("by", "plan") or bool(GOAL_BEFORE.search(before))
    return period, text, period_at, baseline, goal


def figure_period(
    normal: str,
    where: tuple[int, int],
    found: tuple[Period | None, str],
    frames: Frames,
    fallback: tuple[date, date, str],
    *,
    percent: bool,
    is_plan: bool,
) -> tuple[date, date, str, bool]:
    """A figure's period (start, end, its words) and whether it is the year
    before's (``上年同期,…``: a baseline). ``where``: its sentence's start
    and its own; ``found``: its sentence's period (``sentence_period``);
    else ``全年``/``年末`` (the year its paragraph opens with, or the last
    whole year), its frame, or ``fallback`` (the text's date or latest
    period reported; an undated growth rate spans that year)."""
    sentence_start, at = where
    period, period_text = found
    today = frames.today
    if period is not None:
        end = period.end or today or fallback[1]
        return period.start or end, end, period_text, False
    whole = last_match(WHOLE_YEAR, normal, sentence_start, at)
    if not is_plan and today is not None and whole is not None:
        frame = frames.at(sentence_start)
        year = last_whole_year(today)
        year = frame.period.end.year if frame and frame.period.kind == "year" else year
        start, end, text = date(year, 1, 1), date(year, 12, 31), whole.group()
        start = end if text != "全年" else start
    elif not is_plan and (frame := frames.at(sentence_start, normal[sentence_start:at])):
        start, end, text = frame.period.start, frame.period.end, frame.text
    else:
        start, end, text = fallback
        change = CHANGE_TAIL.search(normal[max(sentence_start, at - 12) : at])
        if text == "latest_year" and percent and change:
            start = date(end.year, 1, 1)
    back = same_period_a_year_before(normal, sentence_start)
    if back is not None:
        return back(start), back(end), text, True
    return start, end, text, False
