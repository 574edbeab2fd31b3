"""A plan's text read into suggested targets (issue 13, deliverable 3).

Each numeric commitment becomes one ``SuggestedTarget``: its clause
verbatim with offsets, the figure read by the tracker's one figure reader
(``tracker.domain.phrases``), the comparator and wording direction of
``parse_target_phrase``, the measure of ``infer_measure`` (or a stated
fallback), the period (a year in its sentence, else the plan's year), the
commitment (``力争``/``争取`` in the clause, or heading the sentence) and the
units of the nearest following ``责任单位:`` line of the same item. Items
with no commitment are listed apart as ``Task``: never turned into
invented targets.

What is not a commitment (docs/plan-files.md, demo reading notes): figures
inside quotation marks or book-title marks (``“30条举措”``), meeting
ordinals (``十一届十一次全会``), a count of a list just named under a verb
that does not produce it (``提升…5个传统产业``), thresholds
(``30万吨以下煤矿``, ``投资30亿元的项目``), capacities in the names listed
before ``等N个项目``, and figures with a unit the registry does not know.
In a document that is not a plan, only clauses that say what will be done
(``力争``, ``争取``, ``计划``, ``确保``) are read.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from tracker.domain.measures import infer_measure
from tracker.domain.phrases import (
    FigureMatch,
    UnparsableFigure,
    find_figures,
    find_periods,
    parse_target_phrase,
)
from tracker.vocabulary import Commitment, Comparator, Direction, Measure

__all__ = ["PlanReading", "SuggestedTarget", "Task", "read_plan", "split_units"]

SECTION = re.compile(r"(?:^|(?<=\s))(?P<s>[一二三四五六七八九十]+)、")
SUBSECTION = re.compile(r"[(（](?P<k>[一二三四五六七八九十]+)[)）]")
ITEM = re.compile(r"(?:^|(?<=[\s*。]))(?P<n>\d{1,2})\.(?!\d)")
RESPONSIBLE = re.compile(r"责任单位[:：]\s*(?P<units>[^\s。；;]*?)(?=\s|\d{1,2}\.(?!\d)|[。；;]|$)")
SENTENCE_END = re.compile(r"[。；;！!？?\n]|\s+")
CLAUSE_END = re.compile(r"[，,：:]")
_NUMERALS = "一二三四五六七八九十"
FORWARD_CUES = ("力争", "争取", "计划", "确保")
ASPIRATION = ("力争", "争取")
OWN_MODE = ("确保", "加快")
PRODUCING_VERBS = ("编制", "出台", "制定", "建成", "创建", "新增", "引进", "培育", "建设")
_TITLED_YEAR = re.compile(r"(\d{4})年[^，,。\s]{0,20}(?:方案|计划|规划|要点)")
QUOTE_MARKS = {"“": "”", "《": "》", "‘": "’", "「": "」"}


@dataclass(frozen=True)
class SuggestedTarget:
    """One numeric commitment as read; every field is a suggestion."""

    code: str
    statement: str
    start: int
    end: int
    source_quote: str
    indicator: str
    comparator: Comparator
    value: Decimal
    value_high: Decimal | None
    unit: str
    period_start: date
    period_end: date
    measure: Measure
    measure_words: str
    direction: Direction
    commitment: Commitment
    units: tuple[str, ...]


@dataclass(frozen=True)
class Task:
    """An item of the plan with no numeric commitment: listed, not a target."""

    code: str
    text: str
    start: int
    units: tuple[str, ...]


@dataclass(frozen=True)
class PlanReading:
    targets: tuple[SuggestedTarget, ...]
    tasks: tuple[Task, ...]
    year: int | None
    unit_names: tuple[str, ...] = field(default=())


def _numeral(text: str) -> int:
    if text == "十":
        return 10
    if text.startswith("十"):
        return 10 + _NUMERALS.index(text[1]) + 1
    if len(text) == 2 and text.endswith("十"):
        return (_NUMERALS.index(text[0]) + 1) * 10
    if len(text) == 3:
        return (_NUMERALS.index(text[0]) + 1) * 10 + _NUMERALS.index(text[2]) + 1
    return _NUMERALS.index(text) + 1


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


def read_plan(
    text: str, *, on: date | None = None, is_plan: bool = True, units: Iterable[str] | None = None
) -> PlanReading:
    """Every numeric commitment of ``text`` (a plan, or with ``is_plan``
    False a reply that states a few), and the items with none.

    ``on``: the document's date (resolves ``今年``; gives the plan's year
    when no title names one). ``units``: the unit registry's names.
    """
    year = _plan_year(text, on)
    quoted = _quoted(text)
    figures_all = [m for m in find_figures(text, units=units) if not _inside(m.start, quoted)]
    headings = _headings(text)
    responsible = [(m.start(), split_units(m["units"])) for m in RESPONSIBLE.finditer(text)]
    targets: list[SuggestedTarget] = []
    counters: dict[str, int] = {}
    items_with_targets: set[str] = set()
    for sentence in _spans(SENTENCE_END, text, 0, len(text)):
        in_sentence = [m for m in figures_all if sentence[0] <= m.start < sentence[1]]
        if not in_sentence:
            continue
        clauses = _spans(CLAUSE_END, text, *sentence)
        sentence_text = text[sentence[0] : sentence[1]]
        for index, clause in enumerate(clauses):
            figures = [m for m in in_sentence if clause[0] <= m.start < clause[1]]
            kept = [m for m in figures if _is_commitment_figure(text, clause, m, figures)]
            pieces = _pieces(text, clause, kept)
            for match, (start, end) in pieces:
                clause_text = text[start:end]
                earlier = text[sentence[0] : clause[0]]
                cued = any(cue in clause_text for cue in FORWARD_CUES) or any(
                    cue in text[clauses[0][0] : clause[0]] for cue in FORWARD_CUES
                )
                if not is_plan and not cued:
                    continue
                # A bare period clause (2020年,) heads the next clause.
                before = clauses[index - 1] if index else None
                if (
                    before is not None
                    and start == clause[0]
                    and re.fullmatch(r"\s*\d{4}年\s*", text[before[0] : before[1]])
                ):
                    start = before[0]
                statement = text[start:end]
                target = _target(
                    text,
                    statement,
                    start,
                    match,
                    sentence_text,
                    earlier,
                    on,
                    year,
                    responsible,
                    headings,
                    is_plan=is_plan,
                )
                if target is None:
                    continue
                group = target[0]
                counters[group] = counters.get(group, 0) + 1
                items_with_targets.add(group)
                targets.append(target[1](f"{group}.{counters[group]}"))
    tasks = _tasks(text, headings, responsible, items_with_targets)
    names = tuple(dict.fromkeys(n for _, line in responsible for n in line))
    return PlanReading(tuple(targets), tasks, year, names)


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


def _headings(text: str) -> list[tuple[int, str, int]]:
    """(offset, kind, number) of every section, subsection and item heading."""
    found = [(m.start(), "s", _numeral(m["s"])) for m in SECTION.finditer(text)]
    found += [(m.start(), "k", _numeral(m["k"])) for m in SUBSECTION.finditer(text)]
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


def _target(
    text: str,
    statement: str,
    start: int,
    match: FigureMatch,
    sentence: str,
    earlier: str,
    on: date | None,
    year: int | None,
    responsible: list[tuple[int, tuple[str, ...]]],
    headings: list[tuple[int, str, int]],
    *,
    is_plan: bool,
):
    """(group, factory of the target given its code), or None."""
    local = match.start - start
    # The comparator from the clause up to and with this figure only.
    try:
        phrase = parse_target_phrase(statement[: local + len(match.text)].split("、")[-1])
    except UnparsableFigure:
        try:
            phrase = parse_target_phrase(match.text)
        except UnparsableFigure:
            return None
    governed = not any(statement.lstrip().startswith(w) for w in OWN_MODE) and any(
        word in earlier for word in ASPIRATION
    )
    commitment: Commitment = (
        "aspirational" if any(w in statement for w in ASPIRATION) or governed else "firm"
    )
    period = _period(sentence, on, year)
    if period is None:
        return None
    if not is_plan and year is not None and period[1].year < year:
        return None  # 2018年争取…共计: what was obtained, not what will be
    choice = infer_measure(statement)
    if choice.measure is not None:
        measure, words = choice.measure, next(iter(choice.words.values()))
    else:
        measure, words = _fallback_measure(statement, phrase.unit)
    group = _group(start, headings)
    units = _units_after(match.end, responsible, headings)
    indicator = _indicator(statement, match.text)

    def make(code: str) -> SuggestedTarget:
        return SuggestedTarget(
            code=code,
            statement=statement,
            start=start,
            end=start + len(statement),
            source_quote=sentence,
            indicator=indicator,
            comparator=phrase.comparator,
            value=phrase.value,
            value_high=phrase.value_high,
            unit=phrase.unit,
            period_start=period[0],
            period_end=period[1],
            measure=measure,
            measure_words=words,
            direction=phrase.direction,
            commitment=commitment,
            units=units,
        )

    return group, make


def _tasks(
    text: str,
    headings: list[tuple[int, str, int]],
    responsible: list[tuple[int, tuple[str, ...]]],
    with_targets: set[str],
) -> tuple[Task, ...]:
    tasks = []
    for offset, kind, _number in headings:
        if kind != "n":
            continue
        group = _group(offset, headings)
        if group in with_targets:
            continue
        end = SENTENCE_END.search(text, offset)
        line = text[offset : end.start() if end else len(text)]
        tasks.append(Task(group, line, offset, _units_after(offset, responsible, headings)))
    return tuple(tasks)
