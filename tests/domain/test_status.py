"""Statuses from best evidence (docs/attainment.md section 7), every branch,
each with its reason code and parameters."""

from dataclasses import replace
from datetime import date
from decimal import Decimal as D

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tracker.domain.evidence import (
    OutcomeFacts,
    TargetFacts,
    baseline_candidate,
    best_evidence,
    context_candidate,
)
from tracker.domain.reasons import Reason, reason
from tracker.domain.status import Assessment, assess, band_for, expected_on_path
from tracker.domain.units import convert

YEAR = (date(2020, 1, 1), date(2020, 12, 31))
JAN_OCT = (date(2020, 1, 1), date(2020, 10, 31))
IN_2020 = date(2020, 11, 15)
IN_2024 = date(2024, 6, 1)


def target(**fields):
    base = {
        "id": 1,
        "comparator": "at_least",
        "value": D(20),
        "unit": "%",
        "period_start": YEAR[0],
        "period_end": YEAR[1],
        "measure": "level",
    }
    return TargetFacts(**{**base, **fields})


def outcome(value, unit="%", period=YEAR, qualifier="exact", **fields):
    return OutcomeFacts(
        id=fields.pop("id", 1),
        value=D(value),
        unit=unit,
        period_start=period[0],
        period_end=period[1],
        qualifier=qualifier,
        **fields,
    )


# --- final and later ---------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "qualifier", "status"),
    [
        ("25", "exact", "met"),
        ("20", "exact", "met"),
        ("19.9", "exact", "missed"),
        ("19", "more_than", "indeterminate"),
        ("20", "more_than", "met"),
        ("20", "less_than", "missed"),
    ],
)
def test_final(value, qualifier, status):
    result = assess(target(), outcome(value, qualifier=qualifier), as_of=IN_2024)
    assert (result.status, result.grade, result.indicative) == (status, "final", False)
    assert result.reason == Reason("final_figure")


def test_design_example_more_than_2500_against_3000_is_indeterminate():
    t = target(value=D(3000), unit="亿元", measure="flow")
    result = assess(t, outcome("2500", "亿元", qualifier="more_than"), as_of=IN_2024)
    assert result.status == "indeterminate"


def test_later_is_indicative():
    # 高技术产业占比达到20%以上 (2020); 2023 reports 39.2%.
    result = assess(
        target(), outcome("39.2", period=(date(2023, 1, 1), date(2023, 12, 31))), as_of=IN_2024
    )
    assert (result.status, result.grade, result.indicative) == ("met", "later", True)
    assert result.reason == reason("later_indicative", period_end=YEAR[1])
    missed = assess(
        target(), outcome("12", period=(date(2023, 1, 1), date(2023, 12, 31))), as_of=IN_2024
    )
    assert (missed.status, missed.indicative) == ("missed", True)


def test_a_later_growth_rate_leaves_a_growth_target_overdue():
    # docs/attainment.md section 4: 技改投资增长20%以上 (2020); 2023's +29%
    # says nothing about 2020.
    growth = target(measure="rate")
    later = outcome("29", period=(date(2023, 1, 1), date(2023, 12, 31)), id=5)
    assert best_evidence(growth, [later]) is None
    context = context_candidate(growth, [later])
    result = assess(growth, None, as_of=IN_2024, context=context)
    assert (result.status, result.grade, result.evidence) == ("overdue", None, None)
    assert result.reason == reason(
        "context_only_overdue",
        period_end=YEAR[1],
        context_start=date(2023, 1, 1),
        context_end=date(2023, 12, 31),
    )
    running = assess(growth, None, as_of=IN_2020, context=context)
    assert (running.status, running.reason.code) == ("no_data", "context_only")


def test_lower_is_better_about_target():
    # 高耗能产业比重降低到30%左右: 28.1% (2022, later) and 25.3% (2023) meet it.
    t = target(comparator="about", value=D(30), direction="lower")
    assert assess(t, outcome("28.1"), as_of=IN_2024).status == "met"
    assert assess(t, outcome("31.5"), as_of=IN_2024).status == "met"  # within 5% of 30
    assert assess(t, outcome("31.6"), as_of=IN_2024).status == "missed"


def test_evidence_is_carried():
    o = outcome("25", quote="占比达25%", document_title="答复")
    result = assess(target(), o, as_of=IN_2024)
    assert result.evidence is o


