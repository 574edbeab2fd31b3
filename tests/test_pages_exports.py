"""CSV exports of the reports: the filtered targets, streamed with a BOM,
formula-safe, in the columns of ``manage.py export_attainment``."""

from __future__ import annotations

import csv
import io
from decimal import Decimal

import pytest
from django.urls import reverse

from tests import pages_support
from tracker.exports.attainment import COLUMNS

pytestmark = pytest.mark.django_db


@pytest.fixture
def report(client):
    client.force_login(pages_support.user_with_role("auditor"))
    return pages_support.report()


def _csv(client, url: str) -> tuple[str, list[dict[str, str]]]:
    response = client.get(url)
    assert response.status_code == 200
    assert response.streaming
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith("attachment;")
    body = b"".join(response.streaming_content).decode("utf-8")
    assert body.startswith("\ufeff")
    reader = csv.DictReader(io.StringIO(body[1:]))
    assert tuple(reader.fieldnames) == COLUMNS
    return body, list(reader)


def _codes(rows) -> list[str]:
    return sorted(row["target_code"] for row in rows)


def test_plan_export_holds_every_target_of_the_plan(client, report, make):
    make.target(make.plan())  # another plan's target stays out
    _, rows = _csv(client, reverse("tracker:plan-export", args=[report.plan.slug]))
    assert _codes(rows) == ["T-LATER", "T-MET", "T-MISS", "T-NONE"]
    missed = next(row for row in rows if row["target_code"] == "T-MISS")
    assert (missed["status"], missed["grade"], missed["evidence_value"]) == (
        "missed",
        "final",
        "650",
    )
    assert missed["quote"] == "全年完成工业投资650亿元"


def test_plan_export_follows_the_page_filters(client, report):
    url = reverse("tracker:plan-export", args=[report.plan.slug])
    _, rows = _csv(client, f"{url}?status=met&sort=-code&page=1")
    assert _codes(rows) == ["T-LATER", "T-MET"]
    _, rows = _csv(client, f"{url}?unit={report.fgw.pk}&grade=final")
    assert _codes(rows) == ["T-MET", "T-MISS"]
    _, rows = _csv(client, f"{url}?status=bogus")
    assert rows == []


def test_page_links_to_the_export_with_its_filters_only(client, report):
    url = reverse("tracker:plan-report", args=[report.plan.slug])
    response = client.get(f"{url}?status=met&sort=-code&page=1")
    export = reverse("tracker:plan-export", args=[report.plan.slug])
    assert response.context["export_url"] == f"{export}?status=met"


def test_export_link_is_hidden_without_the_permission(client, report):
    client.force_login(pages_support.user_with_role("manager"))
    response = client.get(reverse("tracker:plan-report", args=[report.plan.slug]))
    assert "export_url" not in response.context
    assert "导出CSV" not in response.content.decode()


def test_unit_export_holds_its_lead_and_support_targets(client, report):
    url = reverse("tracker:unit-export", args=[report.gxj.pk])
    _, rows = _csv(client, url)
    assert _codes(rows) == ["T-LATER", "T-MET", "T-MISS"]
    _, rows = _csv(client, f"{url}?role=lead")
    assert _codes(rows) == ["T-LATER", "T-MET"]


def test_ranking_export_holds_the_targets_behind_it(client, report, make):
    # The ranking's rows cover every target (the unassigned row counts the
    # ones without a unit), so its export holds every target of the plan.
    unassigned = make.target(report.plan, units=(), code="T-UNASSIGNED")
    _, rows = _csv(client, reverse("tracker:unit-ranking-export"))
    assert _codes(rows) == ["T-LATER", "T-MET", "T-MISS", "T-NONE", unassigned.code]
    _, rows = _csv(client, reverse("tracker:unit-ranking-export") + f"?plan={make.plan().pk}")
    assert rows == []


def test_export_is_formula_safe(client, report, make):
    make.target(report.plan, code="=HYPERLINK(1)", statement="=1+2", value=Decimal("20"))
    body, rows = _csv(client, reverse("tracker:plan-export", args=[report.plan.slug]))
    risky = next(row for row in rows if row["statement"].endswith("1+2"))
    assert risky["statement"] == "'=1+2"
    assert risky["target_code"] == "'=HYPERLINK(1)"
    assert "\n=1+2" not in body and ",=1+2" not in body


def test_export_query_count_does_not_grow_with_rows(client, report):
    url = reverse("tracker:plan-export", args=[report.plan.slug])
    few = pages_support.queries(client, url)
    pages_support.add_targets(report.plan, 20)
    assert pages_support.queries(client, url) == few
