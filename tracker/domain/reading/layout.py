"""Where a clause of a plan stands and who answers for it.

A plan is laid out in sections (``一、``), subsections (``(一)``) and
numbered items (``1.``), each item followed by its ``责任单位:`` line. This
module finds those headings, names the group a position belongs to
(``二.1``), reads the units of the nearest following responsibility line
of the same item, and cuts text into sentences and clauses. Used by
``tracker.domain.reading.plans``; it knows nothing of figures (heading
numerals are read by ``tracker.domain.phrases.numbers``, their one home).
"""

from __future__ import annotations

import re

from tracker.domain.phrases.numbers import chinese_value

SECTION = re.compile(r"(?:^|(?<=\s))(?P<s>[一二三四五六七八九十]+)、")
SUBSECTION = re.compile(r"[(（](?P<k>[一二三四五六七八九十]+)[)）]")
ITEM = re.compile(r"(?:^|(?<=[\s*。]))(?P<n>\d{1,2})\.(?!\d)")
RESPONSIBLE = re.compile(r"责任单位[:：]\s*(?P<units>[^\s。；;]*?)(?=\s|\d{1,2}\.(?!\d)|[。；;]|$)")
SENTENCE_END = re.compile(r"[。；;！!？?\n]|\s+")
CLAUSE_END = re.compile(r"[，,：:]")
_NUMERALS = "一二三四五六七八九十"


def split_units(line: str) -> tuple[str, ...]:
    """``市工信局、市发展改革委,各开发区管委会和县(市、区)**`` -> the units,
    lead first, names normalised as docs/plan-files.md rule 4 says (stars
    restored: ``县(市、区)**`` -> ``各县(市、区)政府``; ``各`` applies to
    both collectives joined by ``和``)."""
    parts: list[str] = []
    depth = 0
    current = ""
    for char in line:
        if char in "(（":
            depth += 1
        elif char in ")）":
            depth -= 1
        if depth == 0 and char in "、,，":
            parts.append(current)
            current = ""
        else:
            current += char
    parts.append(current)
    names: list[str] = []
    for part in (p.strip() for p in parts):
        if not part:
            continue
        pieces = part.split("和") if part.startswith("各") and "和" in part else [part]
        for index, piece in enumerate(pieces):
            if index and not piece.startswith("各"):
                piece = "各" + piece
            piece = re.sub(r"(县[(（]市、区[)）]|人民)\*+$", r"\1政府", piece)
            piece = piece.replace("(", "(").replace(")", ")")
            if piece and piece not in names:
                names.append(piece)
    return tuple(names)


def _spans(pattern: re.Pattern[str], text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Cut ``text[start:end]`` at the pattern's matches: (start, end) pairs."""
    spans, at = [], start
    for match in pattern.finditer(text, start, end):
        if match.start() > at:
            spans.append((at, match.start()))
        at = match.end()
    if at < end:
        spans.append((at, end))
    return spans


def _headings(text: str) -> list[tuple[int, str, int]]:
    """(offset, kind, number) of every section, subsection and item heading."""
    found = [(m.start(), "s", chinese_value(m["s"])) for m in SECTION.finditer(text)]
    found += [(m.start(), "k", chinese_value(m["k"])) for m in SUBSECTION.finditer(text)]
    found = [heading for heading in found if heading[2]]  # 一一、 numbers nothing
    found += [(m.start(), "n", int(m["n"])) for m in ITEM.finditer(text)]
    return sorted(found)


def _group(position: int, headings: list[tuple[int, str, int]]) -> str:
    """``二.1`` (section 二, subsection (一)) or ``三.8`` (item 8 of 三)."""
    section, sub, item = "", None, None
    for offset, kind, number in headings:
        if offset > position:
            break
        if kind == "s":
            section, sub, item = _NUMERALS[number - 1] if number <= 10 else str(number), None, None
        elif kind == "k":
            sub = number
        else:
            item = number
    part = item if item is not None else sub
    return f"{section or '0'}.{part or 0}"


def _boundary(position: int, headings: list[tuple[int, str, int]]) -> int | None:
    return next((offset for offset, _, _ in headings if offset > position), None)


def _units_after(
    position: int,
    responsible: list[tuple[int, tuple[str, ...]]],
    headings: list[tuple[int, str, int]],
) -> tuple[str, ...]:
    stop = _boundary(position, headings)
    for offset, names in responsible:
        if offset > position:
            return names if stop is None or offset < stop else ()
    return ()
