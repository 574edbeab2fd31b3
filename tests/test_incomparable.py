"""A figure whose unit cannot convert to its target's is accepted with a
warning (admin, plan files, CSV), stored, shown, and yields ``incomparable``
only when it is the only evidence (docs/attainment.md section 1,
section 5 and section 7)."""

from __future__ import annotations

import csv
import io
from decimal import Decimal
from io import StringIO

import pytest
from django.contrib.messages import get_messages
from django.core.management import call_command
from django.urls import reverse

from tracker import services
from tracker.models import Assessment, Outcome

pytestmark = pytest.mark.django_db

TEXT = (
    "2020年,全市技改投资增长29%,比上年提高3.5个百分点。2021年技改投资增长31%。"
    "2021年底高技术产业占比达到31%。"
)


@pytest.fixture
def target(make):
    plan = make.plan(slug="p-inc")
    return make.target(plan, code="T1", unit="%", value=Decimal("20"))


@pytest.fixture
def document(make):
    return make.document(text=TEXT, slug="d-inc")


@pytest.fixture
def supervisor(client, make):
    user = make.user("sup-inc", groups=("supervisor",), is_staff=True)
    client.force_login(user)
    return user


def _form(target, document, **overrides):
    data = {
        "target": target.pk,
        "document": document.pk,
        "quote": "比上年提高3.5个百分点",
        "value": "3.5",
        "qualifier": "exact",
        "unit": "个百分点",
        "period_start": "2020-01-01",
        "period_end": "2020-12-31",
        "reported_indicator": "",
        "notes": "",
    }
    data.update(overrides)
    return data


def _approve(outcome, make):
    reviewer = make.user(groups=("supervisor",))
    if outcome.state == "draft":
        services.outcome_submit(outcome=outcome, actor=outcome.entered_by)
    services.outcome_approve(outcome=outcome, actor=reviewer)


def test_the_admin_keeps_it_with_a_warning_and_it_is_incomparable(
    client, supervisor, make, target, document
):
    response = client.post(reverse("admin:tracker_outcome_add"), _form(target, document))
    assert response.status_code == 302, response.content.decode()[:2000]
    outcome = Outcome.objects.get(target=target)
    assert outcome.unit == "个百分点"
    warnings = [str(m) for m in get_messages(response.wsgi_request) if m.level_tag == "warning"]
    assert any("个百分点（百分点）无法换算为目标的单位%（百分比）" in w for w in warnings), warnings

    _approve(outcome, make)
    assessment = Assessment.objects.get(target=target)
    assert (assessment.status, assessment.grade, assessment.outcome_id) == (
        "incomparable",
        "final",
        outcome.pk,
    )
    assert assessment.reason_code == "incomparable_units"  # stored with the status


def test_it_never_outranks_a_figure_that_converts(make, document):
    # A level (a share at the period's end): a later figure can speak for it.
    share = make.target(
        make.plan(slug="p-inc-level"),
        code="T2",
        unit="%",
        value=Decimal("20"),
        measure="level",
        statement="高技术产业占比达到20%以上",
        indicator="高技术产业占比",
    )
    odd = make.outcome(
        share, document_=document, value=Decimal("3.5"), unit="个百分点", quote="提高3.5个百分点"
    )
    assert Assessment.objects.get(target=share).status == "incomparable"
    # A later figure in % is worse-graded, yet it is the one that can speak.
    later = make.outcome(
        share,
        document_=document,
        value=Decimal("31"),
        quote="2021年底高技术产业占比达到31%",
        period_start=share.period_start.replace(year=2021),
        period_end=share.period_end.replace(year=2021),
    )
    assessment = Assessment.objects.get(target=share)
    assert (assessment.status, assessment.grade, assessment.outcome_id) == (
        "met",
        "later",
        later.pk,
    )
    assert Outcome.objects.filter(pk=odd.pk).exists()  # kept


def test_the_target_page_shows_it_with_the_reason(client, make, target, document):
    make.outcome(
        target, document_=document, value=Decimal("3.5"), unit="个百分点", quote="提高3.5个百分点"
    )
    manager = make.user(groups=("manager",))
    client.force_login(manager)
    page = client.get(reverse("tracker:target-detail", args=[target.pk])).content.decode()
    assert "单位不可换算" in page
    assert "个百分点（百分点）无法换算为目标的单位%（百分比）" in page
    assert "不可比" in page


PLAN = """
[plan]
slug = "p-inc-file"
title = "不可比测试"
issuer = "测试"
jurisdiction = "测试市"
period_start = "2020-01-01"
period_end = "2020-12-31"

[[documents]]
slug = "d-inc-file"
title = "答复"
kind = "reply"
text = "{text}"

[[targets]]
code = "1"
statement = "技改投资增长20%以上"
indicator = "技改投资增速"
comparator = "at_least"
value = "20"
unit = "%"
period_start = "2020-01-01"
period_end = "2020-12-31"
direction = "higher"
commitment = "firm"
measure = "rate"

[[outcomes]]
target = "1"
value = "3.5"
qualifier = "exact"
unit = "个百分点"
period_start = "2020-01-01"
period_end = "2020-12-31"
document = "d-inc-file"
quote = "比上年提高3.5个百分点"
""".replace("{text}", TEXT)


def test_a_plan_file_imports_it_with_a_warning(tmp_path, make):
    path = tmp_path / "plan.toml"
    path.write_text(PLAN, encoding="utf-8")
    out = StringIO()
    planner = make.user("plan-importer", groups=("planner",))
    call_command("import_plan", str(path), approved=True, user=planner.username, stdout=out)
    output = out.getvalue()
    assert "unit: 个百分点（百分点）无法换算为目标的单位%（百分比）" in output
    outcome = Outcome.objects.get(target__plan__slug="p-inc-file")
    assert outcome.unit == "个百分点"
    assert Assessment.objects.get(target=outcome.target).status == "incomparable"


def test_a_csv_imports_it_with_a_warning(tmp_path, make, target, document):
    from tracker.imports.outcomes_csv import COLUMNS

    row = {
        "plan": "p-inc",
        "target_code": "T1",
        "value": "3.5",
        "qualifier": "exact",
        "unit": "个百分点",
        "period_start": "2020-01-01",
        "period_end": "2020-12-31",
        "document": "d-inc",
        "quote": "比上年提高3.5个百分点",
    }
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer)
    writer.writerow(COLUMNS)
    writer.writerow([row.get(column, "") for column in COLUMNS])
    path = tmp_path / "o.csv"
    path.write_text(buffer.getvalue(), encoding="utf-8")
    make.user("sup-csv-inc", groups=("supervisor",))
    out = StringIO()
    call_command("import_outcomes", str(path), user="sup-csv-inc", stdout=out)
    assert "unit: 个百分点（百分点）无法换算为目标的单位%（百分比）" in out.getvalue()
    assert Outcome.objects.get(target=target).unit == "个百分点"
