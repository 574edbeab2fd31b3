"""The auditor's export of everything or of the filtered selection, from the
pages (issue 12): every export link a page shows carries the page's filters
and yields exactly the page's rows, in ``COLUMNS``, streamed; only roles with
``export_attainment`` get it (docs/reports.md)."""

from __future__ import annotations

import csv
import io
from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from tests import factories as make
from tests import pages_support
from tracker.exports.attainment import COLUMNS

pytestmark = pytest.mark.django_db


@pytest.fixture
def report(client):
    """The page tests' report plus a second plan (2025) sharing a unit."""
    client.force_login(pages_support.user_with_role("auditor"))
    built = pages_support.report()
    other = make.plan(
        slug="zz-2025",
        title="郑州市2025年工业方案",
        period_start=date(2025, 1, 1),
        period_end=date(2025, 12, 31),
    )
    built.other_plan = other
    built.other_target = make.target(
        other,
        code="U-1",
        units=(built.gxj,),
        statement="全年工业投资达到900亿元",
        value=Decimal("900"),
        unit="亿元",
        period_start=date(2025, 1, 1),
        period_end=date(2025, 12, 31),
    )
    built.other_unassigned = make.target(other, code="U-2", units=())
    return built


def _csv(client, url: str) -> list[dict[str, str]]:
    response = client.get(url)
    assert response.status_code == 200, url
    assert response.streaming
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith("attachment;")
    body = b"".join(response.streaming_content).decode("utf-8")
    assert body.startswith("\ufeff")
    reader = csv.DictReader(io.StringIO(body[1:]))
    assert tuple(reader.fieldnames) == COLUMNS
    return list(reader)


def _keys(rows) -> list[tuple[str, str]]:
    return sorted((row["plan"], row["target_code"]) for row in rows)


def _page_keys(response) -> list[tuple[str, str]]:
    """The targets a report page's table holds (every page of it)."""
    return sorted((t.plan.slug, t.code) for t in response.context["table"].data)


ALL = [
    ("zz-2020", "T-LATER"),
    ("zz-2020", "T-MET"),
    ("zz-2020", "T-MISS"),
    ("zz-2020", "T-NONE"),
    ("zz-2025", "U-1"),
    ("zz-2025", "U-2"),
]


def test_plan_list_links_to_the_export_of_everything(client, report):
    response = client.get(reverse("tracker:plan-list"))
    url = response.context["export_url"]
    assert url == reverse("tracker:export")
    assert f'href="{url}"' in response.content.decode()
    rows = _csv(client, url)
    assert _keys(rows) == ALL
    later = next(row for row in rows if row["target_code"] == "T-LATER")
    assert (later["status"], later["grade"], later["evidence_value"]) == ("met", "later", "84.5")


@pytest.mark.parametrize(
    "query, expected",
    [
        ("plan={plan}", ALL[:4]),
        ("unit={gxj}", [ALL[0], ALL[1], ALL[2], ALL[4]]),
        ("unit={gxj}&plan={other}", [ALL[4]]),
        ("status=met", [ALL[0], ALL[1]]),
        ("status=overdue&unit={sthj}", [ALL[3]]),
        ("year=2025", ALL[4:]),
        ("grade=final&unit={fgw}", [ALL[1], ALL[2]]),
        ("status=bogus", []),
        ("sort=-code&page=2", ALL),
    ],
)
def test_the_export_holds_the_filtered_selection(client, report, query, expected):
    query = query.format(
        plan=report.plan.pk,
        other=report.other_plan.pk,
        gxj=report.gxj.pk,
        fgw=report.fgw.pk,
        sthj=report.sthj.pk,
    )
    assert _keys(_csv(client, f"{reverse('tracker:export')}?{query}")) == expected


def test_as_of_a_date_the_export_says_so_and_counts_only_what_was_known(client, report):
    # The evidence's documents were published on 2021-03-01.
    url = f"{reverse('tracker:export')}?plan={report.plan.pk}&as_of="
    before = _csv(client, url + "2021-02-28")
    assert {row["as_of"] for row in before} == {"2021-02-28"}
    assert {(row["status"], row["evidence_value"]) for row in before} == {("overdue", "")}
    after = _csv(client, url + "2021-03-01")
    assert [row["status"] for row in after if row["target_code"] == "T-MET"] == ["met"]
    assert _keys(_csv(client, url + "2021-02-28&status=met")) == []


@pytest.mark.parametrize(
    "page, query",
    [
        ("plan", "status=met&sort=-code"),
        ("plan", "unit={fgw}&grade=final"),
        ("plan", "year=2020&as_of=2021-02-28&status=overdue"),
        ("unit", "role=lead"),
        ("unit", "status=met&page=1"),
        ("unit", "plan={other}"),
    ],
)
def test_each_report_page_exports_exactly_its_rows(client, report, page, query):
    query = query.format(fgw=report.fgw.pk, other=report.other_plan.pk)
    if page == "plan":
        url = reverse("tracker:plan-report", args=[report.plan.slug])
    else:
        url = reverse("tracker:unit-detail", args=[report.gxj.pk])
    response = client.get(f"{url}?{query}")
    assert response.status_code == 200
    export = response.context["export_url"]
    assert "sort=" not in export and "page=" not in export
    assert f'href="{export.replace("&", "&amp;")}"' in response.content.decode()
    shown = _page_keys(response)
    assert shown  # every case selects something
    assert _keys(_csv(client, export)) == shown


def test_the_ranking_exports_the_targets_it_counts(client, report):
    url = reverse("tracker:unit-ranking") + f"?plan={report.other_plan.pk}&scope=all"
    export = client.get(url).context["export_url"]
    assert _keys(_csv(client, export)) == ALL[4:]


EXPORTS = ("export", "plan-export", "unit-export", "unit-ranking-export")


def _export_url(name: str, report) -> str:
    if name == "plan-export":
        return reverse(f"tracker:{name}", args=[report.plan.slug])
    if name == "unit-export":
        return reverse(f"tracker:{name}", args=[report.gxj.pk])
    return reverse(f"tracker:{name}")


@pytest.mark.parametrize("name", EXPORTS)
@pytest.mark.parametrize(
    "role, status",
    [("anonymous", 302), ("planner", 403), ("supervisor", 403), ("manager", 403), ("auditor", 200)],
)
def test_permission_matrix(client, report, name, role, status):
    client.logout()
    if role != "anonymous":
        client.force_login(pages_support.user_with_role(role, f"{role}-matrix"))
    response = client.get(_export_url(name, report))
    assert response.status_code == status
    if status == 302:
        assert response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize("role", ["planner", "supervisor", "manager"])
def test_no_export_link_without_the_permission(client, report, role):
    client.force_login(pages_support.user_with_role(role, f"{role}-links"))
    for url in (
        reverse("tracker:plan-list"),
        reverse("tracker:plan-report", args=[report.plan.slug]),
        reverse("tracker:unit-detail", args=[report.gxj.pk]),
        reverse("tracker:unit-ranking"),
    ):
        response = client.get(url)
        assert "export_url" not in response.context
        assert "export.csv" not in response.content.decode()


def test_the_export_of_everything_runs_a_fixed_number_of_queries(client, report):
    url = reverse("tracker:export")
    few = pages_support.queries(client, url)
    pages_support.add_targets(report.other_plan, 20)
    assert pages_support.queries(client, url) == few
