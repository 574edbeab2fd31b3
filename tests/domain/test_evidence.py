"""Best evidence: grade first (final, later, interim), then same indicator,
period, document, id; only what was known on the day asked about."""

from datetime import date
from decimal import Decimal as D

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tracker.domain.evidence import (
    EVIDENCE_ORDERING,
    OutcomeFacts,
    TargetFacts,
    baseline_candidate,
    best_evidence,
    context_candidate,
    evidence_rank_key,
    known,
    outcome_grade,
)

TARGET = TargetFacts(
    id=1,
    comparator="at_least",
    value=D(20),
    unit="%",
    period_start=date(2020, 1, 1),
    period_end=date(2020, 12, 31),
    measure="level",
)
RATE = TargetFacts(**{**TARGET.__dict__, "measure": "rate"})
FLOW = TargetFacts(**{**TARGET.__dict__, "measure": "flow"})


def outcome(id, start, end, *, proxy=False, doc=None, value=D(1)):
    return OutcomeFacts(
        id=id,
        value=value,
        unit="%",
        period_start=start,
        period_end=end,
        is_proxy=proxy,
        document_date=doc,
    )


FULL_2020 = (date(2020, 1, 1), date(2020, 12, 31))
JAN_OCT = (date(2020, 1, 1), date(2020, 10, 31))
YEAR_2023 = (date(2023, 1, 1), date(2023, 12, 31))
YEAR_2019 = (date(2019, 1, 1), date(2019, 12, 31))


def test_final_then_later_then_interim():
    # docs/attainment.md section 5: once the period is over, a later figure
    # says more about where a level stood than an interim one; interim is what is left.
    later = outcome(3, *YEAR_2023, doc=date(2024, 3, 1))
    interim = outcome(2, *JAN_OCT, doc=date(2020, 11, 20))
    final = outcome(1, *FULL_2020, doc=date(2021, 2, 1), proxy=True)
    assert best_evidence(TARGET, [later, interim, final]) is final
    assert best_evidence(TARGET, [later, interim]) is later
    assert best_evidence(TARGET, [interim]) is interim


def test_another_years_rate_is_context_never_evidence():
    growth_2023 = outcome(3, *YEAR_2023, doc=date(2024, 3, 1))
    growth_jan_oct = outcome(2, *JAN_OCT, doc=date(2020, 11, 20))
    assert best_evidence(RATE, [growth_2023]) is None
    assert context_candidate(RATE, [growth_2023]) is growth_2023
    assert best_evidence(RATE, [growth_2023, growth_jan_oct]) is growth_jan_oct
    assert baseline_candidate(RATE, [outcome(4, *YEAR_2019)]) is None


def test_a_flow_needs_a_figure_counted_from_the_start():
    since_2016 = outcome(1, date(2016, 1, 1), date(2023, 12, 31))  # 累计
    year_2023 = outcome(2, *YEAR_2023)
    assert best_evidence(FLOW, [year_2023]) is None
    assert context_candidate(FLOW, [year_2023]) is year_2023
    assert best_evidence(FLOW, [year_2023, since_2016]) is since_2016


def test_only_what_was_known_on_the_day_counts():
    news = outcome(1, *YEAR_2019, doc=date(2023, 1, 16))
    undated = outcome(2, date(2022, 1, 1), date(2022, 12, 31))
    later = TargetFacts(**{**TARGET.__dict__, "period_end": date(2019, 12, 31),
                           "period_start": date(2019, 1, 1)})  # fmt: skip
    assert best_evidence(later, [news], as_of=date(2023, 1, 16)) is news
    assert best_evidence(later, [news], as_of=date(2023, 1, 15)) is None
    assert known([news, undated], date(2022, 12, 31)) == [undated]
    assert known([news, undated], None) == [news, undated]


def test_proxy_never_outranks_same_indicator_of_same_grade():
    proxy = outcome(9, *FULL_2020, proxy=True, doc=date(2021, 5, 1))
    own = outcome(1, *FULL_2020, doc=date(2021, 1, 1))
    assert best_evidence(TARGET, [proxy, own]) is own


def test_proxy_of_better_grade_still_wins():
    proxy_final = outcome(1, *FULL_2020, proxy=True)
    own_interim = outcome(2, *JAN_OCT)
    assert best_evidence(TARGET, [own_interim, proxy_final]) is proxy_final


