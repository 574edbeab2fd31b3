"""Pinned query counts (``tests/query_pins.py``) of every page, export and
admin change list, at 1 row and at 20 rows.

One table: ``PINS`` holds the numbers (session and user look-ups
included), ``CASES`` says how each page is reached and grown. A pin that
fails names the number of queries and lists their SQL: if the new query is
wanted, change that one number in ``PINS`` in the same commit. A page added
to ``tracker/urls.py`` or the admin without a pin fails
``test_every_page_and_change_list_has_a_pin``.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from axes.models import AccessAttempt
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.http import HttpResponse
from django.urls import reverse

from tests import pages_support
from tests.query_pins import QueryPin, changelist_rows, csv_rows, table_rows
from tracker import services, urls
from tracker.models import AuditEvent, Document, Outcome, Plan, Target, Unit, UnitOfMeasure

pytestmark = pytest.mark.django_db

# The pinned numbers, one per page: the only thing a change to a page's
# queries edits. Pages other branches were changing when these were set
# (report pages, `/` and `/units/`, exports, admin outcome form, imports)
# are re-set at merge.
PINS = {
    # report pages and their exports
    "plan list": 7,
    "plan report": 11,
    "plan export": 14,
    "export": 13,  # streamed (issue 11): one ranked-evidence pass
    "unit ranking": 7,  # was 8: no drop-down of every plan (h11p)
    # The exports stream plan by plan (issue 11): per batch of plans the keyset
    # lookup, the targets, one ranked-evidence pass, the units; the registry
    # once. One batch here; a national export runs 4 more per ~4,000 targets.
    # Each export also reads the refresh marker once (+1, h11x): it decides
    # whether the rows come from the stored statuses (3 per batch, no
    # registry) or, as in these cases (no refresh has run), are recomputed.
    "unit ranking export": 12,
    "unit detail": 13,
    "unit export": 14,
    "target detail": 9,
    "document": 9,
    "review queue": 7,
    "audit trail": 7,
    "audit record": 7,
    "audit export": 5,
    # admin change lists
    "admin plan list": 5,
    "admin unit list": 4,
    "admin target list": 6,
    "admin outcome list": 6,
    "admin document list": 6,
    "admin unit of measure list": 5,
    "admin audit event list": 6,
    "admin login lock list": 4,
    "admin user list": 6,
    "admin group list": 5,
}

# Pages that answer a POST only (the review actions): nothing to pin on GET.
NOT_PAGES = {"outcome-approve", "outcome-return", "outcome-submit"}
# Pages pinned in their own module, each with where: their rows are grown
# from fixtures this table does not have.
UNPINNED = {
    # The reader's proposals, grown from a document text with one figure per
    # target: 9 queries at 1 and at 20 proposals.
    "document-proposals": "tests/test_pages_proposals.py::test_query_count_is_pinned",
    # The planner's draft targets and their plan file, grown from a plan text
    # with one commitment per row: 6 queries each at 1 and at 20.
    "document-targets": "tests/test_pages_proposals.py::test_draft_page_query_count_is_pinned",
    "document-targets-file": "tests/test_pages_proposals.py::test_draft_file_query_count_is_pinned",
}


@dataclass(frozen=True)
class Case:
    """How to reach one page: who looks (a role, or ``admin`` for a
    superuser) and what builds its pin from the test's ``make``."""

    viewer: str
    build: Callable[..., QueryPin]
    lists: type | None = None  # the model of an admin change list


CASES: dict[str, Case] = {}


def case(name: str, viewer: str, lists: type | None = None):
    def register(build: Callable[..., QueryPin]) -> Callable[..., QueryPin]:
        CASES[name] = Case(viewer, build, lists)
        return build

    return register


def _listed(key: str) -> Callable[[HttpResponse], int]:
    """Rows of a context list (``outcomes`` of a target or a document)."""
    return lambda response: len(response.context[key])


def _csv_events(response: HttpResponse) -> int:
    """Events in the audit trail's CSV, which has a line per changed field."""
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    return len({row["event_id"] for row in csv.DictReader(io.StringIO(text))})


def _minus(shown: Callable[[HttpResponse], int], base: int) -> Callable[[HttpResponse], int]:
    """Rows shown beyond the ``base`` rows that were there before (the
    superuser looking, the seed units)."""
    return lambda response: shown(response) - base


def _lead_targets(plan, **kwargs) -> Callable[[int], None]:
    """Each call adds targets with approved evidence, each led by a new unit
    (with a new supporting unit) unless ``units`` is given."""
    return lambda count: pages_support.add_targets(plan, count, **kwargs)


