"""Two writers at once both commit, on SQLite too (config/env.py
``primary_database``: IMMEDIATE transactions and a busy timeout).

SQLite lets one writer in at a time. Under Django's default deferred
transactions each writer took the write lock only at its first write: when
both had read first, the second could not wait for the lock (SQLite refuses
to, as waiting could deadlock) and failed at once with "database is locked".
Each writer here reads, holds its transaction a moment, then writes through
the services, so the two overlap every run. On PostgreSQL the same test
checks that the two writes do not get in each other's way.
"""

from __future__ import annotations

import threading
import time

import pytest
from django.db import connection, transaction

from config.env import SQLITE_WAIT_SECONDS, primary_database
from tests import factories
from tests.tables import clean_tracker_tables
from tracker import services
from tracker.models import AuditEvent, Plan


def test_sqlite_transactions_take_the_write_lock_as_they_begin_and_postgresql_is_left_alone():
    sqlite = primary_database("sqlite:///tracker.sqlite3")
    assert sqlite["OPTIONS"] == {"transaction_mode": "IMMEDIATE", "timeout": SQLITE_WAIT_SECONDS}
    postgresql = primary_database("postgresql://postgres@127.0.0.1:5432/tracker")
    assert "transaction_mode" not in postgresql.get("OPTIONS", {})
    assert "timeout" not in postgresql.get("OPTIONS", {})


@pytest.mark.django_db(transaction=True)
def test_two_writers_that_read_first_both_commit():
    try:
        # Transactional tests run last and some migrate down and up: start
        # from the built-in units of measure, as migrate leaves them.
        clean_tracker_tables()
        plans = [factories.plan(), factories.plan()]
        start = threading.Barrier(2, timeout=30)
        errors: list[BaseException] = []

        def writer(pk: int, title: str) -> None:
            try:
                start.wait()
                with transaction.atomic():
                    plan = Plan.objects.get(pk=pk)  # reads first, as a request does
                    time.sleep(0.5)  # the other writer reads meanwhile
                    plan.title = title
                    services.entity_save(instance=plan, actor=None, via="test")
            except BaseException as error:  # noqa: BLE001 (reported below)
                errors.append(error)
            finally:
                connection.close()

        titles = ["第一位写入者的标题", "第二位写入者的标题"]
        threads = [
            threading.Thread(target=writer, args=(plan.pk, title))
            for plan, title in zip(plans, titles, strict=True)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(60)
        assert errors == []
        assert [Plan.objects.get(pk=plan.pk).title for plan in plans] == titles
        updates = AuditEvent.objects.filter(
            entity="plan", entity_id__in=[plan.pk for plan in plans], action="update"
        )
        assert updates.count() == 2
    finally:
        clean_tracker_tables()
