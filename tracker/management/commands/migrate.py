"""``migrate``: Django's own tables, then the tracker's Alembic head, then
the built-in units of measure, then (once, after the upgrade that added them)
the stored rollups from the stored statuses.

One command takes an empty SQLite or PostgreSQL database to the current
schema, and is idempotent. Django's test runner calls it too, so the test
database gets the tracker's tables from the real migrations and the units
from the code's seed (``tracker.services.units.ensure_builtin_units``).
"""

from django.core.management.commands import migrate as django_migrate
from django.db import DEFAULT_DB_ALIAS

from tracker import migrations_runner
from tracker.analytics import stored_rollups
from tracker.services.units import ensure_builtin_units


class Command(django_migrate.Command):
    help = (
        "Updates Django's tables (auth, admin, sessions), then the tracker's tables "
        "to the Alembic head."
    )

    def handle(self, *args, **options):
        super().handle(*args, **options)
        partial = options.get("app_label") or options.get("plan") or options.get("prune")
        if partial:
            return
        database = options["database"]
        if options.get("check_unapplied"):
            if migrations_runner.current(database) != set(migrations_runner.heads()):
                raise SystemExit(1)
            return
        if options["verbosity"] >= 1:
            self.stdout.write(self.style.MIGRATE_HEADING("Tracker tables (Alembic):"))
        migrations_runner.upgrade(database)
        units_changed = ensure_builtin_units(using=database)
        if database == DEFAULT_DB_ALIAS and stored_rollups.fill_if_empty():
            self.stdout.write("  stored rollups built from the stored statuses")
        if options["verbosity"] >= 1:
            self.stdout.write(
                "  "
                + self.style.SUCCESS("at head ")
                + ", ".join(sorted(migrations_runner.current(database)))
            )
            self.stdout.write(f"  built-in units of measure: {units_changed} added or updated")
