"""Report pages read from the read replica, everything else from the primary
(``tracker/dbrouters.py``, docs/deployment.md "A read replica").

No second server: the ``replica`` alias is made by the same helper the
settings use for ``DATABASE_REPLICA_URL`` (``config.env.replica_database``),
a Django test mirror of ``default``. It is a second connection to the same
test database, so the tests are transactional (rows committed), and which
connection ran which query tells where a read went.
"""

from __future__ import annotations

import os
import warnings

import pytest
import sqlalchemy as sa
from django.db import connections
from django.test.utils import CaptureQueriesContext
from psycopg import IsolationLevel

from config.env import replica_database
from tests import factories
from tests.tables import clean_tracker_tables
from tracker import services
from tracker.db import run_select
from tracker.dbrouters import (
    REPLICA,
    ReplicaRouter,
    read_alias,
    replica_configured,
    reports_on_replica,
)
from tracker.models import Plan
from tracker.schema import plan as plan_table

# The alias exists for the whole run (a mirror is set up with the test
# database), but settings name it, and the router, only inside ``replica``.
_config = replica_database(os.environ.get("DATABASE_URL", "sqlite:///db.sqlite3"))
connections.settings[REPLICA] = connections.configure_settings(
    {"default": connections["default"].settings_dict, REPLICA: _config}
)[REPLICA]

both = pytest.mark.django_db(transaction=True, databases=["default", REPLICA])


@pytest.fixture(autouse=True)
def _committed_rows_removed(request):
    """The transactional tests here commit rows (the replica is a second
    connection): they are removed afterwards, so later tests start empty."""
    yield
    marker = request.node.get_closest_marker("django_db")
    if marker is not None and marker.kwargs.get("transaction"):
        clean_tracker_tables()


@pytest.fixture
def replica(settings):
    with warnings.catch_warnings():  # "Overriding setting DATABASES": only the router reads it
        warnings.simplefilter("ignore", UserWarning)
        settings.DATABASES = {**settings.DATABASES, REPLICA: connections.settings[REPLICA]}
    settings.DATABASE_ROUTERS = ["tracker.dbrouters.ReplicaRouter"]
    yield connections[REPLICA]
    connections[REPLICA].close()


def test_an_alias_without_the_router_is_not_a_replica_in_use():
    """This module declares the alias for the whole run; the other tests,
    which install no router, must go on reading (and exporting) from the
    primary."""
    assert REPLICA in connections.settings
    assert not replica_configured()
    assert read_alias() == "default"


def test_the_replica_alias_is_a_test_mirror_read_at_repeatable_read():
    replica = replica_database("postgresql://reader@replica.internal:5432/tracker")
    assert replica["HOST"] == "replica.internal"
    assert replica["TEST"] == {"MIRROR": "default"}
    assert replica["OPTIONS"]["isolation_level"] == IsolationLevel.REPEATABLE_READ
    assert "isolation_level" not in replica_database("sqlite:///x.sqlite3").get("OPTIONS", {})


def test_only_the_tracker_tables_are_read_from_the_replica():
    from django.contrib.auth.models import User
    from django.contrib.sessions.models import Session

    router = ReplicaRouter()
    with reports_on_replica_flag():
        assert router.db_for_read(Plan) == REPLICA
        assert router.db_for_read(User) == "default"
        assert router.db_for_read(Session) == "default"
        assert router.db_for_write(Plan) == "default"
    assert router.db_for_read(Plan) == "default"
    assert router.allow_migrate(REPLICA, "tracker") is False


class reports_on_replica_flag:
    """The router's switch alone, without a transaction (no database)."""

    def __enter__(self):
        from tracker import dbrouters

        self.token = dbrouters._reporting.set(True)

    def __exit__(self, *exc):
        from tracker import dbrouters

        dbrouters._reporting.reset(self.token)


def tracker_queries(captured) -> list[str]:
    return [q["sql"] for q in captured.captured_queries if "tracker_" in q["sql"]]


@both
def test_report_pages_read_the_tracker_tables_from_the_replica(client, replica):
    plan = factories.plan()
    target = factories.target(plan)
    client.force_login(factories.user(groups=("manager",)))
    for url in ("/", f"/plans/{plan.slug}/", "/units/", f"/targets/{target.pk}/"):
        with (
            CaptureQueriesContext(connections["default"]) as primary,
            CaptureQueriesContext(replica) as copy,
        ):
            response = client.get(url)
        assert response.status_code == 200, url
        assert tracker_queries(copy), url
        # The primary only serves the session and the user.
        assert tracker_queries(primary) == [], url
        assert not replica.in_atomic_block  # the request's transaction is over


@both
def test_other_pages_and_every_write_use_the_primary(client, replica):
    plan = factories.plan()
    client.force_login(factories.user("admin-r", is_superuser=True, is_staff=True))
    for url in ("/admin/tracker/plan/", "/review/", "/audit/"):
        with CaptureQueriesContext(replica) as copy:
            response = client.get(url)
        assert response.status_code == 200, url
        assert copy.captured_queries == [], url
    # A write made while report reads go to the replica: the service's reads
    # (it is inside a transaction on the primary) and its writes go to the primary.
    actor = factories.user("planner-r", groups=("planner",))
    with (
        reports_on_replica(),
        CaptureQueriesContext(connections["default"]) as primary,
        CaptureQueriesContext(replica) as copy,
    ):
        assert read_alias() == REPLICA
        plan.title = "改过的标题"
        services.entity_save(instance=plan, actor=actor)
    assert any(q["sql"].startswith("UPDATE") for q in primary.captured_queries)
    assert copy.captured_queries == []
    assert Plan.objects.get(pk=plan.pk).title == "改过的标题"


@both
def test_one_snapshot_for_the_whole_report_read(replica):
    """ORM and Core reads of one report request see the same moment, even
    when the primary commits in between (PostgreSQL: REPEATABLE READ)."""
    if connections["default"].vendor != "postgresql":
        pytest.skip("SQLite has one writer lock: a reader's snapshot blocks the commit")
    factories.plan()
    count = sa.select(sa.func.count().label("n")).select_from(plan_table)
    with reports_on_replica():
        first = run_select(count)[0]["n"]
        factories.plan()  # committed on the primary meanwhile
        assert run_select(count)[0]["n"] == first
        assert Plan.objects.count() == first
    assert run_select(count)[0]["n"] == first + 1


@both
def test_a_streamed_export_keeps_its_snapshot_until_the_last_row(client, replica):
    plan = factories.plan()
    factories.target(plan)
    client.force_login(factories.user(groups=("auditor",)))
    response = client.get(f"/plans/{plan.slug}/export.csv")
    assert response.status_code == 200
    assert response.streaming
    assert replica.in_atomic_block  # still reading: the request's transaction is open
    body = b"".join(response.streaming_content)
    assert body
    assert not replica.in_atomic_block
