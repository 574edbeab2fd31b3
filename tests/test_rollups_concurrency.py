"""Two writers rewriting one plan's stored rollups at the same time both
commit (tracker/analytics/stored_rollups.py: one rewrite at a time).

Found by the load test (benchmarks/load_trust.py): supervisors entering and
reviewers approving outcomes of one plan at once got 500s from a duplicate
key on the rollup table, because under READ COMMITTED the second rewrite's
DELETE did not see the rows the first had just inserted. Each writer here
holds its transaction open a moment after rewriting, so the two overlap
every run. PostgreSQL only: on SQLite (the local default, one writer at
a time) the second writer waits at BEGIN for the first to commit, so the
two cannot overlap (tests/test_concurrent_writers.py checks that both commit).
"""

from __future__ import annotations

import threading
import time

import pytest
from django.db import connection, transaction

from tests import factories
from tests.tables import clean_tracker_tables
from tracker.analytics import stored_rollups
from tracker.db import run_select
from tracker.schema import plan_rollup


@pytest.mark.django_db(transaction=True)
def test_two_writers_rewriting_one_plans_rollups_at_once_both_commit():
    if connection.vendor != "postgresql":
        pytest.skip("SQLite lets one writer in at a time: two rewrites cannot overlap")
    try:
        # Transactional tests run last and some migrate down and up: start
        # from the built-in units of measure, as migrate leaves them.
        clean_tracker_tables()
        unit = factories.unit("市工信局")
        plan = factories.plan()
        for _ in range(3):
            factories.target(plan, units=(unit,))
        start = threading.Barrier(2, timeout=30)
        errors: list[BaseException] = []

        def writer() -> None:
            try:
                with transaction.atomic():
                    start.wait()
                    stored_rollups.rebuild([plan.pk])
                    time.sleep(0.5)  # still open while the other one rewrites
            except BaseException as error:  # noqa: BLE001 (reported below)
                errors.append(error)
            finally:
                connection.close()

        threads = [threading.Thread(target=writer) for _ in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(60)
        assert errors == []
        rows = run_select(plan_rollup.select().where(plan_rollup.c.plan_id == plan.pk))
        assert len(rows) == 1
        assert rows[0]["targets"] == 3
    finally:
        clean_tracker_tables()