def _repeat(make_one: Callable[[], object]) -> Callable[[int], None]:
    def grow(count: int) -> None:
        for _ in range(count):
            make_one()

    return grow


# -- report pages and exports -------------------------------------------------------------


@case("plan list", "manager")
def _plan_list(make):
    return QueryPin(reverse("tracker:plan-list") + "?per_page=50", _repeat(make.plan), table_rows)


@case("plan report", "manager")
def _plan_report(make):
    plan = make.plan()
    url = reverse("tracker:plan-report", args=[plan.slug]) + "?per_page=50"
    return QueryPin(url, _lead_targets(plan), table_rows)


@case("plan export", "auditor")
def _plan_export(make):
    plan = make.plan()
    return QueryPin(reverse("tracker:plan-export", args=[plan.slug]), _lead_targets(plan), csv_rows)


@case("export", "auditor")
def _export(make):
    """Every target, filtered by commitment: the selection goes through the
    pages' own filters (one query for the ids), then the streamed rows."""
    plan = make.plan()
    url = reverse("tracker:export") + "?commitment=firm"
    return QueryPin(url, _lead_targets(plan), csv_rows)


@case("unit ranking", "manager")
def _unit_ranking(make):
    url = reverse("tracker:unit-ranking") + "?per_page=50"
    return QueryPin(url, _lead_targets(make.plan()), table_rows)


@case("unit ranking export", "auditor")
def _unit_ranking_export(make):
    return QueryPin(reverse("tracker:unit-ranking-export"), _lead_targets(make.plan()), csv_rows)


@case("unit detail", "manager")
def _unit_detail(make):
    unit = make.unit("市工信局")
    url = reverse("tracker:unit-detail", args=[unit.pk]) + "?per_page=50"
    return QueryPin(url, _lead_targets(make.plan(), units=(unit, make.unit())), table_rows)


@case("unit export", "auditor")
def _unit_export(make):
    unit = make.unit("市工信局")
    url = reverse("tracker:unit-export", args=[unit.pk])
    return QueryPin(url, _lead_targets(make.plan(), units=(unit, make.unit())), csv_rows)


@case("target detail", "manager")
def _target_detail(make):
    target = make.target(units=(make.unit(), make.unit()))
    url = reverse("tracker:target-detail", args=[target.pk])
    return QueryPin(url, _repeat(lambda: make.outcome(target)), _listed("outcomes"))


@case("document", "manager")
def _document(make):
    document = make.document(text="据统计,增长29%。")
    target = make.target()

    def one() -> None:
        make.outcome(make.target(target.plan), document_=document, quote="增长29%")

    document.plans.add(target.plan)
    url = reverse("tracker:document", args=[document.slug])
    return QueryPin(url, _repeat(one), _listed("outcomes"))


@case("review queue", "supervisor")
def _review_queue(make):
    author = pages_support.user_with_role("supervisor", "author")
    target = make.target()

    def one() -> None:
        outcome = make.outcome(target, actor=author, approved=False)
        services.outcome_submit(outcome=outcome, actor=author, via="test")

    url = reverse("tracker:review-queue") + "?q-per_page=50"
    return QueryPin(url, _repeat(one), lambda r: len(r.context["queue"].paginated_rows))


@case("audit trail", "auditor")
def _audit_trail(make):
    url = reverse("tracker:audit-trail") + "?entity=unit&per_page=50"
    return QueryPin(url, _repeat(make.unit), table_rows)


@case("audit export", "auditor")
def _audit_export(make):
    url = reverse("tracker:audit-export") + "?entity=unit"
    return QueryPin(url, _repeat(make.unit), _csv_events)


@case("audit record", "auditor")
def _audit_record(make):
    """One unit, created and then renamed: one event each time."""
    unit = make.unit()

    def rename(count: int) -> None:
        for _ in range(count):
            unit.refresh_from_db()
            unit.name += "·"
            services.entity_save(instance=unit, actor=None, via="test")

    url = reverse("tracker:audit-record", args=["unit", unit.pk]) + "?per_page=50"
    grown = {"first": True}

    def grow(count: int) -> None:
        # The creation is the first event.
        rename(count - 1 if grown.pop("first", False) else count)

    return QueryPin(url, grow, table_rows)


# -- admin change lists -------------------------------------------------------------------


def _changelist(model) -> str:
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")


