"""Stored statuses follow every write and the calendar (tracker_assessment)."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tracker import services
from tracker.analytics import assessments
from tracker.models import Assessment

pytestmark = pytest.mark.django_db


def status_of(target) -> tuple[str, str | None]:
    stored = Assessment.objects.get(target=target)
    return stored.status, stored.grade


def test_new_target_without_evidence_has_a_stored_status(make):
    target = make.target()  # a 2020 target: its period is over today
    assert status_of(target) == ("overdue", None)


def test_only_approval_changes_the_stored_status(make):
    supervisor, reviewer = make.user(), make.user()
    target = make.target(value=Decimal("20"))
    outcome = make.outcome(target, actor=supervisor, approved=False, value=Decimal("29"))
    assert status_of(target) == ("overdue", None)
    services.outcome_submit(outcome=outcome, actor=supervisor)
    assert status_of(target) == ("overdue", None)
    services.outcome_approve(outcome=outcome, actor=reviewer)
    assert status_of(target) == ("met", "final")
    assert Assessment.objects.get(target=target).outcome_id == outcome.pk


def test_withdrawing_the_evidence_restores_the_status(make):
    target = make.target(value=Decimal("20"))
    outcome = make.outcome(target, value=Decimal("10"))
    assert status_of(target) == ("missed", "final")
    services.outcome_withdraw(outcome=outcome, actor=None, reason="引述有误")
    assert status_of(target) == ("overdue", None)


def test_statuses_follow_the_date_through_the_daily_refresh(make):
    plan = make.plan(period_start=date(2020, 1, 1), period_end=date(2030, 12, 31))
    target = make.target(plan, period_start=date(2026, 1, 1), period_end=date(2026, 12, 31))
    assessments.refresh(as_of=date(2026, 6, 30))
    assert status_of(target) == ("no_data", None)
    assert assessments.statuses_as_of() == date(2026, 6, 30)
    report = assessments.refresh_due(date(2027, 1, 1))
    assert report.target_ids == [target.pk]
    assert status_of(target) == ("overdue", None)
    assert assessments.statuses_as_of() == date(2027, 1, 1)


def test_refresh_runs_a_constant_number_of_queries(make):
    plan = make.plan()
    for _ in range(3):
        make.outcome(make.target(plan))
    tomorrow = date.today() + timedelta(days=1)
    with CaptureQueriesContext(connection) as few:
        assessments.refresh(as_of=tomorrow)
    for _ in range(20):
        make.outcome(make.target(plan))
    with CaptureQueriesContext(connection) as many:
        assessments.refresh(as_of=tomorrow)
    assert len(many) == len(few)


def test_stored_statuses_use_only_what_was_known_that_day(make):
    # The factory's documents are published on 2021-03-01.
    target = make.target(value=Decimal("20"))
    outcome = make.outcome(target, value=Decimal("29"))
    assessments.refresh(as_of=date(2021, 2, 28))
    stored = Assessment.objects.get(target=target)
    assert (stored.status, stored.outcome_id) == ("overdue", None)
    assert (stored.reason_code, stored.reason_params) == (
        "no_figure_overdue",
        {"period_end": "2020-12-31"},
    )
    assessments.refresh(as_of=date(2021, 3, 1))
    stored = Assessment.objects.get(target=target)
    assert (stored.status, stored.grade, stored.outcome_id) == ("met", "final", outcome.pk)
    assert (stored.reason_code, stored.reason_params) == ("final_figure", {})


def test_an_undated_documents_figure_is_known_from_the_end_of_its_period(make):
    plan = make.plan(period_start=date(2030, 1, 1), period_end=date(2030, 12, 31))
    target = make.target(plan, statement="占比达到20%以上", measure="level")
    undated = make.document(text="据统计,占比25%。", published_on=None)
    make.outcome(
        target,
        value=Decimal("25"),
        document_=undated,
        quote="占比25%",
        period_start=date(2030, 1, 1),
        period_end=date(2030, 6, 30),
    )
    assessments.refresh(as_of=date(2030, 6, 29))
    assert status_of(target) == ("no_data", None)
    assessments.refresh(as_of=date(2030, 6, 30))
    assert status_of(target) == ("on_track", "interim")
