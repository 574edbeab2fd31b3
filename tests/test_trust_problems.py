"""The ten problems of issue 10 ("Trust"), each as a person or an attacker
met it, through the real entry points (admin pages with two browsers, the
login page, the report pages, the import commands, the database itself).

Each test failed on the code before the fix; the thorough tests of each
deliverable live beside the code they test (test_admin_*, test_services_*,
test_login_throttle, test_paging, test_audit_trail ...).
"""

from __future__ import annotations

from decimal import Decimal
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import DatabaseError, connection, transaction
from django.test import Client
from django.urls import reverse

from tests import pages_support
from tests.admin_support import form_data, logged_in, staff
from tracker import services
from tracker.models import AuditEvent, Document, Outcome, Plan

pytestmark = pytest.mark.django_db


@pytest.fixture
def locked(make):
    """A target whose approved final figure is locked, and that figure."""
    planner = make.user("lock-planner", groups=("planner",))
    document = make.document(text="2020年,全市技改投资增长29%。")
    target = make.target()
    outcome = make.outcome(target, document_=document, quote="技改投资增长29%")
    services.target_lock(target=target, actor=planner)
    return outcome


def test_1_a_document_quoted_by_approved_outcomes_keeps_its_text(locked):
    supervisor = logged_in(staff("supervisor"))
    url = reverse("admin:tracker_document_change", args=[locked.document_id])
    page = supervisor.get(url)
    response = supervisor.post(url, form_data(page, text="全文被改写，引述已不在其中。"))
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert f"#{locked.pk}" in " ".join(errors["text"])
    assert Document.objects.get(pk=locked.document_id).text == "2020年,全市技改投资增长29%。"


def test_2_the_later_of_two_saves_is_refused_not_silently_applied(make):
    first, second = staff("supervisor", "wang"), staff("supervisor", "li")
    outcome = make.outcome(
        make.target(),
        actor=first,
        approved=False,
        document_=make.document(text="初报增长29%，复核后增长30%。"),
    )
    url = reverse("admin:tracker_outcome_change", args=[outcome.pk])
    wang, li = logged_in(first), logged_in(second)
    wang_page, li_page = wang.get(url), li.get(url)
    assert wang.post(url, form_data(wang_page, value="30", quote="增长30%")).status_code == 302
    response = li.post(url, form_data(li_page, notes="核对过"))
    assert response.status_code == 200
    errors = " ".join(response.context["adminform"].form.non_field_errors())
    assert "wang" in errors
    assert Outcome.objects.get(pk=outcome.pk).value == Decimal("30")


def test_3_deleting_outcomes_in_the_admin_is_refused_without_a_500(locked, make):
    open_outcome = make.outcome(make.target())
    superuser = logged_in(make.user("root", is_staff=True, is_superuser=True))
    single = superuser.post(
        reverse("admin:tracker_outcome_delete", args=[locked.pk]), {"post": "yes"}
    )
    assert single.status_code == 403
    bulk = superuser.post(
        reverse("admin:tracker_outcome_changelist"),
        {"action": "delete_selected", "_selected_action": [open_outcome.pk, locked.pk]},
        follow=True,
    )
    assert bulk.status_code == 200
    assert Outcome.objects.filter(pk__in=[open_outcome.pk, locked.pk]).count() == 2


def test_4_thirty_wrong_passwords_lock_the_account(make):
    make.user("target-user")
    browser = Client()
    for _ in range(30):
        browser.post(reverse("login"), {"username": "target-user", "password": "wrong"})
    right = browser.post(
        reverse("login"), {"username": "target-user", "password": "pw-for-tests-only"}
    )
    assert right.status_code == 429
    assert "_auth_user_id" not in browser.session


