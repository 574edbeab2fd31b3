"""Reading plan files (TOML, docs/plan-files.md) into specs.

Each file is read on its own here: keys, types, figures as strings, dates as
strings, document texts. Everything that needs more than one file (who
defines a document, which plan a target's parent is) is resolved in
``tracker.imports.prepare``.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from django.utils.translation import gettext as _

from tracker.domain import infer_measure
from tracker.imports.fields import Fields, control_character
from tracker.imports.problems import Place, Problems
from tracker.imports.specs import (
    DocumentSpec,
    OutcomeSpec,
    PlanFile,
    PlanSpec,
    TargetSpec,
    UnitSpec,
)

# key -> required?
TOP_KEYS = ("plan", "units", "documents", "targets", "outcomes")
PLAN_KEYS = {
    "slug": True,
    "title": True,
    "issuer": True,
    "jurisdiction": True,
    "issued_on": False,
    "period_start": True,
    "period_end": True,
    "parent": False,
    "document": False,
}
UNIT_KEYS = {"name": True, "aliases": False, "collective": False}
DOCUMENT_KEYS = {
    "slug": True,
    "title": True,
    "issuer": False,
    "published_on": False,
    "kind": True,
    "url": False,
    "text_file": False,
    "text": False,
}
TARGET_KEYS = {
    "code": True,
    "statement": True,
    "source_quote": False,
    "indicator": True,
    "aliases": False,
    "comparator": True,
    "value": True,
    "value_high": False,
    "unit": True,
    "tolerance": False,
    "period_start": True,
    "period_end": True,
    "direction": True,
    "commitment": True,
    # Optional only where the statement decides it (``infer_measure``).
    "measure": False,
    "growth": False,
    "baseline_value": False,
    "baseline_date": False,
    "units": False,
}
OUTCOME_KEYS = {
    "target": True,
    "value": True,
    "value_high": False,
    "qualifier": True,
    "unit": True,
    "period_start": True,
    "period_end": True,
    "document": True,
    "quote": True,
    "proxy": False,
    "reported_indicator": False,
    "note": False,
}


def display_name(path: Path) -> str:
    """The path as a person would type it: relative to the working folder
    when the file is under it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def read_plan_files(paths: Iterable[Path], problems: Problems) -> list[PlanFile]:
    """Read every file; problems are collected, never raised."""
    return [read_plan_file(Path(path), problems) for path in paths]


def read_plan_file(path: Path, problems: Problems) -> PlanFile:
    name = display_name(path)
    loaded = PlanFile(path=path, name=name)
    try:
        with path.open("rb") as handle:
            data = tomllib.load(handle)
    except UnicodeDecodeError as error:
        problems.error(
            Place(name),
            "",
            _("不是 UTF-8 编码（第 %(position)d 个字节无法读取）：计划文件须存为 UTF-8")
            % {"position": error.start + 1},
        )
        return loaded
    except tomllib.TOMLDecodeError as error:
        problems.error(Place(name), "", _("不是有效的 TOML：%(error)s") % {"error": error})
        return loaded
    except OSError as error:
        problems.error(Place(name), "", _("无法读取：%(error)s") % {"error": error.strerror})
        return loaded

    for key in data:
        if key not in TOP_KEYS:
            problems.error(
                Place(name),
                key,
                _("未知的节（可用：%(keys)s）") % {"keys": ", ".join(TOP_KEYS)},
            )
    plan_data = data.get("plan")
    if not isinstance(plan_data, dict):
        problems.error(Place(name, "[plan]"), "", _("缺少 [plan] 节（每个文件须有一个）"))
        plan_slug = ""
    else:
        loaded.plan = _plan(plan_data, Place(name, "[plan]"), problems)
        plan_slug = loaded.plan.slug

    for index, table in _tables(data, "units", name, problems):
        loaded.units.append(_unit(table, Place(name, f"[[units]] #{index}"), problems))
    for index, table in _tables(data, "documents", name, problems):
        place = Place(name, f"[[documents]] #{index}")
        loaded.documents.append(_document(table, place, path, problems))
    for index, table in _tables(data, "targets", name, problems):
        place = Place(name, f"[[targets]] #{index}")
        loaded.targets.append(_target(table, place, plan_slug, problems))
    for index, table in _tables(data, "outcomes", name, problems):
        place = Place(name, f"[[outcomes]] #{index}")
        loaded.outcomes.append(_outcome(table, place, plan_slug, problems))
    return loaded


def _tables(
    data: dict[str, Any], key: str, name: str, problems: Problems
) -> Iterable[tuple[int, dict[str, Any]]]:
    items = data.get(key, [])
    if not isinstance(items, list):
        problems.error(Place(name), key, _("须写成 [[%(key)s]] 表数组") % {"key": key})
        return
    for index, item in enumerate(items, start=1):
        if isinstance(item, dict):
            yield index, item
        else:
            problems.error(Place(name, f"[[{key}]] #{index}"), "", _("须为表"))


def _label(data: dict[str, Any], key: str) -> str:
    value = data.get(key, "")
    return value.strip() if isinstance(value, str) else ""


def _plan(data: dict[str, Any], place: Place, problems: Problems) -> PlanSpec:
    place = place.labelled(_label(data, "slug"))
    f = Fields(data, place=place, problems=problems, keys=PLAN_KEYS)
    slug = f.text("slug")
    fields = {
        "slug": slug,
        "title": f.text("title"),
        "issuer": f.text("issuer"),
        "jurisdiction": f.text("jurisdiction"),
        "issued_on": f.day("issued_on"),
        "period_start": f.day("period_start"),
        "period_end": f.day("period_end"),
    }
    return PlanSpec(
        place=place,
        slug=slug,
        fields=fields,
        parent=f.text("parent").strip(),
        document=f.text("document").strip(),
    )


