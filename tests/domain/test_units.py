"""Unit registry: lookup with magnitudes, exact conversion, why units do not
convert, and registries built from rows (the units a planner adds)."""

from decimal import Decimal as D

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tracker.domain.units import (
    DIMENSIONS,
    SEED_REGISTRY,
    SEED_UNITS,
    IncomparableUnits,
    UnitRegistry,
    UnitRow,
    UnitSpec,
    UnknownUnit,
    can_convert,
    conversion_problem,
    convert,
    known_units,
    lookup_unit,
    starts_with_magnitude,
)


@pytest.mark.parametrize(
    ("unit", "dimension", "factor"),
    [
        ("元", "yuan", D(1)),
        ("万元", "yuan", D(10) ** 4),
        ("亿元", "yuan", D(10) ** 8),
        ("万亿元", "yuan", D(10) ** 12),
        ("万美元", "usd", D(10) ** 4),
        ("吨", "mass", D(1)),
        ("万吨", "mass", D(10) ** 4),
        ("亿吨", "mass", D(10) ** 8),
        ("万吨/年", "mass", D(10) ** 4),
        ("斤", "mass", D("0.0005")),
        ("万亿斤", "mass", D("0.0005") * D(10) ** 12),
        ("公斤", "mass", D("0.001")),
        ("千瓦", "power", D(1)),
        ("万千瓦", "power", D(10) ** 4),
        ("亿千瓦", "power", D(10) ** 8),
        ("千瓦时", "electricity", D(1)),
        ("亿千瓦时", "electricity", D(10) ** 8),
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
        ("亩", "area", D(1)),
        ("万亩", "area", D(10) ** 4),
        ("平方米", "area", D("0.0015")),
        ("万平方米", "area", D("15")),
        ("公顷", "area", D(15)),
        ("G", "bandwidth", D(1)),
        ("万吨标准煤", "energy", D(10) ** 4),
    ],
)
def test_lookup_unit(unit, dimension, factor):
    assert lookup_unit(unit) == UnitSpec(dimension, factor)


def test_lookup_unit_strips_spaces():
    assert lookup_unit(" 亿元 ") == lookup_unit("亿元")


def test_unknown_unit_says_which():
    with pytest.raises(UnknownUnit, match="英寸") as caught:
        lookup_unit("英寸")
    assert caught.value.unit == "英寸"


@pytest.mark.parametrize("text", ["亿万吨", "万万个", "万亿亿元", "万", "亿"])
def test_magnitudes_do_not_stack(text):
    with pytest.raises(UnknownUnit):
        lookup_unit(text)


def test_the_seed_covers_the_required_registry():
    required = {
        "元": "yuan",
        "斤": "mass",
        "公斤": "mass",
        "吨": "mass",
        "亩": "area",
        "公顷": "area",
        "平方米": "area",
        "吨标准煤": "energy",
        "千瓦": "power",
        "个": "count",
        "家": "count",
        "项": "count",
        "人": "count",
        "户": "count",
        "座": "count",
        "台": "count",
        "件": "count",
        "%": "percent",
        "个百分点": "percentage_point",
        "美元": "usd",
    }
    assert {name: lookup_unit(name).dimension for name in required} == required
    assert set(required.values()) <= set(DIMENSIONS)


def test_no_seed_name_starts_with_a_magnitude():
    assert not [row.name for row in SEED_UNITS if starts_with_magnitude(row.name)]


def test_known_units_longest_first_with_magnitudes():
    units = known_units()
    assert units.index("个百分点") < units.index("个")
    assert units.index("万亿元") < units.index("亿元")
    assert "万亿斤" in units and "亿斤" in units


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
        # docs/attainment.md section 1: 1.3万亿斤 = 6.5 x 10^8 tonnes.
        (D("1.3"), "万亿斤", "吨", D("6.5E8")),
        (D("13908"), "亿斤", "万亿斤", D("1.3908")),
        (D("2"), "公斤", "斤", D(4)),
        # 3 亩 is exactly 2000 平方米; 1 公顷 is 15 亩.
        (D("3"), "亩", "平方米", D(2000)),
        (D("1"), "公顷", "亩", D(15)),
        (D("1"), "万平方米", "公顷", D(1)),
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
        ("万吨", "万吨标准煤", "万吨 (mass) cannot convert to 万吨标准煤 (energy)"),
        ("亿美元", "亿元", "亿美元 (usd) cannot convert to 亿元 (yuan)"),
        ("千瓦时", "吨标准煤", "千瓦时 (electricity) cannot convert to 吨标准煤 (energy)"),
    ],
)
def test_incomparable_units_carry_a_reason(a, b, reason):
    assert can_convert(a, b) == (False, reason)
    with pytest.raises(IncomparableUnits) as caught:
        convert(D(1), a, b)
    assert caught.value.reason == reason


