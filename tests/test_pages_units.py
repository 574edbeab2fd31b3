"""The unit ranking (a Core rollup sorted and paged by the database) and a
unit's own page."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from tests import pages_support

pytestmark = pytest.mark.django_db


@pytest.fixture
def report():
    return pages_support.report()


@pytest.fixture
def manager(client):
    user = pages_support.user_with_role("manager")
    client.force_login(user)
    return user


def _ranking(client, **params):
    query = "&".join(f"{k}={v}" for k, v in params.items())
    return client.get(reverse("tracker:unit-ranking") + (f"?{query}" if query else ""))


def _rows(response) -> list[dict]:
    return [row.record for row in response.context["table"].paginated_rows]


# -- ranking ----------------------------------------------------------------------


def test_ranking_counts_lead_assignments_by_default(client, manager, report):
    response = _ranking(client)
    rows = {row["name"]: row for row in _rows(response)}
    # Leads: 市工信局 T-MET (met), T-LATER (met, later); 市发展改革委 T-MISS;
    # 市生态环境局 T-NONE.
    assert rows["市工信局"]["targets"] == 2
    assert (rows["市工信局"]["met"], rows["市工信局"]["missed"]) == (2, 0)
    assert rows["市发展改革委"]["missed"] == 1
    assert rows["市生态环境局"]["overdue"] == 1
    assert response.context["lead_only"] is True
    page = response.content.decode()
    assert "100.0%（1/1）" in page  # 市工信局, confirmed: final evidence only
    assert "0.0%（0/1）" in page  # 市发展改革委


def test_ranking_toggle_counts_every_assignment(client, manager, report):
    rows = {row["name"]: row for row in _rows(_ranking(client, scope="all"))}
    assert rows["市工信局"]["targets"] == 3  # lead on two, support on T-MISS
    assert (rows["市工信局"]["met"], rows["市工信局"]["missed"]) == (2, 1)
    assert rows["市发展改革委"]["targets"] == 2


def _sorted_headers(response) -> list[str]:
    """The column headers the page marks as the sort (django-tables2 adds
    ``asc``/``desc`` to their class)."""
    page = response.content.decode()
    thead = page[page.index("<thead") : page.index("</thead>")]
    marked = re.findall(r'<th class="([^"]*\b(?:asc|desc)\b[^"]*)"[^>]*>(.*?)</th>', thead, re.S)
    return [re.sub(r"<[^>]+>|\s+", "", text) for _classes, text in marked]


def test_ranking_opens_with_the_units_furthest_behind(client, manager, report):
    # 市发展改革委 missed one, 市生态环境局 has one overdue; 市工信局 met both.
    response = _ranking(client)
    names = [row["name"] for row in _rows(response)]
    assert set(names[:2]) == {"市发展改革委", "市生态环境局"} and names[2] == "市工信局"
    assert [row["behind"] for row in _rows(response)] == [1, 1, 0]
    assert _sorted_headers(response) == ["未完成＋逾期"]  # exactly one sort column marked


def test_other_sorts_mark_their_own_column_and_keep_no_rate_last(client, manager, report):
    response = _ranking(client, sort="confirmed_rate")
    names = [row["name"] for row in _rows(response)]
    assert names == ["市发展改革委", "市工信局", "市生态环境局"]  # no rate stays last
    assert _sorted_headers(response) == ["确认完成率"]


@pytest.mark.parametrize(
    ("sort", "first"),
    [("-targets", "市工信局"), ("-overdue", "市生态环境局"), ("-missed", "市发展改革委")],
)
def test_ranking_sorts_by_any_count(client, manager, report, sort, first):
    assert _rows(_ranking(client, sort=sort))[0]["name"] == first


def test_ranking_within_one_plan(client, manager, report, make):
    other_unit = make.unit("别处单位")
    make.target(make.plan(), units=(other_unit,))
    everywhere = {row["name"] for row in _rows(_ranking(client))}
    assert "别处单位" in everywhere
    within = {row["name"] for row in _rows(_ranking(client, plan=report.plan.pk))}
    assert within == {"市工信局", "市发展改革委", "市生态环境局"}


def test_ranking_pages_with_limit_and_offset(client, manager, report):
    pages_support.add_targets(report.plan, 30)  # 30 more lead units, 30 support-only
    first = _ranking(client, per_page=20)
    second = _ranking(client, per_page=20, page=2)
    assert second.context["table"].paginator.count == 33
    assert len(_rows(first)) == 20
    assert len(_rows(second)) == 13
    assert not {row["id"] for row in _rows(first)} & {row["id"] for row in _rows(second)}


def test_ranking_query_count_does_not_grow_with_rows(client, manager, report):
    url = reverse("tracker:unit-ranking") + "?scope=all&sort=-missed"
    few = pages_support.queries(client, url)
    pages_support.add_targets(report.plan, 20)
    assert pages_support.queries(client, url) == few


# -- unit detail ------------------------------------------------------------------


def _detail(client, unit, **params):
    query = "&".join(f"{k}={v}" for k, v in params.items())
    url = reverse("tracker:unit-detail", args=[unit.pk])
    return client.get(url + (f"?{query}" if query else ""))


def test_unit_page_lists_lead_and_support_targets_with_evidence(client, manager, report):
    response = _detail(client, report.gxj)
    rows = {row.record.code: row.record for row in response.context["table"].paginated_rows}
    assert set(rows) == {"T-MET", "T-MISS", "T-LATER"}
    assert rows["T-MISS"].unit_role == "support"
    assert rows["T-MET"].unit_role == "lead"
    page = response.content.decode()
    assert "配合" in page and "牵头" in page
    assert "650亿元" in page and "29%" in page
    assert report.plan.title in page
    rollups = response.context["rollups"]
    assert (rollups["lead"].targets, rollups["all"].targets) == (2, 3)


def test_unit_page_filters_by_role_and_status(client, manager, report):
    response = _detail(client, report.gxj, role="support")
    assert [row.record.code for row in response.context["table"].paginated_rows] == ["T-MISS"]
    response = _detail(client, report.gxj, status="met", sort="-code")
    codes = [row.record.code for row in response.context["table"].paginated_rows]
    assert codes == ["T-MET", "T-LATER"]


def test_unit_page_summaries_follow_the_filters(client, manager, report):
    """Like a plan's page: the two summaries count the rows the table shows
    and say they are a selection of the unit's targets."""
    whole = _detail(client, report.gxj)
    assert not whole.context["filtered"]
    assert "汇总只计符合筛选条件的" not in whole.content.decode()
    response = _detail(client, report.gxj, status="met")
    rollups = response.context["rollups"]
    assert response.context["filtered"]
    assert (rollups["lead"].targets, rollups["all"].targets) == (2, 2)
    assert {s: n for s, n in rollups["all"].counts.items() if n} == {"met": 2}
    assert "汇总只计符合筛选条件的 2 个目标（本单位共 3 个）" in response.content.decode()
    support = _detail(client, report.gxj, role="support").context["rollups"]
    assert support["lead"] is None  # its one support target is led by another unit
    assert support["all"].targets == 1
    nothing = _detail(client, report.gxj, status="bogus")
    assert nothing.context["rollups"] == {"lead": None, "all": None}
    assert "汇总只计符合筛选条件的 0 个目标" in nothing.content.decode()
    # Sorting and paging are not filters.
    assert not _detail(client, report.gxj, sort="-code", page=1).context["filtered"]


