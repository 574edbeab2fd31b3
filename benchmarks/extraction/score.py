"""Precision and recall of the document readers against the labelled set
(issue 13, deliverable 7).

    python -m benchmarks.extraction.score                     # dev part only
    python -m benchmarks.extraction.score --misses            # and its misses
    python -m benchmarks.extraction.score --part fresh --misses-of fresh
    python -m benchmarks.extraction.score --part both         # dev and test
    python -m benchmarks.extraction.score --part fresh        # fresh only
    python -m benchmarks.extraction.score --part fresh13      # any part of labels.PARTS
    python -m benchmarks.extraction.score --part all          # every part

Only the asked parts are scored and printed (default dev), so working on
the readers does not show a held-out part by accident. Each part after
test was labelled by someone who never looked at the reader (fresh and
fresh2 on the seeds; from fresh3 on, each on SYNTHETIC texts of its own
writer, synthetic/, never demo data) and is read only when asked: score it
once as it arrives (that is its held-out figure), and open its misses
(``--misses-of PART``) only if it is to become one more development part.

Outcomes: for every (document, demo target) pair, the *top* proposal of
``propose_outcomes`` is right when a label of that pair has the same value,
unit, period start and period end (for a level target, the same end:
``same_period``) and its quote overlaps the label's.
Precision = right tops / pairs with a proposal; recall = right tops /
labelled pairs. A pair belongs to its target's split (labels.split_for), so
an unlabelled pair still counts against precision on its side. Each part is
scored against the targets it was labelled with, so its figures do not move
when a later part adds targets or texts: each part against the demo
targets and the made-up targets of the parts up to it (dev and test
together), on the seeds and the synthetic texts of those parts (``_runs``).

Plans: a proposed target of seeds 001/002 is right when its statement
overlaps a labelled commitment's and value, value_high and unit are equal;
precision = right / proposed, recall = labels matched / labels. Field
agreement (comparator, period, measure, direction, commitment, units) is
printed for the matched ones. A proposal matching no label is counted on
the split of its own ``<plan>:<group>`` key.

Misses are listed for the dev part, or with ``--misses-of PART`` another
part's (looking makes it seen).
"""

from __future__ import annotations

import sys
from collections import defaultdict
from dataclasses import replace
from datetime import date

from benchmarks.extraction.labels import (
    PARTS as MADE,
)
from benchmarks.extraction.labels import (
    demo_targets,
    document_text,
    load,
    made_up_targets,
    split_for,
    synthetic_documents,
)
from benchmarks.extraction.layout import wrap
from tracker.domain.reading import propose_outcomes, read_plan
from tracker.domain.units import SEED_REGISTRY

DOCUMENTS = {  # slug -> (published_on, is a plan)
    "zz-2024-reply-industrial-restructuring": (None, False),  # seed 000
    "zz-2020-manufacturing-plan": (date(2020, 4, 14), True),  # seed 001
    "pds-2019-reply-three-transformations": (None, False),  # seed 002
    "zz-2023-news-industrial-growth": (date(2023, 1, 16), False),  # seed 003
    "wugang-2025-reply-industrial-clusters": (None, False),  # seed 004
}
PLAN_OF = {
    "zz-2020-manufacturing-plan": "zz-2020-manufacturing",
    "pds-2019-reply-three-transformations": "pds-2019-three-transformations",
}


# --part: which parts are scored and printed (default dev only).
PARTS = {
    **{part: (part,) for part in MADE},
    "both": ("dev", "test"),
    "all": MADE,
}


def _ratio(a: int, b: int) -> str:
    return f"{a / b:.2f} ({a}/{b})" if b else "n/a (0/0)"


def _runs(parts: tuple[str, ...]) -> list[tuple[list, set[str], dict]]:
    """(open targets, parts counted, documents) per run of the reader: each
    part against the targets and texts of the parts made up to it (dev and
    test together), so a later part never moves an earlier one's figure."""
    runs = []
    for made, part in enumerate(MADE):
        counted = ({"dev", "test"} if part == "test" else {part}) & set(parts)
        if part == "dev" or not counted:
            continue
        upto = MADE[: made + 1]
        targets = demo_targets() + [t for name in upto for t in made_up_targets(name)]
        texts = {slug: row for name in upto for slug, row in synthetic_documents(name).items()}
        runs.append((targets, counted, {**DOCUMENTS, **texts}))
    return runs


def score_outcomes(
    labels,
    misses: bool,
    parts: tuple[str, ...] = ("dev", "test"),
    misses_of: str = "dev",
    width: int = 0,
) -> dict[str, tuple[int, int, int]]:
    """Right tops, tops and labelled pairs per part; with ``misses``, the
    misses of part ``misses_of`` are printed; with ``width``, every text is
    read laid out in lines of that width (``layout.wrap``)."""
    misses_of = misses_of if misses else ""
    by_pair = defaultdict(list)
    for label in labels.outcomes:
        by_pair[(label.document, label.target)].append(label)
    counts = {part: [0, 0, 0] for part in parts}  # right, proposed, labelled
    for found in by_pair.values():
        if found[0].split in counts:
            counts[found[0].split][2] += 1
    for targets, counted, documents in _runs(parts):
        shown = misses_of if misses_of in counted else ""
        _score_run(targets, counted, documents, by_pair, counts, shown, width)
    return {k: tuple(v) for k, v in counts.items()}


