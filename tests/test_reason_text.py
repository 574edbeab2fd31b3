"""Every reason code renders in both languages, from its parameters."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.utils import translation

from tracker.domain.reasons import reason
from tracker.reason_text import render_reason
from tracker.vocabulary import REASON_CODES

# One example of each code, with the parameters the domain gives it.
EXAMPLES = {
    "no_figure": reason("no_figure"),
    "no_figure_overdue": reason("no_figure_overdue", period_end=date(2020, 12, 31)),
    "context_only": reason(
        "context_only",
        period_end=date(2020, 12, 31),
        context_start=date(2023, 1, 1),
        context_end=date(2023, 12, 31),
    ),
    "context_only_overdue": reason(
        "context_only_overdue",
        period_end=date(2020, 12, 31),
        context_start=date(2022, 1, 1),
        context_end=date(2022, 10, 31),
    ),
    "final_figure": reason("final_figure"),
    "later_indicative": reason("later_indicative", period_end=date(2020, 12, 31)),
    "final_figure_owed": reason(
        "final_figure_owed", interim_end=date(2020, 10, 31), period_end=date(2020, 12, 31)
    ),
    "pro_rata": reason("pro_rata", days=305, total=366, expected=Decimal("583.333333")),
    "interim_level": reason("interim_level"),
    "growth_so_far": reason("growth_so_far", interim_end=date(2020, 10, 31)),
    "multi_year_no_baseline": reason("multi_year_no_baseline"),
    "baseline_not_single": reason("baseline_not_single", baseline_end=date(2016, 12, 31)),
    "baseline_unusable": reason(
        "baseline_unusable",
        cause="incomparable_units",
        from_unit="亿元",
        from_dimension="yuan",
        to_unit="%",
        to_dimension="percent",
    ),
    "baseline_not_earlier": reason("baseline_not_earlier", baseline_date=date(2023, 12, 31)),
    "baseline_meets_target": reason(
        "baseline_meets_target", baseline_value=Decimal(70), aim=Decimal(60)
    ),
    "path": reason(
        "path",
        growth="linear",
        baseline_value=Decimal("22.8"),
        baseline_date=date(2016, 12, 31),
        aim=Decimal(60),
        period_end=date(2030, 12, 31),
        expected=Decimal("41.396"),
    ),
    "path_impossible": reason(
        "path_impossible", growth="compound", baseline_value=Decimal(0), aim=Decimal(60)
    ),
    "incomparable_units": reason(
        "incomparable_units",
        from_unit="个百分点",
        from_dimension="percentage_point",
        to_unit="%",
        to_dimension="percent",
    ),
    "unknown_unit": reason("unknown_unit", unit="英寸"),
}


def test_every_code_has_an_example():
    assert set(EXAMPLES) == set(REASON_CODES)


@pytest.mark.parametrize("code", REASON_CODES)
def test_every_reason_code_renders(code):
    example = EXAMPLES[code]
    with translation.override("zh-hans"):
        zh = render_reason(example.code, example.params)
    with translation.override("en"):
        en = render_reason(example.code, example.params)
    assert zh and en and zh != en
    assert code not in (zh, en) and "%(" not in zh + en  # never a raw code or placeholder


@pytest.mark.parametrize(
    ("code", "zh", "en"),
    [
        (
            "pro_rata",
            "按时间进度折算比较：考核期已过305/366天，应达583.33",
            "compared pro rata: 305/366 days of the period elapsed, 583.33 expected",
        ),
        (
            "context_only_overdue",
            "只有其他时期的数据（2022年1–10月），不能说明本考核期；"
            "考核期已于2020年12月31日结束，未报告本期数据",
            "only a figure for another period (Jan–Oct 2022), which says nothing about this "
            "one; the period ended on 31 Dec 2020 and no figure for it was reported",
        ),
        (
            "final_figure_owed",
            "未报告终期数据：只有截至2020年10月31日的期中数据；考核期已于2020年12月31日结束",
            "final figure not reported: only an interim figure (to 31 Oct 2020); "
            "the period ended on 31 Dec 2020",
        ),
        (
            "incomparable_units",
            "个百分点（百分点）无法换算为目标的单位%（百分比）",
            "个百分点 (percentage points) cannot convert to the target's unit % (percent)",
        ),
    ],
)
def test_reasons_read_naturally(code, zh, en):
    example = EXAMPLES[code]
    with translation.override("zh-hans"):
        assert render_reason(example.code, example.params) == zh
    with translation.override("en"):
        assert render_reason(example.code, example.params) == en


def test_no_code_renders_as_nothing():
    assert render_reason("", {}) == ""