# --- no evidence, overdue, incomparable ---------------------------------------


def test_no_data_while_running_and_overdue_after():
    assert assess(target(), None, as_of=IN_2020).reason == Reason("no_figure")
    assert assess(target(), None, as_of=date(2020, 12, 31)).status == "no_data"
    result = assess(target(), None, as_of=date(2021, 1, 1))
    assert (result.status, result.grade, result.evidence) == ("overdue", None, None)
    assert result.reason == Reason("no_figure_overdue", {"period_end": "2020-12-31"})


@pytest.mark.parametrize("measure", ["level", "flow", "rate"])
def test_interim_only_after_the_period_is_overdue_and_keeps_the_figure(measure):
    # The final figure is owed: the label says so, not "no data".
    o = outcome("45.5", period=JAN_OCT)
    result = assess(target(measure=measure), o, as_of=IN_2024)
    assert (result.status, result.grade, result.evidence) == ("overdue", "interim", o)
    assert result.reason == reason("final_figure_owed", interim_end=JAN_OCT[1], period_end=YEAR[1])


@pytest.mark.parametrize(
    ("unit", "dimension"), [("个百分点", "percentage_point"), ("亿元", "yuan")]
)
def test_incomparable_units(unit, dimension):
    result = assess(target(), outcome("29.6", unit), as_of=IN_2024)
    assert (result.status, result.grade) == ("incomparable", "final")
    assert result.reason == reason(
        "incomparable_units",
        from_unit=unit,
        from_dimension=dimension,
        to_unit="%",
        to_dimension="percent",
    )


def test_incomparable_later_is_still_marked_indicative():
    o = outcome("1", "亿元", period=(date(2023, 1, 1), date(2023, 12, 31)))
    result = assess(target(), o, as_of=IN_2024)
    assert (result.status, result.indicative) == ("incomparable", True)


def test_unknown_unit_is_incomparable():
    result = assess(target(), outcome("12", "英寸"), as_of=IN_2024)
    assert result.status == "incomparable"
    assert result.reason == Reason("unknown_unit", {"unit": "英寸"})


def test_baseline_or_context_grade_as_best_is_a_programming_error():
    with pytest.raises(ValueError, match="baseline"):
        assess(target(), outcome("1", period=(date(2019, 1, 1), date(2019, 12, 31))), as_of=IN_2024)
    with pytest.raises(ValueError, match="context"):
        later = outcome("1", period=(date(2023, 1, 1), date(2023, 12, 31)))
        assess(target(measure="rate"), later, as_of=IN_2024)


# --- interim, period running -------------------------------------------------


def test_interim_rate_compared_directly():
    # 规上工业增加值增长7%左右; Jan-Oct +8.5% is on track, +5% off track.
    t = target(comparator="about", value=D(7), measure="rate")
    on = assess(t, outcome("8.5", period=JAN_OCT), as_of=IN_2020)
    assert (on.status, on.grade, on.progress_ratio, on.band) == ("on_track", "interim", None, None)
    assert on.reason == reason("growth_so_far", interim_end=JAN_OCT[1])
    assert assess(t, outcome("5", period=JAN_OCT), as_of=IN_2020).status == "off_track"
    overlap = assess(t, outcome("6.5", period=JAN_OCT, qualifier="more_than"), as_of=IN_2020)
    assert overlap.status == "indeterminate"


def test_interim_flow_is_pro_rata():
    # 全年工业投资达到700亿元: by 31 Oct, 305/366 of the year has elapsed,
    # so 583.33亿元 is the pro-rata mark.
    t = target(value=D(700), unit="亿元", measure="flow")
    on = assess(t, outcome("584", "亿元", period=JAN_OCT), as_of=IN_2020)
    assert on.status == "on_track"
    assert on.expected.quantize(D("0.01")) == D("583.33")
    assert on.reason.code == "pro_rata"
    assert (on.reason.params["days"], on.reason.params["total"]) == (305, 366)
    assert on.reason.params["expected"].startswith("583.333333")
    assert assess(t, outcome("583", "亿元", period=JAN_OCT), as_of=IN_2020).status == "off_track"
    # 5.84万亿... in another unit, same verdict.
    same = assess(t, outcome("5840000", "万元", period=JAN_OCT), as_of=IN_2020)
    assert same.status == "on_track"


