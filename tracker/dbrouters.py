"""Report pages read from a PostgreSQL read replica; everything else from the primary.

Configured by ``DATABASE_REPLICA_URL`` (``config/settings/base.py`` adds a
``replica`` alias and this router only then; docs/deployment.md). Without
it there is one database and none of this does anything.

The rules:

- **Only report pages** (``REPORT_VIEWS``: plan list and plan page, unit
  ranking and unit pages, target and document pages, their CSV exports)
  read from the replica, and only on GET/HEAD. The admin, the review queue,
  the audit trail, sign-in, commands and every service read the primary.
- **Only the tracker's own tables**: sessions, users, permissions and
  login throttling always come from the primary, so someone who has just
  signed in is never sent back to the login page by replica lag.
- **Every write goes to the primary**, and so does every read made inside a
  transaction on the primary: a service (or a status refresh) that reads in
  order to write must see the primary's rows, never a lagging copy.
- **One snapshot per request**: ``ReportReadsMiddleware`` runs a report
  request in one read-only transaction on the replica (REPEATABLE READ on
  PostgreSQL, set in the alias's OPTIONS), so the ORM reads (tables,
  filters, paging) and the SQLAlchemy Core reads (``tracker.db.run_select``,
  which asks ``read_alias()`` for its connection) all see the same moment
  of the replica, even while it replays the primary's changes. A streaming
  export keeps that transaction open until its last row is sent.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from django.conf import settings
from django.db import connections, transaction
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.urls import Resolver404, resolve

PRIMARY = "default"
REPLICA = "replica"
# URL names (``tracker/urls.py``) whose GET requests read from the replica.
REPORT_VIEWS = frozenset(
    {
        "plan-list",
        "plan-report",
        "plan-export",
        "unit-ranking",
        "unit-ranking-export",
        "unit-detail",
        "unit-export",
        "target-detail",
        "document",
    }
)
# Django's and the libraries' tables: always the primary.
REPLICATED_APPS = frozenset({"tracker"})

_reporting: ContextVar[bool] = ContextVar("tracker_reports_on_replica", default=False)


def replica_configured() -> bool:
    return REPLICA in settings.DATABASES


def read_alias() -> str:
    """The connection a report read uses now: the replica inside a report
    request (``reports_on_replica``), unless the primary is in a transaction
    (a read that feeds a write); the primary otherwise."""
    if _reporting.get() and not connections[PRIMARY].in_atomic_block:
        return REPLICA
    return PRIMARY


@contextmanager
def reports_on_replica() -> Iterator[str]:
    """Send report reads to the replica, in one transaction there (one
    snapshot) for as long as the block lasts; yields the alias read from."""
    if not replica_configured():
        yield PRIMARY
        return
    token = _reporting.set(True)
    try:
        with transaction.atomic(using=REPLICA):
            yield REPLICA
    finally:
        _reporting.reset(token)


class ReplicaRouter:
    """``DATABASE_ROUTERS`` entry (only when a replica is configured)."""

    def db_for_read(self, model: type, **hints: Any) -> str:
        if model._meta.app_label in REPLICATED_APPS:
            return read_alias()
        return PRIMARY

    def db_for_write(self, model: type, **hints: Any) -> str:
        return PRIMARY

    def allow_relation(self, obj1: Any, obj2: Any, **hints: Any) -> bool:
        # Both aliases hold the same rows (the replica is a copy).
        return True

    def allow_migrate(self, db: str, app_label: str, **hints: Any) -> bool:
        # The replica copies the primary's schema; it is never migrated.
        return db == PRIMARY


def _is_report(request: HttpRequest) -> bool:
    if request.method not in ("GET", "HEAD"):
        return False
    try:
        match = resolve(request.path_info)
    except Resolver404:
        return False
    return match.url_name in REPORT_VIEWS and match.namespace == "tracker"


def _held_open(content: Iterator[bytes], block: Any) -> Iterator[bytes]:
    try:
        yield from content
    finally:
        block.__exit__(None, None, None)
        _reporting.set(False)


class ReportReadsMiddleware:
    """Runs report requests with ``reports_on_replica`` (see the module
    docstring); every other request, untouched, reads the primary."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not replica_configured() or not _is_report(request):
            return self.get_response(request)
        _reporting.set(True)
        block = transaction.atomic(using=REPLICA)
        block.__enter__()
        try:
            response = self.get_response(request)
        except BaseException as error:
            block.__exit__(type(error), error, error.__traceback__)
            _reporting.set(False)
            raise
        if isinstance(response, StreamingHttpResponse):
            # The rows are read while the body is sent: keep the snapshot.
            response.streaming_content = _held_open(response.streaming_content, block)
            return response
        block.__exit__(None, None, None)
        _reporting.set(False)
        return response
