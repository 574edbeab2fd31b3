"""Suggestions read from a document's text, for the person to confirm.

A document's date and issuer sit at its head or its foot: a covering
notice's ``2020年4月14日``, a reply's signature block (``郑州市工业和信息化局``
over ``2023年1月16日``), a news item's ``16.01.2023 16:58`` and
``【大河财立方 记者 …】``. Each suggestion carries the text it was read from,
so the person sees why; nothing here is stored without their confirming.
The foot is tried first (a signature block dates the document itself), then
the head; dates in the body (events, deadlines) are never suggested.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Generic, Literal, TypeVar

from tracker.domain.phrases import find_periods

__all__ = ["Hint", "suggest_issuer", "suggest_published_on", "suggest_title"]

T = TypeVar("T")
Where = Literal["head", "foot"]

EDGE_LINES = 5
EDGE_CHARS = 300


@dataclass(frozen=True)
class Hint(Generic[T]):
    """A suggested value, the text it was read from, and where."""

    value: T
    evidence: str
    where: Where


# Numeric dates as scraped pages print them: 2023-01-16, 2023/1/16,
# 2023.01.16, and the day-first 16.01.2023 of some news sites.
_NUMERIC_DATE = re.compile(
    r"(?<!\d)(?:(?P<y>(?:19|20)\d{2})[-/.](?P<m>\d{1,2})[-/.](?P<d>\d{1,2})"
    r"|(?P<d2>\d{1,2})\.(?P<m2>\d{1,2})\.(?P<y2>(?:19|20)\d{2}))(?!\d)"
)


def _dates_in(window: str, offset: int) -> list[tuple[int, date, str]]:
    found = [
        (offset + m.start, m.period.start, m.text)
        for m in find_periods(window)
        if m.period.kind == "day" and not m.relative and m.period.start is not None
    ]
    for match in _NUMERIC_DATE.finditer(window):
        year = match["y"] or match["y2"]
        month = match["m"] or match["m2"]
        day = match["d"] or match["d2"]
        try:
            found.append((offset + match.start(), date(int(year), int(month), int(day)), match[0]))
        except ValueError:
            continue
    return sorted(found)


def _edge(text: str, *, foot: bool) -> tuple[str, int]:
    """The head (first lines) or the foot (last lines) of a text: at most
    ``EDGE_LINES`` non-empty lines and ``EDGE_CHARS`` characters, with the
    offset where it starts."""
    lines = [line for line in text.split("\n") if line.strip()]
    chosen = lines[-EDGE_LINES:] if foot else lines[:EDGE_LINES]
    if not chosen:
        return "", 0
    if foot:
        start = max(text.rfind(chosen[0]), len(text) - EDGE_CHARS)
        return text[start:], start
    end = min(text.find(chosen[-1]) + len(chosen[-1]), EDGE_CHARS)
    return text[:end], 0


def suggest_published_on(text: str) -> Hint[date] | None:
    """The last full date of the foot, else the first of the head."""
    foot, offset = _edge(text, foot=True)
    dates = _dates_in(foot, offset)
    if dates:
        _, value, evidence = dates[-1]
        return Hint(value, evidence, "foot")
    head, _ = _edge(text, foot=False)
    dates = _dates_in(head, 0)
    if dates:
        _, value, evidence = dates[0]
        return Hint(value, evidence, "head")
    return None


# Names of bodies end like this (a department, an office, a government, a
# newspaper); a line that does is taken as a signature.
_BODY_ENDINGS = (
    *("人民政府", "政府", "办公厅", "办公室", "委员会", "管委会", "管理委员会"),
    *("局", "厅", "委", "办", "院", "部", "中心", "公司", "协会", "报社", "日报", "社"),
)
_SIGNATURE = re.compile(r"^[\u4e00-\u9fff（）()、·]{3,40}$")
_NEWS_BYLINE = re.compile(r"【\s*(?P<name>[^\s【】]{2,20})\s+(?:记者|通讯员|讯)")
_LABELLED = re.compile(
    r"(?:来源|发布机关|发文机关|发布单位|发文单位)\s*[:：]\s*(?P<name>[^\s|,，。]{2,40})"
)


def _is_body(line: str) -> bool:
    return bool(_SIGNATURE.match(line)) and line.endswith(_BODY_ENDINGS)


def suggest_issuer(text: str) -> Hint[str] | None:
    """A signature line just above the foot's date, else a labelled source
    (``来源：…``) or a news byline (``【大河财立方 记者 …】``) in the head."""
    date_hint = suggest_published_on(text)
    if date_hint is not None and date_hint.where == "foot":
        before = text[: text.rfind(date_hint.evidence)].rstrip()
        last_line = before.rsplit("\n", 1)[-1].strip()
        if _is_body(last_line):
            return Hint(last_line, last_line, "foot")
    head, _ = _edge(text, foot=False)
    for pattern in (_LABELLED, _NEWS_BYLINE):
        match = pattern.search(head)
        if match:
            return Hint(match["name"], match[0], "head")
    return None


def suggest_title(text: str) -> Hint[str] | None:
    """The first line, when it reads like a title (short, not a salutation
    such as ``尊敬的…委员:``, not a sentence)."""
    for line in text.split("\n"):
        line = line.strip()
        if not line:
            continue
        if len(line) > 100 or "|" in line or line.endswith((":", "：", "。")):
            return None
        return Hint(line, line, "head")
    return None