def test_incomparable_units_say_which_units_and_dimensions():
    problem = conversion_problem("亿美元", " 亿元 ")
    assert isinstance(problem, IncomparableUnits)
    assert (problem.from_unit, problem.from_dimension) == ("亿美元", "usd")
    assert (problem.to_unit, problem.to_dimension) == ("亿元", "yuan")
    assert conversion_problem("亿元", "万元") is None


def test_unknown_units_do_not_convert():
    ok, reason = can_convert("英寸", "个")
    assert not ok and "英寸" in reason
    problem = conversion_problem("个", "英寸")
    assert isinstance(problem, UnknownUnit) and problem.unit == "英寸"
    with pytest.raises(UnknownUnit):
        convert(D(1), "英寸", "个")


# -- registries built from rows (what the database holds) ------------------------


def test_a_planners_unit_works_with_magnitudes_once_in_the_registry():
    rows = [
        *SEED_UNITS,
        UnitRow("标准箱", "container", D(1)),
        UnitRow("千标准箱", "container", D(1000)),
    ]
    registry = UnitRegistry.from_rows(rows)
    assert registry.lookup("万标准箱") == UnitSpec("container", D(10) ** 4)
    assert convert(D("2.5"), "万标准箱", "千标准箱", units=registry) == D(25)
    assert "亿标准箱" in registry.known_units()
    with pytest.raises(UnknownUnit):
        lookup_unit("标准箱")  # the seed does not know it


def test_registry_refuses_rows_that_would_read_two_ways():
    with pytest.raises(ValueError, match="magnitude"):
        UnitRegistry.from_rows([UnitRow("万吨", "mass", D(10000))])
    with pytest.raises(ValueError, match="twice"):
        UnitRegistry((UnitRow("吨", "mass", D(1)), UnitRow("吨", "mass", D(1))))
    with pytest.raises(ValueError, match="positive"):
        UnitRegistry.from_rows([UnitRow("吨", "mass", D(0))])


def test_equal_tables_give_equal_registries():
    shuffled = UnitRegistry.from_rows(reversed(SEED_UNITS))
    assert shuffled == SEED_REGISTRY
    assert hash(shuffled) == hash(SEED_REGISTRY)


def test_exactness_across_a_non_terminating_ratio():
    # 1 亩 = 666.66… 平方米 is not a finite decimal; the 60-digit result is
    # within 10^-55 of it, far closer than any stored figure (6 places) can be
    # to it, so a verdict against a 平方米 target cannot flip.
    value = convert(D(1), "亩", "平方米")
    assert abs(value * 3 - 2000) < D("1E-55")
    assert abs(convert(value, "平方米", "亩") - 1) < D("1E-55")


@given(
    st.decimals(min_value=-(10**9), max_value=10**9, places=4, allow_nan=False),
    st.sampled_from(["元", "万元", "亿元", "万亿元", "千元"]),
    st.sampled_from(["元", "万元", "亿元", "万亿元", "千元"]),
)
def test_conversion_round_trips_exactly(value, a, b):
    assert convert(convert(value, a, b), b, a) == value


@given(
    st.decimals(min_value=0, max_value=10**9, places=6, allow_nan=False),
    st.sampled_from(["斤", "公斤", "吨", "万吨", "亿斤", "万亿斤"]),
    st.sampled_from(["斤", "公斤", "吨", "万吨", "亿斤", "万亿斤"]),
)
def test_mass_conversion_round_trips_exactly(value, a, b):
    # Every mass factor is an exact decimal: no rounding at all.
    assert convert(convert(value, a, b), b, a) == value
