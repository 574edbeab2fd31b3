"""``suggest_targets``: a stored plan document read into a draft plan file
(docs/plan-files.md) for a planner to confirm; see tracker.domain.reading.plans."""

import re
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from tracker.analytics.units import load_registry
from tracker.domain.reading import read_plan
from tracker.exports.drafts import plan_draft_toml
from tracker.selectors_reading import document_by_slug


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
        registry = load_registry()
        reading = read_plan(
            stored.text,
            on=stored.published_on,
            is_plan=stored.kind == "plan",
            units=registry.known_units(),
        )
        titled = re.search(r"《([^《》]*(?:方案|计划|规划|要点))》", stored.text)
        jurisdiction = re.match(r"^(.{2,6}?[市县区省])", stored.issuer or stored.title or "")
        text = plan_draft_toml(
            reading,
            document_slug=stored.slug,
            plan_slug=plan_slug or f"{stored.slug}-draft",
            title=titled.group(1) if titled else stored.title,
            issuer=stored.issuer or stored.title,
            jurisdiction=jurisdiction.group(1) if jurisdiction else "",
            issued_on=stored.published_on,
        )
        if output:
            Path(output).write_text(text, encoding="utf-8")
            self.stderr.write(
                _("%(targets)d 个建议指标、%(tasks)d 项无数字任务已写入 %(file)s。")
                % {"targets": len(reading.targets), "tasks": len(reading.tasks), "file": output}
            )
        else:
            self.stdout.write(text, ending="")