def same_period(label, top) -> bool:
    """Whether a proposal's period is the label's: the same start and end,
    or for a level target the same end (a level is read at the day its
    period ends, DESIGN section 5: ``2024年…达到1847家`` and ``截至2024年底…
    1847家`` say the same)."""
    if top.target.measure == "level":
        return label.period_end == top.period_end
    return (label.period_start, label.period_end) == (top.period_start, top.period_end)


def _score_run(targets, counted, documents, by_pair, counts, misses: str, width: int) -> None:
    for document, (on, _plan) in documents.items():
        text = document_text(document)
        read, back = wrap(text, width) if width else (text, None)
        tops = {}
        for proposal in propose_outcomes(read, targets, on=on, units=SEED_REGISTRY, is_plan=_plan):
            if back is not None:  # the proposal at its place in the text
                start, end = back(proposal.start), back(proposal.end - 1) + 1
                proposal = replace(proposal, start=start, end=end, quote=text[start:end])
            tops.setdefault(proposal.target.key, proposal)
        for key, top in tops.items():
            split = split_for(key)
            if split not in counted:
                continue
            counts[split][1] += 1
            wanted = by_pair.get((document, key), [])
            right = any(
                label.value == top.value
                and label.unit == top.unit
                and same_period(label, top)
                and top.start < label.end
                and label.start < top.end
                for label in wanted
            )
            counts[split][0] += right
            if misses == split and not right:
                print(
                    f"  wrong top {document} {key}: {top.value} {top.unit} "
                    f"{top.period_start}..{top.period_end} {top.quote!r} {top.why}"
                )
        if misses:
            for (doc, key), wanted in by_pair.items():
                if doc == document and key not in tops and wanted[0].split == misses:
                    print(
                        f"  no proposal {document} {key}: "
                        f"wanted {wanted[0].value} {wanted[0].quote!r}"
                    )


def score_targets(labels, misses: bool, width: int = 0):
    counts = {"dev": [0, 0, 0, 0], "test": [0, 0, 0, 0]}  # right, proposed, found, labelled
    fields = {"dev": defaultdict(int), "test": defaultdict(int)}
    for label in labels.targets:
        counts[label.split][3] += 1
    for document, plan in PLAN_OF.items():
        on, is_plan = DOCUMENTS[document]
        text = document_text(document)
        read, back = wrap(text, width) if width else (text, None)
        reading = read_plan(read, on=on, is_plan=is_plan, units=SEED_REGISTRY.known_units())
        wanted = [label for label in labels.targets if label.document == document]
        matched = set()
        for target in reading.targets:
            if back is not None:  # the target at its place in the text
                start, end = back(target.start), back(target.end - 1) + 1
                target = replace(target, start=start, end=end, statement=text[start:end])
            hit = next(
                (
                    label
                    for label in wanted
                    if target.start < label.end
                    and label.start < target.end
                    and label.value == target.value
                    and label.value_high == target.value_high
                    and label.unit == target.unit
                ),
                None,
            )
            group = target.code.rsplit(".", 1)[0]
            split = hit.split if hit else split_for(f"{plan}:{group}")
            counts[split][1] += 1
            if hit is None:
                if misses and split == "dev":
                    print(f"  not a labelled commitment: {target.code} {target.statement!r}")
                continue
            counts[split][0] += 1
            matched.add(hit.id)
            agree = fields[split]
            agree["comparator"] += hit.comparator == target.comparator
            agree["period"] += (hit.period_start, hit.period_end) == (
                target.period_start,
                target.period_end,
            )
            agree["measure"] += hit.measure == target.measure
            agree["direction"] += hit.direction == target.direction
            agree["commitment"] += hit.commitment == target.commitment
            agree["units"] += hit.units == target.units
            agree["code"] += hit.code == target.code
            agree["statement"] += hit.statement == target.statement
            if misses and split == "dev":
                for name in ("comparator", "measure", "direction", "commitment", "units"):
                    if getattr(hit, name) != getattr(target, name):
                        print(f"  {hit.id} {name}: {getattr(target, name)} != {getattr(hit, name)}")
        for label in wanted:
            if label.id in matched:
                counts[label.split][2] += 1
            elif misses and label.split == "dev":
                print(f"  missed commitment {label.id} {label.statement!r}")
    return counts, fields


def main(argv: list[str]) -> int:
    misses = "--misses" in argv
    # --misses: the dev part's; --misses-of PART: another part's (one that
    # has been scored and reported already: looking makes it seen).
    misses_of = argv[argv.index("--misses-of") + 1] if "--misses-of" in argv else "dev"
    misses = misses or "--misses-of" in argv
    part = argv[argv.index("--part") + 1] if "--part" in argv else "dev"
    width = int(argv[argv.index("--wrapped") + 1]) if "--wrapped" in argv else 0
    shown = PARTS.get(part)
    if shown is None:
        print(f"--part must be one of: {', '.join(PARTS)}", file=sys.stderr)
        return 2
    labels = load()
    print("outcomes (top proposal per document and target):")
    outcome_counts = score_outcomes(labels, misses, shown, misses_of, width)
    for split, (right, proposed, labelled) in outcome_counts.items():
        print(f"  {split:4}  precision {_ratio(right, proposed)}  recall {_ratio(right, labelled)}")
    print("plans (proposed targets of seeds 001 and 002):")
    target_counts, fields = score_targets(labels, misses and misses_of == "dev", width)
    for split, (right, proposed, found, labelled) in target_counts.items():
        if split not in shown:
            continue
        print(f"  {split:4}  precision {_ratio(right, proposed)}  recall {_ratio(found, labelled)}")
        agreement = ", ".join(f"{k} {v}/{right}" for k, v in sorted(fields[split].items()))
        print(f"        field agreement on matched: {agreement}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