@pytest.mark.parametrize("page", ["plan-list", "plan-report", "unit-ranking", "unit-detail"])
def test_5_per_page_is_bounded(client, page):
    report = pages_support.report()
    pages_support.add_targets(report.plan, 3, units=(report.gxj,))
    client.force_login(pages_support.user_with_role("manager"))
    args = {"plan-report": [report.plan.slug], "unit-detail": [report.gxj.pk]}
    url = reverse(f"tracker:{page}", args=args.get(page, []))
    for value in ("-1", "0", "100000", "abc"):
        response = client.get(url, {"per_page": value})
        assert response.status_code == 200, value
        assert response.context["table"].page.paginator.per_page <= 200


PLAN_7 = (
    '[plan]\nslug = "p7"\ntitle = "制造业方案"\nissuer = "市政府"\njurisdiction = "郑州市"\n'
    'period_start = "2020-01-01"\nperiod_end = "2020-12-31"\n'
)


def test_6_an_approved_import_needs_a_person(tmp_path):
    path = tmp_path / "p.toml"
    path.write_text(PLAN_7, encoding="utf-8")
    with pytest.raises(CommandError, match="--user"):
        call_command("import_plan", str(path), approved=True, stdout=StringIO())
    assert not Plan.objects.exists()


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("nul.toml", PLAN_7.replace("制造业方案", "制造业\\u0000方案").encode()),
        ("gbk.toml", PLAN_7.encode("gbk")),
    ],
)
def test_7_bad_bytes_in_a_plan_file_are_listed_problems(tmp_path, name, content):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(CommandError) as error:
        call_command("import_plan", str(path), stdout=StringIO())
    assert name in str(error.value)
    assert not Plan.objects.exists()


def test_7_a_nul_in_a_csv_cell_is_a_listed_problem(tmp_path, make):
    target = make.target(make.plan(slug="p-nul"), code="T1")
    make.document(slug="d-nul", text="技改投资增长29%。")
    make.user("sup-nul", groups=("supervisor",))
    path = tmp_path / "o.csv"
    path.write_text(
        "plan,target_code,value,value_high,qualifier,unit,period_start,period_end,"
        "document,quote,proxy,reported_indicator,note\n"
        "p-nul,T1,29,,exact,%,2020-01-01,2020-12-31,d-nul,技改投资增长29%,,,备\x00注\n",
        encoding="utf-8",
    )
    with pytest.raises(CommandError, match="第2行"):
        call_command("import_outcomes", str(path), user="sup-nul", stdout=StringIO())
    assert not Outcome.objects.filter(target=target).exists()


def test_8_the_admin_refuses_a_duplicate_outcome(make):
    existing = make.outcome(make.target())
    supervisor = logged_in(staff("supervisor"))
    response = supervisor.post(
        reverse("admin:tracker_outcome_add"),
        {
            "target": existing.target_id,
            "document": existing.document_id,
            "quote": existing.quote,
            "value": "29",
            "qualifier": "exact",
            "unit": "%",
            "period_start": existing.period_start.isoformat(),
            "period_end": existing.period_end.isoformat(),
            "reported_indicator": "",
            "notes": "",
            "version": "1",
        },
    )
    assert response.status_code == 200
    assert Outcome.objects.filter(target=existing.target).count() == 1


def test_9_a_user_with_entries_is_not_deleted(make):
    author = make.user("author")
    make.outcome(make.target(), actor=author)
    superuser = logged_in(make.user("root", is_staff=True, is_superuser=True))
    response = superuser.post(
        reverse("admin:auth_user_delete", args=[author.pk]), {"post": "yes"}, follow=True
    )
    assert response.status_code in (200, 403)
    assert get_user_model().objects.filter(pk=author.pk).exists()


def test_10_auditors_read_the_trail_and_the_database_keeps_it(client, make):
    make.outcome(make.target())
    client.force_login(pages_support.user_with_role("auditor"))
    assert client.get("/audit/").status_code == 200
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE tracker_audit_event SET comment = 'rewritten'")
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM tracker_audit_event")
    assert AuditEvent.objects.exists()
