"""Does a figure whose words name a target's indicator fit it? (issue 13,
deliverable 4). The checks beyond the words' coverage (``indicators.py``),
each a class of wording (docs/extraction.md):

- **Whose words**: the figure's own words take part in naming it (a telling
  pair, or what it counts with its subject's help); a heading may fill in a
  name, not make one (``TOPIC_FLOOR``); a part names it better than its
  whole, a figure better than the subject it continues; after ``分领域看,``
  a figure is a part of a total, named by its own words alone.
- **What is counted**: a count followed by a noun shares words with the
  indicator (firms, 企业, go with any count in 家); in another classifier it
  names what the indicator counts.
- **What kind of figure**: a running total is no count of additions
  (累计/新增), and a count of additions no level of a stock (新增/净增 for
  规上工业企业数); an amount applied for is none obtained (申请); candidates on a
  cultivation list are not the thing achieved (培育名单); a figure for
  another administrative level is that level's (省级/国家级); an ellipsis's
  activity (开工) is the indicator's too.
"""

from __future__ import annotations

import re
from decimal import Decimal

from tracker.domain.reading.indicators import (
    Match,
    NameSet,
    heads,
    match_names,
    shares_a_pair,
    shares_a_telling_pair,
    window_pairs,
)
from tracker.domain.reading.mentions import Mention
from tracker.domain.units import unit_noun

__all__ = ["MIN_COVERAGE", "fits", "subject_needed"]

MIN_COVERAGE = Decimal("0.5")
# A part's own name, before its verb: 其中,新材料产业产值 (新材料产业产值).
PART_LEAD = re.compile(r"^[\s,，(（]*(?:其中)?[\s,，:：]*")
PART_VERB = re.compile(r"达到|为|实现|完成|有|共|累计|增长|下降|超过|突破|\s")
# A part whose own name has so many characters none of the indicator's
# names has is another thing (新材料 for 四大主导产业).
FOREIGN_CHARS = 2
TOPIC_FLOOR = Decimal("0.25")


def fits(
    text: str, mention: Mention, names: NameSet, match: Match, unit: str, measure: str = ""
) -> bool:
    """Whether a figure whose window names the indicator (``match``) fits a
    target in ``unit`` and ``measure`` by every check of the module
    docstring."""
    if mention.whole is not None and not _names_the_part(mention, names, match):
        return False  # the whole's words name it as well: the whole is its figure
    if not _own_words_name(mention, names):
        return False  # only the subject or the heading names it
    if mention.breakdown and match_names(window_pairs(mention.window), names, MIN_COVERAGE) is None:
        return False  # 分领域看,基础设施投资下降3.1%: a part names only itself
    if (
        mention.subject
        and unit_noun(mention.subject_unit) == unit_noun(unit)
        and not _adds_to_subject(mention, names, match)
    ):
        return False  # the figure before, in its unit, is the target's
    if mention.activity and not shares_a_pair(mention.activity, names):
        return False
    return not (
        _counts_another_thing(mention, names, unit)
        or _total_for_additions(mention, names)
        or (measure == "level" and _additions_for_level(mention, names))
        or _applied_for(mention, names)
        or _another_level(mention, names)
        or _candidates(text, mention, names)
    )


def _counts_another_thing(mention: Mention, names, unit: str) -> bool:
    """A count followed by the noun it counts (``3个优质项目``) that shares
    no words with the indicator counts something else; in another
    classifier than the target's (个 for 家), the noun must be what the
    indicator counts (``12个产业集群`` is no count of 企业)."""
    counted = mention.counted
    if not counted or not ("\u4e00" <= counted[0] <= "\u9fff"):
        return False
    if counted.strip() in FIRMS:
        return False  # 15家企业获评…示范: firms are what a count in 家 counts
    if mention.figure.figure.unit != unit:
        return not any(head in counted for head in heads(names))
    return not shares_a_pair(counted, names)


def _names_the_part(mention: Mention, names, match) -> bool:
    """Whether a part (其中国家级15家) names the indicator better than its
    whole's words alone: otherwise the indicator is the whole's."""
    assert mention.whole is not None
    own = PART_LEAD.sub("", mention.window[len(mention.whole.window) :])
    own = PART_VERB.split(own, maxsplit=1)[0]
    named = set("".join(names.names))
    if len({c for c in own if "\u4e00" <= c <= "\u9fff"} - named) >= FOREIGN_CHARS:
        return False  # 其中,新材料产业产值: a part named by words of its own
    whole = match_names(window_pairs(mention.whole.window), names, MIN_COVERAGE)
    return whole is None or whole.coverage < match.coverage


