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


def test_statuses_are_rebuilt_when_the_date_moves_on(make):
    plan = make.plan(period_start=date(2020, 1, 1), period_end=date(2030, 12, 31))
    target = make.target(plan, period_start=date(2026, 1, 1), period_end=date(2026, 12, 31))
    assessments.refresh(as_of=date(2026, 6, 30))
    assert status_of(target) == ("no_data", None)
    assert not assessments.is_fresh(date(2027, 1, 1))
    assessments.ensure_fresh(date(2027, 1, 1))
    assert status_of(target) == ("overdue", None)
    assert assessments.is_fresh(date(2027, 1, 1))


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
