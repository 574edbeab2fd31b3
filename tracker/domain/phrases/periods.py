"""Reading the period a figure covers: ``2023年``, ``2022年1~10月``,
``1-7月``, ``上半年``, ``前三季度``, ``至2023年底``, ``“十四五”以来``,
``今年``, ``去年`` ... resolved against the document's date.

(Not to be confused with ``tracker.domain.periods``, which grades evidence
by the periods this module reads.)

Rules, so a reading can be checked by hand:

- A year alone is the calendar year; ``2019年—2021年`` and ``2019—2021年``
  span both ends; ``前10个月`` is January to October.
- ``年底``/``年末``, ``11月底`` and ``截至…`` name a date (``as_of``: start = end).
- ``到2025年`` is a deadline (``by``): it has an end and no start; the plan
  supplies the start.
- ``以来`` runs from the start of what it follows to the document's date;
  a few words may stand between (``3月26日启动诊断以来``).
- ``今年``, ``去年``, ``前年``, ``明年``, ``本年`` count from the document's year.
- Months, quarters and halves without a year (``1-7月``, ``上半年``) take the
  document's year, or the year before when they would end after the
  document's date (a January news item's ``1-10月`` is last year's).
- ``“十四五”`` is 2021-2025 (the nth five-year plan starts in 1966 + 5(n-3)
  for n >= 3); it is read only in quotes or before 规划, 时期, 期间, 以来, 末,
  初, since 十四五 is also a number.

Without a document date a relative expression is still found, with
``start`` and ``end`` None: the reader does not guess the year.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date
from typing import Literal

from tracker.domain.phrases.numbers import NORMALISE, chinese_value

__all__ = ["Period", "PeriodKind", "PeriodMatch", "find_periods", "parse_period"]

PeriodKind = Literal[
    "year", "years", "months", "month", "day", "quarter", "half", "as_of", "since", "by", "plan"
]


@dataclass(frozen=True)
class Period:
    """A resolved period; ``start``/``end`` None when it needs a date the
    caller did not give (``start`` alone is None for a deadline)."""

    start: date | None
    end: date | None
    kind: PeriodKind

    @property
    def resolved(self) -> bool:
        return self.end is not None


@dataclass(frozen=True)
class PeriodMatch:
    """A period expression found in a text, with offsets into it;
    ``relative`` when it was resolved against the document's date."""

    period: Period
    start: int
    end: int
    text: str
    relative: bool = False


_RANGE = r"\s*[-~—至到]\s*"
# 以来, or what began then and 以来 (3月26日启动智能化改造诊断以来): a few
# words without a date of their own between.
_SINCE = r"(?:(?![年月日])[\u4e00-\u9fff]){0,12}?以来"
_TAIL = (
    r"(?:"
    rf"(?P<m1>\d{{1,2}}){_RANGE}(?P<m2>\d{{1,2}})\s*月份?"
    r"|前(?P<qn>[一二三123])个?季度"
    r"|前(?P<mn>\d{1,2}|[一二三四五六七八九十]{1,2})个月"
    r"|第?(?P<q>[一二三四1234])季度"
    r"|(?P<half>上半年|下半年)"
    r"|(?P<m>\d{1,2})\s*月份?(?:\s*(?P<d>\d{1,2})\s*日)?"
    r"|(?P<yend>底|末)"
    rf"|{_RANGE}(?P<y2>(?:19|20)\d{{2}})\s*年"
    r")?"
)
_ANCHORED = (
    r"(?P<to>截至|截止|截止到|至|到)?\s*"
    r"(?:(?<!\d)(?P<ya>(?:19|20)\d{2})\s*[-~—至到]\s*(?P<yb>(?:19|20)\d{2})\s*年"
    r"|(?<!\d)(?P<y>(?:19|20)\d{2})\s*年|(?P<rel>今年|去年|前年|明年|本年))"
    rf"{_TAIL}(?P<since>{_SINCE})?"
)
_LOOSE = (
    r"(?<![\d年])(?P<b_to>截至|截止|至|到)?(?:"
    rf"(?P<b_m1>\d{{1,2}}){_RANGE}(?P<b_m2>\d{{1,2}})\s*月份?"
    r"|前(?P<b_qn>[一二三])个?季度"
    r"|前(?P<b_mn>\d{1,2}|[一二三四五六七八九十]{1,2})个月"
    r"|第?(?P<b_q>[一二三四])季度"
    r"|(?P<b_half>上半年|下半年)"
    r"|(?P<b_m>\d{1,2})\s*月\s*(?P<b_d>\d{1,2})\s*日"
    r"|(?P<b_mo>\d{1,2})\s*月(?P<b_moend>底|末)"
    # One month: 9月份, 9月当月, or 9月 heading its clause (9月，全市…).
    r"|(?P<b_mon>\d{1,2})\s*月(?:份(?:当月)?|当月|(?=\s*[，,]))"
    rf")(?P<b_since>{_SINCE})?"
)
_PLAN = (
    r"(?P<c_to>到|至)?(?P<c_open>[“\"‘])?(?P<c_n>十[一二三四五六七八九]|[三四五六七八九])五"
    r"(?P<c_close>[”\"’])?(?P<c_tail>规划|时期|期间|以来|末|初)?"
)
_NOW = r"(?P<now>截至目前|截至当前|截止目前|目前)"
_PATTERN = re.compile(f"{_ANCHORED}|{_PLAN}|{_NOW}|{_LOOSE}")

_REL_YEARS = {"今年": 0, "本年": 0, "去年": -1, "前年": -2, "明年": 1}


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _small(text: str) -> int:
    return int(text) if text.isdigit() else int(chinese_value(text) or 0)


