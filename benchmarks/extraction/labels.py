"""The labelled set for reading documents (issue 13, deliverable 7).

Loads ``targets.toml`` (numeric commitments of seeds 001 and 002),
``outcomes.toml`` and ``fresh*_outcomes.toml`` (fresh, fresh2, fresh3,
fresh4: which sentences report which target, and distractors), and checks
them: every quote is verbatim at its offsets in its text (a seed of
``fixtures/documents/``, or for fresh3 and fresh4 a SYNTHETIC text of
``synthetic/``, written for measurement only), every label names a target
that exists (a demo target of ``fixtures/plans/``, a made-up dev-only
target of ``dev_targets.toml``, a made-up test-only target of
``test_targets.toml``, or a made-up held-out target of
``fresh_targets.toml``, ``fresh2_targets.toml``, ``fresh3_targets.toml`` or
``fresh4_targets.toml``),
and every split is the one the stated rule gives (so no label moves between
parts after tuning).

    python -m benchmarks.extraction.labels        # counts, then any problem

This module is the one home of the loaders: the scorer, the speed benchmark
and tests/domain/test_reading_outcomes.py read the targets and the demo
outcomes through ``open_targets()``, ``demo_targets()`` and
``demo_outcomes()``.
"""

from __future__ import annotations

import hashlib
import sys
import tomllib
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path

from tracker.domain.reading import OpenTarget

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
DOCUMENTS = ROOT / "fixtures" / "documents"
# The fresh3 and fresh4 parts' texts: SYNTHETIC (sessions hfresh3, hfresh4),
# made up for measurement only; never demo data. synthetic/documents.toml
# lists them, each with its part.
SYNTHETIC = HERE / "synthetic"
PLANS = ROOT / "fixtures" / "plans"

__all__ = [
    "DEV_PLAN_PREFIX",
    "FRESH2_PLAN_PREFIX",
    "FRESH3_PLAN_PREFIX",
    "FRESH4_PLAN_PREFIX",
    "FRESH_PLAN_PREFIX",
    "TEST_PLAN_PREFIX",
    "Distractor",
    "LabelSet",
    "OutcomeLabel",
    "TargetLabel",
    "check",
    "demo_outcomes",
    "demo_targets",
    "dev_targets",
    "document_text",
    "made_up_targets",
    "heldout_targets",
    "load",
    "open_targets",
    "split_for",
    "synthetic_documents",
]

# Targets made up for labelling (dev_targets.toml) have plans named so; all
# their labels are dev.
DEV_PLAN_PREFIX = "dev-"
# Targets made up for the test part only (test_targets.toml, session h13t):
# plans named so; all their labels are test.
TEST_PLAN_PREFIX = "test-"
# Targets made up for a fresh held-out part (fresh_targets.toml, session
# hfresh), labelled by someone who never looked at the reader: plans named
# so; all their labels are fresh.
FRESH_PLAN_PREFIX = "fresh-"
# A second held-out part (fresh2_targets.toml, session hfresh2), made once
# the fresh part had been seen: plans named so; all their labels are fresh2.
# "fresh2-" does not start with "fresh-", but split_for tests it first all
# the same, so a later prefix can never be swallowed by a shorter one.
FRESH2_PLAN_PREFIX = "fresh2-"
# A third held-out part (fresh3_targets.toml, session hfresh3) on SYNTHETIC
# texts (synthetic/), made once the real seeds were used up: plans named so;
# all their labels are fresh3. Tested first, as fresh2's.
FRESH3_PLAN_PREFIX = "fresh3-"
# A fourth held-out part (fresh4_targets.toml, session hfresh4) on new
# SYNTHETIC texts by a second writer, made once fresh3 had been seen: plans
# named so; all their labels are fresh4. Tested before every shorter prefix.
FRESH4_PLAN_PREFIX = "fresh4-"


@dataclass(frozen=True)
class OutcomeLabel:
    id: str
    split: str
    document: str
    target: str  # "<plan slug>:<target code>"
    quote: str
    start: int
    end: int
    value: Decimal
    qualifier: str
    unit: str
    period_start: date
    period_end: date
    proxy: bool
    note: str = ""


@dataclass(frozen=True)
class TargetLabel:
    id: str
    split: str
    document: str
    plan: str
    code: str
    group: str
    statement: str
    start: int
    end: int
    indicator: str
    comparator: str
    value: Decimal
    value_high: Decimal | None
    unit: str
    period_start: date
    period_end: date
    direction: str
    commitment: str
    measure: str
    units: tuple[str, ...]


@dataclass(frozen=True)
class Distractor:
    id: str
    document: str
    target: str
    quote: str
    start: int
    end: int
    why: str