def test_ranking_names_the_plan_chosen_instead_of_listing_every_plan(client, manager, report, make):
    make.plan(title="另一个规划")
    page = _ranking(client).content.decode()
    assert "<select" not in page  # no drop-down of every plan
    assert "从规划列表中选择规划" in page
    chosen = _ranking(client, plan=report.plan.pk).content.decode()
    assert f'<input type="hidden" name="plan" value="{report.plan.pk}">' in chosen
    assert report.plan.title in chosen and "另一个规划" not in chosen


def test_unit_without_lead_targets_says_so(client, manager, make):
    helper = make.unit("只配合的单位")
    make.target(units=(make.unit(), helper))
    page = _detail(client, helper).content.decode()
    assert "没有牵头的目标。" in page


def test_unit_page_query_count_does_not_grow_with_rows(client, manager, report):
    few = pages_support.queries(client, reverse("tracker:unit-detail", args=[report.gxj.pk]))
    pages_support.add_targets(report.plan, 20, units=(report.gxj, report.fgw))
    many = pages_support.queries(client, reverse("tracker:unit-detail", args=[report.gxj.pk]))
    assert many == few


def test_unknown_unit_is_404(client, manager):
    assert client.get(reverse("tracker:unit-detail", args=[999999])).status_code == 404


def test_unit_page_as_of_a_date_counts_what_was_known_then(client, report):
    client.force_login(pages_support.user_with_role("manager"))
    url = reverse("tracker:unit-detail", args=[report.gxj.pk])
    before = client.get(f"{url}?as_of=2021-02-28")
    rollups = before.context["rollups"]
    # 市工信局 leads T-MET and T-LATER and supports T-MISS: all overdue then.
    assert rollups["lead"].counts["overdue"] == 2
    assert rollups["all"].counts["overdue"] == 3
    assert (rollups["all"].met_final, rollups["all"].met_indicative) == (0, 0)
    after = client.get(f"{url}?as_of=2021-03-01").context["rollups"]
    today = client.get(url).context["rollups"]
    for scope in ("lead", "all"):
        assert after[scope].counts == today[scope].counts
        assert (after[scope].met_final, after[scope].missed_final) == (
            today[scope].met_final,
            today[scope].missed_final,
        )


def test_targets_without_a_unit_get_their_own_row(client, manager, report, make):
    make.target(report.plan, code="T-ORPHAN")  # no unit, overdue
    response = _ranking(client)
    rows = _rows(response)
    (orphan,) = [row for row in rows if row["id"] is None]
    assert (orphan["targets"], orphan["overdue"], orphan["due"], orphan["reported"]) == (1, 1, 1, 0)
    assert sum(row["targets"] for row in rows) == 5  # every target of the plan, once
    page = response.content.decode()
    row_html = page[page.index('<tr class="unassigned') :]
    row_html = row_html[: row_html.index("</tr>")]
    assert "未分配责任单位" in row_html
    assert 'class="status-bar"' in row_html  # drawn like every other row
    assert "unit-detail" not in row_html and "/units/" not in row_html  # nothing to link to
