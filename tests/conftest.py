"""Test set-up shared by every module.

The test database is built by ``manage.py migrate`` (Django's tables, then
the Alembic head), which pytest-django runs through Django's test runner:
the tracker's tables come from the real migrations, never from ``managed``
models.
"""

from __future__ import annotations

import pytest

from tests import factories


@pytest.fixture
def make():
    """Factories for tracker rows, written through the services."""
    return factories


@pytest.fixture(autouse=True)
def default_language():
    """Each test starts in the default language (zh-hans): a request that
    switched to English leaves its language active on the thread."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)
