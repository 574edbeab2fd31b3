"""Outcome drafts from later texts (issue 13, deliverable 4): every quote
is verbatim at its offsets; on the reply seeds the top proposals give back
the demo outcomes with exact values, units and periods (those the reader
recovers: see docs/extraction.md for the ones it does not); goals, another
city's figures and another indicator's figures are not proposed."""

import re
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from benchmarks.extraction.labels import demo_outcomes, demo_targets, document_text, split_for
from tracker.domain.reading import OpenTarget, propose_outcomes
from tracker.domain.units import SEED_REGISTRY

ROOT = Path(__file__).resolve().parents[2]
DATES = {
    "zz-2023-news-industrial-growth": date(2023, 1, 16),
    "zz-2020-manufacturing-plan": date(2020, 4, 14),
}
DOCUMENTS = sorted(p.stem for p in (ROOT / "fixtures" / "documents").glob("*.txt"))


_text = document_text
TARGETS, OUTCOMES = demo_targets(), demo_outcomes()


def _proposals(slug: str):
    return propose_outcomes(
        _text(slug),
        TARGETS,
        on=DATES.get(slug),
        units=SEED_REGISTRY,
        is_plan=slug == "zz-2020-manufacturing-plan",
    )


@pytest.mark.parametrize("slug", DOCUMENTS)
def test_every_quote_is_verbatim_at_its_offsets(slug):
    text = _text(slug)
    for proposal in _proposals(slug):
        assert text[proposal.start : proposal.end] == proposal.quote
        assert "\n" not in proposal.quote
        # The figure as written, or a scale word (千亿级, 突破百亿: docs/extraction.md).
        assert format(proposal.value, "f") in proposal.quote.replace(",", "") or re.search(
            r"[十百千万]亿", proposal.quote
        )


# The demo outcomes of the dev part whose figure the reader proposes first
# for its target (scored over the whole labelled set, both parts, by
# benchmarks/extraction/score.py). Test-part targets are left out here so
# that running the suite while working on the reader does not show them.
RECOVERED_AT_TOP = {
    ("zz-2023-news-industrial-growth", "zz-2020-manufacturing:二.1.1", "8.5"),
    ("zz-2023-news-industrial-growth", "zz-2020-manufacturing:二.1.3", "82.5"),
    ("zz-2024-reply-industrial-restructuring", "zz-2020-manufacturing:二.1.3", "84.5"),
    ("zz-2023-news-industrial-growth", "zz-2020-manufacturing:二.2.2", "45.5"),
    ("zz-2023-news-industrial-growth", "zz-2020-manufacturing:二.3.2", "2500"),
    ("zz-2024-reply-industrial-restructuring", "zz-2020-manufacturing:二.2.2", "29"),
    ("zz-2024-reply-industrial-restructuring", "zz-2020-manufacturing:二.4.1", "39.2"),
    ("zz-2024-reply-industrial-restructuring", "zz-2020-manufacturing:三.6.2", "52.4"),
    ("zz-2024-reply-industrial-restructuring", "zz-2020-manufacturing:三.8.2", "35"),
    ("zz-2023-news-industrial-growth", "zz-2020-manufacturing:三.8.4", "28.1"),
    ("zz-2024-reply-industrial-restructuring", "zz-2020-manufacturing:三.8.4", "25.3"),
    ("zz-2024-reply-industrial-restructuring", "zz-2020-manufacturing:三.8.3", "12"),
    ("zz-2024-reply-industrial-restructuring", "zz-2024-reply-manufacturing:重点1.1", "52.4"),
    ("zz-2024-reply-industrial-restructuring", "zz-2024-reply-manufacturing:重点1.2", "52.4"),
    ("pds-2019-reply-three-transformations", "pds-2019-three-transformations:五.4.1", "20"),
}


