"""Outcome drafts for open targets from a later text (issue 13, deliverable 4).

The text is read once into mentions (``mentions.read_mentions``: every
figure with its window, period, quote and cues). Each open target then
takes the figures

- whose unit converts to its own (the unit registry decides,
  docs/attainment.md section 1), and of the right kind for its measure (a
  ``%`` rate target wants a change, ``增长8.5%``; a ``%`` level target a
  state, ``占比达52.4%``);
- whose window names its indicator (``indicators.match_names``: character
  pairs of its name or an alias, with variants, measure words, change-word
  families and related scopes; the last two only as a **proxy**);
- that count what it counts (a count followed by a noun, ``3个优质项目``,
  must share words with the indicator; in another classifier, ``12个产业集群``
  for a target in 家, must name what the indicator counts; a running total,
  ``累计建成``, is no count of additions, ``新增``; an amount applied for,
  ``申请``, is none obtained);
- about its place (``places``: a text that speaks for another city is not
  read; a figure whose words name another place, ``高于全省(17.4%)``, is
  that place's; an indicator that names a place, ``占全省工业比重``, needs
  words that name it);
- that are reports, not restated goals or plans (``mentions``).

Proposals are ranked by how well the window names the indicator, then by
the grade the figure's period earns under the target's measure
(``tracker.domain.periods.grade``, docs/attainment.md section 4: final,
later, interim, baseline, context), then by the latest period; a proxy
never outranks a figure of the indicator itself of the same grade
(DESIGN section 5). Each carries why, as codes.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal

from tracker.domain.periods import EVIDENCE_ORDER
from tracker.domain.periods import grade as period_grade
from tracker.domain.phrases.changes import names_a_decline
from tracker.domain.reading.fits import MIN_COVERAGE, fits, subject_needed
from tracker.domain.reading.flows import flow_period
from tracker.domain.reading.indicators import (
    GENERIC_PAIRS,
    WindowPairs,
    focus,
    match_names,
    name_set,
    names_written_whole,
    window_pairs,
)
from tracker.domain.reading.mentions import WINDOW, Mention, read_mentions
from tracker.domain.reading.places import (
    another_place_named,
    area_heading_clause,
    scope_places,
    text_speaks_for,
)
from tracker.domain.reading.wraps import unwrap
from tracker.domain.units import SEED_REGISTRY, UnitRegistry, UnknownUnit, unit_noun
from tracker.vocabulary import Measure, Qualifier

__all__ = ["WINDOW", "Mention", "OpenTarget", "Proposal", "propose_outcomes", "read_mentions"]

PROXY_BELOW = Decimal("0.8")
PROXY_PENALTY = Decimal("0.2")
COMPETING = Decimal("0.25")
# A count in another classifier than the target's (个, 名 for 家) ranks below
# one in its own: the classifier says what is counted. So does a size that
# holds for every item counted (6个千亿级…集群) below an item's own figure.
CLASSIFIER_PENALTY = Decimal("0.15")
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
    value_high: Decimal | None = None  # a range's high end (12.3-14.8%)


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
    so only figures with a period written beside them are read. A text laid
    out as lines (a PDF's) is read flat, its quotes cut from ``text``."""
    flat = unwrap(text) if mentions is None else None
    read = text if flat is None else flat.text
    found = _propose(read, targets, on, units, per_target, mentions, is_plan)
    return found if flat is None else [flat.restored(p, text) for p in found]


