"""``suggest_targets``: a stored plan document read into a draft plan file
(docs/plan-files.md) for a planner to confirm; see tracker.domain.reading.plans.
The planner's draft page (``/documents/<slug>/targets/``) reads and writes
through the same two calls."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from tracker.exports.drafts import document_plan_draft
from tracker.selectors_reading import document_by_slug, read_plan_document


class Command(BaseCommand):
    help = (
        "Read a stored document's numeric commitments into a draft plan file (TOML, "
        "docs/plan-files.md); every machine-read field is marked '# suggested'."
    )

    def add_arguments(self, parser):
        parser.add_argument("--document", required=True, metavar="SLUG", help="The document.")
        parser.add_argument("--output", metavar="FILE", help="Write here (default: stdout).")
        parser.add_argument(
            "--plan-slug", metavar="SLUG", help="Slug of the draft plan (default: SLUG-draft)."
        )

    def handle(self, *args, document, output=None, plan_slug=None, **options):
        stored = document_by_slug(document)
        if stored is None:
            raise CommandError(_("没有标识为 %(slug)s 的文件。") % {"slug": document})
        reading = read_plan_document(stored)
        text = document_plan_draft(reading, stored, plan_slug=plan_slug)
        if output:
            Path(output).write_text(text, encoding="utf-8")
            self.stderr.write(
                _("%(targets)d 个建议指标、%(tasks)d 项无数字任务已写入 %(file)s。")
                % {"targets": len(reading.targets), "tasks": len(reading.tasks), "file": output}
            )
        else:
            self.stdout.write(text, ending="")
