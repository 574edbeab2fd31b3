"""Whose figure is it? Places named in a text (issue 13, deliverable 4).

A figure speaks for a target only when it is about the target's place. Two
checks, both plain rules over a small gazetteer (data, extendable):

- **The text's own place**: a reply speaks for one city (``我市``,
  ``全市``); it is the place the text names most. A target whose place the
  text names less often than another place, or not at all, is not read
  (平顶山's reply names 郑州 once, as a neighbour it compares itself with:
  its ``全市…177个`` is 平顶山's; 焦作's names 济源 once), unless the text
  names no place at all, in the gazetteer or out of it (``常州市``, read by
  its ending), and speaks of ``我市``/``本市``: then it may be the target's
  own, and the supervisor decides. A county-level city's reply does not
  speak for the city it lies in (舞钢's for 平顶山).
- **The indicator's scope**: an indicator that names a place of its own
  (``占全省工业比重``: Zhengzhou's share of the province) is reported only
  by words that name that place too.
- **The clause's head**: a county, district, county-level city, zone or
  town heading the figure's clause (``永城市规上工业增加值增长9.8%``,
  ``浉河区、商城县…茶园面积分别为…``, ``经开区实现…``) makes it that
  area's figure, not the city's, whether or not the gazetteer knows the
  name: it is read by its ending (县, 区, 市, 旗, 镇, 乡, 街道), not looked up.
  A named firm heading the clause (``…集团下属企业全年铜材产量58.4万吨``) is
  a part of the city the same way, unless it is one of a list (``…公司、
  …等6家企业``: the count of the list, or one task of the city's).
- **The clause's subject**: a figure whose words before it name another
  place (``高于全省(17.4%)``, ``比全国平均水平(2.54%)``, ``全国35个大中城市``)
  is that place's, unless the place follows ``占`` (``占全省工业比重``: the
  province is the denominator of the city's share). A county-level city
  inside the target's city (``新密市`` in 郑州) is the target's own place.

The gazetteer (``gazetteer.py``) holds China's provincial units, Henan's
prefecture-level cities with their county-level cities (the seed documents
are Henan's), and the national and provincial scopes (全国, 全省, 全球); the
other provinces' prefecture-level cities are known only as lying in their
province, so a city's text may name its province often (a text on 黄冈 names
湖北省). A place outside it is not recognised: a figure named for it passes
the clause check.
"""

from __future__ import annotations

import re
from functools import lru_cache

from tracker.domain.reading.gazetteer import CITIES, HENAN, PROVINCES, province_of

OWN_CITY = re.compile(r"我市|本市")
HEAD = 120  # a text's head: its title, date line and source

__all__ = [
    "another_place_named",
    "area_heading_clause",
    "place_stem",
    "scope_places",
    "text_speaks_for",
]

# 全区 is a region's (内蒙古, 广西 …) in a city's text, a district's own in its.
SCOPES = ("全国", "全省", "全区", "全球", "世界")
PLACES = tuple(
    sorted(
        {*PROVINCES, *HENAN, *(c for cs in HENAN.values() for c in cs), *SCOPES},
        key=len,
        reverse=True,
    )
)
PLACE = re.compile("|".join(PLACES))
DENOMINATOR = re.compile(r"占\s*$")


def place_stem(jurisdiction: str) -> str:
    """``郑州市`` -> ``郑州``; ``河南省`` -> ``河南``."""
    return re.sub(r"(?:市|县|区|省|自治区)$", "", jurisdiction)


def _own(stem: str) -> frozenset[str]:
    """The target's place, the places inside it and the places it lies in
    (a 舞钢 reply names 平顶山 and 河南 as its own city and province)."""
    parents = {city for city, counties in HENAN.items() if stem in counties}
    henan = {"河南"} if stem in HENAN or parents else set()
    return frozenset({stem, *HENAN.get(stem, ()), *parents, *henan})


def _own_place(jurisdiction: str) -> frozenset[str]:
    """``_own`` of a target's jurisdiction; a district's 全区 is its own."""
    if not jurisdiction:
        return frozenset()
    own = _own(place_stem(jurisdiction))
    return own | {"全区"} if jurisdiction.endswith("区") else own


