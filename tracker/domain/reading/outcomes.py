"""Outcome drafts for open targets from a later text (issue 13, deliverable 4).

The text is read once: every figure (the tracker's one figure reader) with
the words before it (its *window*: back to the previous figure of the
sentence, at most ``WINDOW`` characters), its period and a verbatim quote.
Each open target then takes the figures whose unit converts to its own
(the unit registry decides, docs/attainment.md section 1), whose window names
its indicator (character-pair coverage of its name or an alias), and whose
kind fits its measure (a ``%`` rate target wants a change, ``增长8.5%``; a
``%`` level target a state, ``占比达52.4%``). Proposals are ranked by how
well the window names the indicator, then by the grade the figure's period
earns under the target's measure (``tracker.domain.periods.grade``,
docs/attainment.md section 4: final, later, interim, baseline, context), then
by the latest period. Each carries why, as codes.

The period of a figure: the last period expression of its sentence before
it that is not a comparison (``比2016年``/``较2019年``); a figure in brackets
after such a comparison (``比2016年(22.8%)``) is that year's figure for the
same indicator (a baseline). ``全年`` with no year is the last whole year
before the document's date. With no period in the sentence, the figure is a
reading at the document's date, or, when the date is unknown, at the end of
the latest year the text reports.

Not proposed: restated goals (``每年…以上``, ``力争``, ``计划``, ``目标``), and
any figure for a target whose jurisdiction the text never names (another
city's reply).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from tracker.domain.periods import grade as period_grade
from tracker.domain.phrases import FigureMatch, find_figures, find_periods
from tracker.domain.phrases.numbers import NORMALISE
from tracker.domain.units import SEED_REGISTRY, UnitRegistry, UnknownUnit
from tracker.vocabulary import Measure, Qualifier

__all__ = ["WINDOW", "Mention", "OpenTarget", "Proposal", "propose_outcomes", "read_mentions"]

WINDOW = 40
AFTER = 16
COLON = re.compile(r"[:：;；]")
GOAL_BEFORE = re.compile(r"(?:到|至|力争|争取|计划)\s*$")
MIN_COVERAGE = Decimal("0.5")
PROXY_BELOW = Decimal("0.8")
COMPETING = Decimal("0.25")
SENTENCE_END = re.compile(r"[。！!？?\n]")
CLAUSE_END = re.compile(r"[，,；;。：:\n]")
COMPARISON = re.compile(r"(?:比|较|与|同比|相比)\s*$")
RESTATED = re.compile(r"每年|力争|争取|计划|目标|确保|将要|预计")
CHANGE_TAIL = re.compile(
    r"(?:增长|下降|降低|提高|提升|增加|减少|回落|上升|上涨|增速|增幅|降幅|涨幅)"
    r"(?:率|幅度)?(?:为|是|了|达|达到)?\s*$"
)
GRADE_RANK = {"final": 4, "later": 3, "interim": 3, "baseline": 1, "context": 0}


@dataclass(frozen=True)
class OpenTarget:
    """What the reader needs of a target (plain data, no ORM)."""

    plan: str
    code: str
    indicator: str
    aliases: tuple[str, ...]
    unit: str
    measure: Measure
    period_start: date
    period_end: date
    jurisdiction: str = ""

    @property
    def key(self) -> str:
        return f"{self.plan}:{self.code}"


@dataclass(frozen=True)
class Mention:
    """A figure of the text with what the reader saw around it."""

    figure: FigureMatch
    window: str
    before: str
    period_start: date
    period_end: date
    period_text: str
    quote_start: int
    quote_end: int
    change: bool
    baseline: bool
    restated: bool
    dated: bool = True


@dataclass(frozen=True)
class Proposal:
    """An outcome draft for one target; ``why`` holds reason codes with
    their parameters, rendered by the caller."""

    target: OpenTarget
    value: Decimal
    qualifier: Qualifier
    unit: str
    period_start: date
    period_end: date
    quote: str
    start: int
    end: int
    proxy: bool
    grade: str
    score: Decimal
    reported_indicator: str
    why: tuple[tuple[str, str], ...]


def _pairs(text: str) -> frozenset[str]:
    text = re.sub(r"[\s*“”\"、，,()（）的]", "", text)
    return frozenset(text[i : i + 2] for i in range(len(text) - 1))


def _jurisdiction_named(jurisdiction: str, text: str) -> bool:
    stem = re.sub(r"(市|县|区|省)$", "", jurisdiction)
    return not stem or stem in text


def _fallback(text: str, on: date | None, periods: Sequence) -> tuple[date, date, str]:
    if on is not None:
        return on, on, "document_date"
    years = [
        p.period.end.year
        for p in periods
        if p.period.end is not None
        and p.period.kind not in ("by", "plan", "since")
        and not re.search(r"(?:到|至|力争|争取)\s*$", text[max(0, p.start - 3) : p.start])
    ]
    if not years:
        return date.min, date.min, "none"
    day = date(max(years), 12, 31)
    return day, day, "latest_year"


def read_mentions(
    text: str, *, on: date | None = None, units: UnitRegistry = SEED_REGISTRY, is_plan: bool = False
) -> list[Mention]:
    """Every figure of ``text`` with its window, period and quote (in a
    plan, ``全年`` is the plan's own year: a goal, left undated)."""
    normal = text.translate(NORMALISE)
    figures = find_figures(text, reading="outcome", units=units.known_units())
    all_periods = find_periods(text, on=on)
    period_starts = [p.start for p in all_periods]
    fallback = _fallback(normal, on, all_periods)
    # The day the text speaks from: its date, else the end of the latest
    # year it reports; a figure for a later period is a goal, not a report.
    today = on or (fallback[1] if fallback[2] == "latest_year" else None)
    mentions: list[Mention] = []
    sentence_start = 0
    previous: Mention | None = None
    previous_end = 0
    ends = [m.end() for m in SENTENCE_END.finditer(normal)]
    for figure in figures:
        at = bisect_right(ends, figure.start)
        start = ends[at - 1] if at else 0
        if start != sentence_start:
            sentence_start, previous, previous_end = start, None, start
        # The period: the last non-comparison period of the sentence before it.
        period = None
        period_text = ""
        baseline = False
        goal = False
        for found in all_periods[bisect_left(period_starts, sentence_start) :]:
            if found.end > figure.start:
                break
            if found.period.end is None:
                continue
            if COMPARISON.search(normal[max(sentence_start, found.start - 3) : found.start]):
                if normal[found.end : figure.start].strip() in ("(", "（"):
                    period, period_text, baseline = found.period, found.text, True
                continue
            if not baseline:
                period, period_text = found.period, found.text
                goal = found.period.kind in ("by", "plan") or bool(
                    GOAL_BEFORE.search(normal[max(sentence_start, found.start - 3) : found.start])
                )
        if (
            period is None
            and not is_plan
            and on is not None
            and "全年" in normal[sentence_start : figure.start]
        ):
            year = on.year if on.month == 12 and on.day == 31 else on.year - 1
            period_start, period_end = date(year, 1, 1), date(year, 12, 31)
            period_text = "全年"
        elif period is None:
            period_start, period_end, period_text = fallback
        else:
            period_start = period.start or period.end
            period_end = period.end
        colon = max(
            (m.end() for m in COLON.finditer(normal, sentence_start, figure.start)), default=0
        )
        window_start = max(previous_end, figure.start - WINDOW, sentence_start, colon)
        after = CLAUSE_END.search(normal, figure.end)
        after_end = min(after.start() if after else len(text), figure.end + AFTER)
        next_figure = next((f.start for f in figures if f.start >= figure.end), len(text))
        window = (
            text[window_start : figure.start] + " " + text[figure.end : min(after_end, next_figure)]
        )
        if baseline and previous is not None:
            window = previous.window
        clause_end = CLAUSE_END.search(normal, figure.end)
        quote_end = clause_end.start() if clause_end else len(text)
        if baseline and previous is not None:
            quote_start, quote_end = previous.quote_start, max(quote_end, previous.quote_end)
        else:
            quote_start = window_start
            while quote_start < figure.start and normal[quote_start] in ",，;；:：、 )）":
                quote_start += 1
        local = normal[max(sentence_start, figure.start - WINDOW) : figure.start]
        mention = Mention(
            figure=figure,
            window=window,
            before=_indicator_words(text[window_start : figure.start], period_text),
            period_start=period_start,
            period_end=period_end,
            period_text=period_text,
            quote_start=quote_start,
            quote_end=quote_end,
            change=bool(CHANGE_TAIL.search(normal[window_start : figure.start])) and not baseline,
            baseline=baseline,
            restated=goal
            or bool(RESTATED.search(local))
            or (today is not None and period_end > today),
            dated=period_text not in ("document_date", "latest_year", "none"),
        )
        mentions.append(mention)
        if not baseline:
            previous = mention
        previous_end = figure.end
    return mentions


def _indicator_words(before: str, period_text: str) -> str:
    """The words that name what a figure reports: the window before it,
    without its period, cue words and trailing verbs of reaching."""
    words = before.replace(period_text, "") if period_text else before
    words = re.sub(r"(?:达到|达|为|是|至|到|超过|约|近)\s*$", "", words.strip())
    return words.strip(" ,，;；:：、()（）")[-30:]


def _coverage(
    window_pairs: frozenset[str], names: Sequence[tuple[str, frozenset[str]]]
) -> tuple[Decimal, str]:
    """The best share of a name's character pairs found in the window (to
    two places: a ranking key, not a measurement)."""
    best, best_name = 0.0, ""
    for name, pairs in names:
        if pairs:
            covered = len(pairs & window_pairs) / len(pairs)
            if covered > best:
                best, best_name = covered, name
    return Decimal(f"{best:.2f}"), best_name


def propose_outcomes(
    text: str,
    targets: Iterable[OpenTarget],
    *,
    on: date | None = None,
    units: UnitRegistry = SEED_REGISTRY,
    per_target: int = 3,
    mentions: list[Mention] | None = None,
    is_plan: bool = False,
) -> list[Proposal]:
    """Outcome drafts for each target, best first per target, targets in
    the order given. ``mentions``: a ``read_mentions`` result to reuse.
    ``is_plan``: the text is a plan, whose undated figures are its goals,
    so only figures with a period written beside them are read."""
    if mentions is None:
        mentions = read_mentions(text, on=on, units=units, is_plan=is_plan)
    usable = [
        m
        for m in mentions
        if not m.restated and m.period_end != date.min and (m.dated or not is_plan)
    ]
    windows = [_pairs(m.window) for m in usable]
    by_unit: dict[str, list[int]] = {}
    index_pairs: dict[str, set[int]] = {}
    for i, pairs in enumerate(windows):
        for pair in pairs:
            index_pairs.setdefault(pair, set()).add(i)
    found: list[tuple[OpenTarget, int, Decimal, str]] = []
    best: dict[int, Decimal] = {}
    named: dict[str, bool] = {}
    for target in targets:
        if target.jurisdiction:
            if target.jurisdiction not in named:
                named[target.jurisdiction] = _jurisdiction_named(target.jurisdiction, text)
            if not named[target.jurisdiction]:
                continue
        names = [(n, _pairs(n)) for n in (target.indicator, *target.aliases) if n]
        candidates: set[int] = set()
        for _, pairs in names:
            for pair in pairs:
                candidates |= index_pairs.get(pair, set())
        if target.unit not in by_unit:
            by_unit[target.unit] = [
                i
                for i, m in enumerate(usable)
                if _converts(units, m.figure.figure.unit, target.unit)
            ]
        allowed = set(by_unit[target.unit])
        percent = target.unit in ("%", "个百分点")
        for i in candidates & allowed:
            mention = usable[i]
            if percent and mention.change != (target.measure == "rate"):
                continue
            covered, name = _coverage(windows[i], names)
            if covered < MIN_COVERAGE:
                continue
            found.append((target, i, covered, name))
            best[i] = max(best.get(i, Decimal(0)), covered)
    # A figure whose words name another target's indicator far better
    # reports that indicator (规上工业增加值增长 is not 规上制造业…).
    ranked_by_target: dict[str, list[tuple[tuple, Proposal]]] = {}
    order: list[str] = []
    for target, i, covered, name in found:
        if covered < best[i] - COMPETING:
            continue
        if True:
            mention = usable[i]
            names = [(n, None) for n in (target.indicator, *target.aliases) if n]
            grade = period_grade(
                target.period_start,
                target.period_end,
                mention.period_start,
                mention.period_end,
                measure=target.measure,
            )
            figure = mention.figure.figure
            proxy = covered < PROXY_BELOW and not any(n in mention.window for n, _ in names)
            why = (
                (
                    ("indicator", name),
                    ("coverage", f"{covered:.2f}"),
                    ("unit", figure.unit),
                    ("period", mention.period_text or "?"),
                    ("grade", grade),
                )
                + ((("proxy", name),) if proxy else ())
                + ((("baseline", mention.period_text),) if mention.baseline else ())
            )
            score = covered + Decimal(GRADE_RANK[grade]) / 20
            proposal = Proposal(
                target=target,
                value=figure.value,
                qualifier=figure.qualifier,
                unit=figure.unit,
                period_start=mention.period_start,
                period_end=mention.period_end,
                quote=text[mention.quote_start : mention.quote_end],
                start=mention.quote_start,
                end=mention.quote_end,
                proxy=proxy,
                grade=grade,
                score=score,
                reported_indicator=mention.before,
                why=why,
            )
            key = (-score, -mention.period_end.toordinal(), mention.figure.start)
            if target.key not in ranked_by_target:
                ranked_by_target[target.key] = []
                order.append(target.key)
            ranked_by_target[target.key].append((key, proposal))
    proposals: list[Proposal] = []
    for target_key in order:
        ranked = sorted(ranked_by_target[target_key], key=lambda item: item[0])
        proposals.extend(p for _, p in ranked[:per_target])
    return proposals


def _converts(units: UnitRegistry, a: str, b: str) -> bool:
    if a == b:
        return True
    try:
        return units.problem(a, b) is None
    except UnknownUnit:
        return False
