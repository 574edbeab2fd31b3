"""The labelled set for reading documents (issue 13, deliverable 7).

Loads ``targets.toml`` (numeric commitments of seeds 001 and 002) and
``outcomes.toml`` (which sentences report which demo target, and
distractors), and checks them: every quote is verbatim at its offsets in its
seed text, every label names a demo target that exists with the unit the
label gives or one of its dimension, and every split is the one the stated
rule gives (so no label moves between dev and test after tuning).

    python -m benchmarks.extraction.labels        # counts, then any problem

The scorer (phase 2) loads the same files through ``load()``.
"""

from __future__ import annotations

import hashlib
import sys
import tomllib
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
DOCUMENTS = ROOT / "fixtures" / "documents"
PLANS = ROOT / "fixtures" / "plans"

__all__ = ["Distractor", "LabelSet", "OutcomeLabel", "TargetLabel", "check", "load", "split_for"]


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
        """Only the labels of one split (``dev`` or ``test``)."""
        return LabelSet(
            tuple(label for label in self.outcomes if label.split == split),
            tuple(label for label in self.targets if label.split == split),
            self.distractors,
        )


def split_for(key: str) -> str:
    """The split rule stated in both files' headers."""
    return "test" if hashlib.sha256(key.encode()).digest()[0] % 3 == 0 else "dev"


def document_text(slug: str) -> str:
    return (DOCUMENTS / f"{slug}.txt").read_text(encoding="utf-8")


def _day(text: str) -> date:
    return date.fromisoformat(text)


def load(folder: Path = HERE) -> LabelSet:
    outcomes_file = tomllib.loads((folder / "outcomes.toml").read_text(encoding="utf-8"))
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
        for row in outcomes_file["outcome"]
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
    distractors = tuple(Distractor(**row) for row in outcomes_file.get("distractor", []))
    return LabelSet(outcomes, targets, distractors)


def _demo_targets() -> dict[str, dict]:
    targets = {}
    for path in sorted(PLANS.glob("*.toml")):
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        for target in data.get("targets", []):
            targets[f"{data['plan']['slug']}:{target['code']}"] = target
    return targets


def check(labels: LabelSet) -> list[str]:
    """Every problem found, as lines a person can act on (empty: all good)."""
    problems: list[str] = []
    demo = _demo_targets()
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
            problems.append(f"{label.id}: unknown demo target {label.target}")
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
            problems.append(f"{label.id}: unknown demo target {label.target}")
    return problems


def main() -> int:
    labels = load()
    for split in ("dev", "test"):
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
