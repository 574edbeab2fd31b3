"""Unit registry: lookup, exact conversion, and why units do not convert."""

from decimal import Decimal as D

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tracker.domain.units import (
    DIMENSIONS,
    IncomparableUnits,
    UnitSpec,
    UnknownUnit,
    can_convert,
    convert,
    known_units,
    lookup_unit,
)


@pytest.mark.parametrize(
    ("unit", "dimension", "factor"),
    [
        ("元", "yuan", D(1)),
        ("万元", "yuan", D(10) ** 4),
        ("亿元", "yuan", D(10) ** 8),
        ("万亿元", "yuan", D(10) ** 12),
        ("吨", "tonne", D(1)),
        ("万吨", "tonne", D(10) ** 4),
        ("亿吨", "tonne", D(10) ** 8),
        ("万吨/年", "tonne", D(10) ** 4),
        ("千瓦", "kw", D(1)),
        ("万千瓦", "kw", D(10) ** 4),
        ("亿千瓦", "kw", D(10) ** 8),
        ("千瓦时", "kwh", D(1)),
        ("亿千瓦时", "kwh", D(10) ** 8),
        ("%", "percent", D(1)),
        ("％", "percent", D(1)),
        ("个百分点", "percentage_point", D(1)),
        ("个", "count", D(1)),
        ("家", "count", D(1)),
        ("万个", "count", D(10) ** 4),
        ("万家", "count", D(10) ** 4),
        ("万人", "count", D(10) ** 4),
        ("座", "count", D(1)),
        ("万锭", "count", D(10) ** 4),
        ("名", "count", D(1)),
        ("平方米", "sqm", D(1)),
        ("万平方米", "sqm", D(10) ** 4),
        ("亩", "mu", D(1)),
        ("万亩", "mu", D(10) ** 4),
        ("G", "bandwidth", D(1)),
        ("万吨标准煤", "tce", D(10) ** 4),
    ],
)
def test_lookup_unit(unit, dimension, factor):
    assert lookup_unit(unit) == UnitSpec(dimension, factor)


def test_lookup_unit_strips_spaces():
    assert lookup_unit(" 亿元 ") == lookup_unit("亿元")


def test_unknown_unit_says_which():
    with pytest.raises(UnknownUnit, match="英寸"):
        lookup_unit("英寸")


def test_required_dimensions_exist():
    required = {"yuan", "tonne", "kw", "kwh", "percent", "percentage_point", "count", "sqm", "mu"}
    assert required <= set(DIMENSIONS)


def test_known_units_longest_first():
    units = known_units()
    assert units.index("个百分点") < units.index("个")
    assert units.index("万亿元") < units.index("亿元")


@pytest.mark.parametrize(
    ("value", "source", "target", "expected"),
    [
        (D("1.0"), "万亿元", "亿元", D(10000)),
        (D("4.8"), "万个", "个", D(48000)),
        (D("2500"), "亿元", "万亿元", D("0.25")),
        (D("35"), "万吨", "吨", D(350000)),
        (D("13.5"), "万千瓦", "千瓦", D(135000)),
        (D("1734"), "万元", "亿元", D("0.1734")),
        (D("1.15"), "万家", "个", D(11500)),
        (D("7"), "%", "%", D(7)),
    ],
)
def test_convert(value, source, target, expected):
    assert convert(value, source, target) == expected


def test_counts_of_different_nouns_convert():
    assert can_convert("个", "家") == (True, "")
    assert convert(D(3), "万家", "个") == D(30000)


@pytest.mark.parametrize(
    ("a", "b", "reason"),
    [
        ("亿元", "%", "亿元 (yuan) cannot convert to % (percent)"),
        ("%", "个百分点", "% (percent) cannot convert to 个百分点 (percentage_point)"),
        ("亩", "平方米", "亩 (mu) cannot convert to 平方米 (sqm)"),
        ("万吨", "万吨标准煤", "万吨 (tonne) cannot convert to 万吨标准煤 (tce)"),
    ],
)
def test_incomparable_units_carry_a_reason(a, b, reason):
    assert can_convert(a, b) == (False, reason)
    with pytest.raises(IncomparableUnits) as caught:
        convert(D(1), a, b)
    assert caught.value.reason == reason


def test_unknown_units_do_not_convert():
    ok, reason = can_convert("英寸", "个")
    assert not ok and "英寸" in reason
    with pytest.raises(UnknownUnit):
        convert(D(1), "英寸", "个")


@given(
    st.decimals(min_value=-(10**9), max_value=10**9, places=4, allow_nan=False),
    st.sampled_from(["元", "万元", "亿元", "万亿元", "千元"]),
    st.sampled_from(["元", "万元", "亿元", "万亿元", "千元"]),
)
def test_conversion_round_trips_exactly(value, a, b):
    assert convert(convert(value, a, b), b, a) == value
