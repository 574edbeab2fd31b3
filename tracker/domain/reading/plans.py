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

This module puts each suggested target together and lists the tasks; where
a clause stands and who answers for it is ``layout``; which figures are
commitments and what their words say is ``commitments``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal

from tracker.domain.measures import infer_measure
from tracker.domain.phrases import FigureMatch, UnparsableFigure, find_figures, parse_target_phrase
from tracker.domain.reading.commitments import (
    ASPIRATION,
    FORWARD_CUES,
    OWN_MODE,
    _fallback_measure,
    _indicator,
    _inside,
    _is_commitment_figure,
    _period,
    _pieces,
    _plan_year,
    _quoted,
)
from tracker.domain.reading.layout import (
    CLAUSE_END,
    RESPONSIBLE,
    SENTENCE_END,
    _group,
    _headings,
    _spans,
    _units_after,
    split_units,
)
from tracker.domain.reading.wraps import Flat, unwrap
from tracker.vocabulary import Commitment, Comparator, Direction, Measure

__all__ = ["PlanReading", "SuggestedTarget", "Task", "read_plan", "split_units"]


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


def read_plan(
    text: str, *, on: date | None = None, is_plan: bool = True, units: Iterable[str] | None = None
) -> PlanReading:
    """Every numeric commitment of ``text`` (a plan, or with ``is_plan``
    False a reply that states a few), and the items with none.

    ``on``: the document's date (resolves ``今年``; gives the plan's year
    when no title names one). ``units``: the unit registry's names. A text
    laid out as lines (a PDF's) is read flat, its statements and quotes cut
    from ``text`` (``wraps.py``).
    """
    flat = unwrap(text)
    if flat is None:
        return _read(text, on, is_plan, units)
    reading = _read(flat.text, on, is_plan, units)
    return replace(
        reading,
        targets=tuple(_restored(flat, target, text) for target in reading.targets),
        tasks=tuple(
            replace(task, text=text[start:end], start=start)
            for task in reading.tasks
            for start, end in [flat.span(task.start, task.start + len(task.text))]
        ),
    )


def _restored(flat: Flat, target: SuggestedTarget, text: str) -> SuggestedTarget:
    """A target read on the flat copy, its statement and sentence cut from
    ``text``."""
    start, end = flat.span(target.start, target.end)
    # The sentence holds the statement: it starts no later, ends no earlier.
    size = len(target.source_quote)
    at = flat.text.index(target.source_quote, max(0, target.end - size), target.start + size)
    quote_start, quote_end = flat.span(at, at + size)
    return replace(
        target,
        statement=text[start:end],
        start=start,
        end=end,
        source_quote=text[quote_start:quote_end],
    )


def _read(text: str, on: date | None, is_plan: bool, units: Iterable[str] | None) -> PlanReading:
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
