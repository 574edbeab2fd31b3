"""End-to-end tests in a real headless Chromium (Debian's package, driven by
Playwright through its executable path: no browser download).

``live_server`` makes these tests transactional, and Django's flush skips
unmanaged tables: the tracker's tables are cleaned here, and the roles
(groups) are recreated because the flush removes them.
"""

from __future__ import annotations

import os
import shutil

import pytest
from django.db import connection

from tracker.roles import ensure_roles
from tracker.schema import metadata

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

# Playwright's sync API runs an event loop in this thread; Django refuses ORM
# calls from an async context unless told otherwise. Test configuration only.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def _chromium_available() -> bool:
    return os.path.exists(CHROMIUM) or shutil.which(CHROMIUM) is not None


@pytest.fixture(scope="session")
def browser():
    if not _chromium_available():
        reason = f"Debian's chromium is not installed at {CHROMIUM} (apt-get install chromium)"
        if os.environ.get("CI"):
            pytest.fail(reason + ": CI must run the browser tests")
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield launched
        launched.close()


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(locale="zh-CN", accept_downloads=True)
    context.set_default_timeout(15_000)
    opened = context.new_page()
    yield opened
    context.close()


AUDIT = "tracker_audit_event"


def _empty_audit_trail(cursor) -> None:
    """The trail is append-only (migration 0005_trust's triggers): a test
    database is emptied with the guard lifted for that one statement."""
    if connection.vendor == "postgresql":
        cursor.execute(f"ALTER TABLE {AUDIT} DISABLE TRIGGER USER")
        cursor.execute(f"DELETE FROM {AUDIT}")  # noqa: S608
        cursor.execute(f"ALTER TABLE {AUDIT} ENABLE TRIGGER USER")
        return
    cursor.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = %s", [AUDIT]
    )
    triggers = cursor.fetchall()
    for name, _sql in triggers:
        cursor.execute(f'DROP TRIGGER "{name}"')
    cursor.execute(f"DELETE FROM {AUDIT}")  # noqa: S608
    for _name, sql in triggers:
        cursor.execute(sql)


def _clean_tracker_tables() -> None:
    with connection.cursor() as cursor:
        for table in reversed(metadata.sorted_tables):
            if table.name == AUDIT:
                _empty_audit_trail(cursor)
            else:
                cursor.execute(f"DELETE FROM {table.name}")  # noqa: S608 (our own table names)


@pytest.fixture
def e2e_db(transactional_db):
    """A transactional database with roles and empty tracker tables."""
    _clean_tracker_tables()
    ensure_roles()
    yield
    _clean_tracker_tables()
