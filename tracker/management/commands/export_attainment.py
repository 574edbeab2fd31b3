"""``export_attainment``: every target's status and evidence as CSV.

For auditors: UTF-8 with a BOM (Excel reads the Chinese), formula-safe,
streamed to stdout or a file (never built in memory). Statuses are computed
for ``--as-of``, so an export can show a past or future date's view.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from tracker.exports.attainment import COLUMNS, attainment_rows
from tracker.exports.csvstream import csv_chunks
from tracker.management.commands._attainment_options import parse_as_of, plan_ids_for, unit_for


class Command(BaseCommand):
    help = (
        "Export each target's attainment status with its evidence and provenance as CSV "
        "(UTF-8 with BOM, formula-safe), ordered by plan then target code."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--plan",
            action="append",
            dest="plans",
            default=[],
            metavar="SLUG",
            help="Only this plan (by slug); repeat for several. Default: every plan.",
        )
        parser.add_argument(
            "--unit",
            metavar="NAME",
            help="Only targets this unit is assigned to, in any role (name or alias).",
        )
        parser.add_argument(
            "--as-of",
            metavar="DATE",
            help="Statuses as of this date (YYYY-MM-DD). Default: today in Asia/Shanghai.",
        )
        parser.add_argument(
            "--output", metavar="FILE", help="Write to FILE instead of standard output."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        as_of = parse_as_of(options["as_of"])
        plan_ids = plan_ids_for(options["plans"]) if options["plans"] else None
        unit_id = unit_for(options["unit"]).pk if options["unit"] else None
        rows = attainment_rows(as_of=as_of, plan_ids=plan_ids, unit_id=unit_id)
        chunks = csv_chunks(COLUMNS, rows)
        if options["output"]:
            try:
                # newline="": the csv module writes its own CRLF line ends.
                with open(options["output"], "w", encoding="utf-8", newline="") as out:
                    for chunk in chunks:
                        out.write(chunk)
            except OSError as error:
                raise CommandError(
                    _("无法写入文件“%(path)s”：%(error)s")
                    % {"path": options["output"], "error": error.strerror or error}
                ) from error
            return
        for chunk in chunks:
            self.stdout.write(chunk, ending="")
