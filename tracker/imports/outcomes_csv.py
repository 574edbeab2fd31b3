"""Reading a supervisor's outcome CSV (template: docs/outcomes-template.csv).

Spreadsheets save CSV as UTF-8 (with or without a BOM) or, on Chinese
Windows, as GBK: the file is decoded as UTF-8 first, then as GB18030 (a
superset of GBK), and the summary says which was used. Rows are numbered as
a spreadsheet shows them: the header is row 1.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from django.utils.translation import gettext as _

from tracker.analytics.units import registry_scope
from tracker.imports.fields import CsvFields
from tracker.imports.planfile import display_name
from tracker.imports.prepare import ChangeSet, Preparer
from tracker.imports.problems import ImportFailed, Place, Problems
from tracker.imports.specs import OutcomeSpec
from tracker.models import Plan

COLUMNS = (
    "plan",
    "target_code",
    "value",
    "value_high",
    "qualifier",
    "unit",
    "period_start",
    "period_end",
    "document",
    "quote",
    "proxy",
    "reported_indicator",
    "note",
)
REQUIRED = {
    "plan",
    "target_code",
    "value",
    "unit",
    "period_start",
    "period_end",
    "document",
    "quote",
}


def decode(raw: bytes) -> tuple[str, str]:
    """The text and the name of the encoding that read it."""
    if raw.startswith(b"\xef\xbb\xbf"):
        return raw.decode("utf-8-sig"), "UTF-8 (BOM)"
    try:
        return raw.decode("utf-8"), "UTF-8"
    except UnicodeDecodeError:
        return raw.decode("gb18030"), "GB18030/GBK"


def read_outcome_csv(path: Path, problems: Problems) -> tuple[str, str, list[OutcomeSpec]]:
    """Return the file's display name, the encoding used and one spec per
    non-empty row; problems are collected, never raised."""
    name = display_name(path)
    try:
        raw = path.read_bytes()
    except OSError as error:
        problems.error(Place(name), "", _("无法读取：%(error)s") % {"error": error.strerror})
        return name, "", []
    try:
        text, encoding = decode(raw)
    except UnicodeDecodeError:
        problems.error(Place(name), "", _("无法识别编码：既不是 UTF-8，也不是 GBK/GB18030"))
        return name, "", []
    rows = csv.reader(io.StringIO(text, newline=""))
    header_place = Place(name, _("第1行（表头）"))
    header = [cell.strip() for cell in next(rows, [])]
    if not any(header):
        problems.error(header_place, "", _("文件为空或没有表头"))
        return name, encoding, []
    for column in header:
        if column not in COLUMNS:
            problems.error(
                header_place,
                column,
                _("未知的列（可用：%(columns)s）") % {"columns": ", ".join(COLUMNS)},
            )
        elif header.count(column) > 1:
            problems.error(header_place, column, _("列名重复"))
    for column in COLUMNS:
        if column not in header:
            problems.error(header_place, column, _("缺少这一列"))
    if problems.errors:
        return name, encoding, []

    specs = []
    for number, row in enumerate(rows, start=2):
        if not any(cell.strip() for cell in row):
            continue
        place = Place(name, _("第%(row)d行") % {"row": number})
        if len(row) != len(header):
            problems.error(
                place,
                "",
                _("有 %(cells)d 个单元格，表头有 %(columns)d 列")
                % {"cells": len(row), "columns": len(header)},
            )
            continue
        data = dict(zip(header, row, strict=True))
        place = place.labelled(f"{data['plan'].strip()}:{data['target_code'].strip()}")
        f = CsvFields(
            data,
            place=place,
            problems=problems,
            keys={column: column in REQUIRED for column in COLUMNS},
        )
        fields = {
            "value": f.figure("value"),
            "value_high": f.figure("value_high"),
            "qualifier": f.text("qualifier").strip() or "exact",
            "unit": f.text("unit").strip(),
            "period_start": f.day("period_start"),
            "period_end": f.day("period_end"),
            "quote": f.text("quote"),
            "is_proxy": f.flag("proxy"),
            "reported_indicator": f.text("reported_indicator").strip(),
            "notes": f.text("note").strip(),
        }
        specs.append(
            OutcomeSpec(
                place=place,
                plan=f.text("plan").strip(),
                code=f.text("target_code").strip(),
                document=f.text("document").strip(),
                fields=fields,
            )
        )
    if not specs and not problems.errors:
        problems.error(Place(name), "", _("没有数据行"))
    return name, encoding, specs


def prepare_outcome_import(path: Path) -> ChangeSet:
    """Read and validate a CSV of outcomes for stored targets and documents;
    raise ``ImportFailed`` with every problem, or return the changes."""
    problems = Problems()
    name, encoding, specs = read_outcome_csv(Path(path), problems)
    preparer = Preparer(problems)
    with registry_scope():  # the units are read once, not per row
        _prepare_rows(preparer, problems, name, specs)
    if problems.errors:
        raise ImportFailed(problems.errors)
    change_set = preparer.change_set([name])
    change_set.notes[name] = encoding
    return change_set


def _prepare_rows(
    preparer: Preparer, problems: Problems, name: str, specs: list[OutcomeSpec]
) -> None:
    # The targets and their stored outcomes in a few queries, not two a row.
    preparer.preload_targets({(spec.plan, spec.code) for spec in specs if spec.plan and spec.code})
    for spec in specs:
        target = None
        if spec.plan and spec.code:
            target = preparer.stored_target(spec.plan, spec.code)
            if target is None:
                if Plan.objects.filter(slug=spec.plan).exists():
                    problems.error(
                        spec.place,
                        "target_code",
                        _("规划“%(plan)s”中没有编号为“%(code)s”的目标")
                        % {"plan": spec.plan, "code": spec.code},
                    )
                else:
                    problems.error(
                        spec.place, "plan", _("规划“%(plan)s”不存在") % {"plan": spec.plan}
                    )
        preparer.outcome(spec, name, target)