def test_a_flow_figure_not_counted_from_the_start_is_only_context():
    t = target(value=D(500), unit="个", measure="flow")
    o = outcome("400", "个", period=(date(2020, 3, 1), date(2020, 10, 31)))
    assert best_evidence(t, [o]) is None
    result = assess(t, None, as_of=IN_2020, context=context_candidate(t, [o]))
    assert (result.status, result.reason.code) == ("no_data", "context_only")


def test_interim_flow_lower_is_better_is_pro_rata_too():
    t = target(comparator="at_most", value=D(366), unit="万吨", measure="flow", direction="lower")
    assert assess(t, outcome("305", "万吨", period=JAN_OCT), as_of=IN_2020).status == "on_track"
    assert assess(t, outcome("306", "万吨", period=JAN_OCT), as_of=IN_2020).status == "off_track"


# --- baseline path, R and bands ----------------------------------------------

# 战略性新兴产业占比 22.8% (2016) -> 60% by 2030.
STRATEGIC = target(
    comparator="about",
    value=D(60),
    period_start=date(2017, 1, 1),
    period_end=date(2030, 12, 31),
    baseline_value=D("22.8"),
    baseline_date=date(2016, 12, 31),
)
END_2023 = (date(2023, 1, 1), date(2023, 12, 31))
AS_OF_2024 = date(2024, 3, 1)


def test_path_expected_value_and_ratio():
    result = assess(STRATEGIC, outcome("52.4", period=END_2023), as_of=AS_OF_2024)
    fraction = D(2556) / D(5113)  # days 2016-12-31 -> 2023-12-31 over -> 2030-12-31
    expected = D("22.8") + D("37.2") * fraction
    assert abs(result.expected - expected) < D("1e-20")
    ratio = (D("52.4") - D("22.8")) / (expected - D("22.8"))
    assert result.progress_ratio == ratio.quantize(D("0.0001"), rounding="ROUND_FLOOR")
    assert (result.status, result.band) == ("on_track", "on_track")
    assert result.reason == reason(
        "path",
        growth="linear",
        baseline_value=D("22.8"),
        baseline_date=date(2016, 12, 31),
        aim=D(60),
        period_end=date(2030, 12, 31),
        expected=result.expected,
    )


@pytest.mark.parametrize(
    ("value", "status", "band"),
    [
        ("52.4", "on_track", "on_track"),
        ("35", "off_track", "needs_acceleration"),
        ("25", "off_track", "limited_progress"),
        ("22.8", "off_track", "limited_progress"),
        ("20", "off_track", "deterioration"),
    ],
)
def test_path_bands(value, status, band):
    result = assess(STRATEGIC, outcome(value, period=END_2023), as_of=AS_OF_2024)
    assert (result.status, result.band) == (status, band)


def test_r_boundary_is_exact():
    # Baseline 0 -> 100 over exactly two years; at one year the path is 50,
    # so R = 0.95 at 47.5 exactly.
    t = target(
        value=D(100),
        period_start=date(2022, 1, 1),
        period_end=date(2023, 12, 31),
        baseline_value=D(0),
        baseline_date=date(2021, 12, 31),
    )
    mid = (date(2022, 1, 1), date(2022, 12, 31))
    on = assess(t, outcome("47.5", period=mid), as_of=date(2023, 2, 1))
    assert (on.status, on.progress_ratio, on.band) == ("on_track", D("0.9500"), "on_track")
    off = assess(t, outcome("47.49", period=mid), as_of=date(2023, 2, 1))
    assert (off.status, off.progress_ratio, off.band) == (
        "off_track",
        D("0.9498"),
        "needs_acceleration",
    )


def test_path_lower_is_better_mirrors():
    # 高耗能产业比重 40.1% (2016) -> 20% by 2030: progress is going down.
    t = replace(
        STRATEGIC, comparator="at_most", value=D(20), direction="lower", baseline_value=D("40.1")
    )
    on = assess(t, outcome("25.3", period=END_2023), as_of=AS_OF_2024)
    assert (on.status, on.band) == ("on_track", "on_track")
    worse = assess(t, outcome("41", period=END_2023), as_of=AS_OF_2024)
    assert (worse.status, worse.band) == ("off_track", "deterioration")


