"""The audit trail (issue 10, deliverable 9): a page for auditors and
planners, filtered by record, person, action, entry point and date; a
record's full history with old and new values; a streamed, formula-safe CSV
for auditors; and a database that refuses to change or delete the trail."""

from __future__ import annotations

import csv
import io
import re
from datetime import timedelta
from decimal import Decimal

import pytest
from django.db import DatabaseError, connection, transaction
from django.urls import reverse
from django.utils import timezone

from tests import pages_support
from tracker import services
from tracker.exports.audit import COLUMNS
from tracker.models import AuditEvent

pytestmark = pytest.mark.django_db


@pytest.fixture
def trail(make):
    """An outcome entered by Wang, corrected by Wang, approved by Li, and a
    plan entered by a planner with a comment a spreadsheet would run."""
    wang = make.user("wang", first_name="", last_name="")
    li = make.user("li")
    document = make.document(text="初报增长29%，复核后增长30%。")
    outcome = make.outcome(
        make.target(), actor=wang, approved=False, document_=document, quote="增长29%"
    )
    services.outcome_update(
        outcome=outcome, actor=wang, version=1, value=Decimal("30"), quote="增长30%", via="admin"
    )
    services.outcome_submit(outcome=outcome, actor=wang, via="review")
    services.outcome_approve(outcome=outcome, actor=li, comment="=HYPERLINK(1)", via="review")
    return outcome, wang, li


def _auditor(client):
    client.force_login(pages_support.user_with_role("auditor"))


def _rows(response) -> list[AuditEvent]:
    return [row.record for row in response.context["table"].paginated_rows]


def test_the_trail_lists_every_write_newest_first_with_old_and_new_values(client, trail):
    outcome, wang, li = trail
    _auditor(client)
    response = client.get(reverse("tracker:audit-trail"))
    assert response.status_code == 200
    rows = _rows(response)
    assert rows[0].action == "approve" and rows[0].actor == li
    page = response.content.decode()
    assert "<del>29</del> → <ins>30</ins>" in page
    assert reverse("tracker:audit-record", args=["outcome", outcome.pk]) in page


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"action": "approve"}, ["approve"]),
        ({"via": "review"}, ["approve", "submit"]),
        ({"entity": "outcome", "action": "update"}, ["update"]),
    ],
)
def test_filters(client, trail, params, expected):
    _auditor(client)
    response = client.get(reverse("tracker:audit-trail"), params)
    assert [event.action for event in _rows(response)] == expected


def test_filter_by_record_person_and_date(client, trail):
    outcome, wang, _li = trail
    _auditor(client)
    url = reverse("tracker:audit-trail")
    mine = _rows(client.get(url, {"entity": "outcome", "entity_id": outcome.pk, "actor": wang.pk}))
    assert [event.action for event in mine] == ["submit", "update", "create"]
    today = timezone.localdate()
    assert _rows(client.get(url, {"since": today.isoformat(), "until": today.isoformat()}))
    tomorrow = (today + timedelta(days=1)).isoformat()
    assert _rows(client.get(url, {"since": tomorrow})) == []


def test_a_record_history_shows_every_change_oldest_first(client, trail):
    outcome, _wang, _li = trail
    client.force_login(pages_support.user_with_role("planner"))
    response = client.get(reverse("tracker:audit-record", args=["outcome", outcome.pk]))
    assert response.status_code == 200
    assert [event.action for event in _rows(response)] == ["create", "update", "submit", "approve"]
    page = response.content.decode()
    assert "<del>增长29%</del> → <ins>增长30%</ins>" in page
    assert "报告值" in page  # fields by their names, not their codes
    unknown = client.get(reverse("tracker:audit-record", args=["nothing", 1]))
    assert unknown.status_code == 404


def test_the_csv_is_streamed_one_row_per_change_and_formula_safe(client, trail):
    outcome, wang, li = trail
    _auditor(client)
    response = client.get(reverse("tracker:audit-export"), {"entity": "outcome"})
    assert response.streaming
    text = b"".join(response.streaming_content).decode("utf-8")
    assert text.startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"))))
    assert tuple(rows[0].keys()) == COLUMNS
    value_change = [r for r in rows if r["action"] == "update" and r["field"] == "value"]
    assert [(r["old"], r["new"], r["actor"]) for r in value_change] == [("29", "30", "wang")]
    approve = [r for r in rows if r["action"] == "approve"]
    assert approve and all(r["comment"] == "'=HYPERLINK(1)" for r in approve)
    assert {r["entity"] for r in rows} == {"outcome"}


def test_planners_read_the_trail_but_only_auditors_export_it(client, trail):
    client.force_login(pages_support.user_with_role("planner"))
    page = client.get(reverse("tracker:audit-trail"))
    assert page.status_code == 200 and "export_url" not in page.context
    assert client.get(reverse("tracker:audit-export")).status_code == 403


def test_the_page_costs_the_same_queries_for_few_and_many_events(client, make):
    _auditor(client)
    url = reverse("tracker:audit-trail")
    make.outcome(make.target(), actor=make.user())
    few = pages_support.queries(client, url)
    for _ in range(10):
        make.outcome(make.target(), actor=make.user())
    assert pages_support.queries(client, url) == few


# -- the database keeps the trail ---------------------------------------------------------


def _refused(sql: str) -> None:
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(sql)


def test_the_database_refuses_to_change_or_delete_the_trail(trail):
    before = list(AuditEvent.objects.order_by("id").values_list("id", "comment", "changes"))
    _refused("UPDATE tracker_audit_event SET comment = 'rewritten'")
    _refused("DELETE FROM tracker_audit_event")
    if connection.vendor == "postgresql":
        _refused("TRUNCATE tracker_audit_event")
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEvent.objects.all().delete()
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEvent.objects.update(comment="rewritten")
    after = list(AuditEvent.objects.order_by("id").values_list("id", "comment", "changes"))
    assert after == before


def test_appending_still_works(trail):
    count = AuditEvent.objects.count()
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO tracker_audit_event (action, entity, entity_id, changes, comment, via)"
            " VALUES ('create', 'plan', 1, '{}', '', '')"
        )
    assert AuditEvent.objects.count() == count + 1


def test_the_guard_is_installed_by_the_migrations():
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT tgname FROM pg_trigger WHERE tgrelid = 'tracker_audit_event'::regclass"
                " AND NOT tgisinternal ORDER BY tgname"
            )
            expected = ["tracker_audit_event_append_only", "tracker_audit_event_no_truncate"]
        else:
            cursor.execute(
                "SELECT name FROM sqlite_master WHERE type = 'trigger'"
                " AND tbl_name = 'tracker_audit_event' ORDER BY name"
            )
            expected = ["tracker_audit_event_no_delete", "tracker_audit_event_no_update"]
        assert [row[0] for row in cursor.fetchall()] == expected


def test_the_trail_reads_in_english_after_the_switch(client, trail):
    _auditor(client)
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    page = client.get(reverse("tracker:audit-trail")).content.decode()
    headings = re.findall(r"<(h1|th)[^>]*>(.*?)</\1>", page, re.S)
    assert headings
    for _tag, text in headings:
        assert not re.search(r"[\u4e00-\u9fff]", text), text
    assert "approve" in page and "review queue" in page.lower()
