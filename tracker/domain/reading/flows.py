"""What stretch a flow figure covers (issue 13, deliverable 4).

A flow (an amount or a count for a stretch of time) read at a day, not a
span, says less than it seems: ``截至12月底,完成…196个`` counts the year so
far, and a flow a text leaves undated is, in a dated text, the last whole
year's. In an undated text only a flow compared with the year before
(``…27.6亿元,同比增长18.3%``) is a year's; one that is not (a reply's
``压减煤炭产能342万吨``, counted over years) stays at the day the text
speaks from. Used by ``outcomes`` for targets measured as flows.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date

from tracker.domain.reading.frames import last_whole_year
from tracker.domain.reading.mentions import Mention

__all__ = ["flow_period"]

AS_OF = re.compile(r"^(?:截至|截止|截止到)")
YEAR_ON_YEAR = re.compile(r"\s*[，,]?\s*(?:同比|比上年|较上年|比去年)")


def flow_period(mention: Mention, text: str) -> Mention:
    """A flow counted up to a day (``截至12月底,全市完成城镇老旧小区改造196
    个``) is that year's so far, unless its words say it runs from further
    back (``累计``). A flow the text does not date at all (read at its date)
    is the last whole year's (``规上机械制造企业研发经费支出28.7亿元`` in a
    reply of 2025-04-10: 2024's; in an undated text, the last whole year on
    the day it speaks from)."""
    day = mention.period_end
    # In an undated text, only a flow compared with the year before
    # (…27.6亿元,同比增长18.3%) is a year's; others count to its day.
    yearly = mention.period_text == "document_date" or (
        mention.period_text == "latest_year" and YEAR_ON_YEAR.match(text, mention.figure.end)
    )
    if yearly and "累计" not in mention.lead:
        year = last_whole_year(day)
        return replace(mention, period_start=date(year, 1, 1), period_end=date(year, 12, 31))
    if (
        mention.period_start != day
        or not AS_OF.match(mention.period_text)
        or "累计" in mention.lead
    ):
        return mention
    return replace(mention, period_start=date(day.year, 1, 1))
