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
# The texts of the parts from fresh3 on: SYNTHETIC (sessions hfresh3,
# hfresh4, …), made up for measurement only; never demo data.
# synthetic/documents.toml lists them, each with its part.
SYNTHETIC = HERE / "synthetic"
PLANS = ROOT / "fixtures" / "plans"

__all__ = [
    "PARTS",
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
    "plan_prefix",
    "split_for",
    "synthetic_documents",
]

# Every part, in the order it was made. A part's made-up targets are in
# <part>_targets.toml, with plans named "<part>-…" (all their labels are that
# part, whatever their keys hash to); the labels of dev and test are in
# outcomes.toml, each later part's in <part>_outcomes.toml.
#   dev, test: the demo labels split by hash, and targets made up in sessions
#     h13q (dev) and h13t (test);
#   fresh, fresh2: held-out parts on the seeds (hfresh, hfresh2), each made
#     once the part before had been seen, by someone who never looked at the
#     reader;
#   fresh3, fresh4, …: held-out parts on SYNTHETIC texts (synthetic/, made up
#     for measurement only), each by another writer once the seeds were used
#     up; documents.toml says which texts are whose.
PARTS = (
    "dev",
    "test",
    "fresh",
    "fresh2",
    "fresh3",
    "fresh4",
    "fresh5",
    "fresh6",
    "fresh7",
    "fresh8",
    "fresh9",
    "fresh10",
    "fresh11",
    "fresh12",
    "fresh13",
    "fresh14",
    "fresh15",
    "fresh16",
    "fresh17",
    "fresh18",
    "fresh19",
    "fresh20",
    "fresh21",
    "fresh22",
    "fresh23",
    "fresh24",
    "fresh25",
    "fresh26",
    "fresh27",
    "fresh28",
    "fresh29",
    "fresh30",
    "fresh31",
    "fresh32",
    "fresh33",
    "fresh34",
    "fresh35",
    "fresh37",
    "fresh36",
    "fresh38",
    "fresh39",
    "fresh40",
    "fresh41",
    "fresh42",
    "fresh43",
    "fresh44",
    "fresh45",
    "fresh46",
)


def plan_prefix(part: str) -> str:
    """How the plans of a part's made-up targets are named."""
    return f"{part}-"


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
        """Only the labels of one split (a name of ``PARTS``)."""
        return LabelSet(
            tuple(label for label in self.outcomes if label.split == split),
            tuple(label for label in self.targets if label.split == split),
            self.distractors,
        )


def split_for(key: str) -> str:
    """The split rule stated in the label files' headers: a made-up target's
    labels belong to the part its plan is named after (``plan_prefix``), a
    demo target's to test when the first byte of sha256(key) is divisible by
    3, else to dev."""
    head = key.split("-", 1)[0] if "-" in key else ""
    if head in PARTS:
        return head
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


def made_up_targets(part: str, folder: Path = HERE) -> list[OpenTarget]:
    """The made-up targets of one part (<part>_targets.toml)."""
    return _made_up_targets(folder / f"{part}_targets.toml")


def dev_targets(folder: Path = HERE) -> list[OpenTarget]:
    return made_up_targets("dev", folder)


def heldout_targets(folder: Path = HERE) -> list[OpenTarget]:
    return made_up_targets("test", folder)


def open_targets() -> list[OpenTarget]:
    """Every target the outcome labels may name: demo, then each part's
    made-up ones in the order of ``PARTS``."""
    return demo_targets() + [t for part in PARTS for t in made_up_targets(part)]


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
    """A seed text of fixtures/documents, else a synthetic text (the seeds
    come first, so no seed can be shadowed)."""
    seed = DOCUMENTS / f"{slug}.txt"
    path = seed if seed.exists() else SYNTHETIC / f"{slug}.txt"
    return path.read_text(encoding="utf-8")


def synthetic_documents(
    part: str | None = None, folder: Path = SYNTHETIC
) -> dict[str, tuple[date | None, bool]]:
    """The synthetic texts (of one part; all when None) as the scorer reads
    documents: slug -> (published_on or None when undated, is a plan:
    never). A row without a part is fresh3's (the first synthetic part)."""
    rows = tomllib.loads((folder / "documents.toml").read_text(encoding="utf-8"))["document"]
    return {
        row["slug"]: (row.get("published_on"), False)
        for row in rows
        if part is None or row.get("part", "fresh3") == part
    }


def _day(text: str) -> date:
    return date.fromisoformat(text)


def load(folder: Path = HERE) -> LabelSet:
    """Every label: outcomes.toml (dev and test), each later part's
    <part>_outcomes.toml, and targets.toml (the plans' commitments)."""
    outcome_rows: list[dict] = []
    distractor_rows: list[dict] = []
    for name in ("outcomes.toml", *(f"{part}_outcomes.toml" for part in PARTS[2:])):
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
    for split in PARTS:
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
