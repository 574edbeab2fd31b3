"""Imports write new rows in batches (``tracker/services/bulk.py``): the same
rows and the same audit events as row by row, a constant number of queries
per batch, and still all or nothing when a late batch is refused
(``docs/plan-files.md``, "Importing")."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.core.management.base import CommandError
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from tests import factories
from tests import test_import_outcomes as outcome_csv
from tests.generated_plans import write_outcome_csv, write_plan_file
from tests.test_import_plan import run
from tests.test_import_rollback import table_counts
from tracker import services
from tracker.imports import ImportFailed, apply, prepare_outcome_import, prepare_plan_import
from tracker.models import Assessment, Assignment, AuditEvent, Outcome, Target
from tracker.services.audit import snapshot

pytestmark = pytest.mark.django_db

MODELS = {"target": Target, "assignment": Assignment, "outcome": Outcome}


@pytest.fixture
def small_batches(monkeypatch):
    monkeypatch.setattr(services, "BATCH_SIZE", 10)
    monkeypatch.setattr("tracker.services.bulk.BATCH_SIZE", 10)


def imported(path, *, bulk: bool, actor) -> list[tuple]:
    """Import ``path`` and describe what was written, without database ids:
    every audit event (entity, action, comment, via and its changes, without
    ids and times), checked against the row it names."""
    apply(prepare_plan_import([path]), actor=actor, approved=True, via="import", bulk=bulk)
    described = []
    for event in AuditEvent.objects.order_by("id"):
        changes = dict(event.changes)
        if event.entity in MODELS:
            row = MODELS[event.entity].objects.get(pk=event.entity_id)
            # The event tells the row's values as they were written.
            written = {name: value for name, value in snapshot(row).items() if value is not None}
            assert {name: new for name, (_old, new) in changes.items()} == written
        for name in [name for name in changes if name == "id" or name.endswith("_id")]:
            changes.pop(name)
        for name in [name for name in changes if name.endswith("_at")]:
            changes[name] = "<a time>" if changes[name][1] else changes[name]
        described.append(
            (event.entity, event.action, event.comment, event.via, event.actor_id, str(changes))
        )
    return sorted(described)


def test_batches_write_the_same_rows_and_audit_events_as_row_by_row(tmp_path, small_batches):
    path = tmp_path / "plan.toml"
    write_plan_file(path, targets=25, outcomes=23)
    actor = get_user_model().objects.get(username=factories.importer())
    results = {}
    for bulk in (False, True):
        with transaction.atomic():
            results[bulk] = (
                imported(path, bulk=bulk, actor=actor),
                sorted(Assessment.objects.values_list("target__code", "status", "grade")),
            )
            transaction.set_rollback(True)
    events, statuses = results[True]
    assert results[True] == results[False]
    assert sum(1 for event in events if event[0] == "target") == 25
    assert sum(1 for event in events if event[0] == "assignment") == 50
    assert sum(1 for event in events if event[0] == "outcome") == 23
    assert {e[2] for e in events if e[0] == "outcome"} == {"导入时直接审核通过"}
    assert len(statuses) == 25  # every new target has its stored status


def inserts(queries, table: str) -> int:
    """Statements that wrote new rows to ``table``: an INSERT, or on
    PostgreSQL a COPY (``services.bulk._insert``, ``tracker.db.copy_rows``)."""
    starts = (f'INSERT INTO "{table}"'.upper(), f'COPY "{table}"'.upper())
    return sum(1 for query in queries if query["sql"].lstrip().upper().startswith(starts))


def test_rows_go_in_batches_and_queries_do_not_grow_with_rows(tmp_path, small_batches):
    queries_for = {}
    for size in (20, 40, 60):
        path = tmp_path / f"plan{size}.toml"
        write_plan_file(path, targets=size, outcomes=size, slug=f"bulk{size}")
        change_set = prepare_plan_import([path])
        with CaptureQueriesContext(connection) as queries:
            apply(change_set, actor=None, approved=False, via="import")
        assert inserts(queries, "tracker_target") == size // 10
        assert inserts(queries, "tracker_assignment") == 2 * size // 10
        assert inserts(queries, "tracker_outcome") == size // 10
        queries_for[size] = len(queries)
    # 20 more targets, 40 more assignments and 20 more outcomes: 8 more
    # batches and the same number of queries more each time; at most 10 a
    # batch (savepoint, locks, insert, audit insert, status refresh), so with
    # the real batch size of 1000 about one query per 100 rows.
    more = queries_for[40] - queries_for[20]
    assert queries_for[60] - queries_for[40] == more
    assert more <= 8 * 10


@pytest.fixture
def refuse_outcome_22():
    """A real constraint no validation knows about (rolled back with the
    test): outcomes 21 and 22 of the file share a period end and both quote
    ``指标2x``, so the database refuses #22, in the third batch of outcomes."""
    with connection.cursor() as cursor:
        cursor.execute(
            "CREATE UNIQUE INDEX test_refuse_outcome_22 ON tracker_outcome (period_end) "
            "WHERE quote LIKE '指标2_增长%'"
        )


