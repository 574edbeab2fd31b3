"""Tests: only what makes them faster or self-contained.

The database still comes from DATABASE_URL (SQLite by default), so the same
suite runs on PostgreSQL in CI.
"""

import os

from config.settings.base import *

SECRET_KEY = "test-only-secret-key"  # noqa: S105
DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# Alembic migrates the test database over its own connection, which cannot see
# an in-memory SQLite database: use a file for the SQLite test database. The
# process id keeps concurrent runs (SQLite and PostgreSQL) out of each other's way.
_RUN = os.getpid()
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    DATABASES["default"]["TEST"] = {"NAME": str(BASE_DIR / f"test_db.{_RUN}.sqlite3")}
else:
    DATABASES["default"]["TEST"] = {"NAME": f"test_{DATABASES['default']['NAME']}_{_RUN}"}
STORAGES = {
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
