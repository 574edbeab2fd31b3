"""``manage.py refresh_statuses [--as-of DATE] [--full]``: bring the stored
statuses to a date, outside any request (run daily by the scheduler,
docs/architecture.md section 8).

Incremental by default: only the targets whose status can change because
the date moved on (a period ended, a figure became known) or that were
changed without going through the services, and those with no stored status
(``tracker.analytics.assessments.due_select``). ``--full`` re-assesses every
target. Either way the date is recorded, so the report pages stop saying
"statuses as of" an older date. Running it twice for one date changes
nothing the second time.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils.translation import gettext as _

from tracker.analytics.assessments import refresh_due
from tracker.management.commands._attainment_options import parse_as_of


class Command(BaseCommand):
    help = "Refresh the stored statuses (and rollups) to a date: the due targets, or all."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--as-of", dest="as_of", help="YYYY-MM-DD (default: today)")
        parser.add_argument("--full", action="store_true", help="re-assess every target")

    def handle(self, *args: Any, **options: Any) -> None:
        as_of = parse_as_of(options["as_of"])
        report = refresh_due(as_of, full=options["full"])
        day = report.as_of.isoformat()
        if report.full:
            self.stdout.write(
                _("已全部重算：%(count)d个目标的状态截至%(date)s。")
                % {"count": report.reasons["all"], "date": day}
            )
            return
        self.stdout.write(
            _(
                "状态已刷新至%(date)s：重新评估%(count)d个目标（无状态%(new)d，"
                "考核期结束%(period_end)d，数据可知%(figure_known)d，有改动%(touched)d）。"
            )
            % {"date": day, "count": len(report.target_ids), **report.reasons}
        )
        if options["verbosity"] > 1 and report.target_ids:
            self.stdout.write(" ".join(str(target_id) for target_id in report.target_ids))
