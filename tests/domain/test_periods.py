"""Evidence grades from periods and measures (docs/attainment.md section 4),
what was known on a date, and elapsed time for pro-rata."""

from datetime import date
from decimal import Decimal as D

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tracker.domain.periods import (
    EVIDENCE_ORDER,
    elapsed_fraction,
    grade,
    inclusive_days,
    known_on,
    period_is_over,
)

S, E = date(2020, 1, 1), date(2020, 12, 31)


# Each row: the outcome period, then its grade for a level, a flow, a rate.
GRADES = [
    # The period's own figure.
    ((date(2020, 1, 1), date(2020, 12, 31)), ("final", "final", "final")),
    # Ends at E, started before S: a two-year total or growth is not 2020's
    # growth; a flow counted from earlier still covers [S, E] (累计).
    ((date(2019, 1, 1), date(2020, 12, 31)), ("final", "final", "context")),
    # Ends at E, starts late (Q4): a level's year-end reading is final; a
    # flow not counted from S says nothing; a rate inside the period is interim.
    ((date(2020, 10, 1), date(2020, 12, 31)), ("final", "context", "interim")),
    ((date(2020, 1, 1), date(2020, 10, 31)), ("interim", "interim", "interim")),  # Jan-Oct
    ((date(2020, 6, 30), date(2020, 6, 30)), ("interim", "context", "interim")),  # a date mid-year
    ((date(2019, 12, 1), date(2020, 5, 31)), ("interim", "interim", "context")),  # straddles S
    ((date(2020, 1, 1), date(2020, 1, 1)), ("interim", "interim", "interim")),  # ends on S
    ((date(2023, 1, 1), date(2023, 12, 31)), ("later", "context", "context")),  # 2023
    ((date(2022, 1, 1), date(2022, 10, 31)), ("later", "context", "context")),  # Jan-Oct 2022
    # Counted from S (or earlier) and running past E: a later total (累计).
    ((date(2016, 1, 1), date(2023, 12, 31)), ("later", "later", "context")),
    ((date(2020, 1, 1), date(2021, 1, 1)), ("later", "later", "context")),  # one day past E
    ((date(2019, 1, 1), date(2019, 12, 31)), ("baseline", "context", "context")),  # year before
    ((date(2016, 12, 31), date(2016, 12, 31)), ("baseline", "context", "context")),
]


@pytest.mark.parametrize(("period", "grades"), GRADES)
def test_grade_by_measure(period, grades):
    found = tuple(grade(S, E, *period, measure=m) for m in ("level", "flow", "rate"))
    assert found == grades


def test_a_level_is_final_at_its_deadline_whatever_its_start():
    # The 2030 reading of a 2017-2030 share target.
    assert (
        grade(date(2017, 1, 1), date(2030, 12, 31), date(2030, 12, 31), date(2030, 12, 31),
              measure="level")
        == "final"
    )  # fmt: skip


def test_grade_refuses_reversed_periods_and_unknown_measures():
    with pytest.raises(ValueError):
        grade(E, S, S, E, measure="level")
    with pytest.raises(ValueError):
        grade(S, E, E, S, measure="level")
    with pytest.raises(ValueError, match="measure"):
        grade(S, E, S, E, measure="stock")


def test_evidence_order_once_the_period_is_over():
    # docs/attainment.md section 5: final, then later, then interim.
    assert EVIDENCE_ORDER == ("final", "later", "interim")


days = st.dates(min_value=date(2015, 1, 1), max_value=date(2027, 12, 31))


@given(days, days)
def test_a_rate_is_only_ever_graded_on_its_own_period(a, b):
    start, end = min(a, b), max(a, b)
    found = grade(S, E, start, end, measure="rate")
    inside = start >= S and end <= E
    assert (found != "context") == inside
    assert found not in ("later", "baseline")


@given(days, days)
def test_a_flow_speaks_only_when_counted_from_the_start(a, b):
    start, end = min(a, b), max(a, b)
    found = grade(S, E, start, end, measure="flow")
    if found != "context":
        assert start <= S and end >= S
    assert found != "baseline"


def test_known_on_a_day():
    # A dated document counts from its publication day ...
    assert known_on(date(2023, 1, 16), date(2022, 12, 31), date(2023, 1, 16))
    assert not known_on(date(2023, 1, 16), date(2022, 12, 31), date(2023, 1, 15))
    # ... an undated one from the end of the period its figure covers.
    assert known_on(None, date(2023, 12, 31), date(2023, 12, 31))
    assert not known_on(None, date(2023, 12, 31), date(2023, 12, 30))


def test_inclusive_days():
    assert inclusive_days(S, E) == 366
    assert inclusive_days(S, S) == 1


@pytest.mark.parametrize(
    ("at", "expected"),
    [
        (date(2019, 12, 31), D(0)),
        (date(2020, 1, 1), D(1) / D(366)),
        (date(2020, 10, 31), D(305) / D(366)),
        (date(2020, 6, 30), D(182) / D(366)),
        (date(2020, 12, 31), D(1)),
        (date(2021, 3, 1), D(1)),
    ],
)
def test_elapsed_fraction_counts_days_inclusively(at, expected):
    assert elapsed_fraction(S, E, at) == expected


def test_period_is_over_the_day_after():
    assert not period_is_over(E, E)
    assert period_is_over(E, date(2021, 1, 1))
