"""Two writers rewriting one plan's stored rollups at the same time both
commit (tracker/analytics/stored_rollups.py: one rewrite of a plan at a
time), and writers of two different plans do not wait for each other.

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
from tracker import services
from tracker.analytics import stored_rollups
from tracker.db import run_select
from tracker.schema import plan_rollup, unit_rollup


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


def _all_plan_targets(unit_id: int | None, scope: str = "lead") -> int:
    """The stored ``targets`` of a unit's row over every plan."""
    rows = run_select(
        unit_rollup.select().where(
            unit_rollup.c.plan_id.is_(None),
            unit_rollup.c.scope == scope,
            unit_rollup.c.unit_id == unit_id,
        )
    )
    assert len(rows) <= 1
    return int(rows[0]["targets"]) if rows else 0


@pytest.mark.django_db(transaction=True)
def test_writers_of_two_plans_do_not_wait_for_each_other():
    """The first writer holds its transaction open after rewriting plan A
    until the second has committed a new target of plan B: with one lock
    for every rewrite the second would wait for the first, which would give
    up waiting (and the test fail). A third writer, of plan B again and a
    unit plan A's writer also changed, shows the rows over every plan end
    up right when writers of different plans share a unit."""
    if connection.vendor != "postgresql":
        pytest.skip("SQLite lets one writer in at a time: the second fails 'database is locked'")
    try:
        clean_tracker_tables()
        first_unit, second_unit = factories.unit("市工信局"), factories.unit("市发改委")
        helpers = factories.unit("市财政局"), factories.unit("市统计局")
        plan_a, plan_b = factories.plan(), factories.plan()
        target_a = factories.target(plan_a, units=(first_unit,))
        target_b = factories.target(plan_b, units=(second_unit,))

        def support(target, unit) -> None:
            # Moves the plan's rows and one unit's rows over every plan only
            # (a new target would move the unassigned row over every plan
            # too, which writers of every plan share).
            services.assignments_add(targets=[target], unit=unit, role="support", actor=None)

        a_written, b_committed = threading.Event(), threading.Event()
        errors: list[BaseException] = []
        waited: list[bool] = []

        def first() -> None:
            try:
                with transaction.atomic():
                    support(target_a, helpers[0])
                    a_written.set()
                    # Still open (holding plan A's lock) until B has committed.
                    waited.append(b_committed.wait(15))
            except BaseException as error:  # noqa: BLE001 (reported below)
                errors.append(error)
            finally:
                a_written.set()
                connection.close()

        def second() -> None:
            try:
                assert a_written.wait(30)
                with transaction.atomic():
                    support(target_b, helpers[1])
                b_committed.set()
            except BaseException as error:  # noqa: BLE001 (reported below)
                errors.append(error)
            finally:
                connection.close()

        threads = [threading.Thread(target=first), threading.Thread(target=second)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(60)
        assert errors == []
        assert waited == [True], "plan B's writer waited for plan A's transaction"
        assert [_all_plan_targets(unit.pk, "all") for unit in helpers] == [1, 1]

        # Two plans, one unit: each writer moves the unit's row over every
        # plan by its own difference, in turn (the unit's lock).
        start = threading.Barrier(2, timeout=30)

        def shared(plan) -> None:
            try:
                with transaction.atomic():
                    start.wait()
                    factories.target(plan, units=(first_unit,))
                    time.sleep(0.3)
            except BaseException as error:  # noqa: BLE001 (reported below)
                errors.append(error)
            finally:
                connection.close()

        threads = [threading.Thread(target=shared, args=(p,)) for p in (plan_a, plan_b)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(60)
        assert errors == []
        assert _all_plan_targets(first_unit.pk) == 3
        stored_rows = {
            (row["scope"], row["plan_id"], row["unit_id"]): row["targets"]
            for row in run_select(unit_rollup.select())
        }
        stored_rollups.rebuild()
        rebuilt = {
            (row["scope"], row["plan_id"], row["unit_id"]): row["targets"]
            for row in run_select(unit_rollup.select())
        }
        assert stored_rows == rebuilt
    finally:
        clean_tracker_tables()