def test_compound_path():
    assert expected_on_path(
        D(100), date(2021, 12, 31), D(400), date(2023, 12, 31), date(2022, 12, 31), "compound"
    ) == D(200)
    assert expected_on_path(
        D(100), date(2021, 12, 31), D(400), date(2023, 12, 31), date(2022, 12, 31), "linear"
    ) == D(250)
    t = target(
        value=D(400),
        unit="家",
        period_start=date(2022, 1, 1),
        period_end=date(2023, 12, 31),
        baseline_value=D(100),
        baseline_date=date(2021, 12, 31),
        growth="compound",
    )
    mid = (date(2022, 12, 31), date(2022, 12, 31))
    result = assess(t, outcome("200", "家", period=mid), as_of=date(2023, 1, 15))
    assert (result.status, result.progress_ratio) == ("on_track", D(1))
    linear = assess(
        replace(t, growth="linear"), outcome("200", "家", period=mid), as_of=date(2023, 1, 15)
    )
    assert (linear.status, linear.progress_ratio) == ("off_track", D("0.6666"))


def test_compound_path_needs_positive_ends():
    t = replace(STRATEGIC, growth="compound", baseline_value=D(0))
    result = assess(t, outcome("30", period=END_2023), as_of=AS_OF_2024)
    assert result.status == "indeterminate"
    assert result.reason == reason(
        "path_impossible", growth="compound", baseline_value=D(0), aim=D(60)
    )


def test_baseline_outcome_used_when_target_has_none():
    t = replace(STRATEGIC, baseline_value=None, baseline_date=None)
    base = outcome("22.8", period=(date(2016, 1, 1), date(2016, 12, 31)), id=7)
    with_base = assess(t, outcome("35", period=END_2023), as_of=AS_OF_2024, baseline=base)
    assert (with_base.status, with_base.band) == ("off_track", "needs_acceleration")
    # Without a baseline a multi-year share is compared directly.
    direct = assess(t, outcome("35", period=END_2023), as_of=AS_OF_2024)
    assert (direct.status, direct.band) == ("off_track", None)
    assert direct.reason == Reason("multi_year_no_baseline")


def test_targets_own_baseline_wins_over_a_baseline_outcome():
    base = outcome("50", period=(date(2016, 1, 1), date(2016, 12, 31)))
    result = assess(STRATEGIC, outcome("35", period=END_2023), as_of=AS_OF_2024, baseline=base)
    assert result.band == "needs_acceleration"  # from 22.8, not 50


def test_incomparable_baseline_outcome_is_ignored():
    t = replace(STRATEGIC, baseline_value=None, baseline_date=None)
    base = outcome("22.8", "亿元", period=(date(2016, 1, 1), date(2016, 12, 31)))
    result = assess(t, outcome("35", period=END_2023), as_of=AS_OF_2024, baseline=base)
    assert result.band is None
    assert result.reason == reason(
        "baseline_unusable",
        cause="incomparable_units",
        from_unit="亿元",
        from_dimension="yuan",
        to_unit="%",
        to_dimension="percent",
    )


def test_baseline_already_past_target_compares_directly():
    t = replace(STRATEGIC, baseline_value=D(70))
    result = assess(t, outcome("65", period=END_2023), as_of=AS_OF_2024)
    assert result.status == "on_track" and result.progress_ratio is None
    assert result.reason == reason("baseline_meets_target", baseline_value=D(70), aim=D(60))


def test_single_year_target_with_baseline_compares_directly():
    t = target(
        comparator="about",
        value=D(30),
        direction="lower",
        baseline_value=D(33),
        baseline_date=date(2019, 12, 31),
    )
    result = assess(t, outcome("31", period=JAN_OCT), as_of=IN_2020)
    assert (result.status, result.progress_ratio) == ("on_track", None)
    assert result.reason == Reason("interim_level")


def test_band_for():
    assert band_for(D("0.95")) == "on_track"
    assert band_for(D("0.6")) == "needs_acceleration"
    assert band_for(D("0.5999")) == "limited_progress"
    assert band_for(D(0)) == "limited_progress"
    assert band_for(D("-0.01")) == "deterioration"


def test_assessment_defaults():
    a = Assessment("no_data", None, None, Reason("no_figure"))
    assert (a.indicative, a.progress_ratio, a.band, a.expected, a.context) == (
        False,
        None,
        None,
        None,
        None,
    )


# --- properties --------------------------------------------------------------

