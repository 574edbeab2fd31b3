"""``generate_synthetic``: a national-scale data set for benchmarks.

Fills an empty, migrated database with made-up plans, targets, responsible
units, assignments, bulletins and outcomes (``tracker.synthetic``): on
PostgreSQL with ``COPY``, on SQLite (small sizes, for tests) with
``executemany``. Refuses a database that already holds tracker rows. Every
status and evidence grade occurs (at least 2 plans of 8 targets). The
stored statuses are not built here: ``tracker.analytics.assessments`` does
that as usual. docs/performance.md says how the benchmark uses it.
"""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from tracker.analytics.evidence import today
from tracker.synthetic.load import NotEmpty, load
from tracker.synthetic.rows import Sizes


def _positive(text: str) -> int:
    value = int(text)
    if value < 0:
        raise ValueError(text)
    return value


class Command(BaseCommand):
    help = (
        "Fill an empty, migrated database with synthetic plans, targets, units, "
        "assignments, documents and outcomes (COPY on PostgreSQL), for benchmarks."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--plans", type=_positive, default=10, metavar="N")
        parser.add_argument("--targets-per-plan", type=_positive, default=100, metavar="M")
        parser.add_argument("--outcomes-per-target", type=_positive, default=10, metavar="K")
        parser.add_argument("--units", type=_positive, default=200, metavar="U")
        parser.add_argument("--seed", type=int, default=1, metavar="S")

    def handle(self, *args: Any, **options: Any) -> None:
        sizes = Sizes(
            plans=options["plans"],
            targets_per_plan=options["targets_per_plan"],
            outcomes_per_target=options["outcomes_per_target"],
            units=options["units"],
            seed=options["seed"],
        )
        if sizes.plans < 1 or sizes.targets_per_plan < 1 or sizes.units < 1:
            raise CommandError(_("规划数、每个规划的目标数和责任单位数都必须至少为1。"))
        started = time.perf_counter()
        try:
            loaded = load(sizes, today=today())
        except NotEmpty as error:
            raise CommandError(
                _("数据库不是空的（%(table)s 已有数据）：合成数据只写入空数据库。")
                % {"table": error.table}
            ) from None
        seconds = time.perf_counter() - started
        for table, count in loaded.counts.items():
            self.stdout.write(f"{table}: {count}")
        self.stdout.write(f"{seconds:.1f} s")
