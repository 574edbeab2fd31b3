"""Tables laid out as text, read as sentences (issue 13, deliverable 1).

A statistics bulletin's table comes out of a PDF or a web page as lines of
cells split by runs of blanks, under a header line and often a caption::

    表1　2024年全市规模以上工业主要产品产量
    产品名称　　单位　　产量　　比上年增长（%）
    钢材　　万吨　　702.8　　-4.9

The figure readers read sentences, where a figure's unit follows it and
its words come before it; a row gives neither. So each row is read as the
sentence the table says, ``钢材产量702.8万吨，同比下降4.9%``, made of the
row's own characters and its header's words, each mapped to a character of
the row (the flat copy's origin, ``wraps.Flat``): a quote of the sentence
is the row in the stored text. The caption leads the rows, so the year it
names frames them as a paragraph's opening year does.

Read: a header of words (no figure) over rows whose first cell is a name,
with a unit column (``单位``) or units in the header or the name
(``产量（万吨）``, ``地区生产总值（亿元）``); a column whose header names a
change (``增长``, ``增速``, ``%``) is the row's change against the year
before. Anything else is left as lines.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["Table", "find_tables", "is_row_of_cells", "table_text"]

CELL_BREAK = re.compile(r"\u3000{2,}| {2,}|\t+|\u3000 +| +\u3000")
NUMBER = re.compile(r"^[-－−]?\d+(?:\.\d+)?$")
IN_BRACKETS = re.compile(r"[（(]([^（）()]{1,6})[)）]\s*$")
CHANGE = re.compile(r"增长|增速|增幅|%|％")
# Headers that say only "the figure": not words of the indicator.
PLAIN_HEADERS = re.compile(
    r"^(?:绝对数|绝对值|数值|数量|总量|全年|本年|本期|累计|实绩|指标值|完成|完成值|实际|实际完成)$"
)
MONTH_HEADER = re.compile(r"^\d{1,2}月$")
# A column of goals (年度目标, 计划, 预期) holds no outcome: it is left out.
GOAL_HEADER = re.compile(r"目标|计划|预期|任务")
UNIT_HEADER = "单位"
CAPTION = re.compile(r"^\s*(?:表\s*\d+|附表)|年.{0,30}(?:情况|指标|产量|统计)\s*$")
MIN_CELLS = 3
NO_FIGURE = re.compile(r"^[—–\-－…/]+$")  # a cell with no figure in it


@dataclass(frozen=True)
class Table:
    """Line numbers of a table: its caption (or None), header and rows."""

    caption: int | None
    header: int
    rows: tuple[int, ...]


def cells(line: str, at: int) -> list[tuple[str, int]]:
    """The cells of a line with the offset of each (``at``: the line's)."""
    found = []
    start = len(line) - len(line.lstrip())
    for gap in CELL_BREAK.finditer(line, start):
        if gap.start() > start:
            found.append((line[start : gap.start()], at + start))
        start = gap.end()
    if line[start:].strip():
        found.append((line[start:].rstrip(), at + start))
    return found


def is_row_of_cells(line: str) -> bool:
    """Whether a line is laid out as a table's row or header (three cells
    or more)."""
    return len(cells(line, 0)) >= MIN_CELLS


def find_tables(lines: list[str]) -> list[Table]:
    """The tables among ``lines`` (module docstring)."""
    tables = []
    i = 0
    while i < len(lines):
        head = cells(lines[i], 0)
        if len(head) < MIN_CELLS or any(NUMBER.match(c) for c, _ in head):
            i += 1
            continue
        rows = []
        j = i + 1
        while j < len(lines) and _is_row(cells(lines[j], 0), len(head)):
            rows.append(j)
            j += 1
        if rows:
            tables.append(Table(_caption(lines, i), i, tuple(rows)))
        i = max(j, i + 1)
    return tables


def _caption(lines: list[str], header: int) -> int | None:
    """The caption line over a header, a blank line (an HTML page's) apart
    at most."""
    for above in (header - 1, header - 2):
        if above < 0:
            return None
        if lines[above].strip():
            line = lines[above]
            return above if CAPTION.search(line) and not is_row_of_cells(line) else None
    return None


def _is_row(row: list[tuple[str, int]], width: int) -> bool:
    """A name, then cells up to the header's, one a figure at least."""
    return (
        2 <= len(row) <= width
        and not NUMBER.match(row[0][0])
        and any(NUMBER.match(c) for c, _ in row[1:])
    )


def _names_it(name: str, header: str) -> bool:
    """Whether a row's name says what its header does (``钢材产量`` under
    产量; ``发电量``, ``原油加工量`` under 产量: a quantity of its own)."""
    return name.endswith(header) or (header.endswith("量") and name.endswith("量"))


def _more_names(pairs: list) -> list[tuple[str, int]]:
    """The cells after a row's name that name it further, up to its first
    figure: words, neither a unit nor a dash."""
    more = []
    for (value, value_at), header in pairs:
        if NUMBER.match(value):
            break
        if header != UNIT_HEADER and not NO_FIGURE.match(value):
            more.append((value, value_at))
    return more


def table_text(table: Table, lines: list[str], starts: list[int]) -> tuple[str, list[int]]:
    """The rows of ``table`` as sentences, with each character's origin in
    the stored text (``starts``: each line's offset), after its caption."""
    chars: list[str] = []
    origin: list[int] = []

    def put(words: str, at: int | list[int]) -> None:
        chars.extend(words)
        origin.extend(at if isinstance(at, list) else [at] * len(words))

    if table.caption is not None:
        caption = lines[table.caption].rstrip()
        put(caption, list(range(starts[table.caption], starts[table.caption] + len(caption))))
        put("：", starts[table.caption] + len(caption))
    head = [name for name, _ in cells(lines[table.header], 0)]
    for n, row_at in enumerate(table.rows):
        row = cells(lines[row_at], starts[row_at])
        name, name_at = row[0]
        pairs = list(zip(row[1:], head[1:], strict=False))
        unit = next((value for (value, _), header in pairs if header == UNIT_HEADER), "")
        if found := IN_BRACKETS.search(name):
            name, unit = name[: found.start()], found.group(1)
        put(name, list(range(name_at, name_at + len(name))))
        # More name cells before the figures (产业 | 指标 | 单位 | …: 集成电路规上工业产值).
        for value, value_at in _more_names(pairs):
            put(value, list(range(value_at, value_at + len(value))))
        said = False
        for (value, value_at), header in pairs:
            if header == UNIT_HEADER or not NUMBER.match(value) or GOAL_HEADER.search(header):
                continue
            last = value_at + len(value) - 1
            if CHANGE.search(header):
                falls = value[0] in "-－−"
                put("，同比下降" if falls else "，同比增长", value_at)
                digits = value[1:] if falls else value
                put(digits, list(range(last - len(digits) + 1, last + 1)))
                put("%", last)
            else:
                header_unit = IN_BRACKETS.search(header)
                words = header[: header_unit.start()] if header_unit else header
                if said and (PLAIN_HEADERS.match(words) or not words):
                    continue  # a second figure with no words of its own says nothing
                if said:
                    put("，", value_at)  # a further column names its own figure (出口（亿元）)
                if not PLAIN_HEADERS.match(words) and not _names_it(name, words):
                    # A month's column (10月) says that month alone: 10月份.
                    put(words + ("份" if MONTH_HEADER.match(words) else ""), value_at)
                put(value, list(range(value_at, value_at + len(value))))
                put(header_unit.group(1) if header_unit else unit, last)
                said = True
        end = starts[row_at] + len(lines[row_at])
        put("。" if n == len(table.rows) - 1 else "；", end)
    return "".join(chars), origin