values = st.decimals(min_value=-(10**6), max_value=10**6, places=2, allow_nan=False)
comparators = st.sampled_from(["at_least", "more_than", "at_most", "less_than", "about", "range"])
qualifiers = st.sampled_from(
    ["exact", "at_least", "more_than", "at_most", "less_than", "about", "range"]
)
MIRROR = {
    "at_least": "at_most",
    "at_most": "at_least",
    "more_than": "less_than",
    "less_than": "more_than",
    "about": "about",
    "exact": "exact",
    "range": "range",
}


def _pair(kind, x, width):
    return (x, x + abs(width)) if kind == "range" else (x, None)


@given(
    comparators,
    qualifiers,
    values,
    values,
    values,
    values,
    st.sampled_from(["万元", "元"]),
    st.sampled_from(["higher", "lower"]),
    st.sampled_from([YEAR, JAN_OCT]),
)
def test_unit_conversion_never_changes_a_verdict(
    comparator, qualifier, x, w, v, vw, other_unit, direction, period
):
    low, high = _pair(comparator, x, w)
    t = target(
        comparator=comparator,
        value=low,
        value_high=high,
        unit="亿元",
        direction=direction,
        measure="flow" if period is JAN_OCT else "level",
    )
    v_low, v_high = _pair(qualifier, v, vw)
    in_yi = outcome(v_low, "亿元", period=period, qualifier=qualifier, value_high=v_high)
    in_other = outcome(
        convert(v_low, "亿元", other_unit),
        other_unit,
        period=period,
        qualifier=qualifier,
        value_high=None if v_high is None else convert(v_high, "亿元", other_unit),
    )
    as_of = IN_2020 if period is JAN_OCT else IN_2024
    first = assess(t, in_yi, as_of=as_of)
    second = assess(t, in_other, as_of=as_of)
    assert first.status == second.status
    assert first.expected == second.expected


@given(
    comparators,
    qualifiers,
    values,
    values,
    values,
    values,
    st.sampled_from(["higher", "lower"]),
    st.sampled_from([YEAR, END_2023]),
)
def test_flipping_the_direction_mirrors_the_verdict(
    comparator, qualifier, x, w, v, vw, direction, period
):
    low, high = _pair(comparator, x, w)
    v_low, v_high = _pair(qualifier, v, vw)
    t = target(comparator=comparator, value=low, value_high=high, direction=direction)
    o = outcome(v_low, period=period, qualifier=qualifier, value_high=v_high)
    flipped = target(
        comparator=MIRROR[comparator],
        value=-high if high is not None else -low,
        value_high=-low if high is not None else None,
        direction="lower" if direction == "higher" else "higher",
    )
    o_flipped = outcome(
        -v_high if v_high is not None else -v_low,
        period=period,
        qualifier=MIRROR[qualifier],
        value_high=-v_low if v_high is not None else None,
    )
    assert assess(t, o, as_of=IN_2024).status == assess(flipped, o_flipped, as_of=IN_2024).status


@given(
    values, st.decimals(min_value=0, max_value=100, places=2), st.sampled_from(["higher", "lower"])
)
def test_flipping_the_direction_mirrors_the_path(v, b, direction):
    sign = 1 if direction == "higher" else -1
    t = replace(
        STRATEGIC,
        comparator="at_least" if sign > 0 else "at_most",
        value=D(60) * sign,
        baseline_value=b * sign,
        direction=direction,
    )
    mirrored = replace(
        t,
        comparator=MIRROR[t.comparator],
        value=-t.value,
        baseline_value=-t.baseline_value,
        direction="lower" if direction == "higher" else "higher",
    )
    a = assess(t, outcome(v, period=END_2023), as_of=AS_OF_2024)
    m = assess(mirrored, outcome(-v, period=END_2023), as_of=AS_OF_2024)
    assert (a.status, a.band, a.progress_ratio) == (m.status, m.band, m.progress_ratio)


# --- docs/attainment.md section 5, properties --------------------------------

days = st.dates(min_value=date(2015, 1, 1), max_value=date(2026, 12, 31))


@st.composite
def figures(draw, id):
    start = draw(days)
    end = draw(st.dates(min_value=start, max_value=date(2026, 12, 31)))
    return OutcomeFacts(
        id=id,
        value=draw(st.decimals(min_value=0, max_value=100, places=1)),
        unit="%",
        period_start=start,
        period_end=end,
        is_proxy=draw(st.booleans()),
        document_date=draw(st.one_of(st.none(), days)),
    )


