"""Speed of ``propose_outcomes`` (issue 13, deliverable 8): proposals for a
20,000-character document against 1,000 open targets; goal under 2 s.

    python -m benchmarks.extraction.speed [--chars 20000] [--targets 1000] [--repeat 3]

The document is the reply seeds (000, 003, 002, 004) run together and cut at
``--chars``; the targets are the demo plans' targets, then variants of
their indicator names (another scope word in front: 全市, 规上, 重点 ...) with
each unit and measure, up to ``--targets``. It prints the best of
``--repeat`` runs, and, as the floor measured in the same run, the time of
one pass of the figure reader over the same text (``find_figures``): what
any reading must pay once. Figures only, nothing asserted; timings vary
with the machine's load.
"""

from __future__ import annotations

import argparse
import itertools
import sys
import time
from dataclasses import replace

from benchmarks.extraction.labels import demo_targets, document_text
from tracker.domain.phrases import find_figures
from tracker.domain.reading import propose_outcomes
from tracker.domain.units import SEED_REGISTRY

SEEDS = (
    "zz-2024-reply-industrial-restructuring",
    "zz-2023-news-industrial-growth",
    "pds-2019-reply-three-transformations",
    "wugang-2025-reply-industrial-clusters",
)
SCOPES = ("全市", "规上", "重点", "新增", "省级", "市级", "累计", "年度", "全省", "区县")


def document(chars: int) -> str:
    text = "\n".join(document_text(slug) for slug in SEEDS)
    while len(text) < chars:
        text += "\n" + text
    return text[:chars]


def targets(count: int):
    base = demo_targets()
    out = list(base)
    for n, (scope, target) in enumerate(itertools.product(SCOPES * 10, base)):
        if len(out) >= count:
            break
        out.append(
            replace(
                target,
                code=f"{target.code}.v{n}",
                indicator=scope + target.indicator,
                aliases=tuple(scope + a for a in target.aliases),
            )
        )
    return out[:count]


def best_of(repeat: int, job) -> tuple[float, object]:
    best, result = float("inf"), None
    for _ in range(repeat):
        start = time.perf_counter()
        result = job()
        best = min(best, time.perf_counter() - start)
    return best, result


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--chars", type=int, default=20_000)
    parser.add_argument("--targets", type=int, default=1_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    text = document(args.chars)
    open_targets = targets(args.targets)
    names = SEED_REGISTRY.known_units()
    floor, _ = best_of(
        args.repeat, lambda: find_figures(text, reading="outcome", units=names, scale_words=True)
    )
    took, proposals = best_of(
        args.repeat, lambda: propose_outcomes(text, open_targets, units=SEED_REGISTRY)
    )
    print(f"document: {len(text)} characters; open targets: {len(open_targets)}")
    print(f"propose_outcomes: {took:.3f} s (best of {args.repeat}), {len(proposals)} proposals")
    print(f"floor (one find_figures pass): {floor:.3f} s; ratio {took / floor:.1f}x")
    print(f"goal < 2 s: {'met' if took < 2 else 'NOT met'}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
