"""Direction is suggested from the indicator, never read from 左右; a quote
states a value sign-aware."""

from datetime import date
from decimal import Decimal as D

import pytest

from tracker.domain.phrases import (
    DirectionSuggestion,
    parse_target_phrase,
    quote_states_value,
    read_quote,
    suggest_direction,
)


@pytest.mark.parametrize(
    ("indicator", "cue"),
    [
        ("城镇调查失业率", "失业率"),
        ("居民消费价格涨幅", "价格涨幅"),
        ("单位工业增加值能耗", "能耗"),
        ("主要污染物排放总量", "污染物"),
    ],
)
def test_lower_is_suggested_and_says_so(indicator, cue):
    assert suggest_direction(indicator) == DirectionSuggestion(
        "lower", cue, "lower_is_better_indicator"
    )


def test_a_stated_decline_of_a_cost_is_better_higher():
    suggestion = suggest_direction("单位能耗", decline=True)
    assert (suggestion.direction, suggestion.code) == (
        "higher",
        "decline_of_lower_is_better_indicator",
    )


def test_no_suggestion_for_ordinary_indicators():
    assert suggest_direction("规模以上工业增加值增速") is None
    assert suggest_direction("工业增加值涨幅") is None


@pytest.mark.parametrize(
    "statement",
    ["居民消费价格涨幅3%左右", "城镇调查失业率5.5%左右", "规模以上工业增加值增长7%左右"],
)
def test_the_phrase_reader_never_reads_direction_from_about(statement):
    # 左右 bounds neither side: the wording says nothing about direction, so
    # all three read alike; only the suggestion helper looks at the indicator.
    assert parse_target_phrase(statement).direction == "higher"
    assert parse_target_phrase(statement).comparator == "about"


@pytest.mark.parametrize(
    ("value", "quote", "stated"),
    [
        ("-4", "固定资产投资下降4%", True),
        ("4", "固定资产投资下降4%", True),
        ("-4", "固定资产投资增长4%", False),
        ("-35.0", "刚玉产能由过去的108.6万吨下降至73.6万吨", True),
        ("73.6", "刚玉产能由过去的108.6万吨下降至73.6万吨", True),
        ("-14.8", "较2016年(40.1%)下降14.8个百分点", True),
        ("2", "新增两家", True),
        ("7", "全国35个大中城市第7位", True),
        ("6.4", "增长16.45%", False),
    ],
)
def test_quote_states_value(value, quote, stated):
    assert quote_states_value(D(value), quote) is stated


@pytest.mark.parametrize(
    ("quote", "target_unit", "figure", "period"),
    [
        (
            "2020年全市技改投资同比增长29%",
            "",
            ("exact", D("29"), None, "%"),
            ("2020-01-01", "2020-12-31"),
        ),
        ("全市单位GDP能耗下降4.2%", "%", ("exact", D("-4.2"), None, "%"), None),
        (
            "2022年1-10月增长29%，总额达到120亿元",
            "亿元",
            ("exact", D("120"), None, "亿元"),
            ("2022-01-01", "2022-10-31"),
        ),
        ("2022年1-10月增长29%，总额达到120亿元", "", None, ("2022-01-01", "2022-10-31")),
        (
            "今年以来投资超过2500亿元",
            "",
            ("more_than", D("2500"), None, "亿元"),
            ("2021-01-01", "2021-03-01"),
        ),
        ("2020年增长5%，2021年增长6%", "%", None, None),
        ("全市技改投资稳步增长", "", None, None),
    ],
)
def test_a_quote_is_read_for_the_outcome_form(quote, target_unit, figure, period):
    """Issue 12: what the admin fills from a quote; two of anything is no
    reading (an empty field beats a guess)."""
    reading = read_quote(quote, on=date(2021, 3, 1), target_unit=target_unit)
    read = reading.figure
    assert (
        None if read is None else (read.qualifier, read.value, read.value_high, read.unit)
    ) == figure
    dates = (reading.period_start, reading.period_end)
    assert dates == ((None, None) if period is None else tuple(map(date.fromisoformat, period)))
