"""Tests: only what makes them faster or self-contained.

The database still comes from DATABASE_URL (SQLite by default), so the same
suite runs on PostgreSQL in CI.
"""

from config.settings.base import *

SECRET_KEY = "test-only-secret-key"  # noqa: S105
DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# Alembic migrates the test database over its own connection, which cannot see
# an in-memory SQLite database: use a file for the SQLite test database.
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    DATABASES["default"]["TEST"] = {"NAME": str(BASE_DIR / "test_db.sqlite3")}
STORAGES = {
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
