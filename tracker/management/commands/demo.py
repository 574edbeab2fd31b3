"""``demo``: a local tracker with real content in one command.

Migrates, loads the demo plans built from the seed documents (idempotent:
running it again changes nothing), and makes demo users whose credentials the
README gives. Users are made only under local settings against the default
SQLite file, never under production settings or another database.

The plans come in approved, so a person must vouch for them (docs/security.md):
the account ``demo-loader``, a planner who cannot sign in (no password), is
the one the audit trail names.
"""

from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction

from tracker import roles

DEMO_PASSWORD = "tracker-demo"  # noqa: S105 (documented demo credential, local only)
DEMO_USERS = [
    # username, groups, is_staff, is_superuser
    ("admin", (), True, True),
    ("planner", (roles.PLANNER,), True, False),
    ("supervisor", (roles.SUPERVISOR,), True, False),
    ("reviewer", (roles.SUPERVISOR,), True, False),
    ("manager", (roles.MANAGER,), False, False),
    ("auditor", (roles.AUDITOR,), False, False),
]
PLAN_FILES = Path(settings.BASE_DIR) / "fixtures" / "plans"
LOADER = "demo-loader"


def demo_users_allowed() -> bool:
    default_db = Path(str(settings.DEFAULT_SQLITE_PATH)).resolve()
    name = connection.settings_dict.get("NAME")
    return (
        settings.TRACKER_ALLOW_DEMO_USERS
        and connection.vendor == "sqlite"
        and name is not None
        and Path(str(name)).resolve() == default_db
    )


class Command(BaseCommand):
    help = "Migrate, load the demo plans from fixtures/, and make demo users (local only)."

    def add_arguments(self, parser):
        parser.add_argument("--no-users", action="store_true", help="Do not make demo users.")

    def handle(self, *args, no_users=False, **options):
        call_command("migrate", verbosity=0)
        self.stdout.write("Database migrated.")
        plan_files = sorted(PLAN_FILES.glob("*.toml"))
        if plan_files:
            loader = self._loader()
            call_command(
                "import_plan", *map(str, plan_files), approved=True, user=loader, verbosity=1
            )
        # Statuses as of today, so the pages do not say "statuses as of".
        call_command("refresh_statuses", verbosity=0, stdout=self.stdout)
        if no_users:
            return
        if not demo_users_allowed():
            raise CommandError(
                "Demo users are made only under local settings (config.settings.local) "
                "against the default SQLite file. Use createsuperuser elsewhere."
            )
        self._make_users()

    @transaction.atomic
    def _loader(self) -> str:
        """The planner account the demo data is recorded under (no password:
        nobody signs in as it)."""
        user, created = get_user_model().objects.get_or_create(username=LOADER)
        if created:
            user.set_unusable_password()
            user.save()
        user.groups.add(Group.objects.get(name=roles.PLANNER))
        return LOADER

    @transaction.atomic
    def _make_users(self):
        User = get_user_model()
        for username, groups, is_staff, is_superuser in DEMO_USERS:
            user, created = User.objects.get_or_create(username=username)
            user.is_staff = is_staff
            user.is_superuser = is_superuser
            if created:
                user.set_password(DEMO_PASSWORD)
            user.save()
            user.groups.set(Group.objects.filter(name__in=groups))
        names = ", ".join(u[0] for u in DEMO_USERS)
        self.stdout.write(f"Demo users: {names} (password: {DEMO_PASSWORD}).")
