"""Benchmark: the supervisors' proposals page (``/documents/<slug>/proposals/``,
issue 13) with many open targets in many jurisdictions. Figures only,
nothing asserted; not part of the test run.

Run (PostgreSQL; a database of your own, empty and migrated, or loaded by
an earlier run)::

    createdb -h 127.0.0.1 -U postgres NAME_bench_db
    DATABASE_URL=postgresql://postgres@127.0.0.1:5432/NAME_bench_db \\
        .venv/bin/python benchmarks/proposals_page.py --load --plans 2000 --targets-per-plan 50

``--load`` migrates the database and fills it with ``generate_synthetic``
(one outcome per target: the page reads open targets, not outcomes; each
synthetic plan has its own jurisdiction, ``市00042``). Without it the data
already there is measured, so the same data set serves a run before and a
run after a change. Either way the run adds (once, kept) three documents
and a supervisor:

- ``bench-named``: a reply of about 2,500 characters that names one
  synthetic city (the middle plan's) and reports its figures (the
  synthetic bulletin sentences of that plan);
- ``bench-unnamed``: the same figures with no place named;
- ``bench-three``: the named reply followed by two other cities' figures.

Then, per page (``?plan=`` of the middle plan too), the median of
``--runs`` GETs through Django's test ``Client`` (outside the test
environment, whose template instrumentation would slow the rendering),
cold (the cache emptied before each, so the reader runs) and warm (the
reading cached), with the number of queries and of proposals shown (each
with its own accept button, the alternatives included). Last, the one step the scoped
page adds, finding the jurisdictions a text names, done both ways at this
size: one query for the distinct jurisdictions matched in Python
(``place_stem``), against the match done in SQL (``strpos``).

The machine may be shared: say so when quoting the figures
(docs/extraction.md "measured at national size").
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def _django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")
    os.environ["DEBUG"] = "0"  # DEBUG keeps every query in memory
    os.environ["ALLOWED_HOSTS"] = "testserver,localhost"
    import django

    django.setup()


def load(plans: int, targets_per_plan: int) -> None:
    from django.core.management import call_command

    from tracker.models import Plan

    call_command("migrate", verbosity=0)
    if Plan.objects.exists():
        print("  already loaded: --load skipped")
        return
    started = time.perf_counter()
    call_command(
        "generate_synthetic",
        plans=plans,
        targets_per_plan=targets_per_plan,
        outcomes_per_target=1,
        units=200,
        seed=13,
    )
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    print(f"  loaded in {time.perf_counter() - started:.1f} s", flush=True)


def _bulletins(plan) -> str:
    """The synthetic bulletin sentences that report on ``plan``'s targets."""
    from tracker.models import Document

    texts = Document.objects.filter(slug__startswith=f"bulletin-{plan.pk}-").values_list(
        "text", flat=True
    )
    return "".join(texts)


