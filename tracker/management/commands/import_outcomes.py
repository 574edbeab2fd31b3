"""``import_outcomes``: a supervisor's CSV of reported outcomes.

Columns as in docs/outcomes-template.csv. UTF-8 (with or without BOM) or
GBK. All rows are validated first; if any is wrong nothing is written and
every problem is listed by row and column. Outcomes come in as drafts entered
by ``--user``, to be submitted for review; a row matching a stored outcome
(same target, document, period and quote) updates it in place.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from tracker.imports import ImportFailed, apply, prepare_outcome_import, summary_lines
from tracker.imports.cli import failure, import_actor, require_migrated


class Command(BaseCommand):
    help = (
        "Import outcomes from a CSV (columns: docs/outcomes-template.csv) as drafts. "
        "Everything is validated first; if any row is wrong nothing is written."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", metavar="FILE.csv", help="The CSV file.")
        parser.add_argument(
            "--user",
            metavar="USERNAME",
            help="The supervisor entering the outcomes (required; must exist and may add "
            "outcomes): the drafts are theirs to submit.",
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Validate and show what would change, without writing anything.",
        )

    def handle(self, *args, file, user=None, dry_run=False, **options):
        verbosity = options.get("verbosity", 1)
        require_migrated()
        if not user and not dry_run:
            # Drafts belong to whoever entered them: only they submit them.
            raise CommandError(_("须给出 --user：导入的完成情况记在录入人名下。"))
        actor = import_actor(user, permission="tracker.add_outcome")
        try:
            change_set = prepare_outcome_import(Path(file))
            if not dry_run:
                apply(change_set, actor=actor, approved=False, via="import_outcomes")
        except ImportFailed as error:
            raise failure(error) from error
        if verbosity < 1:
            return
        for line in summary_lines(change_set, dry_run=dry_run, verbosity=verbosity):
            self.stdout.write(line)