def test_within_grade_latest_period_then_document_then_id():
    early = outcome(5, date(2020, 1, 1), date(2020, 6, 30), doc=date(2021, 1, 1))
    late = outcome(4, *JAN_OCT, doc=date(2020, 11, 1))
    assert best_evidence(TARGET, [early, late]) is late
    undated = outcome(7, *JAN_OCT)
    dated = outcome(6, *JAN_OCT, doc=date(2020, 11, 2))
    assert best_evidence(TARGET, [undated, dated, late]) is dated
    twin_a = outcome(10, *JAN_OCT, doc=date(2020, 11, 2))
    assert best_evidence(TARGET, [dated, twin_a]) is twin_a


def test_baseline_grade_is_never_best_evidence():
    before = outcome(1, *YEAR_2019)
    assert best_evidence(TARGET, [before]) is None
    assert best_evidence(TARGET, []) is None
    assert baseline_candidate(TARGET, [before]) is before


def test_baseline_candidate_is_the_latest_earlier_figure():
    old = outcome(1, date(2016, 1, 1), date(2016, 12, 31))
    recent = outcome(2, *YEAR_2019)
    current = outcome(3, *FULL_2020)
    assert baseline_candidate(TARGET, [old, recent, current]) is recent
    assert baseline_candidate(TARGET, [current]) is None


def test_ordering_is_published_for_sql():
    assert [column for column, _ in EVIDENCE_ORDERING] == [
        "convertible",
        "grade",
        "is_proxy",
        "period_end",
        "document_date",
        "id",
    ]


def test_rank_key_matches_published_ordering():
    o = outcome(42, *JAN_OCT, proxy=True, doc=date(2020, 11, 20))
    assert evidence_rank_key(TARGET, o) == (
        0,
        2,
        1,
        -date(2020, 10, 31).toordinal(),
        -date(2020, 11, 20).toordinal(),
        -42,
    )


def unit_outcome(id, start, end, unit, *, doc=None):
    return OutcomeFacts(
        id=id, value=D(1), unit=unit, period_start=start, period_end=end, document_date=doc
    )


def test_a_figure_that_cannot_convert_never_outranks_one_that_can():
    # A final figure in 亿元 says nothing about a % target: the later figure
    # in % is the best evidence, whatever the grades.
    final_in_money = unit_outcome(1, *FULL_2020, "亿元")
    later_in_percent = unit_outcome(2, *YEAR_2023, "%")
    assert best_evidence(TARGET, [final_in_money, later_in_percent]) is later_in_percent
    # An unknown unit does not convert either.
    unknown = unit_outcome(3, *FULL_2020, "英寸")
    assert best_evidence(TARGET, [unknown, later_in_percent]) is later_in_percent


def test_incomparable_figures_alone_are_still_the_best_evidence():
    # Shown and judged "incomparable", never dropped.
    only = unit_outcome(1, *FULL_2020, "个百分点")
    assert best_evidence(TARGET, [only]) is only


def test_the_registry_passed_decides_what_converts():
    from tracker.domain.units import SEED_UNITS, UnitRegistry, UnitRow

    # "标准箱" is unknown to the seed; a planner's registry makes it a
    # percent-like unit (contrived, but it shows the registry is what decides).
    custom = UnitRegistry.from_rows([*SEED_UNITS, UnitRow("标准箱", "percent", D(1))])
    boxes = unit_outcome(1, *FULL_2020, "标准箱")
    percent_later = unit_outcome(2, *YEAR_2023, "%")
    assert best_evidence(TARGET, [boxes, percent_later]) is percent_later
    assert best_evidence(TARGET, [boxes, percent_later], units=custom) is boxes


def test_outcome_grade_uses_the_targets_measure():
    q4 = outcome(1, date(2020, 10, 1), date(2020, 12, 31))
    assert outcome_grade(TARGET, q4) == "final"  # a share read at year end
    assert outcome_grade(FLOW, q4) == "context"  # a quarter is not the year's total
    assert outcome_grade(RATE, q4) == "interim"  # the last quarter's growth


def test_floats_are_refused():
    with pytest.raises(TypeError, match="Decimal"):
        outcome(1, *FULL_2020, value=7.0)
    with pytest.raises(TypeError, match="Decimal"):
        TargetFacts(**{**TARGET.__dict__, "value": 0.1})
    assert outcome(1, *FULL_2020, value=7).value == D(7)


