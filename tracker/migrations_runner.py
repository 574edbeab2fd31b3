"""Run the Alembic migrations of the tracker's tables from Python.

Used by ``manage.py migrate`` (after Django's own migrations) and by tests.
"""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.script import ScriptDirectory
from django.conf import settings

from tracker.db import engine_for

PYPROJECT = Path(settings.BASE_DIR) / "pyproject.toml"


def alembic_config(using: str = "default") -> Config:
    config = Config(toml_file=str(PYPROJECT))
    config.attributes["django_database"] = using
    return config


def upgrade(using: str = "default", revision: str = "head") -> None:
    config = alembic_config(using)
    engine = engine_for(using)
    try:
        with engine.begin() as connection:
            config.attributes["connection"] = connection
            command.upgrade(config, revision)
    finally:
        engine.dispose()


def heads() -> list[str]:
    return list(ScriptDirectory.from_config(alembic_config()).get_heads())


def current(using: str = "default") -> set[str]:
    from alembic.runtime.migration import MigrationContext

    engine = engine_for(using)
    try:
        with engine.connect() as connection:
            return set(MigrationContext.configure(connection).get_current_heads())
    finally:
        engine.dispose()
