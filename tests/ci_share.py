"""CI's two suites share the work that does not depend on the database.

``.ci/run`` runs the whole suite twice, on SQLite and on PostgreSQL, side by
side (one per core). Two kinds of test would do the same work twice:

- tests that never touch a database: pytest-django refuses them any query
  (no ``django_db`` mark, no database fixture), so the vendor cannot change
  their result. They run in the SQLite suite only;
- browser tests: Chromium checks the HTML, styles, scripts and axe's rules
  of pages whose data comes through queries the test-client tests run on
  both databases. They run in one suite: the SQLite one, but for the
  English 200 % zoom pass of the accessibility matrix, which runs in the
  PostgreSQL one. Measured on a slow machine (stop 19): SQLite 910 s,
  PostgreSQL 887 s with every browser test in SQLite; with the query pins
  at 20 rows (not 50), 30 examples of the rollup property and the whole
  zoom pass in PostgreSQL, 750 s and 841 s; half the zoom pass evens them.

``TRACKER_CI_SHARE`` (``sqlite`` or ``postgresql``) names the suite's share;
unset, as in the README's command and any local run, every test runs. The
tests left to the other suite are *deselected* (reported as such), not
skipped: they run there.
"""

from __future__ import annotations

import os

import pytest

SHARES = ("sqlite", "postgresql")
DATABASE_FIXTURES = frozenset(
    {
        "db",
        "transactional_db",
        "django_db_reset_sequences",
        "django_db_serialized_rollback",
        "live_server",
    }
)


def shares_of(nodeid: str, *, uses_database: bool, browser: bool) -> tuple[str, ...]:
    """The suites that run a test: both for a database test, one otherwise."""
    if browser and "-en-" in nodeid and "zoom200" in nodeid:
        return ("postgresql",)
    if browser or not uses_database:
        return ("sqlite",)
    return SHARES


def _uses_database(item: pytest.Item) -> bool:
    fixtures = set(getattr(item, "fixturenames", ()))
    return item.get_closest_marker("django_db") is not None or bool(fixtures & DATABASE_FIXTURES)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    share = os.environ.get("TRACKER_CI_SHARE")
    if not share:
        return
    if share not in SHARES:
        raise pytest.UsageError(f"TRACKER_CI_SHARE must be one of {SHARES}, not {share!r}")
    kept, left = [], []
    for item in items:
        shares = shares_of(
            item.nodeid,
            uses_database=_uses_database(item),
            browser=item.get_closest_marker("browser") is not None,
        )
        (kept if share in shares else left).append(item)
    if left:
        config.hook.pytest_deselected(items=left)
        items[:] = kept
