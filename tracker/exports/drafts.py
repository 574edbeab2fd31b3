"""Suggestions written out for a person to confirm (issue 13).

``plan_draft_toml``: a ``read_plan`` result as a plan file in the format of
docs/plan-files.md. The format rejects unknown keys, so "suggested" is said
in TOML comments: every machine-read field ends with ``# suggested``, and
the file's head says what that means; the importer ignores comments. The
tasks without figures are listed in comments, never as targets.

``document_plan_draft``: the same for a stored document, with the plan's
title, issuer and jurisdiction guessed from it: what ``suggest_targets``
writes and the planner's draft page offers for download.

``outcome_drafts_csv``: proposals as rows of the outcomes CSV
(docs/outcomes-template.csv, columns ``tracker.imports.outcomes_csv.COLUMNS``)
best first per target, so the file can be edited and fed to
``import_outcomes``; ``outcome_drafts_table`` the same for a terminal.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterable, Sequence
from datetime import date
from typing import Protocol

from tracker.domain.reading import PlanReading, Proposal

__all__ = [
    "document_plan_draft",
    "draft_plan_slug",
    "outcome_drafts_csv",
    "outcome_drafts_table",
    "plan_draft_toml",
]

SUGGESTED = "  # suggested"


def _s(value: object) -> str:
    """A TOML basic string (JSON's escapes are valid TOML)."""
    return json.dumps("" if value is None else str(value), ensure_ascii=False)


def _list(values: Iterable[str]) -> str:
    return "[" + ", ".join(_s(v) for v in values) + "]"


def plan_draft_toml(
    reading: PlanReading,
    *,
    document_slug: str,
    plan_slug: str,
    title: str,
    issuer: str,
    jurisdiction: str,
    issued_on: date | None,
) -> str:
    """The plan file text (see the module docstring)."""
    year = reading.year
    start = date(year, 1, 1) if year else None
    end = date(year, 12, 31) if year else None
    if reading.targets:
        start = min(t.period_start for t in reading.targets)
        end = max(t.period_end for t in reading.targets)
    lines = [
        f"# Draft plan file read from document {document_slug} by `manage.py suggest_targets`.",
        "# Every line marked `# suggested` was read by the machine: check each against the",
        "# text, correct it, then delete the mark (docs/plan-files.md). Non-numeric tasks",
        "# are listed at the end as comments: they are not targets.",
        "",
        "[plan]",
        f"slug = {_s(plan_slug)}{SUGGESTED}",
        f"title = {_s(title)}{SUGGESTED}",
        f"issuer = {_s(issuer)}{SUGGESTED}",
        f"jurisdiction = {_s(jurisdiction)}{SUGGESTED}",
    ]
    if issued_on:
        lines.append(f"issued_on = {_s(issued_on.isoformat())}{SUGGESTED}")
    lines += [
        f"period_start = {_s(start.isoformat() if start else '')}{SUGGESTED}",
        f"period_end = {_s(end.isoformat() if end else '')}{SUGGESTED}",
        f"document = {_s(document_slug)}",
        "",
    ]
    named = list(dict.fromkeys(n for t in reading.targets for n in t.units))
    for name in named:
        lines += [
            "[[units]]",
            f"name = {_s(name)}{SUGGESTED}",
            f"collective = {'true' if name.startswith('各') else 'false'}{SUGGESTED}",
            "",
        ]
    for target in reading.targets:
        lines += [
            "[[targets]]",
            f"code = {_s(target.code)}{SUGGESTED}",
            f"statement = {_s(target.statement)}  # verbatim, offsets {target.start}-{target.end}",
        ]
        if target.source_quote != target.statement:
            lines.append(f"source_quote = {_s(target.source_quote)}  # verbatim")
        lines += [
            f"indicator = {_s(target.indicator)}{SUGGESTED}",
            f"comparator = {_s(target.comparator)}{SUGGESTED}",
            f"value = {_s(format(target.value, 'f'))}{SUGGESTED}",
        ]
        if target.value_high is not None:
            lines.append(f"value_high = {_s(format(target.value_high, 'f'))}{SUGGESTED}")
        lines += [
            f"unit = {_s(target.unit)}{SUGGESTED}",
            f"period_start = {_s(target.period_start.isoformat())}{SUGGESTED}",
            f"period_end = {_s(target.period_end.isoformat())}{SUGGESTED}",
            f"direction = {_s(target.direction)}{SUGGESTED} (wording)",
            f"commitment = {_s(target.commitment)}{SUGGESTED}",
            f"measure = {_s(target.measure)}{SUGGESTED} ({target.measure_words})",
            f"units = {_list(target.units)}{SUGGESTED} (first = lead; 责任单位)",
            "",
        ]
    if reading.tasks:
        lines.append("# Tasks without a figure (not targets):")
        for task in reading.tasks:
            who = "、".join(task.units)
            lines.append(f"# {task.code} {task.text}" + (f" (责任单位: {who})" if who else ""))
    return "\n".join(lines) + "\n"


_TITLED = re.compile(r"《([^《》]*(?:方案|计划|规划|要点))》")
_JURISDICTION = re.compile(r"^(.{2,6}?[市县区省])")


class _StoredDocument(Protocol):
    """What a draft needs of a stored document (``tracker.models.Document``)."""

    slug: str
    title: str
    issuer: str
    text: str
    published_on: date | None


def draft_plan_slug(document_slug: str) -> str:
    """The draft plan's slug unless the planner names one."""
    return f"{document_slug}-draft"


def document_plan_draft(
    reading: PlanReading, document: _StoredDocument, *, plan_slug: str | None = None
) -> str:
    """The plan file for a stored document's reading: the plan's title is
    the first 《…方案/计划/规划/要点》 the text names, else the document's
    title; its jurisdiction the place the issuer (or title) starts with."""
    titled = _TITLED.search(document.text)
    jurisdiction = _JURISDICTION.match(document.issuer or document.title or "")
    return plan_draft_toml(
        reading,
        document_slug=document.slug,
        plan_slug=plan_slug or draft_plan_slug(document.slug),
        title=titled.group(1) if titled else document.title,
        issuer=document.issuer or document.title,
        jurisdiction=jurisdiction.group(1) if jurisdiction else "",
        issued_on=document.published_on,
    )


def _row(proposal: Proposal, document_slug: str) -> dict[str, str]:
    target = proposal.target
    why = "; ".join(f"{code}={value}" for code, value in proposal.why)
    return {
        "plan": target.plan,
        "target_code": target.code,
        "value": format(proposal.value, "f"),
        "value_high": "" if proposal.value_high is None else format(proposal.value_high, "f"),
        "qualifier": proposal.qualifier,
        "unit": proposal.unit,
        "period_start": proposal.period_start.isoformat(),
        "period_end": proposal.period_end.isoformat(),
        "document": document_slug,
        "quote": proposal.quote,
        "proxy": "true" if proposal.proxy else "false",
        "reported_indicator": proposal.reported_indicator,
        "note": (
            f"suggested (score {proposal.score:.2f}; "
            f"offsets {proposal.start}-{proposal.end}; {why})"
        ),
    }


def outcome_drafts_csv(
    proposals: Sequence[Proposal], *, document_slug: str, columns: Sequence[str]
) -> str:
    """The outcomes CSV (UTF-8 text, a BOM for spreadsheet programs)."""
    buffer = io.StringIO(newline="")
    writer = csv.DictWriter(buffer, fieldnames=list(columns), lineterminator="\n")
    writer.writeheader()
    for proposal in proposals:
        writer.writerow(_row(proposal, document_slug))
    return "\ufeff" + buffer.getvalue()


def outcome_drafts_table(proposals: Sequence[Proposal], *, document_slug: str) -> str:
    """One line per proposal, for reading in a terminal."""
    lines = []
    for proposal in proposals:
        row = _row(proposal, document_slug)
        lines.append(
            f"{row['plan']}:{row['target_code']}\t{row['qualifier']} {row['value']} {row['unit']}"
            f"\t{row['period_start']}..{row['period_end']}\t{proposal.grade}"
            f"{' proxy' if proposal.proxy else ''}\t{proposal.score:.2f}\t{row['quote']}"
        )
    return "\n".join(lines) + ("\n" if lines else "")
