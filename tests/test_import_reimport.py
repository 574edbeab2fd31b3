"""Re-importing a stored plan (``docs/performance.md`` section 11): the same
file imported again changes nothing and writes no audit event, and its
validation reads the plan's stored targets, assignments and outcomes in a
few queries, whatever the number of targets (it ran about ten queries a
target: 205,091 for 20,000)."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.generated_plans import write_plan_file
from tests.test_import_plan import row_counts, run
from tracker.imports import prepare_plan_import
from tracker.imports.prepare import ENTITIES
from tracker.models import AuditEvent

pytestmark = pytest.mark.django_db


def reimport_queries(tmp_path, targets: int) -> list[str]:
    """Import a plan of ``targets`` targets, then the same file again; the
    queries of the second import (validation and write, through the command)."""
    path = tmp_path / f"plan{targets}.toml"
    # Outcomes on every other target, one reply document (fewer than 200).
    write_plan_file(path, targets=targets, outcomes=targets // 2, slug=f"re{targets}")
    run(path, approved=True)
    counts, events = row_counts(), AuditEvent.objects.count()
    with CaptureQueriesContext(connection) as queries:
        run(path, approved=True)
    assert row_counts() == counts
    assert AuditEvent.objects.count() == events  # nothing changed, nothing audited
    return [query["sql"] for query in queries]


def test_reimporting_a_stored_plan_queries_the_same_for_any_number_of_targets(tmp_path):
    small = reimport_queries(tmp_path, 10)
    larger = reimport_queries(tmp_path, 120)
    assert len(larger) == len(small), "\n".join(larger)


def test_a_reimport_finds_every_stored_row_unchanged(tmp_path):
    path = tmp_path / "plan.toml"
    write_plan_file(path, targets=30, outcomes=20, slug="same")
    run(path, approved=True)
    actions = {}
    for change in prepare_plan_import([path]).changes:
        actions.setdefault(change.entity, set()).add(change.action)
    assert set(actions) == set(ENTITIES)
    assert all(found == {"unchanged"} for found in actions.values())