def _propose(
    text: str,
    targets: Iterable[OpenTarget],
    on: date | None,
    units: UnitRegistry,
    per_target: int,
    mentions: list[Mention] | None,
    is_plan: bool,
) -> list[Proposal]:
    if mentions is None:
        mentions = read_mentions(text, on=on, units=units, is_plan=is_plan)
    usable = [
        m
        for m in mentions
        if not m.restated and m.period_end != date.min and (m.dated or not is_plan)
    ]
    windows = [window_pairs(f"{m.topic} {m.subject} {m.window}") for m in usable]
    index_pairs: dict[str, set[int]] = {}
    for i, found in enumerate(windows):
        for pair in found.plain | found.family:
            index_pairs.setdefault(pair, set()).add(i)
    by_unit: dict[str, set[int]] = {}
    speaks: dict[str, bool] = {}
    found_for: list[tuple[OpenTarget, int, Decimal, str, str, bool]] = []
    best: dict[int, Decimal] = {}
    itself: set[int] = set()  # figures that name some target's indicator itself
    for target in targets:
        if target.jurisdiction:
            if target.jurisdiction not in speaks:
                speaks[target.jurisdiction] = text_speaks_for(target.jurisdiction, text)
            if not speaks[target.jurisdiction]:
                continue
        names = name_set((target.indicator, *target.aliases))
        scopes = scope_places(names.names, target.jurisdiction)
        candidates: set[int] = set()
        for reading, _, _ in (*names.plain, *names.family, *names.related):
            # Generic pairs weigh half (indicators.py): a window sharing
            # only those with a name seldom reaches the minimum. A name of
            # generic words alone is looked up by all its pairs.
            for pair in (reading - GENERIC_PAIRS) or reading:
                candidates |= index_pairs.get(pair, set())
        if target.unit not in by_unit:
            by_unit[target.unit] = {
                i
                for i, m in enumerate(usable)
                if _converts(units, m.figure.figure.unit, target.unit)
            }
        percent = target.unit in ("%", "个百分点")
        for i in sorted(candidates & by_unit[target.unit]):
            mention = usable[i]
            if percent and mention.change != (target.measure == "rate"):
                continue
            match = match_names(windows[i], names, MIN_COVERAGE)
            if match is None:
                continue
            if not fits(text, mention, names, match, target.unit, target.measure):
                continue
            # The quote holds the subject when the figure's own words need it.
            needs_subject = bool(mention.subject) and subject_needed(mention, names, match)
            if target.jurisdiction and (
                another_place_named(mention.lead, target.jurisdiction)
                or area_heading_clause(
                    text,
                    mention.figure.start,
                    target.jurisdiction,
                    mention.subject_start if needs_subject else mention.quote_start,
                )
            ):
                continue
            if scopes and not any(place in windows[i].text for place in scopes):
                continue
            proxy = _proxy(match, windows[i], names)
            found_for.append((target, i, match.coverage, match.name, proxy, needs_subject))
            best[i] = max(best.get(i, Decimal(0)), match.coverage)
            if not proxy:
                itself.add(i)
    ranked_by_target: dict[str, list[tuple[tuple, Proposal]]] = {}
    order: list[str] = []
    for target, i, covered, name, proxy, needs_subject in found_for:
        # A figure whose words name another target's indicator far better,
        # or name it itself, reports that indicator: it is no proxy for
        # this one (规上工业增加值增长 is not 规上制造业…).
        if covered < best[i] - COMPETING or (proxy and i in itself):
            continue
        mention = usable[i]
        if needs_subject:
            mention = replace(mention, quote_start=mention.subject_start)
        if target.measure == "flow":
            mention = flow_period(mention, text)
        proposal, key = _proposal(
            target,
            mention,
            text,
            covered,
            name,
            proxy,
            classifier=_other_classifier(units, mention, target.unit),
            focus=focus(
                f"{mention.subject} {mention.window}", name_set((target.indicator, *target.aliases))
            ),
        )
        if target.key not in ranked_by_target:
            ranked_by_target[target.key] = []
            order.append(target.key)
        ranked_by_target[target.key].append((key, proposal))
    proposals: list[Proposal] = []
    for target_key in order:
        ranked = sorted(ranked_by_target[target_key], key=lambda item: item[0])
        proposals.extend(p for _, p in ranked[:per_target])
    return proposals


def _proxy(match, window: WindowPairs, names) -> str:
    """Why a figure reports a related indicator ("" when it reports the
    indicator itself): a change word of the same family, a related scope,
    or words that cover under ``PROXY_BELOW`` of any name written whole."""
    if match.proxy_reason:
        return match.proxy_reason
    if match.coverage < PROXY_BELOW and not names_written_whole(window, names):
        return "partial"
    return ""