def _status(t, outcomes, as_of):
    return assess(
        t,
        best_evidence(t, outcomes, as_of=as_of),
        as_of=as_of,
        baseline=baseline_candidate(t, outcomes, as_of=as_of),
        context=context_candidate(t, outcomes, as_of=as_of),
    )


@given(
    st.data(),
    st.sampled_from(["level", "flow", "rate"]),
    st.dates(min_value=date(2021, 1, 1), max_value=date(2027, 12, 31)),
)
def test_an_approved_interim_figure_never_turns_a_later_verdict_overdue(data, measure, as_of):
    t = target(measure=measure)
    outcomes = [data.draw(figures(i)) for i in range(1, 5)]
    before = _status(t, outcomes, as_of)
    start = data.draw(st.sampled_from([YEAR[0], date(2019, 6, 1)]))
    end = data.draw(st.dates(min_value=date(2020, 1, 1), max_value=date(2020, 12, 30)))
    interim = OutcomeFacts(
        id=99, value=D(10), unit="%", period_start=start, period_end=end,
        document_date=data.draw(st.one_of(st.none(), st.dates(max_value=as_of))),
    )  # fmt: skip
    after = _status(t, [*outcomes, interim], as_of)
    if before.grade == "later":
        assert after.status != "overdue"
        assert (after.status, after.grade, after.evidence) == (
            before.status,
            before.grade,
            before.evidence,
        )


@given(st.data(), st.dates(min_value=date(2020, 1, 1), max_value=date(2027, 12, 31)))
def test_no_rate_target_is_ever_judged_on_another_period(data, as_of):
    t = target(measure="rate")
    outcomes = [data.draw(figures(i)) for i in range(1, 7)]
    result = _status(t, outcomes, as_of)
    if result.evidence is not None:
        assert t.period_start <= result.evidence.period_start
        assert result.evidence.period_end <= t.period_end
    assert result.grade != "later" and not result.indicative


# --- interim figures: the grade and the figure travel with every verdict ---
# (mutation testing of status.py, docs/testing.md section 6: the interim
# assessments' grade and evidence, and the aim of a range where lower is
# better, were not checked)

PATH_TARGET = target(
    value=D(100),
    period_start=date(2022, 1, 1),
    period_end=date(2023, 12, 31),
    baseline_value=D(0),
    baseline_date=date(2021, 12, 31),
)
MID = (date(2022, 1, 1), date(2022, 12, 31))


@pytest.mark.parametrize(
    ("facts", "code"),
    [
        (target(period_end=date(2023, 12, 31)), "multi_year_no_baseline"),
        (replace(PATH_TARGET, baseline_date=date(2023, 1, 31)), "baseline_not_earlier"),
        (replace(PATH_TARGET, baseline_value=D(120)), "baseline_meets_target"),
        (replace(PATH_TARGET, growth="compound"), "path_impossible"),
        (PATH_TARGET, "path"),
    ],
    ids=lambda value: value if isinstance(value, str) else "",
)
def test_every_interim_verdict_names_its_grade_and_its_figure(facts, code):
    figure = outcome("47.5", period=MID)
    result = assess(facts, figure, as_of=date(2023, 2, 1))
    assert result.reason.code == code
    assert (result.grade, result.evidence) == ("interim", figure)


def test_a_range_where_lower_is_better_aims_its_path_at_the_high_end():
    # 30 (2021) -> between 10 and 15 by 2023: the path runs to 15, the end
    # that is reached first when coming down.
    facts = replace(
        PATH_TARGET,
        comparator="range",
        value=D(10),
        value_high=D(15),
        direction="lower",
        baseline_value=D(30),
    )
    result = assess(facts, outcome("22.5", period=MID), as_of=date(2023, 2, 1))
    assert result.reason.code == "path"
    assert (
        result.reason.params["aim"]
        == reason("path_impossible", growth="linear", baseline_value=D(30), aim=D(15)).params["aim"]
    )
    assert (result.status, result.progress_ratio) == ("on_track", D("1.0000"))


def test_a_range_where_higher_is_better_aims_its_path_at_the_low_end():
    facts = replace(PATH_TARGET, comparator="range", value=D(80), value_high=D(100))
    result = assess(facts, outcome("40", period=MID), as_of=date(2023, 2, 1))
    assert result.reason.code == "path"
    aim = reason("path_impossible", growth="linear", baseline_value=D(0), aim=D(80))
    assert result.reason.params["aim"] == aim.params["aim"]
