"""Load test: readers on the report pages while supervisors enter and submit
outcomes and reviewers approve them, under gunicorn on loopback, PostgreSQL.

Run: ``DATABASE_URL=postgresql://postgres@127.0.0.1:5432/tracker_<you> \\
.venv/bin/python benchmarks/load_trust.py [--seconds 60]``

What it does, and what it prints (figures only, nothing asserted; issue 10,
deliverable 10):

1. Creates a scratch PostgreSQL database beside ``DATABASE_URL`` (dropped at
   the end), migrates it, loads the demo plans (``fixtures/plans``) and makes
   the users: readers (managers, one auditor), supervisors, reviewers.
2. Starts gunicorn on 127.0.0.1 with the production settings (HTTP on
   loopback: no TLS redirect) and waits until it answers.
3. For ``--seconds``, in threads, each with its own keep-alive connection
   and session: readers open report pages (plans, a plan, the ranking, a
   unit, a target, a document, the audit trail); supervisors open the
   admin's add form, enter an outcome (a real quote of a real document) and
   submit it from the review queue; reviewers open the queue and approve an
   outcome with the version they saw (two reviewers racing for one outcome:
   one is refused, as it should be).
4. Stops gunicorn and counts: requests, 5xx responses, writes acknowledged
   (a redirect to the new outcome; a success message after submit/approve)
   against the rows and audit events in the database ("lost writes": an
   acknowledged write that is not there, or a row nobody was told about),
   and p50/p95/max latency per page kind.

Traffic goes to 127.0.0.1 only; every loop is bounded by the deadline, and
the server is stopped (terminate, then kill) whatever happens.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import secrets
import sys
import threading
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.loopback import HOST, Browser, gunicorn, scratch_postgresql  # noqa: E402

PASSWORD = secrets.token_urlsafe(12)
_APPROVE = re.compile(r'action="/review/(\d+)/approve/".*?name="version" value="(\d+)"', re.S)


def server_environment(database_url: str) -> dict[str, str]:
    return {
        **os.environ,
        "DATABASE_URL": database_url,
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(64),
        "ALLOWED_HOSTS": HOST,
        "SECURE_SSL_REDIRECT": "false",
        "SECURE_HSTS_SECONDS": "0",
        "LOG_LEVEL": "ERROR",
    }


def prepare(args: argparse.Namespace) -> dict:
    """Migrate, load the demo plans, make the users; return what the
    virtual users need (URLs, targets and quotes to enter)."""
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from django.core.management import call_command

    from tracker.models import Document, Plan, Target, Unit

    call_command("migrate", verbosity=0)
    User = get_user_model()

    def person(name: str, role: str, *, staff: bool = False):
        user = User.objects.create_user(name, password=PASSWORD, is_staff=staff)
        user.groups.add(Group.objects.get(name=role))
        return name

    loader = person("loader", "planner")
    plan_files = sorted(str(p) for p in (ROOT / "fixtures" / "plans").glob("*.toml"))
    call_command("import_plan", *plan_files, approved=True, user=loader, verbosity=0)
    document = max(Document.objects.all(), key=lambda d: len(d.text))
    lines = [line.strip() for line in document.text.splitlines() if len(line.strip()) > 30]
    return {
        "readers": [person(f"reader{i}", "manager") for i in range(args.readers - 1)]
        + [person("auditor0", "auditor")],
        "supervisors": [
            person(f"sup{i}", "supervisor", staff=True) for i in range(args.supervisors)
        ],
        "reviewers": [person(f"rev{i}", "supervisor", staff=True) for i in range(args.reviewers)],
        "plans": list(Plan.objects.values_list("slug", flat=True)),
        "units": list(Unit.objects.values_list("pk", flat=True)),
        "targets": list(Target.objects.values_list("pk", flat=True)),
        "documents": list(Document.objects.values_list("slug", flat=True)),
        "percent_targets": list(Target.objects.filter(unit="%").values_list("pk", flat=True)),
        "document_id": document.pk,
        "quote_lines": lines,
    }


def reader(browser, data, deadline, rng, think, audits: bool = False):
    pages = [
        ("plan-list", lambda: "/"),
        ("plan-report", lambda: f"/plans/{rng.choice(data['plans'])}/"),
        ("unit-ranking", lambda: "/units/"),
        ("unit-detail", lambda: f"/units/{rng.choice(data['units'])}/"),
        ("target-detail", lambda: f"/targets/{rng.choice(data['targets'])}/"),
        ("document", lambda: f"/documents/{rng.choice(data['documents'])}/"),
    ]
    while time.monotonic() < deadline:
        kind, path = rng.choice(pages)
        browser.request(kind, "GET", path())
        if audits:
            browser.request("audit-trail", "GET", "/audit/")
        time.sleep(rng.uniform(0, 2 * think))


def supervisor(browser, data, deadline, rng, think, acknowledged):
    while time.monotonic() < deadline:
        _s, page, _ = browser.request("admin-add-form", "GET", "/admin/tracker/outcome/add/")
        line = rng.choice(data["quote_lines"])
        start = rng.randrange(0, max(1, len(line) - 12))
        year = rng.randint(2016, 2030)
        month = rng.randint(1, 12)
        form = {
            "csrfmiddlewaretoken": browser.csrf(page),
            "target": rng.choice(data["percent_targets"]),
            "document": data["document_id"],
            "quote": line[start : start + rng.randint(6, 12)],
            "value": f"{rng.uniform(-10, 60):.1f}",
            "qualifier": "exact",
            "unit": "%",
            "period_start": f"{year}-{month:02d}-01",
            "period_end": f"{year}-{month:02d}-28",
            "reported_indicator": "",
            "notes": "load test",
            "version": "1",
            "_continue": "1",
        }
        status, _page, location = browser.request(
            "admin-add-post", "POST", "/admin/tracker/outcome/add/", form
        )
        found = re.search(r"/outcome/(\d+)/change/", location or "")
        if status == 302 and found:
            pk = int(found.group(1))
            acknowledged["create"].add(pk)
            _s, queue, _ = browser.request("review-queue", "GET", "/review/")
            submit = {
                "csrfmiddlewaretoken": browser.csrf(queue),
                "version": "1",
                "next": "/review/",
            }
            status, _page, _ = browser.request("submit", "POST", f"/review/{pk}/submit/", submit)
            _s, after, _ = browser.request("review-queue", "GET", "/review/")
            if status == 302 and "已提交审核。" in after:
                acknowledged["submit"].add(pk)
        time.sleep(rng.uniform(0, 2 * think))


def reviewer(browser, data, deadline, rng, think, acknowledged):
    while time.monotonic() < deadline:
        _s, queue, _ = browser.request("review-queue", "GET", "/review/")
        waiting = _APPROVE.findall(queue)
        if waiting:
            pk, version = rng.choice(waiting[:5])  # the oldest few: reviewers race
            form = {
                "csrfmiddlewaretoken": browser.csrf(queue),
                "version": version,
                "next": "/review/",
            }
            status, _page, _ = browser.request("approve", "POST", f"/review/{pk}/approve/", form)
            _s, after, _ = browser.request("review-queue", "GET", "/review/")
            if status == 302 and "已审核通过。" in after:
                acknowledged["approve"].add(int(pk))
        time.sleep(rng.uniform(0, 2 * think))


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))] if ordered else 0.0


def check_writes(data: dict, acknowledged: dict[str, set[int]]) -> list[tuple[str, int, int]]:
    """(write, acknowledged, found in the database) per kind of write."""
    from tracker.models import AuditEvent, Outcome

    mine = Outcome.objects.filter(entered_by__username__in=data["supervisors"])
    reviewed = AuditEvent.objects.filter(entity="outcome", actor__username__in=data["reviewers"])
    return [
        ("outcomes entered", len(acknowledged["create"]), mine.count()),
        (
            "  with a create event",
            len(acknowledged["create"]),
            AuditEvent.objects.filter(
                entity="outcome", action="create", entity_id__in=mine.values("pk")
            ).count(),
        ),
        ("outcomes submitted", len(acknowledged["submit"]), mine.exclude(state="draft").count()),
        ("outcomes approved", len(acknowledged["approve"]), mine.filter(state="approved").count()),
        (
            "  with an approve event",
            len(acknowledged["approve"]),
            reviewed.filter(action="approve").count(),
        ),
        (
            "  acknowledged and approved",
            len(acknowledged["approve"]),
            mine.filter(state="approved", pk__in=acknowledged["approve"]).count(),
        ),
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--readers", type=int, default=8)
    parser.add_argument("--supervisors", type=int, default=3)
    parser.add_argument("--reviewers", type=int, default=2)
    parser.add_argument("--workers", type=int, default=4, help="gunicorn sync workers")
    parser.add_argument("--think", type=float, default=0.25, help="mean pause between steps (s)")
    args = parser.parse_args()

    with scratch_postgresql() as database_url:
        env = server_environment(database_url)
        os.environ.update(
            {
                k: env[k]
                for k in ("DATABASE_URL", "DJANGO_SETTINGS_MODULE", "SECRET_KEY", "ALLOWED_HOSTS")
            }
        )
        data = prepare(args)
        from django.db import connections

        connections.close_all()
        results: list = []
        acknowledged: dict[str, set[int]] = defaultdict(set)
        with gunicorn(env, args.workers) as port:
            threads = []
            roles = [(name, reader) for name in data["readers"]]
            roles += [(name, supervisor) for name in data["supervisors"]]
            roles += [(name, reviewer) for name in data["reviewers"]]
            browsers = []
            for name, _role in roles:
                browser = Browser(port, results)
                browser.login(name, PASSWORD)
                browsers.append(browser)
            started = time.monotonic()
            deadline = started + args.seconds
            for index, ((name, role), browser) in enumerate(zip(roles, browsers, strict=True)):
                rng = random.Random(index)  # noqa: S311 (reproducible traffic, not secrets)
                extra = (name.startswith("auditor"),) if role is reader else (acknowledged,)
                threads.append(
                    threading.Thread(
                        target=role, args=(browser, data, deadline, rng, args.think, *extra)
                    )
                )
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
            elapsed = time.monotonic() - started

        measured = [r for r in results if r[0] != "login"]
        by_kind: dict[str, list[float]] = defaultdict(list)
        for kind, _status, seconds in measured:
            by_kind[kind].append(seconds)
        errors = [r for r in measured if r[1] >= 500 or r[1] == 0]
        print(
            f"Load test: {args.seconds} s, gunicorn {args.workers} workers on {HOST}, "
            f"PostgreSQL; {args.readers} readers, {args.supervisors} supervisors, "
            f"{args.reviewers} reviewers (mean think time {args.think} s)"
        )
        print(
            f"requests: {len(measured)} ({len(measured) / elapsed:.1f}/s); "
            f"5xx or failed: {len(errors)}"
        )
        print(f"{'page kind':<16}{'requests':>9}{'p50 ms':>9}{'p95 ms':>9}{'max ms':>9}")
        for kind in sorted(by_kind):
            times = by_kind[kind]
            print(
                f"{kind:<16}{len(times):>9}{percentile(times, 0.5) * 1000:>9.0f}"
                f"{percentile(times, 0.95) * 1000:>9.0f}{max(times) * 1000:>9.0f}"
            )
        print(f"{'writes':<30}{'acknowledged':>13}{'in database':>12}")
        lost = 0
        for name, told, found in check_writes(data, acknowledged):
            lost += abs(told - found)
            print(f"{name:<30}{told:>13}{found:>12}")
        print(f"lost writes (acknowledged but missing, or present but not acknowledged): {lost}")


if __name__ == "__main__":
    main()
