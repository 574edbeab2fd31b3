"""Lists read with ``分别`` (respectively): ``规上工业增加值、工业投资和技改投资
分别增长8.5%、10.2%和20%`` gives each listed indicator its own figure, in
order (issue 13, deliverable 4).

Statistical writing packs several indicators into one clause this way; read
figure by figure, every figure would take the whole list as its words and
the first figure would go to every indicator. The i-th figure after
``分别`` takes the i-th item before it as its words. Only when items and
figures pair off one to one: otherwise the mentions are left as read. A
word that packs two items (``城乡居民人均可支配收入分别达到…``) is those two,
in its order (城镇, then 农村); short items (the first without the city's
``全市``) share the last one's noun
(``石化、新材料、现代轻纺四大主导产业营业收入分别…``), and an item ending
in a word the last one names shares what follows it (``城镇居民和农村居民
人均可支配收入分别…``).
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # read_mentions calls this module: no import back at run time
    from tracker.domain.reading.mentions import Mention

__all__ = ["pair_respective"]

RESPECTIVELY = "分别"
# Between 分别 and the first figure: a verb, no figure (增长, 为, 同比增长).
VERB = re.compile(r"[\u4e00-\u9fff]{0,8}")
# Between two figures of the list: a separator alone.
BETWEEN = re.compile(r"\s*(?:、|和|与|及|以及|,|，)\s*")
ITEMS = re.compile(r"、|以及|和|与|及")
CLAUSE = re.compile(r"[，,；;：:。！？!?\n]")
# Two items packed in one word before 分别 (城乡居民…分别达到41236元、23518元).
PAIRED_ITEMS = {"城乡": ("城镇", "农村"), "中外": ("中方", "外方"), "进出口": ("进口", "出口")}
PAIRED = re.compile("|".join(PAIRED_ITEMS))
OWN_PLACE = re.compile(r"^(?:全市|全省|全区|我市|本市)")


def pair_respective(normal: str, mentions: list[Mention]) -> list[Mention]:
    """``mentions`` (of ``normal``, the NORMALISE'd text) with the figures
    of each 分别 list given their own item's words and the list's quote."""
    out = list(mentions)
    n = 0
    while n < len(out):
        group = _group(normal, out, n)
        if group is None:
            n += 1
            continue
        first, last, items, verb, start = group
        end = max(out[k].quote_end for k in range(first, last + 1))
        head = out[first]  # its verb (增长) is every figure's
        for item, k in zip(items, range(first, last + 1), strict=True):
            out[k] = replace(
                out[k],
                window=f"{item}{verb} ",
                before=item,
                subject="",
                quote_start=start,
                quote_end=end,
                change=head.change,
                way=head.way,
            )
        n = last + 1
    return out


def _group(
    normal: str, mentions: list[Mention], n: int
) -> tuple[int, int, list[str], str, int] | None:
    mention = mentions[n]
    at = normal.rfind(RESPECTIVELY, 0, mention.figure.start)
    if at < 0 or CLAUSE.search(normal, at, mention.figure.start):
        return None
    verb = normal[at + len(RESPECTIVELY) : mention.figure.start]
    if not VERB.fullmatch(verb):
        return None
    last = n
    unit = mention.figure.figure.unit
    while (
        last + 1 < len(mentions)
        and mentions[last + 1].figure.figure.unit == unit  # 4.8%和6.9%,达到59876元…
        and BETWEEN.fullmatch(normal[mentions[last].figure.end : mentions[last + 1].figure.start])
    ):
        last += 1
    clause = max((m.end() for m in CLAUSE.finditer(normal, 0, at)), default=0)
    items = [item.strip() for item in ITEMS.split(normal[clause:at])]
    if len(items) == 1 and (pair := PAIRED.search(items[0])):
        # 城乡居民人均可支配收入分别…: the urban residents' first, then the rural.
        first, second = PAIRED_ITEMS[pair.group()]
        items = [items[0].replace(pair.group(), word, 1) for word in (first, second)]
    items[0] = OWN_PLACE.sub("", items[0])  # 全市化学需氧量、氨氮、…减排量分别…
    if len(items) >= 2 and len(items[-1]) >= 6 and all(len(i) <= 5 for i in items[:-1]):
        # 石化、新材料、…、现代轻纺四大主导产业营业收入分别…: the short items
        # share the last one's noun (after a modifier as long as theirs).
        tail = items[-1][max(len(i) for i in items[:-1]) :]
        items = [item + tail for item in items[:-1]] + [items[-1]]
    elif len(items) >= 2:
        # 城镇居民和农村居民人均可支配收入分别…: an item ending in a word the
        # last one names near its start takes the last one's words after it.
        items = [_shared_tail(item, items[-1]) for item in items[:-1]] + [items[-1]]
    if len(items) < 2 or len(items) != last - n + 1 or not all(items):
        return None
    return n, last, items, verb, clause


def _shared_tail(item: str, last: str) -> str:
    """``item`` with ``last``'s words after the word both share (``城镇居民``,
    ``农村居民人均可支配收入`` -> ``城镇居民人均可支配收入``); as is when none."""
    for size in range(min(len(item), 4), 1, -1):
        at = last.find(item[-size:])
        if 0 < at <= 6 and at + size < len(last):
            return item + last[at + size :]
    return item
