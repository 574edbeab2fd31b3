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

``--reuse NAME`` measures instead on an existing database beside
``DATABASE_URL`` that a run kept (``--keep``) or that was loaded otherwise:
it migrates it to head, runs ``ANALYZE``, prints the row counts it finds and
measures at that size, without emptying or loading anything and without
dropping it after. Stored statuses are left as they are unless asked:
``--refresh due`` (what the daily command would do today) or ``--refresh
full`` (every status and rollup rebuilt) adds the refresh figures, which
write to the database. So the same 3M data set can be measured again on
newer code in minutes instead of reloading it::

    DATABASE_URL=postgresql://postgres@127.0.0.1:5432/tracker \\
        .venv/bin/python benchmarks/scale.py --reuse tracker_scale_12345 --requests 10
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
sys.path.insert(0, str(ROOT / "benchmarks"))

from scale_report import floor_copy, floor_group_by, report, report_pages, vacuum  # noqa: E402

SIZES = (10_000, 100_000, 1_000_000, 3_000_000)
TARGETS_PER_PLAN = 100
OUTCOMES_PER_TARGET = 10


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


def child_refresh(mode: str = "due") -> dict:
    """Every stored status and rollup built by the daily refresh (on fresh
    data every target is due: batches of ``assessments.BATCH``; ``full``
    rebuilds all of them whatever is due), the same refresh run again with
    nothing due (the daily scan's cost), then the freshness check a page runs
    (one primary-key read of the marker)."""
    from tracker.analytics import assessments

    started = time.perf_counter()
    first = assessments.refresh_due(full=mode == "full")
    rebuilt = time.perf_counter() - started
    started = time.perf_counter()
    again = assessments.refresh_due()
    rescanned = time.perf_counter() - started
    started = time.perf_counter()
    fresh = assessments.freshness()
    return {
        "seconds": rebuilt,
        "stored": first.reasons["all"] if first.full else len(first.target_ids),
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
    "refresh": lambda args: child_refresh(args.refresh or "due"),
    "pages": lambda args: child_pages(args.requests),
}


def run_child(name: str, database_url: str, requests: int, refresh: str | None = None) -> dict:
    command = [sys.executable, __file__, "--child", name, "--requests", str(requests)]
    if refresh:
        command += ["--refresh", refresh]
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


def measure(figures: dict, params: dict, database_url: str, args: argparse.Namespace) -> None:
    """The floors, then each figure in a fresh process, into ``figures``."""
    size = figures["counts"]["tracker_outcome"]
    figures["copy"] = min(floor_copy(params) for _ in range(2))
    figures["group_by"] = min(floor_group_by(params) for _ in range(2))
    # The refresh first: the export and the summary of today read the
    # statuses it stores (the daily state of a deployment).
    children = ["idle", "refresh", "export", "attainment", "pages"]
    if args.reuse and not args.refresh:
        children.remove("refresh")  # --reuse writes nothing unless asked
    for child in children:
        figures[child] = run_child(child, database_url, args.requests, args.refresh)
        # Raw figures as they come, so a run cut short still tells.
        print(f"  [{size:,}] {child}: {json.dumps(figures[child])}", flush=True)
    report(size, figures)
    print(f"  load average now {os.getloadavg()}")


def found_counts(params: dict) -> dict[str, int]:
    """Rows of each loaded table (``--reuse``: the size is what is there)."""
    import psycopg
    from psycopg import sql

    from tracker.synthetic.load import TABLES

    with psycopg.connect(**params) as conn:
        return {
            table: conn.execute(
                sql.SQL("SELECT count(*) FROM {}").format(sql.Identifier(table))
            ).fetchone()[0]
            for table in (*TABLES, "tracker_assessment")
        }


def reuse(name: str, url: str, base: dict, args: argparse.Namespace) -> None:
    """Measure on an existing, loaded database: migrate, analyse, measure."""
    import psycopg

    reused_url = url.rsplit("/", 1)[0] + "/" + name
    params = dict(base, dbname=name)
    _django(reused_url)
    from django.core.management import call_command
    from django.db import connections

    call_command("migrate", verbosity=0)
    connections.close_all()
    with psycopg.connect(**params, autocommit=True) as conn:
        conn.execute("ANALYZE")
    counts = found_counts(params)
    print(
        f"reused database {name} (migrated to head, analysed, nothing loaded); "
        f"{os.cpu_count()} CPUs; load average {os.getloadavg()}",
        flush=True,
    )
    print("  found: " + ", ".join(f"{k.removeprefix('tracker_')} {v:,}" for k, v in counts.items()))
    if not counts["tracker_outcome"]:
        raise SystemExit(f"{name} holds no outcomes: nothing to measure")
    measure({"counts": counts}, params, reused_url, args)


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
    parser.add_argument(
        "--reuse",
        metavar="DATABASE_NAME",
        help="measure on this existing, loaded database beside DATABASE_URL (kept by an "
        "earlier --keep run): migrate it, load nothing, keep it",
    )
    parser.add_argument(
        "--refresh",
        choices=("due", "full"),
        help="with --reuse: also measure refresh_statuses (due: what is due today; full: "
        "every status and rollup rebuilt); without it nothing is refreshed",
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
        report_pages(run_child("pages", url, args.requests, None))
        return
    if args.refresh and not args.reuse:
        raise SystemExit("--refresh goes with --reuse (a fresh load refreshes every status)")
    import psycopg
    from psycopg import sql

    base = _psycopg_params(url)
    if args.reuse:
        reuse(args.reuse, url, base, args)
        return
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
            measure(figures, params, scratch_url, args)
    finally:
        from django.db import connections

        connections.close_all()
        if not args.keep:
            with psycopg.connect(**base, autocommit=True) as admin:
                admin.execute(sql.SQL("DROP DATABASE IF EXISTS {}").format(sql.Identifier(scratch)))
        else:
            print(f"kept: {scratch} (measure it again with --reuse {scratch})")


if __name__ == "__main__":
    main()
