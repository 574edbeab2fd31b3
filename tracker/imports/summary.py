"""The import summary a person reads: per file, per entity, how many rows
were (or, in a dry run, would be) created, updated or left unchanged, the
rows updated, and the stored rows no file mentions."""

from __future__ import annotations

from collections.abc import Iterator

from django.utils.translation import gettext as _

from tracker.imports.prepare import MODELS, ChangeSet


def _entity(name: str) -> str:
    return str(MODELS[name]._meta.verbose_name)


def summary_lines(change_set: ChangeSet, *, dry_run: bool, verbosity: int = 1) -> Iterator[str]:
    """Lines of the summary; ``verbosity`` 2 also lists every row created."""
    if dry_run:
        yield _("试运行：以下是将会发生的变化，没有写入任何数据。")
    total = {"create": 0, "update": 0, "unchanged": 0}
    for file in change_set.files:
        encoding = change_set.notes.get(file)
        if encoding:
            yield _("%(file)s（编码 %(encoding)s）") % {"file": file, "encoding": encoding}
        else:
            yield file
        for entity, counts in change_set.counts(file).items():
            for action in total:
                total[action] += counts[action]
            yield "  " + _("%(entity)s：新增 %(create)d，修改 %(update)d，未变 %(unchanged)d") % {
                "entity": _entity(entity),
                "create": counts["create"],
                "update": counts["update"],
                "unchanged": counts["unchanged"],
            }
        for change in change_set.changes:
            if change.file != file:
                continue
            if change.action == "update":
                yield "    " + _("修改 %(entity)s %(label)s：%(fields)s") % {
                    "entity": _entity(change.entity),
                    "label": change.label,
                    "fields": ", ".join(change.changed),
                }
            elif change.action == "create" and verbosity >= 2:
                yield "    " + _("新增 %(entity)s %(label)s") % {
                    "entity": _entity(change.entity),
                    "label": change.label,
                }
        for missing in change_set.missing:
            if missing.file == file:
                yield "  " + _("不在文件中（未删除）：%(entity)s %(label)s") % {
                    "entity": _entity(missing.entity),
                    "label": missing.label,
                }
    for warning in change_set.warnings:
        yield _("提示：%(warning)s") % {"warning": warning}
    yield _("合计：新增 %(create)d，修改 %(update)d，未变 %(unchanged)d。") % total
