"""Pinned query counts (``tests/query_pins.py``), at 1 row and at 50 rows.

Phase 1 of issue 14 pins the pages the issue names; every other page and
export is to follow once its work settles. A pin that fails names the
number of queries and lists their SQL: if the new query is wanted, raise
the pin in the same commit.
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests import pages_support
from tests.query_pins import QueryPin, changelist_rows, csv_rows, table_rows

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, make):
    client.force_login(make.user("root", is_staff=True, is_superuser=True))
    return client


@pytest.fixture
def manager_client(client):
    client.force_login(pages_support.user_with_role("manager"))
    return client


@pytest.fixture
def auditor_client(client):
    client.force_login(pages_support.user_with_role("auditor"))
    return client


# -- admin change lists ------------------------------------------------------------------


def test_plan_changelist(admin_client, make):
    """Each plan shows its parent plan: one join, not a query per row."""
    made = []

    def grow(count: int) -> None:
        for _ in range(count):
            made.append(make.plan(parent=made[-1] if made else None))

    pin = QueryPin(reverse("admin:tracker_plan_changelist"), grow, changelist_rows)
    pin.check(admin_client, expected=PINS["admin plan list"])


def test_unit_changelist(admin_client, make):
    def grow(count: int) -> None:
        for _ in range(count):
            make.unit()

    pin = QueryPin(reverse("admin:tracker_unit_changelist"), grow, changelist_rows)
    pin.check(admin_client, expected=PINS["admin unit list"])


# -- unit reports -------------------------------------------------------------------------


@pytest.fixture
def plan(make):
    return make.plan()


def _lead_targets(plan):
    """Each call adds targets led by a new unit (with a new supporting unit),
    so the ranking gains one row per target."""

    def grow(count: int) -> None:
        pages_support.add_targets(plan, count)

    return grow


def test_unit_ranking_page(manager_client, plan):
    url = reverse("tracker:unit-ranking") + "?per_page=50"
    pin = QueryPin(url, _lead_targets(plan), table_rows)
    pin.check(manager_client, expected=PINS["unit ranking"])


def test_unit_ranking_export(auditor_client, plan):
    pin = QueryPin(reverse("tracker:unit-ranking-export"), _lead_targets(plan), csv_rows)
    pin.check(auditor_client, expected=PINS["unit ranking export"])


def test_unit_export(auditor_client, plan, make):
    unit = make.unit("市工信局")

    def grow(count: int) -> None:
        pages_support.add_targets(plan, count, units=(unit, make.unit()))

    pin = QueryPin(reverse("tracker:unit-export", args=[unit.pk]), grow, csv_rows)
    pin.check(auditor_client, expected=PINS["unit export"])


# The pinned numbers, in one place (session and user lookups included).
PINS = {
    "admin plan list": 5,
    "admin unit list": 4,
    "unit ranking": 8,
    # The export streams plan by plan (issue 11): per batch of plans the keyset
    # lookup, the targets, one ranked-evidence pass, the units; the registry
    # once. One batch here; a national export runs 4 more per ~4,000 targets.
    "unit ranking export": 11,
    "unit export": 13,
}
