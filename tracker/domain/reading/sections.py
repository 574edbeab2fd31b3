"""A reply's headings and what they say of the figures under them (issue 13,
deliverable 4).

Replies and news are written under headings (``一、郑州市工业转型升级情况``,
``(四)开展两化融合管理体系贯标对标工作``, ``“万人助万企”活动成果突出``). Two
things follow for a figure:

- **Topic**: the nearest heading above it names what its paragraph is
  about; a sentence under ``“万人助万企”活动成果突出`` reports on that
  campaign without naming it again. The reader adds the heading's words to
  the figure's (a target still needs the figure's own words to name it).
- **Items**: a paragraph's ``一是…。二是…。`` items are headings inline:
  the item's lead (``三是完成城市建成区重污染企业搬迁改造。``) names what
  the sentences after it, to the next item or the paragraph's end, report
  (``郑州市纳入搬迁改造的企业共11家``); its words join the heading's.
- **Plans**: under a heading that announces what will be done
  (``三、下一步打算``, ``二、下步工作建议``), and in a paragraph that opens with
  ``下一步``/``下步``/``今后``, figures are goals, not reports.

A heading is a line of at most ``HEADING`` characters that is numbered
(``一、``, ``(一)``, ``1.``) or holds no comma or full stop and points to no
table (``…见表2。``); its level is its
numbering's (``一、`` above ``(一)`` above ``1.``; an unnumbered heading is
read as the level below the last numbered one). A heading's section runs
to the next heading of its level or above.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

__all__ = ["Sections", "read_sections"]

HEADING = 40
TITLE = 60
LEVELS = (
    re.compile(r"^[一二三四五六七八九十]+、"),
    re.compile(r"^[(（][一二三四五六七八九十]+[)）]"),
    re.compile(r"^\d{1,2}[.、．]"),
)
PLANS_HEADING = re.compile(
    r"下一步|下步|今后|打算|谋划|工作计划|工作思路|工作建议|工作安排|目标任务|主要目标|预期目标"
)
PLANS_PARAGRAPH = re.compile(r"^\s*(?:下一步|下步|今后|下阶段|接下来)")
PUNCTUATION = re.compile(r"[，,。；;]")
# A sentence pointing to a table (…产量及其增长速度见表2。) heads nothing.
POINTER = re.compile(r"见(?:附|下)?表|如下表")
ITEM = re.compile(r"(?:^|(?<=[。；;\n]))\s*[一二三四五六七八九十]是")
LEAD_END = re.compile(r"[。；;：:\n]")


@dataclass(frozen=True)
class Heading:
    start: int
    end: int
    level: int
    words: str
    plans: bool


@dataclass(frozen=True)
class Sections:
    """Where each heading's section and each plans paragraph lie."""

    headings: tuple[Heading, ...]
    plans: tuple[tuple[int, int], ...]  # spans of text that state plans
    _starts: tuple[int, ...] = ()
    items: tuple[tuple[int, int, str, int], ...] = ()  # (after the lead, end, lead, lead start)
    _item_starts: tuple[int, ...] = ()

    def topic(self, at: int) -> str:
        """The words of the nearest heading above ``at`` and of the lead of
        the item ``at`` is in, after its lead ("" when none)."""
        n = bisect_right(self._starts, at)
        heading = self.headings[n - 1].words if n else ""
        m = bisect_right(self._item_starts, at)
        if m and at < self.items[m - 1][1]:
            return f"{heading} {self.items[m - 1][2]}".strip()
        return heading

    def lead(self, at: int) -> tuple[str, int] | None:
        """The lead of the item ``at`` is in, after its lead, with where it
        starts (None outside items)."""
        m = bisect_right(self._item_starts, at)
        if m and at < self.items[m - 1][1]:
            return self.items[m - 1][2], self.items[m - 1][3]
        return None

    def in_plans(self, at: int) -> bool:
        return any(start <= at < end for start, end in self.plans)

    def names_plans(self, at: int) -> bool:
        """Whether ``at`` is in plans or in a heading of plans (the year of
        ``二、2025年主要目标任务`` is not one the text reports)."""
        return self.in_plans(at) or any(h.plans and h.start <= at < h.end for h in self.headings)


def _level(line: str, last_numbered: int) -> int | None:
    for level, pattern in enumerate(LEVELS, start=1):
        if pattern.match(line):
            return level
    if not PUNCTUATION.search(line.rstrip("。")) and not POINTER.search(line):
        return last_numbered + 1
    return None


def read_sections(text: str) -> Sections:
    """The headings of ``text`` and the spans where it states plans."""
    headings: list[Heading] = []
    plans: list[tuple[int, int]] = []
    last_numbered = 0
    at = 0
    lines = text.split("\n")
    for line in lines:
        start, end = at, at + len(line)
        at = end + 1
        stripped = line.strip()
        if not stripped:
            continue
        # The first line is the title when short enough (a longer one than a
        # heading: 宜宾市2024年国民经济和社会发展统计公报（…部分摘要）).
        limit = TITLE if not headings and start == len(text) - len(text.lstrip()) else HEADING
        level = _level(stripped, last_numbered) if len(stripped) <= limit else None
        if level is None:
            if PLANS_PARAGRAPH.match(line):
                plans.append((start, end))
            continue
        if LEVELS[min(level, len(LEVELS)) - 1].match(stripped):
            last_numbered = level
        headings.append(Heading(start, end, level, stripped, bool(PLANS_HEADING.search(stripped))))
    for n, heading in enumerate(headings):
        if heading.plans:
            following = (h.start for h in headings[n + 1 :] if h.level <= heading.level)
            plans.append((heading.end, next(following, len(text))))
    items = _items(text)
    return Sections(
        tuple(headings),
        tuple(plans),
        tuple(h.start for h in headings),
        items,
        tuple(item[0] for item in items),
    )


def _items(text: str) -> tuple[tuple[int, int, str, int], ...]:
    """Each ``一是…`` item: where its lead ends, where the item ends (the
    next item of its paragraph, or the paragraph's end), the lead and where
    it starts."""
    items = []
    for found in ITEM.finditer(text):
        lead_end = LEAD_END.search(text, found.end())
        paragraph_end = text.find("\n", found.end())
        paragraph_end = len(text) if paragraph_end < 0 else paragraph_end
        if lead_end is None or lead_end.start() >= paragraph_end:
            continue  # an item with one sentence has no sentence after its lead
        following = ITEM.search(text, lead_end.end(), paragraph_end)
        end = following.start() if following else paragraph_end
        lead = text[found.end() : lead_end.start()]
        items.append((lead_end.end(), end, lead, found.end()))
    return tuple(items)
