"""Status counts and attainment rates over lead and all assignments."""

from decimal import Decimal as D

import pytest

from tracker.domain.reasons import Reason
from tracker.domain.rollup import Rate, RollupResult, rollup, rollup_by
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
