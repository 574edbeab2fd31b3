"""Reasons are codes with JSON-safe parameters, never sentences."""

import json
from datetime import date
from decimal import Decimal as D

import pytest

from tracker.domain.reasons import Reason, reason, unit_reason
from tracker.domain.units import IncomparableUnits, UnknownUnit, convert
from tracker.vocabulary import REASON_CODES


def test_parameters_are_stored_as_plain_words_and_numbers():
    r = reason("pro_rata", days=305, total=366, expected=D("583.3300"))
    assert r.as_dict() == {"days": 305, "total": 366, "expected": "583.33"}
    assert reason("no_figure_overdue", period_end=date(2020, 12, 31)).params == {
        "period_end": "2020-12-31"
    }
    assert json.loads(json.dumps(r.as_dict())) == r.as_dict()


def test_unknown_codes_and_unstorable_parameters_are_refused():
    with pytest.raises(ValueError, match="unknown reason code"):
        Reason("compared pro rata: 305/366 days")
    with pytest.raises(TypeError):
        reason("pro_rata", days=305.0)
    with pytest.raises(TypeError):
        reason("pro_rata", over=True)
    with pytest.raises(TypeError):
        Reason("no_figure", {"when": date(2020, 1, 1)})


def test_reasons_are_values_and_read_only():
    assert reason("no_figure") == Reason("no_figure", {})
    assert hash(reason("pro_rata", days=1)) == hash(Reason("pro_rata", {"days": 1}))
    r = reason("pro_rata", days=1)
    with pytest.raises(TypeError):
        r.params["days"] = 2  # type: ignore[index]


def test_reasons_differ_when_the_code_or_a_parameter_differs():
    # Tests compare whole reasons (code and parameters): equality must look at
    # both, or a wrong figure in a reason passes (mutation testing, issue 14).
    assert reason("pro_rata", days=1) != reason("pro_rata", days=2)
    assert reason("no_figure") != reason("no_figure_overdue")
    assert reason("no_figure") != "no_figure"


def test_unit_problems_become_codes_from_the_exception_attributes():
    with pytest.raises(IncomparableUnits) as caught:
        convert(D(1), "亿元", "%")
    error = caught.value
    assert (error.from_unit, error.from_dimension, error.to_unit, error.to_dimension) == (
        "亿元",
        "yuan",
        "%",
        "percent",
    )
    assert unit_reason(error) == reason(
        "incomparable_units",
        from_unit="亿元",
        from_dimension="yuan",
        to_unit="%",
        to_dimension="percent",
    )
    with pytest.raises(UnknownUnit) as unknown:
        convert(D(1), "英寸", "%")
    assert unit_reason(unknown.value) == Reason("unknown_unit", {"unit": "英寸"})


def test_the_codes_are_the_stored_vocabulary():
    assert len(set(REASON_CODES)) == len(REASON_CODES)
    for code in REASON_CODES:
        assert Reason(code).code == code
