"""The floors ``benchmarks/scale.py`` measures (PostgreSQL's own work on
the same rows) and the tables it prints: each figure beside its floor and
the goal issue 11 sets for it."""

from __future__ import annotations

import sys
import time

GOALS = {
    "export": "<= 2x COPY, < 150 MB, first row < 1 s",
    "attainment": "<= 3x GROUP BY",
    "/units/": "p95 < 300 ms",
    "/units/?scope=all": "p95 < 300 ms",
    "/": "p95 < 200 ms",
    "plan page": "p95 < 100 ms",
    "target page": "p95 < 100 ms",
}


FLAT_ROWS = """
COPY (
  SELECT p.slug, p.title, t.code, t.indicator, t.statement, t.comparator, t.value,
         t.value_high, t.unit, t.period_start, t.period_end, t.direction, t.commitment,
         t.measure, u.name AS lead_unit, o.value AS evidence_value, o.qualifier, o.unit,
         o.period_start, o.period_end, d.title AS document, d.published_on, o.quote,
         d.url, o.reported_indicator
  FROM tracker_target t
  JOIN tracker_plan p ON p.id = t.plan_id
  LEFT JOIN tracker_assignment a ON a.target_id = t.id AND a.role = 'lead' AND a.position = 0
  LEFT JOIN tracker_unit u ON u.id = a.unit_id
  LEFT JOIN LATERAL (
    SELECT * FROM tracker_outcome x WHERE x.target_id = t.id AND x.state = 'approved'
    ORDER BY x.period_end DESC, x.id DESC LIMIT 1
  ) o ON true
  LEFT JOIN tracker_document d ON d.id = o.document_id
  ORDER BY p.slug, t.code
) TO STDOUT WITH (FORMAT csv, HEADER)
"""
GROUP_BY = """
SELECT t.plan_id, o.state, count(*), sum(o.value)
FROM tracker_outcome o JOIN tracker_target t ON t.id = o.target_id
GROUP BY t.plan_id, o.state
"""


def floor_copy(params: dict) -> float:
    import psycopg

    with psycopg.connect(**params) as conn, conn.cursor() as cursor:
        started = time.perf_counter()
        with cursor.copy(FLAT_ROWS) as copy:
            for _block in copy:
                pass
        return time.perf_counter() - started


def floor_group_by(params: dict) -> float:
    import psycopg

    with psycopg.connect(**params) as conn:
        started = time.perf_counter()
        conn.execute(GROUP_BY).fetchall()
        return time.perf_counter() - started


def vacuum(params: dict) -> None:
    import psycopg

    with psycopg.connect(**params, autocommit=True) as conn:
        conn.execute("VACUUM ANALYZE")


def ratio(value: float, floor: float) -> str:
    return f"{value / floor:.1f}x" if floor > 0 else "-"


def report(outcomes: int, figures: dict) -> None:
    f = figures
    print(f"\n=== {outcomes:,} outcomes ===")
    print(
        "  rows: "
        + ", ".join(f"{k.removeprefix('tracker_')} {v:,}" for k, v in f["counts"].items())
    )
    if "load" in f:
        print(f"  load (generate_synthetic, COPY): {f['load']:.1f} s")
    else:
        print("  load: none (--reuse: measured on the database as found)")
    print("  | what | measured | floor (same run) | ratio | goal |")
    print("  | --- | --- | --- | --- | --- |")
    e, idle = f["export"], f["idle"]["rss_mb"]
    print(
        f"  | export_attainment, everything | {e['seconds']:.2f} s ({e['rows']:,} rows) "
        f"| COPY of the flat rows {f['copy']:.2f} s | {ratio(e['seconds'], f['copy'])} "
        f"| {GOALS['export']} |"
    )
    print(
        f"  | export peak RSS | {e['rss_mb']:.0f} MB | idle process {idle:.0f} MB "
        f"| {ratio(e['rss_mb'], idle)} (+{e['rss_mb'] - idle:.0f} MB) | < 150 MB |"
    )
    print(f"  | export first row | {e['first_row'] * 1000:.0f} ms | - | - | < 1 s |")
    a = f["attainment"]
    print(
        f"  | attainment, everything | {a['seconds']:.2f} s, {a['rss_mb']:.0f} MB "
        f"| GROUP BY scan {f['group_by']:.2f} s | {ratio(a['seconds'], f['group_by'])} "
        f"| {GOALS['attainment']} |"
    )
    r = f.get("refresh")
    if r is None:
        print("  | refresh_statuses | not run (--reuse without --refresh) | - | - | - |")
    else:
        _report_refresh(r, f["group_by"])
    report_pages(f["pages"])
    sys.stdout.flush()


def _report_refresh(r: dict, group_by: float) -> None:
    print(
        f"  | refresh_statuses, first run | {r['seconds']:.2f} s, "
        f"{r['rss_mb']:.0f} MB "
        f"({r['stored']:,} targets due or rebuilt) "
        f"| GROUP BY scan {group_by:.2f} s | {ratio(r['seconds'], group_by)} | "
        "never inside a request |"
    )
    print(
        f"  | refresh_statuses again, nothing due ({r['rescanned']} re-assessed) "
        f"| {r['rescan']:.2f} s | - | - | daily, outside requests |"
    )
    marker_ms = r["freshness"] * 1000
    print(f"  | freshness marker (every report page) | {marker_ms:.1f} ms | - | - | O(1) |")


def report_pages(pages: dict) -> None:
    floor = pages["floor: sign-in page"]["p95"]
    for name in ("/", "/units/", "/units/?scope=all", "plan page", "target page"):
        p95 = pages[name]["p95"]
        print(
            f"  | {name} | p95 {p95 * 1000:.0f} ms (median {pages[name]['median'] * 1000:.0f}) "
            f"| sign-in page p95 {floor * 1000:.0f} ms | {ratio(p95, floor)} | {GOALS[name]} |"
        )