def _own_words_name(mention: Mention, names) -> bool:
    """Whether the figure's own words take part in naming the indicator: a
    telling pair (not inside a generic word) of a name; or, when the words
    without the heading name it (its subject helping), the thing the
    indicator counts (``涉及企业500家`` under ``整治…产业集群``). With its
    subject, but without its heading, they must cover ``TOPIC_FLOOR`` of a
    name."""
    without_topic = match_names(
        window_pairs(f"{mention.subject} {mention.window}"), names, Decimal(0)
    )
    if without_topic is None or without_topic.coverage < TOPIC_FLOOR:
        return False  # the heading may fill in a name, not make one
    if shares_a_telling_pair(mention.window, names):
        return True
    return (
        bool(mention.subject)
        and any(head in mention.window for head in heads(names))
        and without_topic.coverage >= MIN_COVERAGE
    )


def _adds_to_subject(mention: Mention, names, match) -> bool:
    """Whether the figure's words name the indicator better than the
    subject (the previous figure's words) alone."""
    alone = match_names(window_pairs(mention.subject), names, MIN_COVERAGE)
    return alone is None or alone.coverage < match.coverage


def subject_needed(mention: Mention, names, match) -> bool:
    """Whether the figure's own words name the indicator less well than
    with the subject carried to it (``惠及企业`` alone does not say whose)."""
    own = match_names(window_pairs(mention.window), names, MIN_COVERAGE)
    return own is None or own.coverage < match.coverage


FIRMS = ("企业", "家企业", "单位", "公司", "户")
# Administrative levels: a figure for one is no figure for another.
LEVEL = re.compile(r"国家级|全国|国家|省级|省|市级|县级")
LEVEL_OF = {"国家级": "国家", "全国": "国家", "国家": "国家", "省级": "省", "省": "省"}
APPLIED = re.compile(r"申请|申报")
CLAUSE = re.compile(r"[,，;；]")
OBTAINED = re.compile(r"获得|获批|争取到|下达|拨付|到位|落实|兑现")


def _applied_for(mention: Mention, names) -> bool:
    """An amount applied for (``申请…专项资金1178万元``) is not one obtained,
    unless the words say it was (获批, 下达, 到位) or the indicator counts
    applications itself."""
    lead = CLAUSE.split(mention.lead)[-1]  # its own clause
    return (
        bool(APPLIED.search(lead))
        and not OBTAINED.search(lead)
        and not any(APPLIED.search(name) for name in names.names)
    )


CANDIDATES = re.compile(r"培育名单|培育库|后备|储备")


def _candidates(text: str, mention: Mention, names) -> bool:
    """Firms put on a cultivation list (``列入…绿色工厂培育名单``) are
    candidates, not the thing achieved, unless the indicator counts them
    (the figure's clause is read to its end)."""
    clause = mention.lead + text[mention.figure.end : mention.quote_end]
    return bool(CANDIDATES.search(clause)) and not any(
        CANDIDATES.search(name) for name in names.names
    )


def _levels(words: str) -> set[str]:
    return {LEVEL_OF.get(found.group(), found.group()) for found in LEVEL.finditer(words)}


def _another_level(mention: Mention, names) -> bool:
    """A figure whose own words name only another administrative level than
    the indicator's (``107家…成为省级…示范`` for 国家级…示范) is that level's."""
    wanted = set().union(*(_levels(name) for name in names.names))
    if not wanted:
        return False
    said = _levels(mention.window)
    return bool(said) and not said & wanted


def _total_for_additions(mention: Mention, names) -> bool:
    """A running total (``累计建成…40家``) does not count additions
    (``新增…数``): its words say 累计 and not 新增 (``累计新增`` is a
    count of additions, from a start of its own)."""
    lead = mention.lead
    return "累计" in lead and "新增" not in lead and any("新增" in name for name in names.names)


ADDITION = re.compile(r"新增|净增|新培育|新认定|新引进|新入库|增加(?![值到至])")


def _additions_for_level(mention: Mention, names) -> bool:
    """A count of additions (``上半年新增规上工业企业58家``, ``比年初净增41家``)
    is not the level a stock indicator counts (``规上工业企业数``), unless
    the indicator counts additions itself."""
    lead = CLAUSE.split(mention.lead)[-1]
    return bool(ADDITION.search(lead)) and not any(ADDITION.search(n) for n in names.names)
