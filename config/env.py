"""Read settings from the environment with explicit, typed defaults."""

import os

from django.core.exceptions import ImproperlyConfigured

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_str(name: str, default: str) -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name}={raw!r} is not a boolean (use true/false).")


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


# Seconds a SQLite writer waits for the one before it to commit.
SQLITE_WAIT_SECONDS = 20


def primary_database(url: str, *, conn_max_age: int = 0) -> dict:
    """The ``default`` alias for ``DATABASE_URL``. On SQLite (the zero-setup
    default: one writer at a time) a transaction takes the write lock as it
    begins (``BEGIN IMMEDIATE``) and waits up to ``SQLITE_WAIT_SECONDS`` for
    the writer before it. Django's default (deferred) takes it at the first
    write, and a transaction that has read cannot wait for it then, so the
    second of two concurrent writers failed at once with "database is
    locked". PostgreSQL's options are left as they are (docs/deployment.md,
    "SQLite or PostgreSQL")."""
    import dj_database_url

    database = dj_database_url.parse(url, conn_max_age=conn_max_age)
    if database["ENGINE"].endswith("sqlite3"):
        # https://docs.djangoproject.com/en/5.2/ref/databases/#sqlite-transaction-behavior
        database.setdefault("OPTIONS", {}).update(
            {"transaction_mode": "IMMEDIATE", "timeout": SQLITE_WAIT_SECONDS}
        )
    return database


def replica_database(url: str, *, conn_max_age: int = 0) -> dict:
    """The ``replica`` alias for ``DATABASE_REPLICA_URL`` (docs/deployment.md):
    a test mirror of ``default`` (tests need no second server), and on
    PostgreSQL REPEATABLE READ, so the one transaction a report request
    holds there reads one snapshot (``tracker/dbrouters.py``)."""
    import dj_database_url

    replica = dj_database_url.parse(url, conn_max_age=conn_max_age)
    replica["TEST"] = {"MIRROR": "default"}
    if replica["ENGINE"].endswith("postgresql"):
        from psycopg import IsolationLevel

        replica.setdefault("OPTIONS", {})["isolation_level"] = IsolationLevel.REPEATABLE_READ
    return replica
