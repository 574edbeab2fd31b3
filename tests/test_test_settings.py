"""``config/settings/test.py``: the test database is named after the run's
process id, so two runs (SQLite and PostgreSQL, or two engineers) never
share one, and ``.ci/run`` knows the name to drop if a run is interrupted
(``test_<database>_<pid of pytest>``; no xdist suffix: the suite runs in
one process)."""

import os

import dj_database_url
import pytest
from django.conf import settings
from django.db import connection

pytestmark = pytest.mark.django_db


def test_the_test_database_is_named_after_the_process():
    name = connection.settings_dict["NAME"]
    if connection.vendor == "postgresql":
        configured = dj_database_url.parse(os.environ["DATABASE_URL"])["NAME"]
        assert name == f"test_{configured}_{os.getpid()}"
    else:
        assert name == str(settings.BASE_DIR / f"test_db.{os.getpid()}.sqlite3")
