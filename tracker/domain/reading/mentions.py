"""Every figure of a text with what the outcome reader sees around it
(issue 13, deliverable 4): its window, period, quote and cues.

The text is read once (the tracker's one figure reader, with scale words:
``千亿级``, ``突破百亿``). For each figure:

- **Window**: the words before it, back to the previous figure of the
  sentence, a ``:``/``;`` or ``WINDOW`` characters, and the words after it
  to the end of its clause or list item (``、``; at most ``AFTER``). When
  the words before it are no more than a verb (``开工279个``,
  ``…下降到47.4万吨``), the indicator was named with the previous figure of
  the same unit: the figure takes
  that figure's window and quote (an ellipsis). When the verb is an
  activity (``签约项目296个,开工279个``), the figure reports that activity
  on the same thing: a target must name the verb too (279 is not 签约).
- **Subject**: a figure after another of its sentence speaks of the same
  subject (``…市级奖补资金52亿元,惠及企业1.7万家``): the previous figure's
  own words are its ``subject`` (for one of the same quantity only when its
  own words are few, ``SAME_SUBJECT_WORDS``; never from a figure compared
  with another place, nor across a ``:``/``;``). ``fits.py`` says when a
  target may lean on it; the quote then starts with it.
- **Clauses** (``clauses.py``): parts after ``其中``, list heads after
  ``等``, thresholds (``3000万元以上项目``), sizes (``6个千亿级…``), what a
  count counts, goal words; **headings** (``sections.py``): a figure's
  topic and the plans sections; ``分别`` lists (``respective.py``).
- **Period**: the last period expression of its sentence before it that is
  not a comparison (``比2016年``, ``较2019年``, ``从2012年的``, ``由…``). A
  figure right after a comparison's period (``比2016年(22.8%)``,
  ``从2012年的4568万吨``) is that period's figure: a baseline. A figure
  right after ``从``/``由`` with no period (``由过去的108.6万吨``) is an
  earlier state of unknown date: never proposed. Under a span of years
  (``2019年—2021年,…由X跃升至Y``) X is the first year's figure (a
  baseline) and Y the last year's. ``全年`` with no year is the last whole
  year before the text's day (its date, or the end of the latest year it
  reports, not counting its plans). With none in its sentence, its
  paragraph's or heading's (``frames.py``). With none at all: a reading at
  the text's day; in an undated text, months and days without a year
  (``上半年``) are of its latest year, and an undated growth rate spans it.
- **Cues**: a restated goal (``每年``, ``力争``, ``计划``, ``目标``, ``到2025年``,
  a period after the text's day; one running through it, ``今年`` in a
  December summary, is reported so far), or a plan (``谋划``, ``规划``, ``拟`` in
  the figure's own words: ``规划机架数量超过10万个``) is not a report.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from datetime import date

from tracker.domain.phrases import FigureMatch, find_figures, find_periods
from tracker.domain.phrases.changes import change_way
from tracker.domain.phrases.numbers import NORMALISE
from tracker.domain.reading.clauses import (
    BARE_CHANGE,
    BREAKDOWN,
    WITHIN,
    breaks_subject,
    counted,
    fallback_reading,
    indicator_words,
    is_count,
    last_of_noun,
    list_head,
    names_after,
    quantity,
    says_goal,
    sizes,
    threshold,
    whole_of,
)
from tracker.domain.reading.frames import (
    CHANGE_TAIL,
    Frames,
    figure_period,
    sentence_period,
    whole_year,
)
from tracker.domain.reading.respective import pair_respective
from tracker.domain.reading.sections import read_sections
from tracker.domain.units import SEED_REGISTRY, UnitRegistry

__all__ = ["AFTER", "WINDOW", "Mention", "read_mentions"]

WINDOW = 40
SUBJECT = 60
# A figure of the previous one's quantity continues its subject only with
# few words of its own (关闭停产企业51家); more name a subject of their own
# (…比重达84.5%,战略性新兴产业占比达52.4%).
SAME_SUBJECT_WORDS = 6
# A figure's words end at the next list item or a bracket it opens.
ITEM_END = re.compile(r"[、(（]")
AFTER = 16
COUNTED = 8
COLON = re.compile(r"[:：;；]")
COMPARED = re.compile(r"高于|低于|快于|慢于|好于|领先|落后|高出|低出|超出")
SENTENCE_END = re.compile(r"[。！!？?\n]")
CLAUSE_END = re.compile(r"[，,；;。：:\n]")
FROM = re.compile(
    r"(?:从|由)\s*(?:过去|原来|以前|此前|年初|(?:上一?|去)年(?:末|底|同期)?)?\s*的?"
    r"\s*(?:下降|增长)?\s*$"
)
TO = re.compile(r"(?:至|到)\s*$")
PLANNED = re.compile(r"谋划|规划|拟")
# Words that say nothing of the indicator but its change (…下降到47.4万吨),
# or an activity done to the thing the previous figure named (开工279个).
BARE = re.compile(
    r"^(?:又|再|已|共|累计|分别|其中)?"
    r"(?:(?:下降|降低|减少|增长|增加|提高|提升|上升|跃升|整合|压缩|扩大)"
    r"|(?P<activity>开工|竣工|建成|投产|签约|解决|新增|完成))?"
    r"(?:到|至|为|了|达|达到)?的?$"
)


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
    lead: str = ""  # the words before the figure, as written
    counted: str = ""  # the words right after it (what a count counts)
    activity: str = ""  # an ellipsis's own verb (开工279个): a target must name it
    subject: str = ""  # words before an earlier figure of another quantity (its subject)
    way: str = ""  # "up"/"down": the change verb touching it (同比下降4%)
    subject_start: int = 0  # where a quote holding the subject starts
    subject_unit: str = ""  # the unit of the figure the subject was named with
    continues: bool = False  # it continues the subject of a figure of its quantity
    whole: Mention | None = None  # the figure it is a part of (其中…)
    topic: str = ""  # the heading above it (sections.py)
    class_size: bool = False  # a scale word sizing a count (6个千亿级…): each item's
    breakdown: bool = False  # after 分领域看, in its sentence: a part of a total


def read_mentions(
    text: str, *, on: date | None = None, units: UnitRegistry = SEED_REGISTRY, is_plan: bool = False
) -> list[Mention]:
    """Every figure of ``text`` with its window, period and quote (in a
    plan, ``全年`` is the plan's own year: a goal, left undated)."""
    normal = text.translate(NORMALISE)
    figures = [
        f
        for f in find_figures(text, reading="outcome", units=units.known_units(), scale_words=True)
        if not threshold(normal, f)
    ]
    all_periods = find_periods(text, on=on)
    sections = read_sections(text)
    # The latest year a text reports is not one its plans name.
    fallback = fallback_reading(
        normal,
        on,
        [p for p in all_periods if not sections.names_plans(p.start)],
        [p for p in all_periods if sections.names_plans(p.start)],
    )
    # The day the text speaks from: its date, else the end of the latest
    # year it reports; a figure for a later period is a goal, not a report.
    today = on or (fallback[1] if fallback[2] == "latest_year" else None)
    if on is None and today is not None:
        # Undated: months and days without a year (上半年, 3月26日…以来) are
        # of the latest year it reports, as its undated figures are.
        all_periods = find_periods(text, on=today)
    period_starts = [p.start for p in all_periods]
    mentions: list[Mention] = []
    sentence_start = 0
    previous: Mention | None = None  # the last figure of the sentence not a baseline
    giver_of_sentence: Mention | None = None  # …nor compared with another place
    last: Mention | None = None  # the last figure of the sentence
    last_from = False  # the last figure followed 从/由 (the start of a change)
    previous_end = 0
    ends = [m.end() for m in SENTENCE_END.finditer(normal)]
    frames = Frames(normal, all_periods, today, [(h.start, h.end) for h in sections.headings])
    for n, figure in enumerate(figures):
        at = bisect_right(ends, figure.start)
        start = ends[at - 1] if at else 0
        if start != sentence_start:
            sentence_start, previous, last, previous_end = start, None, None, start
            giver_of_sentence = None
            last_from = False
        # The period: the last non-comparison period of the sentence before it.
        period, period_text, period_at, baseline, goal = sentence_period(
            normal, all_periods, period_starts, sentence_start, figure.start, today
        )
        earlier = not baseline and bool(FROM.search(normal[sentence_start : figure.start]))
        bracketed = baseline and normal[figure.start - 1 : figure.start] in ("(", "（")
        if period is not None and period.kind == "years" and period.start is not None:
            # 2019年—2021年,…由X跃升至Y: X is the first year's, Y the last's.
            if earlier:
                year, earlier, baseline = period.start.year, False, True
            elif last_from and TO.search(normal[sentence_start : figure.start] + figure.prefix):
                year = period.end.year
            else:
                year = 0
            if year:
                period = whole_year(year)
        period_start, period_end, period_text, year_before = figure_period(
            normal,
            (sentence_start, figure.start),
            (period, period_text),
            frames,
            fallback,
            percent=figure.figure.unit == "%",
            is_plan=is_plan,
        )
        baseline = baseline or year_before  # 上年同期,…: the year before's
        colon = max(
            (m.end() for m in WITHIN.finditer(normal, sentence_start, figure.start)), default=0
        )
        window_start = max(previous_end, figure.start - WINDOW, sentence_start, colon)
        if last is not None and names_after(last.counted):
            # The words after a count, to its clause's end, are its own
            # (1142家小散企业开展整治,完成治理1091家): not the next figure's.
            boundary = CLAUSE_END.search(normal, last.figure.end, figure.start)
            if boundary is not None:
                window_start = max(window_start, boundary.end())
        after = CLAUSE_END.search(normal, figure.end)
        clause_end = after.start() if after else len(text)
        following = n + 1
        if following < len(figures) and sizes(figures[following], figure):
            following += 1  # 6个千亿级主导产业集群: the size is the count's words
        next_figure = figures[following].start if following < len(figures) else len(text)
        # The words after it end at a list's 、: what follows names the next
        # item (专精特新企业30家、瞪羚企业46家).
        # So does a bracket it opens: 74个(其中2亿元以上项目40个).
        item = ITEM_END.search(normal, figure.end, clause_end)
        item_end = item.start() if item else len(text)
        after_end = min(clause_end, figure.end + AFTER, next_figure, item_end)
        lead = text[window_start : figure.start]
        window = (
            lead + " " + text[figure.end : after_end] + list_head(normal, after_end, clause_end)
        )
        quote_end = clause_end
        quote_start = window_start
        while quote_start < figure.start and normal[quote_start] in ",，;；:：、 )）":
            quote_start += 1
        words = indicator_words(lead, period_text).strip(" ,，;；:：、")
        named_by = previous if bracketed else last
        bare = BARE.match(words)
        activity = ""
        # An ellipsis names nothing after the figure either (4家企业被评为…
        # names its own), and does not reach across a : or ;.
        ellipsis = named_by is not None and (
            bracketed
            or bool(
                bare
                and named_by.figure.figure.unit == figure.figure.unit
                and not names_after(text[figure.end : after_end])
                and not COLON.search(normal, named_by.figure.end, figure.start)
            )
        )
        if ellipsis:
            activity = bare["activity"] or "" if bare else ""
            # A baseline, or an ellipsis (module docstring): the figure
            # before it named the indicator.
            window = named_by.window + " " + window
            words = named_by.before
            quote_start = named_by.quote_start
            quote_end = max(quote_end, named_by.quote_end)
        before = last_of_noun(normal, mentions, previous, figure)
        between = normal[before.figure.end : figure.start] if before else ""
        whole = (
            None if ellipsis or baseline else whole_of(lead, before, figure.figure.noun, between)
        )
        if whole is not None:
            # A part of the figure before (…120家,其中国家级15家、省级105家):
            # the whole's words name what it is a part of.
            window = whole.window + " " + window
            quote_start = whole.quote_start
        subject = ""
        subject_start = quote_start
        subject_unit = ""
        continues = False
        # A figure compared with another place (高于全省(6.5%)0.9个百分点)
        # hands no subject on: the one before it does.
        giver = giver_of_sentence
        same = giver is not None and quantity(units, giver.figure.figure.unit) == quantity(
            units, figure.figure.unit
        )
        if (
            giver is not None
            and not ellipsis
            and not baseline
            and whole is None
            and not breaks_subject(normal, giver.figure.end, figure.start)
            # (a share with no numerator, 占全部投资的比重为43.5%, takes it)
            and (not same or len(words) <= SAME_SUBJECT_WORDS or words.startswith("占"))
        ):
            # The same subject (…奖补资金52亿元,惠及企业1.7万家; 对1142家小散
            # 企业开展整治,完成治理1091家,关闭停产企业51家): the previous
            # figure's own words are its subject too, and the subject that
            # one continued, when it continued one; the quote starts there.
            subject, subject_start = giver.window, giver.quote_start
            if same and giver.continues:
                subject = giver.subject + " " + subject
                subject_start = giver.subject_start
            subject = subject[-SUBJECT:]
            subject_unit = "" if giver.restated else giver.figure.figure.unit  # 由上年下降2.3%
            continues = same
        if not subject and (item_lead := sections.lead(figure.start)) is not None:
            # An item's lead (三是完成…搬迁改造。) is the subject of its
            # sentences (sections.py).
            subject, subject_start = item_lead
        local_start = max(sentence_start, figure.start - WINDOW)
        # A goal word of the first clause does not govern a clause dated
        # in the past by its own words (争取…支持,2022年一季度落实3160万元).
        clause_start = max(
            (m.end() for m in CLAUSE_END.finditer(normal, local_start, figure.start)),
            default=local_start,
        )
        dated_now = period_text not in ("document_date", "latest_year", "none") and (
            today is not None and period_start <= today < period_end
        )
        own_past = (
            period_at >= clause_start
            and not goal
            and not baseline
            and (today is None or period_end <= today)
        )
        # A goal word governs its own clause and, but for 预计 and 每年, the
        # clauses after it (力争A,B,C), unless one is dated in the past by
        # its own words (…总量预计突破5800家,科技型企业评价入库1547家).
        goal_words = says_goal(normal, clause_start, figure.start) or (
            not own_past and says_goal(normal, sentence_start, clause_start, governing=True)
        )
        mention = Mention(
            figure=figure,
            window=window,
            before=words or indicator_words(lead, period_text),
            period_start=period_start,
            period_end=period_end,
            period_text=period_text,
            quote_start=quote_start,
            quote_end=quote_end,
            change=bool(CHANGE_TAIL.search(normal[window_start : figure.start])) and not baseline,
            baseline=baseline,
            restated=goal
            or earlier
            or goal_words
            or sections.in_plans(figure.start)
            or any(m.end() < len(lead) for m in PLANNED.finditer(lead))
            # A period after the text's day is a goal; the one running
            # through it (今年 in a December summary) is reported so far.
            or (today is not None and period_start > today)
            or (today is not None and period_end > today and not dated_now),
            dated=period_text not in ("document_date", "latest_year", "none"),
            lead=lead,
            counted=counted(text, figure.end, min(after_end, figure.end + COUNTED))
            if is_count(units, figure.figure.unit)
            else "",
            activity=activity,
            subject=subject,
            subject_start=subject_start,
            subject_unit=subject_unit,
            continues=continues,
            whole=whole,
            topic=sections.topic(figure.start),
            class_size=last is not None and sizes(figure, last.figure),
            breakdown=bool(BREAKDOWN.search(normal, sentence_start, figure.start)),
            way=(change_way(normal, figure) or "") if not baseline else "",
        )
        mentions.append(mention)
        last = mention
        last_from = earlier or (baseline and not bracketed)
        if not baseline:
            previous = mention
            # Nor does the bare change of a figure (…1042亿元,同比增长5.8%).
            if not COMPARED.search(normal, clause_start, figure.start) and not (
                mention.change and BARE_CHANGE.fullmatch(words)
            ):
                giver_of_sentence = mention
        previous_end = figure.end
    return pair_respective(normal, mentions)