def _span(year: int, g: dict[str, str | None], p: str = "") -> tuple[date, date, PeriodKind]:
    """The period a tail names within ``year`` (``p``: group-name prefix)."""
    if g[p + "m1"]:
        first, last = int(g[p + "m1"] or 0), int(g[p + "m2"] or 0)
        return date(year, first, 1), _month_end(year, last), "months"
    if g[p + "mn"]:
        return date(year, 1, 1), _month_end(year, _small(g[p + "mn"] or "")), "months"
    if g[p + "qn"]:
        return date(year, 1, 1), _month_end(year, 3 * _small(g[p + "qn"] or "")), "months"
    if g[p + "q"]:
        quarter = _small(g[p + "q"] or "")
        return date(year, 3 * quarter - 2, 1), _month_end(year, 3 * quarter), "quarter"
    if g[p + "half"]:
        if g[p + "half"] == "上半年":
            return date(year, 1, 1), date(year, 6, 30), "half"
        return date(year, 7, 1), date(year, 12, 31), "half"
    if g[p + "m"]:
        month = int(g[p + "m"] or 0)
        if g[p + "d"]:
            day = date(year, month, int(g[p + "d"] or 0))
            return day, day, "day"
        return date(year, month, 1), _month_end(year, month), "month"
    return date(year, 1, 1), date(year, 12, 31), "year"


def _finish(start: date, end: date, kind: PeriodKind, to: str | None, since: bool, on: date | None):
    if since:
        return Period(start, on, "since") if on else Period(start, None, "since")
    if to and to.startswith("截"):
        return Period(end, end, "as_of")
    if to and kind == "year":
        return Period(None, end, "by")
    return Period(start, end, kind)


def _anchored(g: dict[str, str | None], on: date | None) -> tuple[Period, bool]:
    if g["ya"]:  # 2021—2023年: the years of both ends
        first, last = int(g["ya"] or 0), int(g["yb"] or 0)
        return Period(date(first, 1, 1), date(last, 12, 31), "years"), False
    relative = g["rel"] is not None
    if relative:
        if on is None:
            return Period(None, None, "year"), True
        year = on.year + _REL_YEARS[g["rel"] or ""]
    else:
        year = int(g["y"] or 0)
    if g["y2"]:
        return Period(date(year, 1, 1), date(int(g["y2"]), 12, 31), "years"), relative
    if g["yend"]:
        point = date(year, 12, 31)
        return Period(point, point, "as_of"), relative
    start, end, kind = _span(year, g)
    return _finish(start, end, kind, g["to"], bool(g["since"]), on), relative


def _loose(g: dict[str, str | None], on: date | None) -> Period:
    if on is None:
        return Period(None, None, "months")
    if g["b_mo"]:  # 11月底: the month's last day, in the text's year or the one before
        month = int(g["b_mo"] or 0)
        day = _month_end(on.year, month)
        if day > on:
            day = _month_end(on.year - 1, month)
        return Period(day, day, "as_of")
    if g["b_mon"]:  # 9月份: that month, in the text's year or the one before
        month = int(g["b_mon"] or 0)
        year = on.year if _month_end(on.year, month) <= on else on.year - 1
        return Period(date(year, month, 1), _month_end(year, month), "month")
    start, end, kind = _span(on.year, g, "b_")
    if end > on:
        start, end, kind = _span(on.year - 1, g, "b_")
    return _finish(start, end, kind, g["b_to"], bool(g["b_since"]), on)


def _plan(g: dict[str, str | None], on: date | None) -> Period | None:
    if not g["c_tail"] and not (g["c_open"] and g["c_close"]):
        return None  # 十四五 without quotes or a tail may be a number
    number = chinese_value(g["c_n"] or "")
    if number is None:
        return None
    first = 1966 + 5 * (number - 3)
    start, end = date(first, 1, 1), date(first + 4, 12, 31)
    tail = g["c_tail"]
    if tail == "以来":
        return Period(start, on, "since")
    if tail == "末":
        return Period(None, end, "by") if g["c_to"] else Period(end, end, "as_of")
    if tail == "初":
        return Period(start, start, "as_of")
    return Period(start, end, "plan")


def find_periods(text: str, *, on: date | None = None) -> list[PeriodMatch]:
    """Every period expression in ``text``, resolved against ``on`` (the
    document's date), left to right, with offsets into ``text``."""
    normal = text.translate(NORMALISE)
    found: list[PeriodMatch] = []
    for match in _PATTERN.finditer(normal):
        if not match.group(0).strip():
            continue
        g = match.groupdict()
        relative = False
        period: Period | None
        try:
            if g["y"] or g["ya"] or g["rel"]:
                period, relative = _anchored(g, on)
            elif g["c_n"]:
                period = _plan(g, on)
            elif g["now"]:
                period, relative = Period(on, on, "as_of"), True
            else:
                period, relative = _loose(g, on), True
        except ValueError:
            continue  # 2月30日, 13月: not a date
        if period is None:
            continue
        start = match.start()
        while normal[start].isspace():
            start += 1
        found.append(PeriodMatch(period, start, match.end(), text[start : match.end()], relative))
    return found


def parse_period(text: str, *, on: date | None = None) -> Period:
    """Read one period expression (the whole text); ``ValueError`` otherwise."""
    stripped = text.strip()
    found = find_periods(stripped, on=on)
    if len(found) == 1 and found[0].start == 0 and found[0].end == len(stripped):
        return found[0].period
    raise ValueError(f"not a period: {text!r}")