def test_top_proposals_give_back_demo_outcomes_exactly():
    tops = {}
    for slug in DOCUMENTS:
        for proposal in _proposals(slug):
            tops.setdefault((slug, proposal.target.key), proposal)
    recovered = set()
    for document, key, row in OUTCOMES:
        if split_for(key) != "dev":
            continue
        top = tops.get((document, key))
        if (
            top is not None
            and top.value == Decimal(row["value"])
            and top.unit == row["unit"]
            and top.period_start == date.fromisoformat(row["period_start"])
            and top.period_end == date.fromisoformat(row["period_end"])
            and row["quote"] in _text(document)
            and (top.start < _text(document).find(row["quote"]) + len(row["quote"]))
        ):
            recovered.add((document, key, row["value"]))
    assert recovered == RECOVERED_AT_TOP


TARGET = OpenTarget(
    plan="p",
    code="T1",
    indicator="技改投资增速",
    aliases=("技改投资增长",),
    unit="%",
    measure="rate",
    period_start=date(2020, 1, 1),
    period_end=date(2020, 12, 31),
    jurisdiction="郑州市",
)
SHARE = OpenTarget(
    plan="p",
    code="T2",
    indicator="高耗能产业占比",
    aliases=(),
    unit="%",
    measure="level",
    period_start=date(2020, 1, 1),
    period_end=date(2020, 12, 31),
    jurisdiction="郑州市",
)


def _one(text, target=TARGET, on=date(2021, 3, 1)):
    return propose_outcomes(text, [target], on=on)


def test_a_rate_target_takes_a_change_with_its_period():
    (proposal,) = _one("郑州市2020年,技改投资增长12.5%。")
    assert (proposal.value, proposal.unit) == (Decimal("12.5"), "%")
    assert (proposal.period_start, proposal.period_end) == (date(2020, 1, 1), date(2020, 12, 31))
    assert proposal.grade == "final"
    assert not proposal.proxy


def test_a_level_target_does_not_take_a_change_nor_a_rate_a_level():
    assert _one("郑州市2020年,高耗能产业占比增长3%。", SHARE) == []
    assert _one("郑州市2020年,技改投资占比达到30%。") == []


def test_restated_goals_are_not_reports():
    assert _one("郑州市力争技改投资每年增长20%以上。") == []
    assert _one("郑州市到2025年,技改投资增长20%。") == []


def test_another_citys_text_is_not_read():
    assert _one("武钢市2020年,技改投资增长12.5%。") == []


def test_a_bracketed_figure_after_a_comparison_is_that_years_figure():
    proposals = _one(
        "郑州市2020年,高耗能产业占比下降到25.3%,较2016年(40.1%)下降14.8个百分点。", SHARE
    )
    by_value = {p.value: p for p in proposals}
    assert by_value[Decimal("25.3")].period_end == date(2020, 12, 31)
    assert by_value[Decimal("40.1")].period_start == date(2016, 1, 1)
    assert by_value[Decimal("40.1")].grade == "baseline"


def test_whole_year_without_a_year_is_the_last_whole_year():
    (proposal,) = _one("郑州全年技改投资增长9%。", on=date(2021, 1, 16))
    assert (proposal.period_start, proposal.period_end) == (date(2020, 1, 1), date(2020, 12, 31))


def test_a_figure_naming_another_indicator_better_is_left_to_it():
    other = OpenTarget(
        plan="p",
        code="T3",
        indicator="规上工业增加值增速",
        aliases=("规上工业增加值增长",),
        unit="%",
        measure="rate",
        period_start=date(2020, 1, 1),
        period_end=date(2020, 12, 31),
    )
    manufacturing = OpenTarget(
        plan="p",
        code="T4",
        indicator="规上制造业增加值增速",
        aliases=("规上制造业增加值增长",),
        unit="%",
        measure="rate",
        period_start=date(2020, 1, 1),
        period_end=date(2020, 12, 31),
    )
    proposals = propose_outcomes("2020年,规上工业增加值增长8.5%。", [other, manufacturing])
    assert [p.target.code for p in proposals] == ["T3"]