# A city the gazetteer does not know, by its ending (常州市, 宜都市); not
# words that only end so (智慧城市, 地级市, 上市).
CITY = re.compile(
    r"(?:^|(?<=[\s，,。；;：:、和与及省（(“]))([\u4e00-\u9fff]{2,3}?)市"
    r"(?![场级县委民属直内外域值长政区容貌镇])"
)
NOT_CITIES = re.compile(
    r"^.?.城$|^(?:地级|县级|省辖|试点|示范|超|上|都|全|各|本|我|该)|[全各本我该级强立兴富]$"
)


@lru_cache(maxsize=64)
def _counts(text: str) -> dict[str, int]:
    """How often the text names each place of the gazetteer."""
    counts: dict[str, int] = {}
    for found in PLACE.finditer(text):
        counts[found.group()] = counts.get(found.group(), 0) + 1
    return counts


@lru_cache(maxsize=64)
def _unknown_cities(text: str) -> frozenset[str]:
    """Cities outside the gazetteer the text names by their ending (常州市)."""
    return frozenset(
        stem
        for found in CITY.finditer(text)
        if not PLACE.search(stem := found.group(1)) and not NOT_CITIES.search(stem)
    )


@lru_cache(maxsize=64)
def _cities_named(text: str) -> frozenset[str]:
    """Prefecture-level cities of the gazetteer the text names as cities
    (``上饶市``: not caught by its ending, which reads like 上市)."""
    return frozenset(city for city in CITIES if f"{city}市" in text)


def text_speaks_for(jurisdiction: str, text: str) -> bool:
    """Whether the text can report on the place (module docstring)."""
    stem = place_stem(jurisdiction)
    if not stem:
        return True
    # A county's reply does not speak for its city: its places inside the
    # target's count as others here.
    # Nor is a city's text one on its province, however often it names it
    # (湖北省, 湖北东坡茶业集团 in a text on 黄冈).
    around = _own(stem) - set(HENAN.get(stem, ())) | set(province_of(stem))
    named = text.count(stem)
    others = [n for p, n in _counts(text).items() if p not in SCOPES and p not in around]
    # A place named once, in passing, in a text whose head names another
    # city (来源：长春市工业和信息化局; a text on 长春 naming 营口港 once), is
    # not the text's. The head only: a county-level city inside the target's
    # city is outside the gazetteer too (大冶市 in a text on 黄石).
    head = text[:HEAD]
    if named == 1 and stem not in head and _unknown_cities(head) - {stem}:
        return False
    if not named:
        # A text that speaks of its own city without naming it (我市…) and
        # names no other place, in the gazetteer or out of it (a text on
        # 常州 is not read for 济源), may be the target's: the supervisor
        # decides.
        return (
            not others
            and not _unknown_cities(text)
            and not _cities_named(text)
            and bool(OWN_CITY.search(text))
        )
    return not others or named >= max(others)


def another_place_named(words: str, jurisdiction: str) -> str:
    """The first place other than the target's named in ``words`` (the
    words before a figure), not as a share's denominator; "" when none."""
    own = _own_place(jurisdiction)
    for found in PLACE.finditer(words):
        if found.group() in own or DENOMINATOR.search(words[: found.start()]):
            continue
        return found.group()
    return ""


def scope_places(names: tuple[str, ...], jurisdiction: str) -> frozenset[str]:
    """The places an indicator's names name, other than the target's own
    (``全省`` in ``占全省工业比重``): a window must name one of them."""
    own = _own_place(jurisdiction)
    return frozenset(found.group() for name in names for found in PLACE.finditer(name)) - own


