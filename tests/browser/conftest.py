"""End-to-end tests in a real headless Chromium (Debian's package, driven by
Playwright through its executable path: no browser download).

``live_server`` makes these tests transactional, and Django's flush skips
unmanaged tables: the tracker's tables are cleaned here, and the roles
(groups) are recreated because the flush removes them.

The page matrix (``tests.browser.matrix``): ``demo_world`` builds the data
once per module, ``open_as(role, language, viewport)`` opens a signed-in
page, ``artifacts_dir`` is where checks leave what a person may want to see
(axe results, screenshots): ``artifacts/`` (git-ignored) unless
``TRACKER_ARTIFACTS`` says otherwise.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.test import Client

from tests.browser import world
from tests.browser.matrix import ANONYMOUS, Viewport
from tests.tables import clean_tracker_tables as _clean_tracker_tables
from tracker.roles import ensure_roles

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


@pytest.fixture
def e2e_db(transactional_db):
    """A transactional database with roles, the built-in units of measure
    and otherwise empty tracker tables (cleaned again afterwards)."""
    _clean_tracker_tables()
    ensure_roles()
    yield
    _clean_tracker_tables()


@pytest.fixture(scope="session")
def artifacts_dir() -> Path:
    path = Path(os.environ.get("TRACKER_ARTIFACTS", settings.BASE_DIR / "artifacts"))
    path.mkdir(parents=True, exist_ok=True)
    return path


@pytest.fixture(scope="module")
def demo_world(django_db_setup, django_db_blocker) -> Iterator[world.World]:
    """The demo plans and the supplement (``tests.browser.world``), built once
    for a module's tests and removed after them."""
    with django_db_blocker.unblock():
        _clean_tracker_tables()
        built = world.build()
    yield built
    with django_db_blocker.unblock():
        _clean_tracker_tables()


@pytest.fixture
def open_as(browser, live_server, demo_world, transactional_db) -> Iterator[Callable[..., Any]]:
    """``open_as(role, language, viewport)``: a page in a new browser context,
    signed in as the role's user (a session made by ``force_login``: no
    password typed, no login page loaded), with the language switch's cookie."""
    world.make_users()
    contexts = []

    def open_page(role: str, language: str, viewport: Viewport):
        context = browser.new_context(locale="zh-CN", **viewport.context_options())
        context.set_default_timeout(15_000)
        cookies = [
            {"name": settings.LANGUAGE_COOKIE_NAME, "value": language, "url": live_server.url}
        ]
        if role != ANONYMOUS:
            client = Client()
            client.force_login(get_user_model().objects.get(username=role))
            session = client.cookies[settings.SESSION_COOKIE_NAME].value
            cookies.append(
                {"name": settings.SESSION_COOKIE_NAME, "value": session, "url": live_server.url}
            )
        context.add_cookies(cookies)
        contexts.append(context)
        return context.new_page()

    yield open_page
    for context in contexts:
        context.close()