@dataclass(frozen=True)
class LabelSet:
    outcomes: tuple[OutcomeLabel, ...]
    targets: tuple[TargetLabel, ...]
    distractors: tuple[Distractor, ...]

    def part(self, split: str) -> LabelSet:
        """Only the labels of one split (``dev``, ``test``, ``fresh``,
        ``fresh2``, ``fresh3`` or ``fresh4``)."""
        return LabelSet(
            tuple(label for label in self.outcomes if label.split == split),
            tuple(label for label in self.targets if label.split == split),
            self.distractors,
        )


def split_for(key: str) -> str:
    """The split rule stated in both files' headers; a made-up target of
    dev_targets.toml is always dev, one of test_targets.toml always test,
    one of fresh_targets.toml always fresh, one of fresh2_targets.toml
    always fresh2, one of fresh3_targets.toml always fresh3, one of
    fresh4_targets.toml always fresh4."""
    if key.startswith(FRESH4_PLAN_PREFIX):
        return "fresh4"
    if key.startswith(FRESH3_PLAN_PREFIX):
        return "fresh3"
    if key.startswith(FRESH2_PLAN_PREFIX):
        return "fresh2"
    if key.startswith(DEV_PLAN_PREFIX):
        return "dev"
    if key.startswith(TEST_PLAN_PREFIX):
        return "test"
    if key.startswith(FRESH_PLAN_PREFIX):
        return "fresh"
    return "test" if hashlib.sha256(key.encode()).digest()[0] % 3 == 0 else "dev"


def _open_target(plan: str, jurisdiction: str, row: dict) -> OpenTarget:
    return OpenTarget(
        plan=plan,
        code=row["code"],
        indicator=row["indicator"],
        aliases=tuple(row.get("aliases", ())),
        unit=row["unit"],
        measure=row["measure"],
        period_start=date.fromisoformat(row["period_start"]),
        period_end=date.fromisoformat(row["period_end"]),
        jurisdiction=jurisdiction,
    )


def demo_targets() -> list[OpenTarget]:
    """The targets of the demo plan files, as the outcome reader sees them."""
    targets = []
    for path in sorted(PLANS.glob("*.toml")):
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        plan = data["plan"]
        for row in data.get("targets", []):
            targets.append(_open_target(plan["slug"], plan.get("jurisdiction", ""), row))
    return targets


def _made_up_targets(path: Path) -> list[OpenTarget]:
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    return [_open_target(row["plan"], row["jurisdiction"], row) for row in data["target"]]


# The made-up targets of each part, in the order they were labelled:
# dev_targets.toml (h13q), test_targets.toml (h13t), then the held-out parts
# fresh (hfresh), fresh2 (hfresh2), fresh3 and fresh4 (hfresh3, hfresh4: on
# the synthetic texts).
MADE_UP = {
    "dev": "dev_targets.toml",
    "test": "test_targets.toml",
    "fresh": "fresh_targets.toml",
    "fresh2": "fresh2_targets.toml",
    "fresh3": "fresh3_targets.toml",
    "fresh4": "fresh4_targets.toml",
}


def made_up_targets(part: str, folder: Path = HERE) -> list[OpenTarget]:
    """The made-up targets of one part (``MADE_UP``)."""
    return _made_up_targets(folder / MADE_UP[part])


def dev_targets(folder: Path = HERE) -> list[OpenTarget]:
    return made_up_targets("dev", folder)


def heldout_targets(folder: Path = HERE) -> list[OpenTarget]:
    return made_up_targets("test", folder)


def open_targets() -> list[OpenTarget]:
    """Every target the outcome labels may name: demo, then each part's
    made-up ones in the order of ``MADE_UP``."""
    return demo_targets() + [t for part in MADE_UP for t in made_up_targets(part)]


def demo_outcomes() -> list[tuple[str, str, dict]]:
    """The demo plan files' outcomes as (document slug, target key, row)."""
    outcomes = []
    for path in sorted(PLANS.glob("*.toml")):
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        slug = data["plan"]["slug"]
        for row in data.get("outcomes", []):
            code = row["target"]
            outcomes.append((row["document"], code if ":" in code else f"{slug}:{code}", row))
    return outcomes


def document_text(slug: str) -> str:
    """A seed text of fixtures/documents, else a synthetic text of the
    fresh3 or fresh4 part (the seeds come first, so no seed can be shadowed)."""
    seed = DOCUMENTS / f"{slug}.txt"
    path = seed if seed.exists() else SYNTHETIC / f"{slug}.txt"
    return path.read_text(encoding="utf-8")


