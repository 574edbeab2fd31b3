"""Benchmark: ``import_plan`` of a generated plan file against a plain insert floor.

Run: ``DATABASE_URL=postgresql://postgres@127.0.0.1:5432/tracker_x
.venv/bin/python benchmarks/import_plan.py [--targets 20000] [--outcomes 5000]
[--before-targets 1000]``

Generates one plan file (``tests/generated_plans.py``): one plan, 30 units (one with
an alias), reply documents, N targets with a lead and a support unit each,
and K outcomes quoting those documents. In a scratch database (the same
helper as ``export_attainment.py``: a new PostgreSQL database beside
``DATABASE_URL``, dropped after; a temporary SQLite file otherwise) it times:

- ``import_plan --approved`` of the file (validation, batched writes, audit
  events, stored statuses): *after*;
- the same import written row by row through the services (the writer's
  ``bulk=False`` path, what every import did before batching) on a smaller
  file of ``--before-targets`` targets, scaled linearly to N: *before*;
- the floor: the same target, assignment, outcome and audit rows inserted
  with one ``executemany`` per table on the Django connection in one
  transaction, no validation.

Prints seconds and each as a ratio to the floor. Nothing is asserted.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from export_attainment import scratch_database  # noqa: E402

from tests.generated_plans import write_plan_file  # noqa: E402


def timed_import(path: Path, *, bulk: bool) -> float:
    from django.contrib.auth import get_user_model
    from django.db import connection

    from tracker.imports import apply, prepare_plan_import

    user = get_user_model().objects.get(username="bench-importer")
    started = time.perf_counter()
    change_set = prepare_plan_import([path])
    apply(change_set, actor=user, approved=True, via="import", bulk=bulk)
    elapsed = time.perf_counter() - started
    connection.close()
    return elapsed


def floor(targets: int, outcomes: int) -> float:
    """The same rows, no validation: one executemany per table, one transaction."""
    import json

    from django.db import connection, transaction

    started = time.perf_counter()
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO tracker_plan (slug, title, period_start, period_end) "
            "VALUES ('floor-plan', 'floor', '2020-01-01', '2020-12-31')"
        )
        cursor.execute("SELECT id FROM tracker_plan WHERE slug = 'floor-plan'")
        plan_id = cursor.fetchone()[0]
        cursor.execute("SELECT id FROM tracker_unit ORDER BY id")
        units = [row[0] for row in cursor.fetchall()]
        cursor.execute("SELECT id FROM tracker_document ORDER BY id LIMIT 1")
        document_id = cursor.fetchone()[0]
        cursor.executemany(
            "INSERT INTO tracker_target (plan_id, code, statement, indicator, comparator, value, "
            "unit, period_start, period_end, direction, commitment, measure) "
            "VALUES (%s, %s, %s, %s, 'at_least', 20, '%%', '2020-01-01', '2020-12-31', "
            "'higher', 'firm', 'rate')",
            [(plan_id, f"F{n:05d}", f"指标{n}增长20%以上", f"指标{n}") for n in range(targets)],
        )
        cursor.execute("SELECT id FROM tracker_target WHERE plan_id = %s ORDER BY id", [plan_id])
        target_ids = [row[0] for row in cursor.fetchall()]
        cursor.executemany(
            "INSERT INTO tracker_assignment (target_id, unit_id, role, position) "
            "VALUES (%s, %s, %s, %s)",
            [
                (t, units[(n + k) % len(units)], role, k)
                for n, t in enumerate(target_ids)
                for k, role in enumerate(("lead", "support"))
            ],
        )
        cursor.executemany(
            "INSERT INTO tracker_outcome (target_id, document_id, value, unit, qualifier, "
            "period_start, period_end, quote, state) "
            "VALUES (%s, %s, %s, '%%', 'exact', '2020-01-01', '2020-12-31', %s, 'approved')",
            [
                (target_ids[k % targets], document_id, 20.5, f"floor{k}增长20.5%")
                for k in range(outcomes)
            ],
        )
        events = targets * 3 + outcomes  # a create event per row written
        cursor.executemany(
            "INSERT INTO tracker_audit_event (action, entity, entity_id, changes, via) "
            "VALUES ('create', 'target', %s, %s, 'floor')",
            [(n, json.dumps({"code": [None, f"F{n:05d}"]})) for n in range(events)],
        )
        transaction.set_rollback(True)  # the floor leaves nothing behind
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--targets", type=int, default=20000)
    parser.add_argument("--outcomes", type=int, default=5000)
    parser.add_argument(
        "--before-targets",
        type=int,
        default=1000,
        help="size of the row-by-row run (0: skip it); scaled linearly to --targets",
    )
    args = parser.parse_args()

    with scratch_database() as where, tempfile.TemporaryDirectory() as folder:
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")
        import django

        django.setup()
        from django.contrib.auth import get_user_model
        from django.contrib.auth.models import Permission
        from django.core.management import call_command

        call_command("migrate", verbosity=0)
        user = get_user_model().objects.create(username="bench-importer")
        user.user_permissions.add(Permission.objects.get(codename="add_plan"))
        print(f"database: {where}")

        big = Path(folder) / "big.toml"
        write_plan_file(big, targets=args.targets, outcomes=args.outcomes)
        print(
            f"plan file: {args.targets} targets, {2 * args.targets} assignments, "
            f"{args.outcomes} outcomes, {big.stat().st_size / 1e6:.1f} MB"
        )
        after = timed_import(big, bulk=True)
        floor_seconds = floor(args.targets, args.outcomes)
        print(f"floor (executemany, no validation): {floor_seconds:8.2f} s   1.0×")
        print(f"import_plan, batched (after):       {after:8.2f} s  {after / floor_seconds:5.1f}×")
        if args.before_targets:
            small = Path(folder) / "small.toml"
            share = args.before_targets / args.targets
            write_plan_file(
                small,
                targets=args.before_targets,
                outcomes=max(1, round(args.outcomes * share)),
                slug="bench-before",
            )
            measured = timed_import(small, bulk=False)
            before = measured / share
            print(
                f"import_plan, row by row (before):  {before:8.2f} s  "
                f"{before / floor_seconds:5.1f}×  (measured {measured:.2f} s at "
                f"{args.before_targets} targets, scaled ×{1 / share:.0f}: an estimate)"
            )
            print(f"speed-up: {before / after:.1f}×")


if __name__ == "__main__":
    main()