def documents() -> dict[str, str]:
    """The measured documents (made once) and the middle plan's slug."""
    from datetime import date

    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    from tracker import services
    from tracker.models import Document, Plan

    ordered = Plan.objects.order_by("id")
    count = ordered.count()
    middle, second, third = (ordered[count // 2], ordered[count // 3], ordered[count // 4])
    city = middle.jurisdiction
    figures = _bulletins(middle)
    texts = {
        "bench-named": f"关于{city}工业运行情况的答复\n{city}统计局：\n{figures}",
        "bench-unnamed": f"关于工业运行情况的答复\n{figures}",
        "bench-three": (
            f"关于{city}工业运行情况的答复\n{figures}"
            f"{second.jurisdiction}：\n{_bulletins(second)}"
            f"{third.jurisdiction}：\n{_bulletins(third)}"
        ),
    }
    for slug, text in texts.items():
        if not Document.objects.filter(slug=slug).exists():
            services.entity_save(
                instance=Document(
                    slug=slug,
                    title=slug,
                    kind="reply",
                    published_on=date.today(),
                    text=text,
                ),
                actor=None,
                via="benchmark",
            )
    user, _ = get_user_model().objects.get_or_create(username="bench-supervisor")
    user.groups.add(Group.objects.get(name="supervisor"))
    return {"plan": middle.slug, "city": city, "chars": str(len(texts["bench-named"]))}


def _get(client, url: str, *, cold: bool) -> tuple[float, int, int]:
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    if cold:
        cache.clear()
    with CaptureQueriesContext(connection) as captured:
        started = time.perf_counter()
        response = client.get(url)
        elapsed = time.perf_counter() - started
    if response.status_code != 200:
        raise SystemExit(f"{url}: HTTP {response.status_code}")
    # Counted in the page: the test environment, which would record the
    # context, slows every template render several times over.
    return elapsed, len(captured), response.content.decode().count('value="accept"')


def pages(runs: int, plan: str) -> None:
    from django.contrib.auth import get_user_model
    from django.test import Client

    client = Client()
    client.force_login(get_user_model().objects.get(username="bench-supervisor"))
    urls = {
        "named": "/documents/bench-named/proposals/",
        "unnamed": "/documents/bench-unnamed/proposals/",
        "three places": "/documents/bench-three/proposals/",
        "?plan=": f"/documents/bench-named/proposals/?plan={plan}",
    }
    print(f"  {'page':<14} {'cold s':>8} {'warm s':>8} {'queries':>8} {'proposals':>9}")
    _get(client, urls["?plan="], cold=True)  # warm-up: imports, templates
    for name, url in urls.items():
        cold = [_get(client, url, cold=True) for _ in range(runs)]
        warm = [_get(client, url, cold=False) for _ in range(runs)]
        print(
            f"  {name:<14} {statistics.median(c[0] for c in cold):8.3f}"
            f" {statistics.median(w[0] for w in warm):8.3f} {warm[-1][1]:8d} {warm[-1][2]:9d}",
            flush=True,
        )


def lookup(runs: int) -> None:
    """Finding the jurisdictions a text names, both ways (median of ``runs``)."""
    from django.db import connection

    from tracker.domain.reading.places import place_stem
    from tracker.models import Document

    text = Document.objects.get(slug="bench-three").text

    def in_python() -> list[str]:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT DISTINCT jurisdiction FROM tracker_plan WHERE jurisdiction <> ''"
            )
            names = [row[0] for row in cursor.fetchall()]
        return sorted(n for n in names if (stem := place_stem(n)) and stem in text)

    def in_sql() -> list[str]:
        # The stem rule restated in SQL (what a SQL match would have to do).
        stem = (
            "CASE WHEN jurisdiction LIKE '%%自治区' THEN left(jurisdiction, -3)"
            " WHEN right(jurisdiction, 1) IN ('市', '县', '区', '省')"
            " THEN left(jurisdiction, -1) ELSE jurisdiction END"
        )
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT DISTINCT jurisdiction FROM tracker_plan WHERE jurisdiction <> ''"  # noqa: S608
                f" AND {stem} <> '' AND strpos(%s, {stem}) > 0",
                [text],
            )
            return sorted(row[0] for row in cursor.fetchall())

    with connection.cursor() as cursor:
        cursor.execute("SELECT count(DISTINCT jurisdiction), count(*) FROM tracker_plan")
        jurisdictions, plans = cursor.fetchone()
    print(f"  jurisdictions: {jurisdictions:,} in {plans:,} plans; text {len(text):,} characters")
    for name, way in (("python", in_python), ("sql", in_sql)):
        timings, found = [], []
        for _ in range(runs):
            started = time.perf_counter()
            found = way()
            timings.append(time.perf_counter() - started)
        print(f"  lookup in {name:<6}: {statistics.median(timings) * 1000:8.1f} ms, found {found}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--load", action="store_true", help="migrate and load first")
    parser.add_argument("--plans", type=int, default=2000)
    parser.add_argument("--targets-per-plan", type=int, default=50)
    parser.add_argument("--runs", type=int, default=3, help="GETs per figure (median)")
    args = parser.parse_args()
    if not os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://")):
        raise SystemExit("DATABASE_URL must name a PostgreSQL database of your own")
    _django()
    if args.load:
        load(args.plans, args.targets_per_plan)
    from tracker.models import Plan, Target

    made = documents()
    print(
        f"{Plan.objects.count():,} plans, "
        f"{Target.objects.filter(locked_at__isnull=True).count():,} open targets; "
        f"the named reply: {made['city']}, {made['chars']} characters; "
        f"{os.cpu_count()} CPUs, load average {os.getloadavg()}",
        flush=True,
    )
    pages(args.runs, made["plan"])
    lookup(max(args.runs, 5))
    print(f"  load average now {os.getloadavg()}")


if __name__ == "__main__":
    main()
