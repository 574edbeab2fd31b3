"""``import_plan``: load plan files (TOML; docs/plan-files.md).

All files given are validated together first (a document or unit defined in
one file may be used in another); if anything is wrong nothing is written and
every problem is listed. Then everything is written in one transaction
through the services. Re-importing the same files changes nothing.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from tracker.imports import ImportFailed, apply, prepare_plan_import, summary_lines
from tracker.imports.cli import failure, import_actor, require_migrated


class Command(BaseCommand):
    help = (
        "Import plan files (TOML, see docs/plan-files.md). Everything is validated first, "
        "across all files; if any problem is found nothing is written."
    )

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+", metavar="FILE", help="Plan files (.toml).")
        parser.add_argument(
            "--approved",
            action="store_true",
            help="Outcomes come in approved (a planner's import; the audit trail says so); "
            "needs --user, the person who vouches for them. "
            "Default: new outcomes are drafts, and changed approved ones go back to draft.",
        )
        parser.add_argument(
            "--user",
            metavar="USERNAME",
            help="Record the import under this user (must exist and may add plans); "
            "required with --approved. Without it: a system import of drafts.",
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Validate and show what would change, without writing anything.",
        )

    def handle(self, *args, files, approved=False, user=None, dry_run=False, **options):
        verbosity = options.get("verbosity", 1)
        require_migrated()
        if approved and not user and not dry_run:
            # An approved figure counts at once: someone must vouch for it,
            # and the audit trail names them (docs/security.md).
            raise CommandError(_("--approved 须同时给出 --user：审核通过的完成情况须记下审核人。"))
        actor = import_actor(user, permission="tracker.add_plan")
        try:
            change_set = prepare_plan_import([Path(name) for name in files])
            if not dry_run:
                apply(change_set, actor=actor, approved=approved, via="import")
        except ImportFailed as error:
            raise failure(error) from error
        if verbosity < 1:
            return
        for line in summary_lines(change_set, dry_run=dry_run, verbosity=verbosity):
            self.stdout.write(line)
        if any(c.entity == "outcome" and c.action == "create" for c in change_set.changes):
            self.stdout.write(
                _("新增的完成情况为“已审核”状态（--approved）。")
                if approved
                else _("新增的完成情况为草稿，须提交审核后才计入完成状态。")
            )