@case("admin plan list", "admin", Plan)
def _admin_plans(make):
    """Each plan shows its parent plan: one join, not a query per row."""
    made = []

    def one() -> None:
        made.append(make.plan(parent=made[-1] if made else None))

    return QueryPin(_changelist(Plan), _repeat(one), changelist_rows)


@case("admin unit list", "admin", Unit)
def _admin_units(make):
    return QueryPin(_changelist(Unit), _repeat(make.unit), changelist_rows)


@case("admin target list", "admin", Target)
def _admin_targets(make):
    plan = make.plan()
    return QueryPin(
        _changelist(Target),
        _repeat(lambda: make.target(plan, units=(make.unit(), make.unit()))),
        changelist_rows,
    )


@case("admin outcome list", "admin", Outcome)
def _admin_outcomes(make):
    plan = make.plan()
    return QueryPin(
        _changelist(Outcome), _repeat(lambda: make.outcome(make.target(plan))), changelist_rows
    )


@case("admin document list", "admin", Document)
def _admin_documents(make):
    return QueryPin(_changelist(Document), _repeat(make.document), changelist_rows)


@case("admin unit of measure list", "admin", UnitOfMeasure)
def _admin_units_of_measure(make):
    counter = iter(range(1000))

    def one() -> None:
        services.unit_of_measure_save(
            instance=UnitOfMeasure(name=f"测单位{next(counter)}", dimension="count", factor=1),
            actor=None,
            via="test",
        )

    return QueryPin(_changelist(UnitOfMeasure) + "?builtin__exact=0", _repeat(one), changelist_rows)


@case("admin audit event list", "admin", AuditEvent)
def _admin_audit_events(make):
    url = _changelist(AuditEvent) + "?entity__exact=unit"
    return QueryPin(url, _repeat(make.unit), changelist_rows)


@case("admin login lock list", "admin", AccessAttempt)
def _admin_login_locks(make):
    counter = iter(range(1000))

    def one() -> None:
        n = next(counter)
        AccessAttempt.objects.create(
            username=f"someone{n}",
            ip_address=f"127.0.0.{n % 250 + 1}",
            user_agent="test",
            http_accept="*/*",
            path_info="/accounts/login/",
            get_data="",
            post_data="",
            failures_since_start=3,
        )

    return QueryPin(_changelist(AccessAttempt), _repeat(one), changelist_rows)


@case("admin user list", "admin", get_user_model())
def _admin_users(make):
    User = get_user_model()
    base = User.objects.count()
    return QueryPin(_changelist(User), _repeat(make.user), _minus(changelist_rows, base))


@case("admin group list", "admin", Group)
def _admin_groups(make):
    counter = iter(range(1000))
    base = Group.objects.count()  # the four roles
    return QueryPin(
        _changelist(Group),
        _repeat(lambda: Group.objects.create(name=f"group{next(counter)}")),
        _minus(changelist_rows, base),
    )


# -- the table ----------------------------------------------------------------------------


def _viewer(client, make, viewer: str):
    if viewer == "admin":
        client.force_login(make.user("root", is_staff=True, is_superuser=True))
    else:
        client.force_login(pages_support.user_with_role(viewer))
    return client


@pytest.mark.parametrize("name", sorted(CASES))
def test_query_count_is_pinned(client, make, name):
    page = CASES[name]
    viewer = _viewer(client, make, page.viewer)
    page.build(make).check(viewer, expected=PINS[name])


def test_every_case_has_a_pin_and_every_pin_a_case():
    assert sorted(CASES) == sorted(PINS)


def test_every_page_and_change_list_has_a_pin():
    """Every GET page of ``tracker/urls.py`` and every admin change list is
    pinned here, so a new page cannot arrive unmeasured."""
    names = {pattern.name for pattern in urls.urlpatterns} - NOT_PAGES - set(UNPINNED)
    pinned_urls = {
        "plan-list": "plan list",
        "plan-report": "plan report",
        "plan-export": "plan export",
        "export": "export",
        "unit-ranking": "unit ranking",
        "unit-ranking-export": "unit ranking export",
        "unit-detail": "unit detail",
        "unit-export": "unit export",
        "target-detail": "target detail",
        "document": "document",
        "review-queue": "review queue",
        "audit-trail": "audit trail",
        "audit-record": "audit record",
        "audit-export": "audit export",
    }
    assert names == set(pinned_urls)
    assert set(pinned_urls.values()) <= set(CASES)
    listed = {page.lists for page in CASES.values() if page.lists is not None}
    assert listed == set(admin.site._registry)
