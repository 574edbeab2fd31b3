"""Figures as people read them."""

from decimal import Decimal as D

import pytest

from tracker.domain.display import describe_target, format_decimal, status_label


@pytest.mark.parametrize(
    ("comparator", "value", "high", "unit", "text"),
    [
        ("at_least", D("20"), None, "%", "≥ 20%"),
        ("more_than", D("2500"), None, "亿元", "> 2500亿元"),
        ("about", D("7.0"), None, "%", "≈ 7%"),
        ("at_most", D("30"), None, "%", "≤ 30%"),
        ("less_than", D("5"), None, "%", "< 5%"),
        ("range", D("20"), D("30"), "%", "20–30%"),
        ("range", D("20"), D("30"), "家", "20–30家"),
        ("at_least", D("2.10"), None, "%", "≥ 2.1%"),
        ("exact", D("1.0"), None, "万亿元", "1万亿元"),
        ("exact", D("4.8"), None, "万个", "4.8万个"),
        ("at_least", D("700"), None, "亿元", "≥ 700亿元"),
    ],
)
def test_describe_target(comparator, value, high, unit, text):
    assert describe_target(comparator, value, high, unit) == text


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (D("7"), "7"),
        (D("7.00"), "7"),
        (D("2500"), "2500"),
        (D("2.5E+3"), "2500"),
        (D("0.1300"), "0.13"),
        (D("-0.0"), "0"),
        (D("-4.50"), "-4.5"),
    ],
)
def test_format_decimal(value, text):
    assert format_decimal(value) == text


def test_describe_target_rejects_unknown_comparators():
    with pytest.raises(ValueError):
        describe_target("roughly", D(1), None, "%")
    with pytest.raises(ValueError):
        describe_target("range", D(1), None, "%")


def test_status_label_shows_grade():
    assert status_label("met", "later") == "met · later"
    assert status_label("no_data", None) == "no_data"
