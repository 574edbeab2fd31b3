"""The plans list and a plan's report, as a manager reads them."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from tests import pages_support
from tracker.models import Target

pytestmark = pytest.mark.django_db


@pytest.fixture
def report():
    return pages_support.report()


@pytest.fixture
def manager(client):
    user = pages_support.user_with_role("manager")
    client.force_login(user)
    return user


def _url(report, **params):
    query = "&".join(f"{k}={v}" for k, v in params.items())
    return reverse("tracker:plan-report", args=[report.plan.slug]) + (f"?{query}" if query else "")


def _codes(response) -> list[str]:
    return [row.record.code for row in response.context["table"].paginated_rows]


# -- plans list -----------------------------------------------------------------


def test_plans_list_shows_each_plan_with_counts_bar_and_rates(client, manager, report, make):
    empty = make.plan(title="没有目标的方案")
    page = client.get(reverse("tracker:plan-list")).content.decode()
    assert report.plan.title in page
    assert empty.title in page  # listed with zeros, not hidden
    # Confirmed rate: met 1 / (met 1 + missed 1) over final evidence.
    assert "50.0%（1/2）" in page
    # Indicative rate also counts the later figure: 2 / 3.
    assert "66.7%（2/3）" in page
    assert 'class="status-bar"' in page
    assert "已完成 2，未完成 1，逾期 1" in page  # the bar's accessible label


def test_plans_list_sorts_in_the_database(client, manager, report, make):
    make.plan(title="甲方案", slug="a-plan")
    response = client.get(reverse("tracker:plan-list") + "?sort=-targets")
    rows = [row.record["title"] for row in response.context["table"].paginated_rows]
    assert rows[0] == report.plan.title


# -- plan report ------------------------------------------------------------------


def test_plan_report_reads_like_the_plan(client, manager, report):
    page = client.get(_url(report)).content.decode()
    assert "≥ 20%" in page
    assert "≥ 700亿元" in page
    assert "≈ 75%" in page
    assert "≥ 5家" in page
    # Evidence value and period, linked to its quote in the document.
    assert "650亿元" in page
    assert f"#outcome-{report.missed_outcome.pk}" in page
    assert "2023年" in page
    # Status badges carry their grade; the later one is visibly indicative.
    assert "已完成 · 终期" in page
    assert "未完成 · 终期" in page
    assert re.search(r'class="badge st-met indicative"[^>]*>已完成 · 事后（参考）<', page)
    assert "逾期 · 无本期数据" in page
    # Lead unit and the 力争 flag.
    assert f'href="{reverse("tracker:unit-detail", args=[report.fgw.pk])}">市发展改革委' in page
    assert '<span class="tag aspirational">力争</span>' in page


def test_plan_report_summary_shows_the_plan_rollup(client, manager, report):
    response = client.get(_url(report))
    rollup = response.context["rollup"]
    assert rollup.targets == 4
    assert (rollup.met_final, rollup.missed_final) == (1, 1)
    assert (rollup.met_indicative, rollup.missed_indicative) == (2, 1)


def _summary_cards(response) -> dict[str, str]:
    """The summary cards as the reader sees them: heading -> figure."""
    html = response.content.decode()
    block = re.search(r'<dl class="summary">(.*?)</dl>', html, re.S)
    assert block, "no summary cards"
    return dict(re.findall(r"<div><dt>(.*?)</dt><dd>(.*?)</dd></div>", block.group(1)))


def test_plan_report_summary_follows_the_filters(client, manager, report):
    """Issue 12: the cards and the status bar summarise the rows the table
    shows, and say that they are a selection of the plan."""
    whole = client.get(_url(report))
    assert _summary_cards(whole)["目标数"] == "4"
    assert not whole.context["filtered"]

    response = client.get(_url(report, status="met"))
    assert sorted(_codes(response)) == ["T-LATER", "T-MET"]
    rollup = response.context["rollup"]
    assert rollup.targets == 2
    assert {s: n for s, n in rollup.counts.items() if n} == {"met": 2}
    assert (rollup.met_final, rollup.missed_final) == (1, 0)
    cards = _summary_cards(response)
    assert cards["目标数"] == "2"
    assert cards["确认完成率"] == "100.0%（1/1）"
    html = response.content.decode()
    assert "汇总只计符合筛选条件的 2 个目标（本规划共 4 个）" in html
    bar = re.search(r'<svg class="status-bar"[^>]*aria-label="([^"]*)"', html)
    assert bar and bar.group(1) == "已完成 2"


def test_plan_report_summary_of_a_filter_by_unit(client, manager, report):
    response = client.get(_url(report, unit=report.sthj.pk))
    assert _codes(response) == ["T-NONE"]
    assert response.context["rollup"].targets == 1
    assert response.context["rollup"].counts["overdue"] == 1


def test_plan_report_summary_of_nothing_shows_no_cards(client, manager, report):
    for params in ({"status": "bogus"}, {"status": "on_track"}):
        response = client.get(_url(report, **params))
        assert _codes(response) == []
        assert response.context["rollup"] is None
        assert '<dl class="summary">' not in response.content.decode()
        assert "汇总只计符合筛选条件的 0 个目标" in response.content.decode()


def test_plan_report_sorting_alone_keeps_the_plan_summary(client, manager, report):
    response = client.get(_url(report, sort="-status", page=1))
    assert not response.context["filtered"]
    assert response.context["rollup"].targets == 4


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"status": "met"}, ["T-MET", "T-LATER"]),
        ({"status": "missed"}, ["T-MISS"]),
        ({"grade": "later"}, ["T-LATER"]),
        ({"grade": "null"}, ["T-NONE"]),
        ({"commitment": "aspirational"}, ["T-MET"]),
        ({"year": "2020"}, ["T-MET", "T-MISS", "T-LATER", "T-NONE"]),
        ({"year": "2020", "status": "overdue"}, ["T-NONE"]),
    ],
)
def test_plan_report_filters(client, manager, report, params, expected):
    response = client.get(_url(report, **params))
    assert sorted(_codes(response)) == sorted(expected)


def test_plan_report_filters_by_unit_in_any_role(client, manager, report):
    response = client.get(_url(report, unit=report.gxj.pk))
    assert sorted(_codes(response)) == ["T-LATER", "T-MET", "T-MISS"]
    response = client.get(_url(report, unit=report.sthj.pk))
    assert _codes(response) == ["T-NONE"]


def test_plan_report_offers_only_its_own_units_and_years(client, manager, report, make):
    other = make.unit("外地单位")
    make.target(make.plan(), units=(other,))
    form = client.get(_url(report)).context["filter"].form
    units = {unit.name for unit in form.fields["unit"].queryset}
    assert units == {"市工信局", "市发展改革委", "市生态环境局"}
    assert [value for value, _ in form.fields["year"].choices if value] == [2020]


def test_invalid_filter_shows_nothing_rather_than_everything(client, manager, report):
    response = client.get(_url(report, status="bogus"))
    assert _codes(response) == []
    assert "status" in response.context["filter"].form.errors


@pytest.mark.parametrize(
    ("sort", "expected"),
    [
        ("status", ["T-MET", "T-LATER", "T-MISS", "T-NONE"]),
        ("-status", ["T-NONE", "T-MISS", "T-LATER", "T-MET"]),
        ("grade", ["T-MET", "T-MISS", "T-LATER", "T-NONE"]),
        ("lead_unit", ["T-MISS", "T-MET", "T-LATER", "T-NONE"]),
        ("-period", ["T-NONE", "T-LATER", "T-MISS", "T-MET"]),
        ("-code", ["T-NONE", "T-MISS", "T-MET", "T-LATER"]),
    ],
)
def test_plan_report_sorts_in_the_database(client, manager, report, sort, expected):
    response = client.get(_url(report, sort=sort))
    assert _codes(response) == expected
    assert "ORDER BY" in str(response.context["table"].data.data.query)


def test_plan_report_pages_in_the_database(client, manager, report):
    pages_support.add_targets(report.plan, 30)
    response = client.get(_url(report, page=2))
    table = response.context["table"]
    assert table.paginator.count == 34
    assert len(list(table.paginated_rows)) == 9
    assert "共 34 条" in response.content.decode()


def test_unknown_plan_is_404(client, manager):
    assert client.get(reverse("tracker:plan-report", args=["nope"])).status_code == 404


# -- query counts -----------------------------------------------------------------


def test_plans_list_query_count_does_not_grow_with_rows(client, manager, report, make):
    url = reverse("tracker:plan-list")
    few = pages_support.queries(client, url)
    for _ in range(8):
        pages_support.add_targets(make.plan(), 2)
    assert pages_support.queries(client, url) == few


def test_plan_report_query_count_does_not_grow_with_rows(client, manager, report):
    url = _url(report)
    few = pages_support.queries(client, url)
    pages_support.add_targets(report.plan, 20)
    assert Target.objects.filter(plan=report.plan).count() == 24
    many = pages_support.queries(client, url)
    assert many == few, f"{few} queries for 4 targets, {many} for 24"
    # A filtered page summarises its selection: the filtered ids and their
    # rollup are two more queries, however many rows match.
    filtered = pages_support.queries(client, _url(report, status="met", sort="-lead_unit"))
    assert filtered == few + 2
    pages_support.add_targets(report.plan, 20)
    assert pages_support.queries(client, _url(report, year="2020", sort="-lead_unit")) == few + 2


# -- as of a date -------------------------------------------------------------------
# Every figure of ``pages_support.report()`` is in a document published on
# 2021-03-01: the day before, nothing had been reported yet.


def test_plan_report_as_of_a_date_uses_only_what_was_known(client, manager, report):
    before = client.get(_url(report, as_of="2021-02-28"))
    assert before.context["as_of"].isoformat() == "2021-02-28"
    assert sorted(_codes(before)) == ["T-LATER", "T-MET", "T-MISS", "T-NONE"]
    page = before.content.decode()
    assert page.count("逾期 · 无本期数据") == 4
    assert "650亿元" not in page
    assert before.context["rollup"].counts["overdue"] == 4
    published = client.get(_url(report, as_of="2021-03-01"))
    assert published.context["rollup"].counts == client.get(_url(report)).context["rollup"].counts


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"as_of": "2021-02-28", "status": "overdue"}, ["T-LATER", "T-MET", "T-MISS", "T-NONE"]),
        ({"as_of": "2021-02-28", "status": "met"}, []),
        ({"as_of": "2021-02-28", "grade": "null"}, ["T-LATER", "T-MET", "T-MISS", "T-NONE"]),
        ({"as_of": "2021-03-01", "status": "met"}, ["T-LATER", "T-MET"]),
        ({"as_of": "2021-03-01", "grade": "later"}, ["T-LATER"]),
        ({"as_of": "2021-03-01", "grade": "null"}, ["T-NONE"]),
    ],
)
def test_plan_report_as_of_filters_by_the_statuses_of_that_day(
    client, manager, report, params, expected
):
    assert sorted(_codes(client.get(_url(report, **params)))) == expected


@pytest.mark.parametrize(
    ("sort", "expected"),
    [
        ("status", ["T-MET", "T-LATER", "T-MISS", "T-NONE"]),
        ("-status", ["T-NONE", "T-MISS", "T-LATER", "T-MET"]),
        ("grade", ["T-MET", "T-MISS", "T-LATER", "T-NONE"]),
    ],
)
def test_plan_report_as_of_sorts_by_the_statuses_of_that_day(
    client, manager, report, sort, expected
):
    response = client.get(_url(report, as_of="2021-03-01", sort=sort))
    assert _codes(response) == expected
    assert "ORDER BY" in str(response.context["table"].data.data.query)


def test_plan_report_as_of_query_count_does_not_grow_with_rows(client, manager, report):
    url = _url(report, as_of="2021-03-01")
    few = pages_support.queries(client, url)
    pages_support.add_targets(report.plan, 20)
    assert pages_support.queries(client, url) == few