# What ends a clause before a figure.
CLAUSE_BREAK = re.compile(r"[，,；;。：:！!？?\n]")
# An area's name heading a clause: a few characters and 县/区/市/旗, or 新区.
AREA = re.compile(r"[\u4e00-\u9fff]{1,3}?(?:新区|县|区|市|旗|镇|乡|街道)")
FIGURE = re.compile(r"\d(?![\d.]*\s*[年月日])")  # a figure, not a date
# A zone anywhere before the figure in its clause: the zones' figure.
ZONE = re.compile(r"(?:开发区|高新区|经开区|产业园区|工业园区|集聚区|示范区)(?![外建])")
# A named scenic area heading the clause (涠洲岛景区接待游客…): its own
# figure; not a count of them (全市A级旅游景区达到…).
SCENIC = re.compile(r"[\u4e00-\u9fff]{2,8}?景区(?=接待|实现|游客|门票|旅游收入|累计接待)")
# A named firm heading the clause: a few characters and 集团 or 公司.
FIRM = re.compile(r"[\u4e00-\u9fffA-Za-z]{2,10}?(?:集团|公司)")
LISTED = re.compile(r"[、等]")
LEAD_WORDS = re.compile(r"^\s*(?:其中|另外|此外|同时)?\s*[，,]?\s*")
# Words ending like an area's name that name none, or the text's own place.
NOT_AREAS = re.compile(
    r"^(?:[\u4e00-\u9fff]{2})?(?:城市|都市)$"  # 智慧城市, not 永城市 or 成都市
    r"|(?:超市|上市|小区|社区|景区|地区|辖区|街区|矿区|库区|校区|厂区)$"
    r"|^(?:深|高|大|偏远|贫困)?山区$"  # mountains, not 兰山区 or 金山区
    r"|(?:城镇|乡镇|城乡|村镇|集镇|重镇|小镇)$|^(?:乡|镇)"
    r"|(?:全|各|本|我|该)(?:市|县|区)$|^(?:全|各|本|我|该|市|县|区|占)"
)


# A sentence opening with what it speaks of, in a clause of its own with no
# figure (安庆高新区作为主要承载地，…): its head is the next clause's too.
NOT_A_BREAK = r"[^，,；;。：:！!？?\n\d]"
TOPIC = re.compile(rf"({NOT_A_BREAK}{{2,14}}?)(?:作为|是){NOT_A_BREAK}{{0,16}}[，,]\s*$")
SENTENCE_BREAK = re.compile(r"[；;。！!？?\n]")


def _topic_clause(text: str, clause_start: int) -> str | None:
    """The subject of a topic clause opening the sentence, when the clause
    at ``clause_start`` is the one after it (``TOPIC``)."""
    sentence = max(
        (m.end() for m in SENTENCE_BREAK.finditer(text, max(0, clause_start - 40), clause_start)),
        default=max(0, clause_start - 40),
    )
    found = TOPIC.fullmatch(text, sentence, clause_start)
    return found.group(1).strip() if found else None


def area_heading_clause(text: str, at: int, jurisdiction: str, since: int | None = None) -> str:
    """The area below (or beside) the target's place that heads the clause
    of the figure at ``at`` (module docstring), or the words from ``since``
    (where its subject starts: 长安镇规模以上工业总产值突破600亿元,达到612.4
    亿元); "" when none, or when it is the target's own place."""
    start = max(0, at - 60)
    start = max((m.end() for m in CLAUSE_BREAK.finditer(text, start, at)), default=start)
    if since is not None and since < start and FIGURE.search(text[since:start]):
        start = since  # the figure before, whose words it takes, names the area
    head = LEAD_WORDS.sub("", text[start:at])
    topic = _topic_clause(text, start)
    if topic is not None:
        head = topic + head  # 安庆高新区作为主要承载地，化工新材料产业产值…
    zone = ZONE.search(head) or SCENIC.match(head)  # 全市14个省级以上开发区规模以上工业增加值…
    if zone is not None:
        return zone.group()
    firm = FIRM.match(head)
    if firm is not None and not LISTED.search(head):
        return firm.group()
    found = AREA.match(head)
    if found is None or NOT_AREAS.search(found.group()):
        return ""
    name = found.group()
    if jurisdiction and place_stem(name) == place_stem(jurisdiction):
        return ""
    return name
