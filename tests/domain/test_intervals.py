"""Interval verdicts: inside met, disjoint missed, overlap indeterminate."""

from decimal import Decimal as D

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from tracker.domain.intervals import (
    Interval,
    compare,
    default_tolerance,
    outcome_interval,
    target_interval,
)

INF = None


@pytest.mark.parametrize(
    ("comparator", "value", "high", "direction", "tolerance", "expected"),
    [
        ("at_least", D(20), None, "higher", None, Interval(D(20), INF, True, False)),
        ("more_than", D(2500), None, "higher", None, Interval(D(2500), INF, False, False)),
        ("at_most", D(30), None, "lower", None, Interval(INF, D(30), False, True)),
        ("less_than", D(5), None, "lower", None, Interval(INF, D(5), False, False)),
        ("about", D(7), None, "higher", None, Interval(D("6.65"), INF, True, False)),
        ("about", D(30), None, "lower", None, Interval(INF, D("31.50"), False, True)),
        ("about", D(7), None, "higher", D("0.5"), Interval(D("6.5"), INF, True, False)),
        ("range", D(20), D(30), "higher", None, Interval(D(20), D(30))),
        # The comparator decides; the direction only matters for "about".
        ("at_least", D(4), None, "lower", None, Interval(D(4), INF, True, False)),
    ],
)
def test_target_interval(comparator, value, high, direction, tolerance, expected):
    assert target_interval(comparator, value, high, direction, tolerance) == expected


def test_targets_never_exact():
    with pytest.raises(ValueError, match="exact"):
        target_interval("exact", D(1), None, "higher", None)


@pytest.mark.parametrize(
    ("qualifier", "value", "high", "expected"),
    [
        ("exact", D(7), None, Interval(D(7), D(7))),
        ("at_least", D(100), None, Interval(D(100), INF, True, False)),
        ("more_than", D(2500), None, Interval(D(2500), INF, False, False)),
        ("at_most", D(3), None, Interval(INF, D(3), False, True)),
        ("less_than", D(5), None, Interval(INF, D(5), False, False)),
        ("about", D(1980), None, Interval(D(1881), D(2079))),
        ("range", D(20), D(30), Interval(D(20), D(30))),
    ],
)
def test_outcome_interval(qualifier, value, high, expected):
    assert outcome_interval(qualifier, value, high) == expected


def test_default_tolerance_is_five_percent_of_magnitude():
    assert default_tolerance(D(7)) == D("0.35")
    assert default_tolerance(D(-40)) == D(2)


def test_empty_intervals_are_refused():
    with pytest.raises(ValueError):
        Interval(D(2), D(1))
    with pytest.raises(ValueError):
        Interval(D(1), D(1), True, False)


def test_infinite_ends_are_open():
    assert Interval(None, D(1), True, True) == Interval(None, D(1), False, True)


@pytest.mark.parametrize(
    ("outcome", "satisfying", "verdict"),
    [
        # docs/attainment.md section 3: 超过2500亿元 against 3000亿元 overlaps,
        # so it is indeterminate.
        (("more_than", 2500), ("at_least", 3000), "indeterminate"),
        (("more_than", 20), ("at_least", 20), "met"),  # 超过X vs X以上
        (("at_least", 20), ("more_than", 20), "indeterminate"),  # X itself fails
        (("less_than", 20), ("at_least", 20), "missed"),  # 不到X vs X以上
        (("at_most", 20), ("at_least", 20), "indeterminate"),  # touches at X
        (("at_most", 20), ("more_than", 20), "missed"),
        (("exact", 20), ("at_least", 20), "met"),
        (("exact", 20), ("more_than", 20), "missed"),
        (("exact", 20), ("less_than", 20), "missed"),
        (("exact", 20), ("at_most", 20), "met"),
    ],
)
def test_open_and_closed_ends(outcome, satisfying, verdict):
    o = outcome_interval(outcome[0], D(outcome[1]))
    s = target_interval(satisfying[0], D(satisfying[1]), None, "higher", None)
    assert compare(o, s) == verdict


