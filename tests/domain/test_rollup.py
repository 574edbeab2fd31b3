"""Status counts and attainment rates over lead and all assignments."""

from decimal import Decimal as D

import pytest

from tracker.domain.reasons import Reason
from tracker.domain.rollup import Rate, Reporting, RollupResult, rollup, rollup_by
from tracker.domain.status import Assessment
from tracker.vocabulary import STATUSES


def a(status, grade):
    return Assessment(status, grade, None, Reason("final_figure"), indicative=grade == "later")


def test_rates_over_lead_and_all():
    result = rollup(
        [
            (a("met", "final"), "lead"),
            (a("missed", "final"), "lead"),
            (a("met", "later"), "lead"),
            (a("met", "final"), "support"),
            (a("missed", "later"), "support"),
            (a("indeterminate", "final"), "lead"),
            (a("on_track", "interim"), "support"),
            (a("overdue", None), "lead"),
        ]
    )
    # Final only: met 2, missed 1 over all; met 1, missed 1 over lead.
    assert result.confirmed == Rate(2, 1)
    assert result.confirmed_rate == D(2) / D(3)
    assert result.confirmed_rate.quantize(D("0.0001")) == D("0.6667")
    assert result.lead_confirmed_rate == D("0.5")
    # Final and later: all met 3, missed 2; lead met 2, missed 1.
    assert result.indicative_rate == D("0.6")
    assert result.lead_indicative_rate == D(2) / D(3)
    assert result.counts["met"] == 3 and result.counts["overdue"] == 1
    assert result.lead_counts["missed"] == 1 and result.lead_counts["on_track"] == 0
    assert (result.total, result.lead_total) == (8, 5)


def test_every_status_is_counted_even_when_zero():
    result = rollup([])
    assert set(result.counts) == set(STATUSES)
    assert set(result.lead_counts) == set(STATUSES)
    assert result.total == 0


def test_rates_are_none_without_a_denominator():
    result = rollup([(a("indeterminate", "final"), "lead"), (a("met", "later"), "support")])
    assert result.confirmed_rate is None
    assert result.lead_indicative_rate is None
    assert result.indicative_rate == D(1)


def test_indeterminate_is_not_a_miss():
    result = rollup([(a("met", "final"), "lead"), (a("indeterminate", "final"), "lead")])
    assert result.confirmed_rate == D(1)


def test_unknown_role_is_refused():
    with pytest.raises(ValueError, match="role"):
        rollup([(a("met", "final"), "owner")])


def test_rollup_by_unit():
    rows = [
        ("市工信局", a("met", "final"), "lead"),
        ("市工信局", a("missed", "final"), "lead"),
        ("市发展改革委", a("met", "final"), "support"),
    ]
    by_unit = rollup_by(rows)
    assert set(by_unit) == {"市工信局", "市发展改革委"}
    assert by_unit["市工信局"].lead_confirmed_rate == D("0.5")
    assert by_unit["市发展改革委"].confirmed_rate == D(1)
    assert by_unit["市发展改革委"].lead_confirmed_rate is None


def test_empty_result_defaults():
    assert RollupResult().confirmed_rate is None


def test_reporting_rate_counts_final_figures_among_targets_whose_period_is_over():
    result = rollup(
        [
            (a("met", "final"), "lead", True),
            (a("missed", "final"), "support", True),
            (a("met", "later"), "lead", True),  # indicative verdict, not reported
            (a("overdue", "interim"), "lead", True),
            (a("overdue", None), "support", True),
            (a("incomparable", "final"), "lead", True),  # a final figure was reported
            (a("on_track", "interim"), "lead", False),  # not due yet
            (a("no_data", None), "support", False),
        ]
    )
    assert result.reporting == Reporting(reported=3, due=6)
    assert result.reporting.value == D("0.5")
    assert (result.reporting.numerator, result.reporting.denominator) == (3, 6)
    assert result.lead_reporting == Reporting(reported=2, due=4)


def test_a_unit_with_many_overdue_targets_cannot_look_good():
    # docs/attainment.md section 9: 100% confirmed on one target, yet nine of
    # ten are owed.
    rows = [(a("met", "final"), "lead", True)] + [(a("overdue", None), "lead", True)] * 9
    result = rollup(rows)
    assert result.confirmed_rate == D(1)
    assert result.reporting.value == D("0.1")
    assert (result.behind, result.lead_behind) == (9, 9)


def test_reporting_is_none_when_no_period_is_over_or_it_is_not_known():
    assert rollup([(a("on_track", "interim"), "lead", False)]).reporting.value is None
    assert rollup([(a("met", "final"), "lead")]).reporting is None


def test_rollup_by_passes_the_period_flag():
    grouped = rollup_by(
        [(1, a("met", "final"), "lead", True), (2, a("no_data", None), "lead", False)]
    )
    assert grouped[1].reporting == Reporting(1, 1)
    assert grouped[2].reporting == Reporting(0, 0)