def _proposal(
    target: OpenTarget,
    mention: Mention,
    text: str,
    covered: Decimal,
    name: str,
    proxy: str,
    *,
    classifier: bool = False,
    focus: float = 0.0,
) -> tuple[Proposal, tuple]:
    """The proposal and its sort key. ``classifier``: a count in another
    classifier than the target's (个 for 家); ``focus``: the share of the
    figure's own words that name the indicator."""
    grade = period_grade(
        target.period_start,
        target.period_end,
        mention.period_start,
        mention.period_end,
        measure=target.measure,
    )
    figure = mention.figure.figure
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
    # DESIGN section 5: a proxy never outranks the indicator itself of the
    # same grade (a grade step is 0.05, a proxy pays 0.2).
    score = (
        covered
        + Decimal(GRADE_RANK[grade]) / 20
        - (PROXY_PENALTY if proxy else 0)
        - (CLASSIFIER_PENALTY if classifier else 0)
        - (CLASSIFIER_PENALTY if mention.class_size else 0)
    )
    value, qualifier = _signed(target, mention, figure.value, figure.qualifier)
    proposal = Proposal(
        target=target,
        value=value,
        qualifier=qualifier,
        unit=figure.unit,
        period_start=mention.period_start,
        period_end=mention.period_end,
        quote=text[mention.quote_start : mention.quote_end],
        start=mention.quote_start,
        end=mention.quote_end,
        proxy=bool(proxy),
        grade=grade,
        score=score,
        reported_indicator=mention.before,
        why=why,
        value_high=figure.value_high if qualifier == "range" else None,
    )
    # Figures that may speak for the target (final, later, interim) come
    # before baselines and context, whatever their words (DESIGN section 5).
    speaks = grade in EVIDENCE_ORDER
    # Then, at the same score: an interim figure from the target's start
    # (growth so far, 前三季度) before one of a later stretch (9月份当月);
    # one the text dates before one read at its date; a later figure before
    # an interim one, and of interim figures the most recent (DESIGN §5);
    # the one whose words say least else (工业企业已达1.6万余家 before
    # 完成9005家工业企业年度分类评价); the latest; the first in the text.
    interim = grade == "interim"
    return proposal, (
        not speaks,
        -score,
        interim and mention.period_start > target.period_start,
        not mention.dated,
        -mention.period_end.toordinal() if interim else -date.max.toordinal(),
        -focus,
        -mention.period_end.toordinal(),
        mention.figure.start,
    )


FLIPPED: dict[str, Qualifier] = {
    "at_least": "at_most",
    "at_most": "at_least",
    "more_than": "less_than",
    "less_than": "more_than",
}


def _signed(
    target: OpenTarget, mention: Mention, value: Decimal, qualifier: Qualifier
) -> tuple[Decimal, Qualifier]:
    """A reported change in the target's sense (docs/attainment.md section
    2): a decline is negative against a growth target (``下降3.2%``: -3.2),
    a rise negative against a target that measures a decline (``能耗上升2%``
    for 能耗降幅: -2); a bound turns with it (``下降3%以上``: at most -3)."""
    if not mention.way or qualifier == "range":
        return value, qualifier
    declines = any(names_a_decline(n) for n in (target.indicator, *target.aliases))
    if (mention.way == "down") == declines:
        return value, qualifier
    return -value, FLIPPED.get(qualifier, qualifier)


def _other_classifier(units: UnitRegistry, mention: Mention, unit: str) -> bool:
    """A count whose classifier is not the target's (个 or 名 for 家; 万家 is
    家 scaled)."""
    figure = mention.figure.figure
    try:
        if units.lookup(figure.unit).dimension != "count":
            return False
    except UnknownUnit:
        return False
    return figure.noun != unit_noun(unit)


def _converts(units: UnitRegistry, a: str, b: str) -> bool:
    if a == b:
        return True
    try:
        return units.problem(a, b) is None
    except UnknownUnit:
        return False