def _unit(data: dict[str, Any], place: Place, problems: Problems) -> UnitSpec:
    place = place.labelled(_label(data, "name"))
    f = Fields(data, place=place, problems=problems, keys=UNIT_KEYS)
    name = f.text("name").strip()
    return UnitSpec(
        place=place,
        name=name,
        aliases=[alias.strip() for alias in f.strings("aliases")],
        collective=f.flag("collective"),
    )


def _document(data: dict[str, Any], place: Place, path: Path, problems: Problems) -> DocumentSpec:
    place = place.labelled(_label(data, "slug"))
    f = Fields(data, place=place, problems=problems, keys=DOCUMENT_KEYS)
    slug = f.text("slug")
    text_file = f.text("text_file")
    inline = f.text("text")
    text = ""
    if bool(text_file) == ("text" in data):
        f.error("text_file", _("须给出 text_file 或 text 之一（只能给一个）"))
    elif text_file:
        text = _read_text(path.parent / text_file, place, problems)
    else:
        text = inline
        if not text.strip():
            f.error("text", _("不能为空"))
    fields = {
        "slug": slug,
        "title": f.text("title"),
        "issuer": f.text("issuer"),
        "published_on": f.day("published_on"),
        "kind": f.text("kind"),
        "url": f.text("url"),
        "text": text,
    }
    return DocumentSpec(place=place, slug=slug, fields=fields)


def _read_text(path: Path, place: Place, problems: Problems) -> str:
    """The text exactly as stored (no newline translation), so quote
    offsets count the characters of the file; a UTF-8 BOM is not text."""
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except OSError as error:
        problems.error(
            place,
            "text_file",
            _("无法读取 %(path)s：%(error)s") % {"path": path, "error": error.strerror},
        )
    except UnicodeDecodeError:
        problems.error(place, "text_file", _("%(path)s 不是 UTF-8 文本") % {"path": path})
    else:
        bad = control_character(text)
        if bad is None:
            return text
        problems.error(place, "text_file", f"{path}: {bad}")
    return ""


def _target(data: dict[str, Any], place: Place, plan: str, problems: Problems) -> TargetSpec:
    place = place.labelled(_label(data, "code"))
    if "accumulates" in data:
        data = {key: value for key, value in data.items() if key != "accumulates"}
        problems.error(
            place,
            "accumulates",
            _(
                'accumulates 已由 measure 取代：期内累计量写 measure = "flow"，'
                '占比、强度、存量写 "level"，增速、降幅写 "rate"'
            ),
        )
    f = Fields(data, place=place, problems=problems, keys=TARGET_KEYS)
    code = f.text("code").strip()
    if ":" in code:
        f.error("code", _("编号不能含“:”（完成情况用“规划标识:编号”指向其他规划的目标）"))
    fields = {
        "code": code,
        "statement": f.text("statement"),
        "source_quote": f.text("source_quote"),
        "indicator": f.text("indicator"),
        "indicator_aliases": "\n".join(alias.strip() for alias in f.strings("aliases")),
        "comparator": f.text("comparator"),
        "value": f.figure("value"),
        "value_high": f.figure("value_high"),
        "unit": f.text("unit").strip(),
        "tolerance": f.figure("tolerance"),
        "period_start": f.day("period_start"),
        "period_end": f.day("period_end"),
        "direction": f.text("direction"),
        "commitment": f.text("commitment"),
        "measure": _measure(f, data, place, problems),
        "growth": f.text("growth") or "linear",
        "baseline_value": f.figure("baseline_value"),
        "baseline_date": f.day("baseline_date"),
    }
    return TargetSpec(
        place=place,
        plan=plan,
        code=code,
        fields=fields,
        units=[unit.strip() for unit in f.strings("units")],
    )


def _measure(f: Fields, data: dict[str, Any], place: Place, problems: Problems) -> str:
    """The target's measure as written, or the one its statement decides
    (said in a warning, so the planner sees what was chosen)."""
    if "measure" in data:
        return f.text("measure").strip()
    statement = data.get("statement")
    if not isinstance(statement, str):
        return ""
    choice = infer_measure(statement)
    if choice.measure is None:
        found = "、".join(f"“{words}”→{kind}" for kind, words in choice.words.items())
        problems.error(
            place,
            "measure",
            _("须写明 measure（level、flow 或 rate）：表述不能唯一判定（%(found)s）")
            % {"found": found or _("没有可判定的字词")},
        )
        return ""
    problems.warn(
        place,
        "measure",
        _("未写 measure：按表述中的“%(words)s”读作 %(measure)s")
        % {"words": choice.words[choice.measure], "measure": choice.measure},
    )
    return choice.measure


def _outcome(data: dict[str, Any], place: Place, plan: str, problems: Problems) -> OutcomeSpec:
    place = place.labelled(_label(data, "target"))
    f = Fields(data, place=place, problems=problems, keys=OUTCOME_KEYS)
    reference = f.text("target").strip()
    other_plan, _sep, code = reference.rpartition(":")
    fields = {
        "value": f.figure("value"),
        "value_high": f.figure("value_high"),
        "qualifier": f.text("qualifier"),
        "unit": f.text("unit").strip(),
        "period_start": f.day("period_start"),
        "period_end": f.day("period_end"),
        "quote": f.text("quote"),
        "is_proxy": f.flag("proxy"),
        "reported_indicator": f.text("reported_indicator"),
        "notes": f.text("note"),
    }
    return OutcomeSpec(
        place=place,
        plan=other_plan.strip() or plan,
        code=code.strip(),
        document=f.text("document").strip(),
        fields=fields,
    )
