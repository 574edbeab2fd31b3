"""``suggest_outcomes``: outcome drafts for the open targets of chosen plans
from a stored document, as the outcomes CSV (edit, then ``import_outcomes``)
or a table; see tracker.domain.reading.outcomes."""

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from tracker.analytics.units import load_registry
from tracker.domain.reading import propose_outcomes
from tracker.exports.drafts import outcome_drafts_csv, outcome_drafts_table
from tracker.imports.outcomes_csv import COLUMNS
from tracker.selectors_reading import document_by_slug, open_targets


class Command(BaseCommand):
    help = (
        "Propose outcome drafts for open targets from a stored document, best first per "
        "target: CSV in the import_outcomes format, or a table."
    )

    def add_arguments(self, parser):
        parser.add_argument("--document", required=True, metavar="SLUG", help="The document.")
        parser.add_argument(
            "--plan",
            action="append",
            default=[],
            metavar="SLUG",
            help="Only this plan's targets (repeatable; default: every plan).",
        )
        parser.add_argument("--format", choices=("csv", "table"), default="csv")
        parser.add_argument(
            "--per-target", type=int, default=3, help="Proposals kept per target (default 3)."
        )

    def handle(self, *args, document, plan, format, per_target, **options):
        stored = document_by_slug(document)
        if stored is None:
            raise CommandError(_("没有标识为 %(slug)s 的文件。") % {"slug": document})
        proposals = propose_outcomes(
            stored.text,
            open_targets(plan),
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
