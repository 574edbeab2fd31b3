"""Alembic environment for the tracker's tables.

Run through ``python manage.py migrate`` (which passes a connection), or the
``alembic`` command line (which connects with Django's settings: set
DJANGO_SETTINGS_MODULE / DATABASE_URL as for ``manage.py``). Only tables of
``tracker.schema.metadata`` are compared: Django owns the rest.
"""

import os

from alembic import context

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")
import django  # noqa: E402

django.setup()

from tracker.db import engine_for  # noqa: E402
from tracker.migrations_compare import COMPARE_OPTIONS  # noqa: E402
from tracker.schema import metadata  # noqa: E402

config = context.config


def configure(connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=metadata,
        render_as_batch=True,  # SQLite can barely ALTER: batch mode
        **COMPARE_OPTIONS,  # types, server defaults, check constraints
    )


def run_offline() -> None:
    from django.db import connections

    from tracker.db import url_for

    context.configure(
        url=url_for(connections[config.attributes.get("django_database", "default")].settings_dict),
        target_metadata=metadata,
        literal_binds=True,
        render_as_batch=True,
        **COMPARE_OPTIONS,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        configure(connection)
        with context.begin_transaction():
            context.run_migrations()
        return
    engine = engine_for(config.attributes.get("django_database", "default"))
    try:
        with engine.connect() as connection:
            configure(connection)
            with context.begin_transaction():
                context.run_migrations()
    finally:
        engine.dispose()


if context.is_offline_mode():
    run_offline()
else:
    run_online()
