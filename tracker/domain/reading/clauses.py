"""How the words of a figure's clause are read (issue 13, deliverable 4):
the helpers of ``mentions.read_mentions``, each one class of wording
(docs/extraction.md):

- **Goal words** (``力争``, ``计划``, ``打造`` …) restate goals, unless said
  done (``已打造``, ``争取到…资金``) or a programme's name (``实施…企业培育
  计划,截至…``); ``预计`` and ``每年`` govern their own
  clause only, the others the clauses after them too.
- **What a count counts**: the words right after it, to its clause's end,
  the next figure or a verb (``11个行业开展…``: 行业).
- **Thresholds**: a bound before a noun (``3000万元以上项目``) names a class
  of things, no figure; a scale word right after a count sizes the things
  counted (``6个千亿级主导产业集群``).
- **List heads**: the items of a ``、`` list share the head named after its
  ``等`` (``2000亿汽车装备、新材料等6个千亿级主导产业集群``).
- **Parts**: a figure of the previous one's unit noun whose words start
  with ``其中`` (``…120家,其中国家级15家、省级105家``), and the next items of
  that list, are parts of it; ``(其中…)`` is a part of a part.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING

from tracker.domain.phrases import FigureMatch
from tracker.domain.units import UnitRegistry, UnknownUnit

if TYPE_CHECKING:  # mentions.py calls this module: no import back at run time
    from tracker.domain.reading.mentions import Mention

__all__ = [
    "fallback_reading",
    "indicator_words",
    "counted",
    "says_goal",
    "is_count",
    "list_head",
    "names_after",
    "quantity",
    "sizes",
    "threshold",
    "whole_of",
]

OTHER_COUNT = re.compile(r"\d\s*(?:万|亿)?[个家项座所台辆人]")
PART_WORDS = 12  # at most so many words of its own before a part (其中国家级)
LIST_HEAD = 16  # at most so many characters of a list's head (…等N个<head>)
MILESTONE = re.compile(r"\s*(?:的)?(?:台阶|大关|关口)")
THRESHOLD_SUFFIXES = ("以上", "以下", "及以上", "及以下")
# 可新增, 可实现…: what a project can bring (建成投产,全年可新增产值18亿元),
# not what was reported; not 可支配, 可比, 可再生.
RESTATED = re.compile(
    r"每年|力争|争取|计划|目标|确保|将要|预计|打造|冲刺|可(?=新增|实现|带动|形成|增加|达到)"
)
OWN_CLAUSE_GOALS = ("预计", "每年", "可")  # the others govern the clauses after them
# A goal word said done: 已打造, 共争取 (funds obtained), 争取到(资金), 打造了.
DONE_BEFORE = re.compile(r"(?:已|已经|成功|先后|累计|共|均)\s*$")
MET_BEFORE = re.compile(r"(?:完成|实现|达到|超过|超额)[^，,；;。]{0,14}$")
# 到 before a date is a deadline (力争到2025年), not a thing obtained.
DONE_AFTER = re.compile(r"了|到(?![\s\d“\"十今明本年])")
# 计划 as a programme's name, not a plan to do (实施“雏鹰”企业培育计划,截至…).
NAMED_PLAN = re.compile(r"(?:(?<=[”\"])|(?<=培育|行动|工程|专项|倍增))计划|计划(?=\s*[，,。；;])")
# What a count counts ends where a verb begins (11个行业开展“绿色企业”创建:
# 行业, not 绿色企业).
COUNTED_VERB = re.compile(
    r"开展|实施|完成|建成|入选|获批|获得|获评|通过|纳入|列入|参与|参加|实现|达到|被|认定|申报|签约|开工"
)


def says_goal(normal: str, start: int, end: int, *, governing: bool = False) -> bool:
    """Whether ``normal[start:end]`` restates a goal: a goal word not said
    done (``已打造``, ``共争取…资金``, ``争取到``); ``governing``: only the
    words that govern the clauses after them (``力争A,B,C``), not those of
    their own clause alone (``预计``, ``每年``)."""
    for word in RESTATED.finditer(normal, start, end):
        if governing and word.group() in OWN_CLAUSE_GOALS:
            continue
        if DONE_BEFORE.search(normal[max(0, word.start() - 2) : word.start()]):
            continue
        if MET_BEFORE.search(normal[max(0, word.start() - 16) : word.start()]):
            continue  # 完成省下达的年度目标任务: a goal met, not one set
        if DONE_AFTER.match(normal, word.end()):
            continue
        if NAMED_PLAN.match(normal, word.start()):
            continue
        return True
    return False


def counted(text: str, start: int, end: int) -> str:
    """The noun right after a count, up to ``end`` or a verb."""
    verb = COUNTED_VERB.search(text, start, end)
    return text[start : verb.start() if verb else end]


def list_head(normal: str, item_end: int, clause_end: int) -> str:
    """For an item of a 、 list, the head its list names after 等
    (``2000亿汽车装备、新材料等6个千亿级主导产业集群``: 主导产业集群 is every
    item's); "" otherwise."""
    if normal[item_end : item_end + 1] != "、":
        return ""
    etc = normal.find("等", item_end, clause_end)
    if etc < 0 or "、" not in normal[item_end:etc] and item_end + 1 < etc - 12:
        return ""
    head = re.sub(r"[\d.]+\s*[个家项类]?|[千万百]亿级|亿级", "", normal[etc + 1 : clause_end])
    return " " + head[:LIST_HEAD]


def sizes(scale: FigureMatch, count: FigureMatch) -> bool:
    """Whether a scale word right after a count sizes the things counted
    (``6个千亿级主导产业集群``)."""
    return scale.start == count.end and scale.text.endswith("级")


def threshold(normal: str, figure: FigureMatch) -> bool:
    """``3000万元以上项目``, ``10万吨以下碳素企业``: a bound before a noun
    names a class of things, it reports no figure; nor does a milestone
    (``迈上千亿元台阶``)."""
    if MILESTONE.match(normal, figure.end):
        return True  # 迈上千亿元台阶: a round bound passed, the figure is elsewhere
    return figure.suffix in THRESHOLD_SUFFIXES and bool(
        re.match(r"[\u4e00-\u9fff]", normal[figure.end : figure.end + 1])
    )


def names_after(words: str) -> bool:
    """Whether the words after a figure name something (a Chinese word
    before the clause ends, not a bracket's 次)."""
    return bool(re.match(r"\s*[“‘\"]?[\u4e00-\u9fff]", words))


def whole_of(lead: str, previous: Mention | None, noun: str, between: str = "") -> Mention | None:
    """The figure a figure is a part of: the one before it, of its unit noun
    (家 and 万家 alike), when its words start with 其中 (…120家,其中国家级
    15家), or that one's whole for the next item of the list (、省级105家)."""
    if previous is None or previous.figure.figure.noun != noun:
        return None
    own = lead.strip(" ,，")
    if own[:3] in ("(其中", "（其中") and len(own) <= PART_WORDS + 1:
        return previous  # a part of a part: 74个(其中2亿元以上项目40个)
    if own.startswith("其中") and len(own) <= PART_WORDS:
        return previous.whole or previous
    if previous.whole is not None and own.startswith("、") and len(own) <= PART_WORDS:
        return previous.whole
    # The next item of a 其中 list in a clause of its own (其中,技术改造投资
    # 增长18.6%,制造业投资增长15.1%), with only the item's shares and
    # changes ``between``: a part of the same whole (not 谋划…94个、建成园区
    # 59个,汇集入园企业7224家).
    if (
        previous.whole is not None
        and lead.lstrip()[:1] in ("，", ",", "；", ";")
        and len(own) <= PART_WORDS
        and not own.startswith(("全市", "全年", "全省"))
        and not OTHER_COUNT.search(between)
    ):
        return previous.whole
    return None


def last_of_noun(
    normal: str, mentions: Sequence[Mention], previous: Mention | None, figure: FigureMatch
) -> Mention | None:
    """The figure a part may be taken from: the sentence's previous one if
    of the figure's unit noun, else the last of that noun in the paragraph
    that is no baseline (…出口汽车2.36万辆,…。其中新能源汽车出口0.41万辆;
    …6820万吨,同比增长4.6%,其中外贸…2915万吨)."""
    noun = figure.figure.noun
    if previous is not None and previous.figure.figure.noun == noun:
        return previous
    start = normal.rfind("\n", 0, figure.start) + 1
    for mention in reversed(mentions):
        if mention.figure.start < start:
            return None
        if mention.figure.figure.noun == noun and not mention.baseline:
            return mention
    return None


def quantity(units: UnitRegistry, unit: str) -> str:
    """What a unit measures, a share and its change in points being one."""
    try:
        dimension = units.lookup(unit).dimension
    except UnknownUnit:
        return unit
    return "percent" if dimension == "percentage_point" else dimension


def is_count(units: UnitRegistry, unit: str) -> bool:
    try:
        return units.lookup(unit).dimension == "count"
    except UnknownUnit:
        return False


# Word classes the mention reader looks for around a figure.
BREAKDOWN = re.compile(r"分[\u4e00-\u9fff（）()、]{1,10}看[，,]")  # 分领域看: parts follow
WHOLE_YEAR = re.compile(r"全年|(?<![\d年])年(?:末|底)")
BARE_CHANGE = re.compile(r"(?:同比|比上年|较上年)?(?:增长|下降|提高|回落|增加|减少)?")
# Where a figure's words start at the latest: after a : or ;, or after the
# whole a part is taken from (规模以上工业中，高技术制造业增加值增长21.3%).
WITHIN = re.compile(r"[:：;；]|(?<=[\u4e00-\u9fff])(?<!其)中\s*[，,]")

# A sentence saying what will be done, after a year that opens it.
GOAL_SENTENCE = re.compile(r"[^。！？\n]{0,40}?(?:力争|争取|将|计划|预计|目标|确保)")


def fallback_reading(
    text: str, on: date | None, periods: Sequence, planned: Sequence = ()
) -> tuple[date, date, str]:
    """Where a figure with no period of its own is read: at the text's date;
    undated, at the end of the latest period it reports (not one a title
    names: ``《…规划(2023—2030年)》``; a year reported since, ``2025年以来``,
    to its end), or, when it
    reports none, of the year before the first year its plans name (a
    report reviewing 过去一年 before its 二、2025年主要目标任务)."""
    if on is not None:
        return on, on, "document_date"
    ends = [
        p.period.end
        for p in periods
        if p.period.end is not None
        and p.period.kind not in ("by", "plan", "since")
        and not re.search(
            r"(?:到|至|力争|争取|进入|迈入|展望|纳入|列入|(?:拟|将|计划)[在于]?)\s*$",
            text[max(0, p.start - 3) : p.start],
        )
        and not GOAL_SENTENCE.match(text, p.end)  # 2025年,我市将…力争…: a goal's year
        and text.rfind("《", 0, p.start) <= text.rfind("》", 0, p.start)  # 《…(2023—2030年)》
    ]
    # 2025年以来: the text speaks from that year at least.
    ends += [
        date(p.period.start.year, 12, 31)
        for p in periods
        if p.period.kind == "since" and p.period.start is not None
    ]
    planned_years = [
        p.period.start.year for p in planned if p.period.kind == "year" and p.period.start
    ]
    if not ends and planned_years:
        day = date(min(planned_years) - 1, 12, 31)
        return day, day, "latest_year"
    if not ends:
        return date.min, date.min, "none"
    # The end of the latest period it reports (2025年一季度: 2025-03-31).
    day = max(ends)
    return day, day, "latest_year"


def indicator_words(before: str, period_text: str) -> str:
    """The words that name what a figure reports: the window before it,
    without its period, cue words and trailing verbs of reaching."""
    words = before.replace(period_text, "") if period_text else before
    words = re.sub(r"(?:达到|达|为|是|至|到|超过|约|近)\s*$", "", words.strip())
    return words.strip(" ,，;；:：、()（）")[-30:]


# A clause with no subject of its own, opening with what its subject did.
BARE_VERB = re.compile(r"\s*(?:实现|完成|达到|达|累计|共|新增|净增|带动|拉动|占)")
SUBJECT_BREAK = re.compile(r"[:：;；]")


def breaks_subject(normal: str, start: int, end: int) -> bool:
    """Whether a ``:``/``;`` between two figures stops the first's subject
    reaching the second. A ``;`` does not when the clause after it opens
    with a bare verb (``全市规上工业企业实现营业收入1042亿元;实现利润总额
    51.6亿元``: the firms made the profit too)."""
    for found in SUBJECT_BREAK.finditer(normal, start, end):
        if found.group() in ":：" or not BARE_VERB.match(normal, found.end()):
            return True
    return False


def last_match(pattern: re.Pattern, text: str, start: int, end: int) -> re.Match | None:
    """The last match of ``pattern`` in ``text[start:end]`` (the nearest
    before a figure), or None."""
    found = None
    for found in pattern.finditer(text, start, end):  # noqa: B007 - the last one
        pass
    return found
