"""Benchmark: issue 11's table at 10k, 100k, 1M and 3M outcomes, each figure
beside its floor measured in the same run on the same database.

Run (PostgreSQL only; not part of the test run)::

    DATABASE_URL=postgresql://postgres@127.0.0.1:5432/tracker \\
        .venv/bin/python benchmarks/scale.py [--stop-after 1000000] [--requests 20]

It creates a scratch database beside ``DATABASE_URL`` (``<name>_scale_<pid>``),
migrates it, and for each size empties the tracker's tables, loads the
synthetic data set (``manage.py generate_synthetic``: 100 targets per plan,
10 outcomes per target, 2 assignments per target on average, units in
proportion to 2,000 at 3M), runs ``VACUUM ANALYZE`` and measures:

- ``export_attainment`` of everything (``attainment_rows`` through
  ``csv_chunks``, in a fresh process): total time against ``COPY`` of the
  same flat rows (one per target: plan, target, lead unit, latest approved
  figure and its quote) to the client; time to the first data row; peak RSS
  against the RSS of a process that only set Django up and ran one query;
- the ``attainment`` summary of everything against a ``GROUP BY`` scan of
  the outcomes by plan and state;
- the daily ``refresh_statuses`` building every stored status and rollup,
  against the ``GROUP BY`` scan; the same run again with nothing due; the
  freshness marker a page reads (``assessments.freshness``);
- p95 over ``--requests`` GETs (after one warm-up) of ``/``, ``/units/``,
  ``/units/?scope=all``, a plan page and a target page through Django's
  test ``Client`` as a manager, against the p95 of the sign-in page through
  the same stack (the floor of any page).

``--pages-only`` measures only the pages, on the database ``DATABASE_URL``
names as it is (loaded and refreshed before, e.g. by an earlier ``--keep``
run): no scratch database, nothing written but the manager's account::

    DATABASE_URL=postgresql://postgres@127.0.0.1:5432/tracker_bench_scale_1234 \\
        .venv/bin/python benchmarks/scale.py --pages-only --requests 20

Figures only, nothing asserted; the machine may be shared (say so when
quoting them). The scratch database is dropped at the end (``--keep`` keeps it).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SIZES = (10_000, 100_000, 1_000_000, 3_000_000)
TARGETS_PER_PLAN = 100
OUTCOMES_PER_TARGET = 10
GOALS = {
    "export": "<= 2x COPY, < 150 MB, first row < 1 s",
    "attainment": "<= 3x GROUP BY",
    "/units/": "p95 < 300 ms",
    "/units/?scope=all": "p95 < 300 ms",
    "/": "p95 < 200 ms",
    "plan page": "p95 < 100 ms",
    "target page": "p95 < 100 ms",
}


def _django(database_url: str) -> None:
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")
    os.environ["DEBUG"] = "0"  # DEBUG keeps every query in memory
    os.environ["ALLOWED_HOSTS"] = "testserver,localhost"
    import django

    django.setup()


def _rss_mb() -> float:
    """Peak resident memory of this process: ``VmHWM``, which starts afresh
    at ``exec`` (``ru_maxrss`` would carry over the parent's peak)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


# -- children: each figure measured in a fresh process -----------------------------


def child_idle() -> dict:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return {"rss_mb": _rss_mb()}


def child_export() -> dict:
    from tracker.analytics.evidence import today
    from tracker.exports.attainment import COLUMNS, attainment_rows
    from tracker.exports.csvstream import csv_chunks

    started = time.perf_counter()
    rows = attainment_rows(as_of=today())
    first = next(rows, None)
    first_row = time.perf_counter() - started
    count = 0 if first is None else 1

    def counted():
        nonlocal count
        if first is not None:
            yield first
        for row in rows:
            count += 1
            yield row

    size = 0
    for chunk in csv_chunks(COLUMNS, counted()):
        size += len(chunk)
    return {
        "seconds": time.perf_counter() - started,
        "first_row": first_row,
        "rows": count,
        "chars": size,
        "rss_mb": _rss_mb(),
    }


def child_attainment() -> dict:
    from tracker.analytics.evidence import today
    from tracker.management.commands.attainment import build_summary, render

    started = time.perf_counter()
    lines = render(build_summary(as_of=today()))
    return {"seconds": time.perf_counter() - started, "lines": len(lines), "rss_mb": _rss_mb()}


def child_refresh() -> dict:
    """Every stored status and rollup built by the daily refresh (on fresh
    data every target is due: batches of ``assessments.BATCH``), the same
    refresh run again with nothing due (the daily scan's cost), then the
    freshness check a page runs (one primary-key read of the marker)."""
    from tracker.analytics import assessments

    started = time.perf_counter()
    first = assessments.refresh_due()
    rebuilt = time.perf_counter() - started
    started = time.perf_counter()
    again = assessments.refresh_due()
    rescanned = time.perf_counter() - started
    started = time.perf_counter()
    fresh = assessments.freshness()
    return {
        "seconds": rebuilt,
        "stored": len(first.target_ids),
        "rescan": rescanned,
        "rescanned": len(again.target_ids),
        "freshness": time.perf_counter() - started,
        "fresh": not fresh.stale,
        "rss_mb": _rss_mb(),
    }


def _p95(samples: list[float]) -> float:
    ordered = sorted(samples)
    return ordered[max(0, round(0.95 * len(ordered)) - 1)]


def child_pages(requests: int) -> dict:
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from django.test import Client

    from tracker.models import Plan, Target

    user, _ = get_user_model().objects.get_or_create(username="scale-manager")
    user.groups.add(Group.objects.get(name="manager"))
    client = Client()
    client.force_login(user)
    middle_plan = Plan.objects.order_by("slug")[Plan.objects.count() // 2]
    middle_target = Target.objects.filter(plan=middle_plan).order_by("id").first()
    urls = {
        "floor: sign-in page": "/accounts/login/",
        "/": "/",
        "/units/": "/units/",
        "/units/?scope=all": "/units/?scope=all",
        "plan page": f"/plans/{middle_plan.slug}/",
        "target page": f"/targets/{middle_target.pk}/",
    }
    anonymous = Client()
    found = {}
    for name, url in urls.items():
        who = anonymous if name.startswith("floor") else client
        timings = []
        for attempt in range(requests + 1):
            started = time.perf_counter()
            response = who.get(url)
            elapsed = time.perf_counter() - started
            if response.status_code != 200:
                raise SystemExit(f"{url}: HTTP {response.status_code}")
            if attempt:  # the first is a warm-up
                timings.append(elapsed)
        found[name] = {"p95": _p95(timings), "median": statistics.median(timings)}
    return found


CHILDREN = {
    "idle": lambda args: child_idle(),
    "export": lambda args: child_export(),
    "attainment": lambda args: child_attainment(),
    "refresh": lambda args: child_refresh(),
    "pages": lambda args: child_pages(args.requests),
}


def run_child(name: str, database_url: str, requests: int) -> dict:
    command = [sys.executable, __file__, "--child", name, "--requests", str(requests)]
    env = dict(os.environ, DATABASE_URL=database_url)
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)  # noqa: S603
    if done.returncode != 0:
        raise SystemExit(f"child {name} failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


# -- the parent: load, floors, figures --------------------------------------------


def _psycopg_params(database_url: str) -> dict:
    import dj_database_url

    config = dj_database_url.parse(database_url)
    return {
        "host": config.get("HOST") or None,
        "port": config.get("PORT") or None,
        "user": config.get("USER") or None,
        "password": config.get("PASSWORD") or None,
        "dbname": config["NAME"],
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


def load_size(outcomes: int, scratch_url: str) -> tuple[dict, float]:
    """Empty the tracker's tables and load ``outcomes`` outcomes; seconds."""
    from django.db import connection

    from tracker.analytics.evidence import today
    from tracker.synthetic.load import TABLES, load
    from tracker.synthetic.rows import Sizes

    with connection.cursor() as cursor:
        cursor.execute(f"TRUNCATE tracker_assessment, {', '.join(TABLES)} CASCADE")
    targets = outcomes // OUTCOMES_PER_TARGET
    plans = max(2, targets // TARGETS_PER_PLAN)
    units = max(20, round(2000 * outcomes / 3_000_000))
    sizes = Sizes(
        plans=plans,
        targets_per_plan=TARGETS_PER_PLAN,
        outcomes_per_target=OUTCOMES_PER_TARGET,
        units=units,
        seed=11,
    )
    started = time.perf_counter()
    loaded = load(sizes, today=today())
    seconds = time.perf_counter() - started
    connection.close()
    return loaded.counts, seconds


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
    print(f"  load (generate_synthetic, COPY): {f['load']:.1f} s")
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
    r = f["refresh"]
    print(
        f"  | refresh_statuses, every status and rollup | {r['seconds']:.2f} s, "
        f"{r['rss_mb']:.0f} MB "
        f"| GROUP BY scan {f['group_by']:.2f} s | {ratio(r['seconds'], f['group_by'])} | "
        "never inside a request |"
    )
    print(
        f"  | refresh_statuses again, nothing due ({r['rescanned']} re-assessed) "
        f"| {r['rescan']:.2f} s | - | - | daily, outside requests |"
    )
    marker_ms = r["freshness"] * 1000
    print(f"  | freshness marker (every report page) | {marker_ms:.1f} ms | - | - | O(1) |")
    report_pages(f["pages"])


def report_pages(pages: dict) -> None:
    """Each page's p95 beside the sign-in page's, measured in the same run."""
    floor = pages["floor: sign-in page"]["p95"]
    print(f"  load average {os.getloadavg()}")
    for name in ("/", "/units/", "/units/?scope=all", "plan page", "target page"):
        p95 = pages[name]["p95"]
        print(
            f"  | {name} | p95 {p95 * 1000:.0f} ms (median {pages[name]['median'] * 1000:.0f}) "
            f"| sign-in page p95 {floor * 1000:.0f} ms | {ratio(p95, floor)} | {GOALS[name]} |"
        )
    sys.stdout.flush()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--child", choices=sorted(CHILDREN), help=argparse.SUPPRESS)
    parser.add_argument(
        "--stop-after", type=int, default=SIZES[-1], help="largest size to run (outcomes)"
    )
    parser.add_argument(
        "--start-at", type=int, default=SIZES[0], help="smallest size to run (outcomes)"
    )
    parser.add_argument("--requests", type=int, default=20, help="GETs per page (p95)")
    parser.add_argument("--keep", action="store_true", help="keep the scratch database")
    parser.add_argument(
        "--pages-only",
        action="store_true",
        help="only the pages, on the loaded database DATABASE_URL names",
    )
    args = parser.parse_args()
    url = os.environ.get("DATABASE_URL", "")

    if args.child:
        _django(url)
        print(json.dumps(CHILDREN[args.child](args)))
        return

    if not url.startswith(("postgres://", "postgresql://")):
        raise SystemExit("DATABASE_URL must name a PostgreSQL database")
    if args.pages_only:
        report_pages(run_child("pages", url, args.requests))
        return
    import psycopg
    from psycopg import sql

    base = _psycopg_params(url)
    scratch = f"{base['dbname']}_scale_{os.getpid()}"
    with psycopg.connect(**base, autocommit=True) as admin:
        admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(scratch)))
    scratch_url = url.rsplit("/", 1)[0] + "/" + scratch
    params = dict(base, dbname=scratch)
    try:
        _django(scratch_url)
        from django.core.management import call_command

        call_command("migrate", verbosity=0)
        nproc = os.cpu_count()
        print(
            f"scratch database {scratch}; {nproc} CPUs; load average {os.getloadavg()}",
            flush=True,
        )
        for outcomes in SIZES:
            if outcomes > args.stop_after:
                break
            if outcomes < args.start_at:
                continue
            figures: dict = {}
            figures["counts"], figures["load"] = load_size(outcomes, scratch_url)
            print(f"  [{outcomes:,}] loaded in {figures['load']:.1f} s", flush=True)
            vacuum(params)
            figures["copy"] = min(floor_copy(params) for _ in range(2))
            figures["group_by"] = min(floor_group_by(params) for _ in range(2))
            # The refresh first: the export and the summary of today read the
            # statuses it stores (the daily state of a deployment).
            for child in ("idle", "refresh", "export", "attainment", "pages"):
                figures[child] = run_child(child, scratch_url, args.requests)
                # Raw figures as they come, so a run cut short still tells.
                print(f"  [{outcomes:,}] {child}: {json.dumps(figures[child])}", flush=True)
            report(outcomes, figures)
            print(f"  load average now {os.getloadavg()}")
    finally:
        from django.db import connections

        connections.close_all()
        if not args.keep:
            with psycopg.connect(**base, autocommit=True) as admin:
                admin.execute(sql.SQL("DROP DATABASE IF EXISTS {}").format(sql.Identifier(scratch)))


if __name__ == "__main__":
    main()