def test_facts_are_validated():
    with pytest.raises(ValueError, match="comparator"):
        TargetFacts(**{**TARGET.__dict__, "comparator": "exact"})
    with pytest.raises(ValueError, match="range"):
        TargetFacts(**{**TARGET.__dict__, "comparator": "range"})
    with pytest.raises(ValueError, match="baseline"):
        TargetFacts(**{**TARGET.__dict__, "baseline_value": D(1)})
    with pytest.raises(ValueError, match="measure"):
        TargetFacts(**{**TARGET.__dict__, "measure": "stock"})
    with pytest.raises(TypeError, match="measure"):
        TargetFacts(**{k: v for k, v in TARGET.__dict__.items() if k != "measure"})
    with pytest.raises(ValueError):
        OutcomeFacts(
            id=1, value=D(1), unit="%", period_start=date(2021, 1, 1), period_end=date(2020, 1, 1)
        )


# --- properties --------------------------------------------------------------

days = st.dates(min_value=date(2015, 1, 1), max_value=date(2026, 12, 31))


@st.composite
def any_outcome(draw, id):
    start = draw(days)
    end = draw(st.dates(min_value=start, max_value=date(2027, 12, 31)))
    return OutcomeFacts(
        id=id,
        value=D(1),
        unit="%",
        period_start=start,
        period_end=end,
        is_proxy=draw(st.booleans()),
        document_date=draw(st.one_of(st.none(), days)),
    )


@given(
    st.lists(st.integers(min_value=1, max_value=10**6), min_size=1, max_size=8, unique=True),
    st.data(),
    st.sampled_from(["level", "flow", "rate"]),
    st.booleans(),
    st.one_of(st.none(), days),
)
def test_a_final_outcome_always_outranks_interim_and_later(ids, data, measure, proxy, doc):
    target = TargetFacts(**{**TARGET.__dict__, "measure": measure})
    others = [data.draw(any_outcome(i)) for i in ids[1:]]
    final = OutcomeFacts(
        id=ids[0],
        value=D(1),
        unit="%",
        period_start=data.draw(
            st.sampled_from([date(2020, 1, 1)] + ([] if measure == "rate" else [date(2019, 6, 1)]))
        ),
        period_end=date(2020, 12, 31),
        is_proxy=proxy,
        document_date=doc,
    )
    best = best_evidence(target, [*others, final])
    assert best is not None
    assert outcome_grade(target, best) == "final"


@given(st.data())
def test_proxy_never_outranks_same_grade_non_proxy(data):
    outcomes = [data.draw(any_outcome(i)) for i in range(1, 7)]
    best = best_evidence(TARGET, outcomes)
    if best is not None and best.is_proxy:
        assert not any(
            not o.is_proxy and outcome_grade(TARGET, o) == outcome_grade(TARGET, best)
            for o in outcomes
        )


@given(st.data(), st.sampled_from(["level", "flow", "rate"]))
def test_an_interim_figure_never_displaces_a_later_one(data, measure):
    # docs/attainment.md section 5: adding an interim figure never turns an
    # indicative verdict into "overdue" (the status side is in test_status.py).
    target = TargetFacts(**{**TARGET.__dict__, "measure": measure})
    outcomes = [data.draw(any_outcome(i)) for i in range(1, 6)]
    best = best_evidence(target, outcomes)
    extra_start = data.draw(st.sampled_from([date(2020, 1, 1), date(2020, 3, 1)]))
    extra_end = data.draw(st.dates(min_value=date(2020, 3, 1), max_value=date(2020, 12, 30)))
    interim = OutcomeFacts(
        id=99, value=D(1), unit="%", period_start=extra_start, period_end=extra_end
    )
    after = best_evidence(target, [*outcomes, interim])
    if best is not None and outcome_grade(target, best) in ("final", "later"):
        assert after is best


@given(st.data())
def test_a_rate_target_never_rests_on_another_period(data):
    outcomes = [data.draw(any_outcome(i)) for i in range(1, 8)]
    for pick in (best_evidence, baseline_candidate):
        chosen = pick(RATE, outcomes)
        if chosen is not None:
            assert RATE.period_start <= chosen.period_start
            assert chosen.period_end <= RATE.period_end
