"""``suggest_outcomes``: outcome drafts for the open targets of chosen plans
from a stored document, as the outcomes CSV (edit, then ``import_outcomes``)
or a table; see tracker.domain.reading.outcomes.

Which plans: ``--plan`` (repeatable), ``--all-plans``, or by default the
plans of the jurisdictions the text names, as on the review page
(``selectors_reading.reading_scope``, docs/extraction.md). When that reads
nothing (no jurisdiction named, an unknown plan, no open target) the
command says why and fails, printing nothing."""

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from tracker.analytics.units import load_registry
from tracker.domain.reading import propose_outcomes
from tracker.exports.drafts import outcome_drafts_csv, outcome_drafts_table
from tracker.imports.outcomes_csv import COLUMNS
from tracker.selectors_reading import (
    document_by_slug,
    open_targets,
    reading_scope,
    scope_message,
)


class Command(BaseCommand):
    help = (
        "Propose outcome drafts for open targets from a stored document, best first per "
        "target: CSV in the import_outcomes format, or a table. By default the document is "
        "read against the plans of the jurisdictions its text names."
    )

    def add_arguments(self, parser):
        parser.add_argument("--document", required=True, metavar="SLUG", help="The document.")
        which = parser.add_mutually_exclusive_group()
        which.add_argument(
            "--plan",
            action="append",
            default=[],
            metavar="SLUG",
            help="Only this plan's targets (repeatable; default: the plans of the "
            "jurisdictions the document names).",
        )
        which.add_argument(
            "--all-plans",
            action="store_true",
            help="Read the open targets of every plan (slow on a large database).",
        )
        parser.add_argument("--format", choices=("csv", "table"), default="csv")
        parser.add_argument(
            "--per-target", type=int, default=3, help="Proposals kept per target (default 3)."
        )

    def handle(self, *args, document, plan, all_plans, format, per_target, **options):
        stored = document_by_slug(document)
        if stored is None:
            raise CommandError(_("没有标识为 %(slug)s 的文件。") % {"slug": document})
        scope = reading_scope(stored, plan, all_plans=all_plans)
        if scope.problem:
            hint = _("用 --plan 指定规划，或用 --all-plans 读取所有规划。")
            raise CommandError(f"{scope_message(scope)} {hint}")
        proposals = propose_outcomes(
            stored.text,
            open_targets(scope),
            on=stored.published_on,
            units=load_registry(),
            per_target=per_target,
            is_plan=stored.kind == "plan",
        )
        if format == "csv":
            text = outcome_drafts_csv(proposals, document_slug=stored.slug, columns=COLUMNS)
        else:
            text = outcome_drafts_table(proposals, document_slug=stored.slug)
        self.stdout.write(text, ending="")
