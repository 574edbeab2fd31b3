"""A valid plan file of any size: the bulk-import tests and
``benchmarks/import_plan.py`` share it."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

UNITS = 30
PER_DOCUMENT = 200  # outcomes quoting one reply document


def _toml(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def write_plan_file(
    path: Path,
    *,
    targets: int,
    outcomes: int,
    slug: str = "bench-import",
    listed: int | None = None,
) -> None:
    """A valid plan file of ``targets`` targets and ``outcomes`` outcomes;
    with ``listed``, only the first ``listed`` outcomes are in the file, the
    documents still quote all of them (``write_outcome_csv`` brings the rest)."""
    lines = [
        "[plan]",
        f"slug = {_toml(slug)}",
        'title = "导入基准测试方案"',
        'issuer = "某市人民政府"',
        'jurisdiction = "某市"',
        'issued_on = "2020-04-14"',
        'period_start = "2020-01-01"',
        'period_end = "2020-12-31"',
        "",
    ]
    for n in range(UNITS):
        lines += ["[[units]]", f'name = "{slug}单位{n:02d}"']
        if n == 0:
            lines.append(f'aliases = ["{slug}单位零"]')
        lines.append("")
    documents = (outcomes + PER_DOCUMENT - 1) // PER_DOCUMENT
    quotes: dict[int, list[str]] = {d: [] for d in range(documents)}
    for k in range(outcomes):
        quotes[k // PER_DOCUMENT].append(f"指标{k}增长{20 + k % 7}.5%")
    for d in range(documents):
        lines += [
            "[[documents]]",
            f'slug = "{slug}-reply-{d}"',
            f'title = "答复{d}"',
            'kind = "reply"',
            f'published_on = "{date(2021, 3, 1) + timedelta(days=d % 200)}"',
            f"text = {_toml('；'.join(quotes[d]) + '。')}",
            "",
        ]
    for n in range(targets):
        lead, support = n % UNITS, (n + 1) % UNITS
        lead_name = f"{slug}单位零" if lead == 0 else f"{slug}单位{lead:02d}"
        lines += [
            "[[targets]]",
            f'code = "T{n:05d}"',
            f'statement = "指标{n}增长20%以上"',
            f'indicator = "指标{n}"',
            'comparator = "at_least"',
            'value = "20"',
            'unit = "%"',
            'period_start = "2020-01-01"',
            'period_end = "2020-12-31"',
            'direction = "higher"',
            'commitment = "firm"',
            'measure = "rate"',
            f'units = ["{lead_name}", "{slug}单位{support:02d}"]',
            "",
        ]
    for k in range(outcomes if listed is None else listed):
        lines += [
            "[[outcomes]]",
            f'target = "T{k % targets:05d}"',
            f'value = "{20 + k % 7}.5"',
            'qualifier = "exact"',
            'unit = "%"',
            'period_start = "2020-01-01"',
            'period_end = "2020-12-31"',
            f'document = "{slug}-reply-{k // PER_DOCUMENT}"',
            f'quote = "指标{k}增长{20 + k % 7}.5%"',
            "",
        ]
    path.write_text("\n".join(lines), encoding="utf-8")


def write_outcome_csv(path: Path, *, targets: int, outcomes: int, slug: str) -> None:
    """An outcome CSV (docs/outcomes-template.csv) of ``outcomes`` rows for a
    plan imported from ``write_plan_file(..., slug=slug, listed=0)``: the
    same quotes, targets and documents as that file's outcomes would have."""
    import csv

    # The import's own header: Django must be set up first (the benchmark
    # imports this module before it is).
    from tracker.imports.outcomes_csv import COLUMNS

    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(COLUMNS)
        for k in range(outcomes):
            writer.writerow(
                [
                    slug,
                    f"T{k % targets:05d}",
                    f"{20 + k % 7}.5",
                    "",
                    "exact",
                    "%",
                    "2020-01-01",
                    "2020-12-31",
                    f"{slug}-reply-{k // PER_DOCUMENT}",
                    f"指标{k}增长{20 + k % 7}.5%",
                    "false",
                    "",
                    "",
                ]
            )
