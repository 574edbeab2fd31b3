"""A target's page: statement and source, outcomes by who may see them, the
stored status with its grade, and the chart."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from tests import pages_support
from tracker import services

pytestmark = pytest.mark.django_db


@pytest.fixture
def report():
    return pages_support.report()


def _page(client, target) -> str:
    response = client.get(reverse("tracker:target-detail", args=[target.pk]))
    assert response.status_code == 200
    return response.content.decode()


def _login(client, role: str):
    user = pages_support.user_with_role(role)
    client.force_login(user)
    return user


def test_target_page_shows_statement_status_and_evidence(client, report):
    _login(client, "auditor")
    page = _page(client, report.missed)
    assert "全年工业投资达到700亿元" in page
    assert "≥ 700亿元" in page
    assert "未完成 · 终期" in page
    assert "全年完成工业投资650亿元" in page  # the quote
    doc = report.missed_outcome.document
    assert f"{reverse('tracker:document', args=[doc.slug])}#outcome-{report.missed_outcome.pk}" in (
        page
    )
    assert "市发展改革委" in page and "牵头" in page


def test_source_quote_links_to_the_plan_document(client, make):
    _login(client, "manager")
    text = "二、发展目标。全年工业投资达到700亿元,技改投资增长20%以上。"
    plan_doc = make.document(text=text, kind="plan")
    plan = make.plan(document=plan_doc)
    target = make.target(plan, source_quote="技改投资增长20%以上")
    page = _page(client, target)
    assert f"{reverse('tracker:document', args=[plan_doc.slug])}#target-{target.pk}" in page


def test_indicative_status_is_marked(client, report):
    _login(client, "manager")
    page = _page(client, report.later)
    assert "已完成 · 事后（参考）" in page
    assert "结论仅供参考" in page
    # The domain's reason code, rendered.
    assert "考核期（至2020年12月31日）之后的数据：仅供参考" in page


def test_pending_outcomes_only_for_those_who_enter_or_review(client, report, make):
    author = make.user("author", groups=("supervisor",))
    draft = make.outcome(
        report.none, actor=author, approved=False, value=Decimal("3"), quote="新增绿色工厂3家"
    )
    services.outcome_submit(outcome=draft, actor=author)
    _login(client, "manager")
    assert "新增绿色工厂3家" not in _page(client, report.none)
    _login(client, "planner")
    assert "新增绿色工厂3家" not in _page(client, report.none)
    _login(client, "supervisor")
    page = _page(client, report.none)
    assert "新增绿色工厂3家" in page
    assert "待审核" in page  # its state


def test_progress_ratio_and_band_are_shown(client, make):
    _login(client, "manager")
    plan = make.plan(period_start=date(2017, 1, 1), period_end=date(2030, 12, 31))
    target = make.target(
        plan,
        statement="战略性新兴产业占比达到60%",
        value=Decimal("60"),
        measure="level",
        baseline_value=Decimal("22.8"),
        baseline_date=date(2016, 12, 31),
    )
    make.outcome(
        target,
        value=Decimal("30"),
        quote="占比达到30%",
        period_start=date(2022, 1, 1),
        period_end=date(2022, 12, 31),
    )
    page = _page(client, target)
    assert "进度比 R" in page
    assert "进展有限" in page or "需加快" in page
    assert "按线性路径比较" in page
    # The chart draws the baseline-to-target path.
    assert 'class="path"' in page


def test_chart_is_accessible_svg_with_band_and_points(client, report):
    _login(client, "manager")
    page = _page(client, report.missed)
    assert '<svg class="chart"' in page
    assert f'aria-labelledby="chart-{report.missed.pk}-title chart-{report.missed.pk}-desc"' in page
    assert '<polygon class="band"' in page
    assert "报告值：650亿元 · 2020年 · 终期" in page
    assert 'class="period-end"' in page


def test_chart_converts_values_to_the_target_unit(client, make):
    _login(client, "manager")
    target = make.target(
        statement="压减产能85万吨以上", value=Decimal("85"), unit="万吨", indicator="压减产能"
    )
    make.outcome(target, value=Decimal("900000"), unit="吨", quote="压减产能900000吨")
    page = _page(client, target)
    assert "报告值：90万吨" in page


def test_target_page_query_count_does_not_grow_with_outcomes(client, report, make):
    _login(client, "supervisor")
    url = reverse("tracker:target-detail", args=[report.met.pk])
    few = pages_support.queries(client, url)
    for n in range(12):
        make.outcome(report.met, value=Decimal(20 + n), quote=f"增长{20 + n}%", approved=n % 2 == 0)
    assert pages_support.queries(client, url) == few


def test_unknown_target_is_404(client):
    _login(client, "manager")
    assert client.get(reverse("tracker:target-detail", args=[999999])).status_code == 404


def test_a_running_target_is_on_track_from_the_publication_day_of_its_interim_figure(client, make):
    # DESIGN.md 5: as of a date, only what was published by then counts.
    _login(client, "manager")
    plan = make.plan(period_start=date(2025, 1, 1), period_end=date(2025, 12, 31))
    target = make.target(
        plan,
        statement="全年工业投资达到700亿元",
        indicator="工业投资额",
        value=Decimal("700"),
        unit="亿元",
        measure="flow",
    )
    bulletin = make.document(text="1-6月,全市工业投资完成400亿元。", published_on=date(2025, 7, 20))
    make.outcome(
        target,
        value=Decimal("400"),
        unit="亿元",
        document_=bulletin,
        quote="全市工业投资完成400亿元",
        period_start=date(2025, 1, 1),
        period_end=date(2025, 6, 30),
    )
    url = reverse("tracker:target-detail", args=[target.pk])
    on_the_day = client.get(f"{url}?as_of=2025-07-20")
    assessment = on_the_day.context["assessment"]
    assert (assessment.status, assessment.grade) == ("on_track", "interim")
    page = on_the_day.content.decode()
    assert "进度正常 · 期中" in page
    assert "按时间进度折算比较：考核期已过181/365天，应达347.12" in page
    day_before = client.get(f"{url}?as_of=2025-07-19")
    assert (day_before.context["assessment"].status, day_before.context["assessment"].outcome) == (
        "no_data",
        None,
    )
    page = day_before.content.decode()
    assert "暂无数据" in page
    assert "2025年7月19日尚未发布" in page  # the figure is listed, marked unknown then


def test_the_target_page_lists_context_figures_apart(client, make):
    _login(client, "manager")
    target = make.target(statement="技改投资增长20%以上", measure="rate")
    make.outcome(
        target,
        value=Decimal("29"),
        quote="2023年技改投资增长29%",
        period_start=date(2023, 1, 1),
        period_end=date(2023, 12, 31),
    )
    page = _page(client, target)
    assert '<span class="tag grade-context">背景</span>' in page
    assert "标为“背景”的数据属于其他时期（本目标为变化率）" in page
    # A figure is on the page: the label says the final figure is owed, not
    # "no data" (issue 12).
    assert "逾期 · 未报告终期数据" in page
    assert "无本期数据" not in page
    assert "计量类型" in page and "变化率" in page