def synthetic_documents(
    part: str | None = None, folder: Path = SYNTHETIC
) -> dict[str, tuple[date | None, bool]]:
    """The synthetic texts (of one part, ``fresh3`` or ``fresh4``; all when
    None) as the scorer reads documents: slug -> (published_on or None when
    undated, is a plan: never). A row without a part is fresh3's. Only the
    part's own run reads its texts, so no earlier part's figures move."""
    rows = tomllib.loads((folder / "documents.toml").read_text(encoding="utf-8"))["document"]
    return {
        row["slug"]: (row.get("published_on"), False)
        for row in rows
        if part is None or row.get("part", "fresh3") == part
    }


def _day(text: str) -> date:
    return date.fromisoformat(text)


def load(folder: Path = HERE) -> LabelSet:
    """Every label: outcomes.toml, fresh_outcomes.toml, fresh2_outcomes.toml,
    fresh3_outcomes.toml, fresh4_outcomes.toml, and targets.toml."""
    outcome_rows: list[dict] = []
    distractor_rows: list[dict] = []
    for name in (
        "outcomes.toml",
        "fresh_outcomes.toml",
        "fresh2_outcomes.toml",
        "fresh3_outcomes.toml",
        "fresh4_outcomes.toml",
    ):
        data = tomllib.loads((folder / name).read_text(encoding="utf-8"))
        outcome_rows += data["outcome"]
        distractor_rows += data.get("distractor", [])
    targets_file = tomllib.loads((folder / "targets.toml").read_text(encoding="utf-8"))
    outcomes = tuple(
        OutcomeLabel(
            **{
                **row,
                "value": Decimal(row["value"]),
                "period_start": _day(row["period_start"]),
                "period_end": _day(row["period_end"]),
            }
        )
        for row in outcome_rows
    )
    targets = tuple(
        TargetLabel(
            **{
                **row,
                "value": Decimal(row["value"]),
                "value_high": Decimal(row["value_high"]) if row.get("value_high") else None,
                "period_start": _day(row["period_start"]),
                "period_end": _day(row["period_end"]),
                "units": tuple(row["units"]),
            }
        )
        for row in targets_file["target"]
    )
    distractors = tuple(Distractor(**row) for row in distractor_rows)
    return LabelSet(outcomes, targets, distractors)


def check(labels: LabelSet) -> list[str]:
    """Every problem found, as lines a person can act on (empty: all good)."""
    problems: list[str] = []
    demo = {target.key: target for target in open_targets()}
    texts: dict[str, str] = {}

    def verbatim(label_id: str, document: str, quote: str, start: int, end: int) -> None:
        text = texts.setdefault(document, document_text(document))
        if text[start:end] != quote:
            found = text.find(quote)
            hint = f" (found at {found}-{found + len(quote)})" if found >= 0 else " (not in text)"
            problems.append(f"{label_id}: quote is not at {start}-{end} of {document}{hint}")

    ids = [label.id for label in (*labels.outcomes, *labels.targets, *labels.distractors)]
    for duplicate in sorted({i for i in ids if ids.count(i) > 1}):
        problems.append(f"{duplicate}: id used twice")
    for label in labels.outcomes:
        verbatim(label.id, label.document, label.quote, label.start, label.end)
        if label.target not in demo:
            problems.append(f"{label.id}: unknown target {label.target}")
        if label.split != split_for(label.target):
            problems.append(f"{label.id}: split {label.split} breaks the rule")
        if label.period_end < label.period_start:
            problems.append(f"{label.id}: period ends before it starts")
    for label in labels.targets:
        verbatim(label.id, label.document, label.statement, label.start, label.end)
        if label.split != split_for(f"{label.plan}:{label.group}"):
            problems.append(f"{label.id}: split {label.split} breaks the rule")
        if not label.code.startswith(label.group):
            problems.append(f"{label.id}: group {label.group} is not a prefix of {label.code}")
        if label.measure not in {"level", "flow", "rate"}:
            problems.append(f"{label.id}: measure {label.measure!r}")
    for label in labels.distractors:
        verbatim(label.id, label.document, label.quote, label.start, label.end)
        if label.target not in demo:
            problems.append(f"{label.id}: unknown target {label.target}")
    return problems


def main() -> int:
    labels = load()
    for split in ("dev", "test", "fresh", "fresh2", "fresh3", "fresh4"):
        part = labels.part(split)
        print(f"{split}: {len(part.outcomes)} outcome labels, {len(part.targets)} target labels")
    print(f"distractors: {len(labels.distractors)}")
    problems = check(labels)
    for problem in problems:
        print(problem)
    print("offsets and splits: OK" if not problems else f"{len(problems)} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