def test_about_outcome_against_about_target():
    # 1980家左右 = [1881, 2079] against 2000 about (>= 1900): overlaps.
    o = outcome_interval("about", D(1980))
    assert compare(o, target_interval("about", D(2000), None, "higher", None)) == "indeterminate"
    assert compare(o, target_interval("about", D(1800), None, "higher", None)) == "met"


def test_map_affine_swaps_ends_for_negative_scale():
    assert Interval(D(1), D(2), True, False).map_affine(D(-1)) == Interval(
        D(-2), D(-1), False, True
    )
    assert Interval(D(1), None, False).map_affine(D(2), D(1)) == Interval(D(3), None, False)


# --- properties --------------------------------------------------------------

ends = st.one_of(st.none(), st.integers(min_value=-6, max_value=6))


@st.composite
def intervals(draw):
    low, high = draw(ends), draw(ends)
    low_closed, high_closed = draw(st.booleans()), draw(st.booleans())
    if low is not None and high is not None:
        if low > high:
            low, high = high, low
        if low == high:
            low_closed = high_closed = True
    return Interval(
        None if low is None else D(low), None if high is None else D(high), low_closed, high_closed
    )


GRID = [D(n) / 2 for n in range(-16, 17)]  # half steps beyond every finite end


@given(intervals(), intervals())
def test_compare_agrees_with_point_membership(outcome, satisfying):
    points = [p for p in GRID if p in outcome]
    assume(points)  # integer ends: every non-empty interval holds a grid point
    inside = [p in satisfying for p in points]
    verdict = compare(outcome, satisfying)
    if verdict == "met":
        assert all(inside)
    elif verdict == "missed":
        assert not any(inside)
    else:
        assert any(inside) and not all(inside)


finite = st.decimals(min_value=-1000, max_value=1000, places=2, allow_nan=False)
positive = st.decimals(min_value=D("0.01"), max_value=100, places=2)


@given(
    st.sampled_from(["at_least", "more_than", "at_most", "less_than", "about", "range"]),
    st.sampled_from(["higher", "lower"]),
    finite,
    positive,
    positive,
    positive,
)
def test_outcome_strictly_inside_is_met_and_disjoint_is_missed(
    comparator, direction, x, width, gap, length
):
    high = x + width if comparator == "range" else None
    satisfying = target_interval(comparator, x, high, direction, None)
    low_end, high_end = satisfying.low, satisfying.high
    # Strictly inside: an interval away from both ends.
    start = (low_end + gap) if low_end is not None else (high_end - gap - length)
    if comparator == "range":
        start, length = low_end + width / 4, width / 2
    inside = Interval(start, start + length)
    assert compare(inside, satisfying) == "met"
    # Disjoint: an interval beyond a finite end.
    if low_end is not None:
        outside = Interval(low_end - gap - length, low_end - gap)
    else:
        outside = Interval(high_end + gap, high_end + gap + length)
    assert compare(outside, satisfying) == "missed"
    # Straddling a finite end: indeterminate.
    edge = low_end if low_end is not None else high_end
    assert compare(Interval(edge - gap, edge + gap), satisfying) == "indeterminate"


@pytest.mark.parametrize(
    ("interval", "text"),
    [
        (Interval(D(20), None), "[20, inf)"),
        (Interval(None, D(30)), "(-inf, 30]"),
        (Interval(D(2500), None, low_closed=False), "(2500, inf)"),
        (Interval(None, D(5), high_closed=False), "(-inf, 5)"),
        (Interval(D(20), D(30)), "[20, 30]"),
    ],
)
def test_intervals_print_in_the_notation_of_the_docs(interval, text):
    """The notation of docs/attainment.md section 3, as a failing test or a
    log shows an interval (mutation testing, issue 14)."""
    assert str(interval) == text
