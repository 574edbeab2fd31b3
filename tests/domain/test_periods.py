"""Evidence grades from periods, and elapsed time for pro-rata."""

from datetime import date
from decimal import Decimal as D

import pytest

from tracker.domain.periods import (
    GRADE_ORDER,
    elapsed_fraction,
    grade,
    inclusive_days,
    period_is_over,
)

S, E = date(2020, 1, 1), date(2020, 12, 31)


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        (date(2020, 1, 1), date(2020, 12, 31), "final"),  # full year 2020
        (date(2019, 1, 1), date(2020, 12, 31), "final"),  # covers, ends at E
        (date(2020, 1, 1), date(2020, 10, 31), "interim"),  # Jan-Oct
        (date(2020, 6, 30), date(2020, 6, 30), "interim"),  # a stock mid-year
        (date(2019, 12, 1), date(2020, 5, 31), "interim"),  # straddles S
        (date(2020, 1, 1), date(2020, 1, 1), "interim"),  # ends on S itself
        (date(2023, 1, 1), date(2023, 12, 31), "later"),  # a 2023 figure
        (date(2022, 1, 1), date(2022, 10, 31), "later"),  # Jan-Oct 2022
        (date(2016, 1, 1), date(2023, 12, 31), "later"),  # covers but runs past E
        (date(2020, 1, 1), date(2021, 1, 1), "later"),  # one day past E
        (date(2019, 1, 1), date(2019, 12, 31), "baseline"),  # the year before
        (date(2016, 12, 31), date(2016, 12, 31), "baseline"),
    ],
)
def test_grade(start, end, expected):
    assert grade(S, E, start, end) == expected


def test_figure_ending_at_e_but_starting_late():
    # Q4 only: not the year's total for an accumulating target...
    assert grade(S, E, date(2020, 10, 1), E, accumulates=True) == "interim"
    # ...but the year-end reading of a share or stock is final.
    assert grade(S, E, date(2020, 10, 1), E, accumulates=False) == "final"
    assert (
        grade(
            date(2017, 1, 1),
            date(2030, 12, 31),
            date(2030, 12, 31),
            date(2030, 12, 31),
            accumulates=False,
        )
        == "final"
    )


def test_grade_refuses_reversed_periods():
    with pytest.raises(ValueError):
        grade(E, S, S, E)
    with pytest.raises(ValueError):
        grade(S, E, E, S)


def test_grade_order():
    assert GRADE_ORDER == ("final", "interim", "later", "baseline")


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
