"""Text laid out as lines, read as paragraphs (issue 13, deliverable 1).

Text taken from a PDF (pypdf, pdfminer) keeps the page's line breaks: a
sentence runs over two or three lines (``全年全市生物医药产\\n业实现产值…``),
and a page footer (``— 3 —``) sits between its halves. The stored text stays
verbatim (every quote is cut from it), so the readers read a flat copy in
which a wrapped line joins the next, with a map back to the stored text:
each proposal's offsets and quote are those of the stored text, line breaks
included.

A text is read as wrapped only when many of its lines end mid-sentence; a
text with a paragraph per line (a web page, a ``.docx``) is read as it is.
A line is wrapped when it ends without a sentence's end, is not short, and
neither it nor the next line is a heading, a table row, a document number
or a page footer. Plain rules, no ORM: used by ``outcomes`` and ``plans``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from statistics import median
from typing import TypeVar

from tracker.domain.reading.tables import find_tables, is_row_of_cells, table_text

__all__ = ["Flat", "unwrap"]

Found = TypeVar("Found")

# What ends a sentence, or a lead before a list, at a line's end.
LINE_END = re.compile(r"[。！!？?：:]\s*$")
SENTENCE_END = re.compile(r"[。！!？?]\s*$")
HEADING = re.compile(
    r"^\s*(?:[一二三四五六七八九十]+、|[(（][一二三四五六七八九十\d]+[)）]"
    r"|\d{1,2}[.．、](?!\d)|第[一二三四五六七八九十\d]+[章节条部分]|表\s*\d|附件)"
)
DOCUMENT_NUMBER = re.compile(r"〔\d{4}〕\s*\d+\s*号\s*$")
FOOTER = re.compile(r"^\s*(?:[—–-]\s*\d{1,3}\s*[—–-]|第\s*\d{1,3}\s*页(?:\s*共\s*\d+\s*页)?)\s*$")
# A text is wrapped when at least this share of its lines end mid-sentence.
WRAPPED_SHARE = 0.3
# A line shorter than this share of the text's usual width ends a paragraph.
FULL_LINE = 0.8
# A sentence ending a line this long or longer (the share of the text's
# lines shorter than it) need not end its paragraph: the line is full.
FULL_WIDTH = 0.9


@dataclass(frozen=True)
class Flat:
    """The flat copy of a text and, per character, its offset in the text."""

    text: str
    origin: tuple[int, ...]
    # The stored text's line ends inside a paragraph (a wrapped line's, and
    # a page footer's within it): where a page shows no new paragraph.
    joined: frozenset[int] = frozenset()

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The stored text's span of the flat copy's ``start:end``."""
        return self.origin[start], self.origin[end - 1] + 1

    def restored(self, found: Found, text: str) -> Found:
        """``found`` (a dataclass with ``start``, ``end`` and ``quote``, read
        on the flat copy) at its place in ``text``, the stored text."""
        start, end = self.span(found.start, found.end)  # type: ignore[attr-defined]
        return replace(found, start=start, end=end, quote=text[start:end])  # type: ignore[type-var]


def unwrap(text: str) -> Flat | None:
    """The flat copy of a wrapped text or of one holding a table, or None
    when it is neither."""
    lines = text.split("\n")
    starts = [0]
    for line in lines:
        starts.append(starts[-1] + len(line) + 1)
    tables = {table.header: table for table in find_tables(lines)}
    skipped = {i for t in tables.values() for i in (*t.rows, t.caption) if i is not None}
    footers = _footers(lines)
    kept = [i for i in range(len(lines)) if i not in footers and i not in skipped]
    wraps = _wraps(lines, kept)  # a table's header (a row of cells) joins nothing
    if not wraps and not tables:
        return None
    chars: list[str] = []
    origin: list[int] = []
    joined: set[int] = set()
    for i, j in zip(kept, kept[1:], strict=False):
        if wraps.get(i, False):
            joined.update(starts[k + 1] - 1 for k in range(i, j))
    for i in kept:
        last = i
        if i in tables:
            words, at = table_text(tables[i], lines, starts)
            chars.extend(words)
            origin.extend(at)
            last = tables[i].rows[-1]
        else:
            chars.extend(lines[i])
            origin.extend(range(starts[i], starts[i] + len(lines[i])))
        if not wraps.get(i, False) and last < len(lines) - 1:
            chars.append("\n")
            origin.append(starts[last] + len(lines[last]))
    return Flat("".join(chars), tuple(origin), frozenset(joined))


def _footers(lines: list[str]) -> set[int]:
    """The page footers' lines with the blank lines around them: a page
    break falls anywhere, mid-sentence too (``比重\\n\\n— 1 —\\n\\n为31.7%``)."""
    footers = {i for i, line in enumerate(lines) if FOOTER.match(line)}
    for i in sorted(footers):
        for step in (-1, 1):
            k = i + step
            while 0 <= k < len(lines) and not lines[k].strip() and k not in footers:
                footers.add(k)
                k += step
    return footers


def _wraps(lines: list[str], kept: list[int]) -> dict[int, bool]:
    """Which of the ``kept`` lines run on into the next kept line; empty
    when the text is not wrapped (module docstring)."""
    body = [len(lines[i].strip()) for i in kept if lines[i].strip()]
    if len(body) < 5:
        return {}
    width = median(body)
    full = sorted(body)[int(FULL_WIDTH * (len(body) - 1))]
    pairs = list(zip(kept, kept[1:], strict=False))
    wraps = {i: _runs_on(lines[i], lines[j], width) for i, j in pairs}
    if sum(wraps.values()) < WRAPPED_SHARE * len(body):
        return {}
    for i, j in pairs:
        line = lines[i].strip()
        if SENTENCE_END.search(line) and len(line) >= full and _may_follow(lines[j]):
            wraps[i] = True  # a full line: the sentence ended, not the paragraph
    return wraps


def _runs_on(line: str, following: str, width: float) -> bool:
    """Whether ``line`` stops mid-sentence and runs on into ``following``
    (module docstring)."""
    if not line.strip() or LINE_END.search(line) or is_row_of_cells(line):
        return False
    return len(line.strip()) >= FULL_LINE * width and _may_follow(following)


def _may_follow(following: str) -> bool:
    """Whether ``following`` may continue the line before it: no heading,
    table row, document number or blank starts anew."""
    return bool(following.strip()) and not (
        HEADING.search(following) or DOCUMENT_NUMBER.search(following) or is_row_of_cells(following)
    )
