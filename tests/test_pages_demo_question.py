"""A manager's question, answered from the pages over the demo plans:
"Which 2020 targets did Zhengzhou meet, on what evidence, and which unit
leads the misses?"

The answer the pages give is honest about the evidence: no 2020 figure was
ever reported for the 2020 plan, so every "met" rests on a later figure of a
share or intensity and is shown as indicative (``已完成 · 事后（参考）``); a
later growth rate (技改投资 +29% in 2023) never counts as met for the 2020
growth target, which stays overdue with that figure shown as context;
nothing is a confirmed miss; the targets not met are overdue, and one unit
leads most of them. Viewed as of a date, the pages use only what was
published by then.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.urls import reverse

from tests import factories, pages_support
from tracker.models import Plan

pytestmark = pytest.mark.django_db

PLAN_FILES = sorted((Path(settings.BASE_DIR) / "fixtures" / "plans").glob("*.toml"))


@pytest.fixture
def demo(client):
    call_command(
        "import_plan",
        *map(str, PLAN_FILES),
        approved=True,
        user=factories.importer(),
        stdout=io.StringIO(),
    )
    client.force_login(pages_support.user_with_role("manager"))
    return Plan.objects.get(jurisdiction="郑州市", period_start__year=2020, period_end__year=2020)


def _rows(response):
    return [row.record for row in response.context["table"].paginated_rows]


def test_which_2020_targets_zhengzhou_met_and_on_what_evidence(client, demo):
    plans = client.get(reverse("tracker:plan-list")).content.decode()
    assert demo.title in plans

    report = reverse("tracker:plan-report", args=[demo.slug])
    met = _rows(client.get(f"{report}?status=met&year=2020&per_page=100"))
    assert met, "the demo plan has met targets"
    by_indicator = {target.indicator: target for target in met}
    # DESIGN.md section 7: high-energy industries' share 25.3% (2023) is an
    # indicative "met"; tech-upgrade investment +29% (2023) is not.
    assert "高耗能产业占比" in by_indicator
    assert "技改投资增速" not in by_indicator
    assert {target.measure for target in met} == {"level"}
    for target in met:
        assessment = target.assessment
        # Honest: the evidence is from after 2020, so the verdict is indicative.
        assert (assessment.grade, assessment.indicative) == ("later", True)
        assert assessment.outcome.period_end.year > 2020
    page = client.get(f"{report}?status=met&year=2020&per_page=100").content.decode()
    assert page.count("已完成 · 事后（参考）") == len(met)

    # On what evidence: the target page shows the quote and its document,
    # and the document page marks that quote.
    share = by_indicator["高耗能产业占比"]
    evidence = share.assessment.outcome
    detail = client.get(reverse("tracker:target-detail", args=[share.pk])).content.decode()
    assert evidence.quote in detail
    assert "25.3%" in detail
    document = client.get(reverse("tracker:document", args=[evidence.document.slug]))
    assert f'id="outcome-{evidence.pk}"' in document.content.decode()


def test_a_later_growth_rate_is_context_on_the_target_page_never_the_verdict(client, demo):
    upgrade = demo.targets.get(code="二.2.2")  # 技改投资增长20%以上 (2020)
    assert upgrade.assessment.status == "overdue"
    assert upgrade.assessment.outcome is None
    detail = client.get(reverse("tracker:target-detail", args=[upgrade.pk])).content.decode()
    # The 2023 figure is on the page, marked as context, with the reason.
    assert "工业企业技改投资同比增长29%" in detail
    assert '<span class="tag grade-context">背景</span>' in detail
    assert "逾期 · 未报告终期数据" in detail and "无本期数据" not in detail
    assert "只有其他时期的数据（2023年），不能说明本考核期" in detail
    assert 'class="tag best"' not in detail


def test_which_unit_leads_the_misses(client, demo):
    report = reverse("tracker:plan-report", args=[demo.slug])
    # No 2020 figure shows a miss: nothing is a confirmed (or indicative) miss ...
    assert _rows(client.get(f"{report}?status=missed&year=2020")) == []
    # ... the targets not met are overdue: their period is over with no figure.
    overdue = _rows(client.get(f"{report}?status=overdue&year=2020&per_page=100"))
    assert overdue
    leads = [t.lead_unit_name for t in overdue if t.lead_unit_name]
    assert leads

    ranking = reverse("tracker:unit-ranking")
    units = _rows(client.get(f"{ranking}?plan={demo.pk}&sort=-overdue"))
    top = units[0]
    assert top["name"] == max(set(leads), key=leads.count)
    assert top["name"] == "市工信局"
    assert top["overdue"] == leads.count("市工信局")
    assert top["missed"] == 0


def test_the_plan_report_as_of_a_date_shows_what_was_known_then(client, demo):
    report = reverse("tracker:plan-report", args=[demo.slug])
    share = demo.targets.get(code="三.8.4")
    # Seed 003, published 2023-01-16, reported the 2022 share of 28.1%.
    on_the_day = client.get(f"{report}?as_of=2023-01-16&status=met&per_page=100")
    codes = [t.code for t in _rows(on_the_day)]
    assert "三.8.4" in codes
    page = on_the_day.content.decode()
    assert "按2023年1月16日当日已知的数据评估" in page
    assert "28.1%" in page and "25.3%" not in page
    assert f'href="/targets/{share.pk}/?as_of=2023-01-16"' in page
    # The summary counts the statuses of that day, over the filtered rows
    # (issue 12), and names the plan's total.
    summary = on_the_day.context["rollup"]
    assert summary.met_indicative == summary.targets == len(codes)
    assert on_the_day.context["plan_targets"] == 30
    assert f"汇总只计符合筛选条件的 {len(codes)} 个目标（本规划共 30 个）" in page
    day_before = client.get(f"{report}?as_of=2023-01-15&status=met&per_page=100")
    # Only 二.4.2 was met then: its 2022 figure is in the undated 2024 reply,
    # so it counts from the end of 2022, the period it covers.
    assert [t.code for t in _rows(day_before)] == ["二.4.2"]
    assert day_before.context["rollup"].counts == {**day_before.context["rollup"].counts, "met": 1}
    whole_day_before = client.get(f"{report}?as_of=2023-01-15").context["rollup"]
    assert whole_day_before.counts["overdue"] == 29
    # The target page follows the same date, and says which figures were
    # not yet published.
    detail = client.get(
        reverse("tracker:target-detail", args=[share.pk]) + "?as_of=2023-01-15"
    ).content.decode()
    assert "逾期 · 无本期数据" in detail
    assert "2023年1月15日尚未发布" in detail
    # The auditor's export of the page is as of the same date.
    client.force_login(pages_support.user_with_role("auditor"))
    export = client.get(reverse("tracker:plan-export", args=[demo.slug]) + "?as_of=2023-01-16")
    text = b"".join(export.streaming_content).decode("utf-8-sig")
    assert "attainment-zz-2020-manufacturing-2023-01-16.csv" in export["Content-Disposition"]
    assert ",2023-01-16\r\n" in text
    row = next(line for line in text.splitlines() if ",三.8.4," in line)
    assert ",met,later,28.1," in row


def test_the_as_of_date_cannot_be_in_the_future(client, demo):
    report = reverse("tracker:plan-report", args=[demo.slug])
    response = client.get(f"{report}?as_of=2999-01-01")
    assert response.status_code == 200
    assert "截至日期不能晚于今天。" in response.content.decode()
    assert response.context["as_of"] is None  # today's stored statuses


def _ranking_rows(client, **params) -> list[dict]:
    query = "&".join(f"{k}={v}" for k, v in {"per_page": 100, **params}.items())
    return _rows(client.get(f"{reverse('tracker:unit-ranking')}?{query}"))


def test_the_units_add_up_to_the_plans(client, demo):
    """DESIGN.md 6: targets with no unit are counted under 未分配责任单位, so
    over lead assignments the units' rows add up to each plan, status by
    status; over all assignments every target is in at least one row."""
    from tracker.vocabulary import STATUSES

    plans = {row["id"]: row for row in _rows(client.get(reverse("tracker:plan-list")))}
    assert sum(row["targets"] for row in plans.values()) == 42
    for plan_id, plan in plans.items():
        units = _ranking_rows(client, plan=plan_id)
        for status in (*STATUSES, "targets", "reported", "due"):
            assert sum(row[status] for row in units) == plan[status], (plan["title"], status)
        every = _ranking_rows(client, plan=plan_id, scope="all")
        assert sum(row["targets"] for row in every) >= plan["targets"]
    everything = _ranking_rows(client)
    unassigned = [row for row in everything if row["id"] is None]
    assert len(unassigned) == 1
    # Section 二 of the 2020 plan (13 targets) names no unit, nor does most of the rest.
    assert unassigned[0]["targets"] == 25
    assert sum(row["targets"] for row in everything) == 42
    page = client.get(reverse("tracker:unit-ranking")).content.decode()
    assert "未分配责任单位" in page


def test_the_reporting_rate_shows_what_is_owed(client, demo):
    # No final figure was ever reported for a 2020 target of the demo: the
    # indicative rate reads 100% (5 levels met on later figures), the
    # reporting rate says 0 of 30 are in.
    report = client.get(reverse("tracker:plan-report", args=[demo.slug])).content.decode()
    assert "终期报告率" in report
    assert "100.0%（5/5）" in report  # indicative
    assert "0.0%（0/30）" in report  # reporting
    plans = client.get(reverse("tracker:plan-list")).content.decode()
    assert "0.0%（0/30）" in plans
    gxj = next(row for row in _ranking_rows(client) if row["name"] == "市工信局")
    unit_page = client.get(reverse("tracker:unit-detail", args=[gxj["id"]])).content.decode()
    assert "0.0%（0/16）" in unit_page and "0.0%（0/17）" in unit_page  # lead, all