def test_a_refused_late_batch_rolls_back_every_earlier_batch(
    tmp_path, small_batches, refuse_outcome_22
):
    path = tmp_path / "plan.toml"
    write_plan_file(path, targets=25, outcomes=30)
    before = table_counts()
    with pytest.raises(CommandError) as error:
        run(path)
    message = str(error.value)
    assert "导入未执行，没有写入任何数据" in message
    assert "[[outcomes]] #22" in message  # the row at fault, found by the replay
    assert "[[outcomes]] #21" not in message
    assert table_counts() == before


def test_the_same_file_imports_once_the_database_accepts_it(tmp_path, small_batches):
    path = tmp_path / "plan.toml"
    write_plan_file(path, targets=25, outcomes=30)
    before = table_counts()
    run(path)
    after = table_counts()
    assert after["tracker_outcome"] == before["tracker_outcome"] + 30
    assert after["tracker_target"] == before["tracker_target"] + 25
    # Re-importing the same file changes nothing and leaves no audit event.
    run(path)
    assert table_counts() == after


def test_a_batch_refused_by_a_rule_names_the_row(tmp_path, small_batches):
    """A rule the services check again at write time: outcomes #5 and #6 were
    withdrawn, so the file enters them again (one batch of two), but
    meanwhile someone entered #6 by hand. The batch is refused, replayed row
    by row, #6 is named and #5 is not written either."""
    path = tmp_path / "plan.toml"
    write_plan_file(path, targets=25, outcomes=12)
    run(path)
    actor = get_user_model().objects.get(username=factories.importer())
    fifth, sixth = (Outcome.objects.get(quote=f"指标{k}增长{20 + k % 7}.5%") for k in (4, 5))
    for outcome in (fifth, sixth):
        services.outcome_withdraw(outcome=outcome, actor=actor, reason="重新录入")
    change_set = prepare_plan_import([path])
    assert [c.action for c in change_set.writes] == ["create", "create"]
    services.outcome_create(
        actor=actor, **{name: getattr(sixth, name) for name in services.outcomes.EDITABLE_FIELDS}
    )
    before = table_counts()
    with pytest.raises(ImportFailed) as error:
        apply(change_set, actor=actor, approved=True, via="import")
    problems = [str(problem) for problem in error.value.problems]
    assert len(problems) == 1
    assert "[[outcomes]] #6" in problems[0]
    assert "重复" in problems[0]
    assert table_counts() == before


def test_outcome_csv_rows_go_in_batches(tmp_path, stored_for_csv, small_batches):
    rows = [
        {**outcome_csv.ROW, "period_start": f"2020-{m:02d}-01", "period_end": f"2020-{m:02d}-28"}
        for m in range(1, 13)
    ]
    path = outcome_csv.csv_file(tmp_path, rows)
    with CaptureQueriesContext(connection) as queries:
        outcome_csv.run(path)
    assert inserts(queries, "tracker_outcome") == 2  # 10 + 2
    assert Outcome.objects.filter(target=stored_for_csv, state="draft").count() == 12
    assert AuditEvent.objects.filter(entity="outcome", action="create").count() == 12


def test_validating_an_outcome_csv_queries_the_same_for_any_number_of_rows(tmp_path):
    """Each row is matched to its stored target and to the stored outcome it
    would update (``tracker/imports/stored.py``) from a few reads, not
    queries per row or per target: 10 rows for 10 targets and 90 rows for 30
    targets read the same. The first rows of each CSV repeat outcomes the
    plan file stored: found unchanged, so the matching still holds."""
    plan = tmp_path / "plan.toml"
    write_plan_file(plan, targets=30, outcomes=90, slug="csvq", listed=30)
    run(plan, approved=True)
    queries_for = {}
    for targets, rows in ((10, 10), (30, 90)):
        path = tmp_path / f"outcomes{rows}.csv"
        write_outcome_csv(path, targets=targets, outcomes=rows, slug="csvq")
        with CaptureQueriesContext(connection) as queries:
            change_set = prepare_outcome_import(path)
        actions = [change.action for change in change_set.changes]
        assert actions.count("unchanged") == min(rows, 30)
        assert actions.count("create") == rows - min(rows, 30)
        queries_for[rows] = len(queries)
    assert queries_for[90] == queries_for[10]


@pytest.fixture
def stored_for_csv(make):
    plan = make.plan(slug="p-csv")
    target = make.target(plan, code="T1", unit="%", value=Decimal("20"))
    make.document(text=outcome_csv.TEXT, slug="d-csv")
    return target
