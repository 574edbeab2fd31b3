"""Figures, periods, rates and statuses as the pages write them, per language."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.utils import translation

from tracker.formatting import percent_text, period_text, rate_text, ratio_text, status_badge


@pytest.mark.parametrize(
    ("start", "end", "zh", "en"),
    [
        (date(2020, 1, 1), date(2020, 12, 31), "2020年", "2020"),
        (date(2022, 1, 1), date(2022, 10, 31), "2022年1–10月", "Jan–Oct 2022"),
        (date(2022, 3, 1), date(2022, 3, 31), "2022年3月", "Mar 2022"),
        (date(2016, 1, 1), date(2020, 12, 31), "2016–2020年", "2016–2020"),
        (date(2019, 7, 1), date(2020, 6, 30), "2019年7月–2020年6月", "Jul 2019–Jun 2020"),
        (date(2023, 12, 31), date(2023, 12, 31), "2023年12月31日", "31 Dec 2023"),
        (
            date(2020, 4, 14),
            date(2020, 12, 31),
            "2020年4月14日 – 2020年12月31日",
            "14 Apr 2020 – 31 Dec 2020",
        ),
    ],
)
def test_period_text(start, end, zh, en):
    with translation.override("zh-hans"):
        assert period_text(start, end) == zh
    with translation.override("en"):
        assert period_text(start, end) == en


def test_rates_round_half_up_and_never_invent_a_rate():
    with translation.override("zh-hans"):
        assert rate_text(2, 1) == "66.7%（2/3）"
        assert rate_text(0, 0) == "—"
        assert percent_text(Decimal("0.0005")) == "0.1%"
        assert percent_text(None) == "—"
    with translation.override("en"):
        assert rate_text(1, 7) == "12.5% (1/8)"


def test_ratio_keeps_four_places():
    assert ratio_text(Decimal("0.9499")) == "0.9499"
    assert ratio_text(None) == "—"


def test_status_badge_marks_indicative_verdicts():
    with translation.override("zh-hans"):
        badge = status_badge("met", "later", True)
        assert 'class="badge st-met indicative"' in badge
        assert ">已完成 · 事后（参考）<" in badge
        assert ">未完成 · 终期<" in status_badge("missed", "final")
        assert ">暂无数据<" in status_badge("no_data", None)
    with translation.override("en"):
        assert ">met · later (indicative)<" in status_badge("met", "later", True)


def test_overdue_says_whether_a_final_figure_is_owed_or_nothing_came():
    # DESIGN.md 6: interim only, period over -> "final figure not reported",
    # never "no data".
    with translation.override("zh-hans"):
        assert ">逾期 · 未报告终期数据<" in status_badge("overdue", "interim")
        assert ">逾期 · 无本期数据<" in status_badge("overdue", None)
    with translation.override("en"):
        assert ">overdue · final figure not reported<" in status_badge("overdue", "interim")
        assert ">overdue · no figure for the period<" in status_badge("overdue", None)


def test_overdue_beside_a_figure_of_another_period_says_the_final_figure_is_owed():
    # Issue 12: a partial-year figure after the period (context, never
    # evidence) is shown beside the status: the label must not say "no data".
    for reason in ("context_only_overdue", "final_figure_owed"):
        with translation.override("zh-hans"):
            badge = status_badge("overdue", None, reason_code=reason)
            assert ">逾期 · 未报告终期数据<" in badge
        with translation.override("en"):
            badge = status_badge("overdue", None, reason_code=reason)
            assert ">overdue · final figure not reported<" in badge
    with translation.override("zh-hans"):
        assert ">逾期 · 无本期数据<" in status_badge(
            "overdue", None, reason_code="no_figure_overdue"
        )
