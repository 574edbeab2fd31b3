"""The daily status refresh (``manage.py refresh_statuses``) and the marker
pages read instead of rebuilding statuses (docs/architecture.md section 8)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tracker import services
from tracker.analytics import assessments
from tracker.models import Assessment, StatusRefresh, Target

pytestmark = pytest.mark.django_db


def stored(target) -> tuple[str, date]:
    row = Assessment.objects.get(target=target)
    return row.status, row.as_of


@pytest.fixture
def year_2026(make):
    """Three 2026 targets and one 2027 target, statuses stored as of mid-2026."""
    plan = make.plan(period_start=date(2026, 1, 1), period_end=date(2027, 12, 31))
    targets = {
        "ends_2026": make.target(
            plan, period_start=date(2026, 1, 1), period_end=date(2026, 12, 31)
        ),
        "ends_2027": make.target(
            plan, period_start=date(2027, 1, 1), period_end=date(2027, 12, 31)
        ),
    }
    assessments.refresh(as_of=date(2026, 6, 30))
    return plan, targets


def test_only_targets_whose_period_ended_are_reassessed(year_2026):
    _plan, targets = year_2026
    report = assessments.refresh_due(date(2027, 1, 1))
    assert report.target_ids == [targets["ends_2026"].pk]
    assert report.reasons == {"new": 0, "period_end": 1, "figure_known": 0, "touched": 0}
    assert stored(targets["ends_2026"]) == ("overdue", date(2027, 1, 1))
    # Not due: its stored status stays, with the date it was computed for.
    assert stored(targets["ends_2027"]) == ("no_data", date(2026, 6, 30))
    assert assessments.statuses_as_of() == date(2027, 1, 1)


def test_on_its_last_day_a_period_still_runs(year_2026):
    _plan, targets = year_2026
    assert assessments.refresh_due(date(2026, 12, 31)).target_ids == []
    assert stored(targets["ends_2026"])[0] == "no_data"


def test_running_twice_changes_nothing(year_2026):
    assessments.refresh_due(date(2027, 1, 1))
    before = list(Assessment.objects.order_by("pk").values_list("pk", "status", "as_of"))
    again = assessments.refresh_due(date(2027, 1, 1))
    assert again.target_ids == []
    assert list(Assessment.objects.order_by("pk").values_list("pk", "status", "as_of")) == before


def test_a_figure_published_since_is_picked_up(make):
    # The factory's documents are published on 2021-03-01.
    target = make.target(value=Decimal("20"))
    make.outcome(target, value=Decimal("29"))
    assessments.refresh(as_of=date(2021, 2, 28))
    assert Assessment.objects.get(target=target).status == "overdue"
    report = assessments.refresh_due(date(2021, 3, 1))
    assert report.target_ids == [target.pk]
    assert report.reasons["figure_known"] == 1
    assert Assessment.objects.get(target=target).status == "met"


def test_targets_without_a_status_or_changed_behind_the_services_are_due(year_2026):
    _plan, targets = year_2026
    Assessment.objects.filter(target=targets["ends_2027"]).delete()
    later = timezone.now() + timezone.timedelta(minutes=1)
    Target.objects.filter(pk=targets["ends_2026"].pk).update(updated_at=later)
    report = assessments.refresh_due(date(2026, 6, 30))
    assert report.target_ids == sorted(t.pk for t in targets.values())
    assert (report.reasons["new"], report.reasons["touched"]) == (1, 1)


def test_incremental_equals_full(year_2026, make):
    plan, targets = year_2026
    make.outcome(targets["ends_2027"], value=Decimal("5"))
    assessments.refresh_due(date(2028, 3, 1))
    incremental = {row.target_id: row.status for row in Assessment.objects.all()}
    expected = assessments.compute(as_of=date(2028, 3, 1))
    assert incremental == {key: value.status for key, value in expected.items()}


def test_the_command_prints_what_it_refreshed(year_2026):
    _plan, targets = year_2026
    out = StringIO()
    call_command("refresh_statuses", "--as-of", "2027-01-01", "-v", "2", stdout=out)
    text = out.getvalue()
    assert "2027-01-01" in text and "1" in text
    assert str(targets["ends_2026"].pk) in text.splitlines()[-1]
    out = StringIO()
    call_command("refresh_statuses", "--as-of", "2027-01-01", "--full", stdout=out)
    assert "2" in out.getvalue()
    assert stored(targets["ends_2027"]) == ("no_data", date(2027, 1, 1))


def test_the_marker_is_one_query_whatever_the_number_of_targets(make):
    plan = make.plan()
    for _ in range(5):
        make.target(plan)
    with CaptureQueriesContext(connection) as queries:
        assessments.freshness()
    assert len(queries) == 1
    assert "tracker_target" not in queries[0]["sql"]


def test_a_page_on_stale_statuses_says_their_date_and_rebuilds_nothing(client, make, year_2026):
    _plan, targets = year_2026
    client.force_login(make.user(groups=("manager",)))
    response = client.get("/")
    assert response.status_code == 200
    assert "状态截至 2026-06-30" in response.content.decode()
    # Still as stored: the 2026 target's period is over today, but no
    # request re-assesses it.
    assert stored(targets["ends_2026"]) == ("no_data", date(2026, 6, 30))
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    english = client.get("/")
    assert "Statuses as of 2026-06-30" in english.content.decode()


def test_a_fresh_page_says_nothing_about_dates(client, make, year_2026):
    assessments.refresh_due()
    client.force_login(make.user(groups=("manager",)))
    assert "statuses-as-of" not in client.get("/").content.decode()


def test_a_documents_new_date_moves_its_figures_statuses(make):
    # Published in 2031: its 2020 figure is not yet known today.
    target = make.target(value=Decimal("20"))
    document = make.document(text="据统计,增长29%。", published_on=date(2031, 3, 1))
    make.outcome(target, value=Decimal("29"), document_=document, quote="增长29%")
    assert Assessment.objects.get(target=target).status == "overdue"
    document.published_on = date(2021, 3, 1)
    services.entity_save(instance=document, actor=None)
    assert Assessment.objects.get(target=target).status == "met"


def test_a_refresh_with_nothing_due_leaves_the_marker_as_it_was(year_2026):
    assessments.refresh_due(date(2027, 1, 1))
    before = StatusRefresh.objects.values_list("as_of", "refreshed_at", "targets").get()
    assessments.refresh_due(date(2027, 1, 1))
    assert StatusRefresh.objects.values_list("as_of", "refreshed_at", "targets").get() == before
