"""Paging parameters are bounded on every table page (tracker/views/paging.py):
per_page 1 to 200, anything else falls back to the table's default; a page
past the end is the last page; sort keys that are not columns are ignored."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests import pages_support
from tracker.views.paging import MAX_PER_PAGE, bounded_int

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("1", 1), (" 200 ", 200), ("201", None), ("0", None), ("-1", None), ("x", None), (None, None)],
)
def test_bounded_int(raw, expected):
    assert bounded_int(raw, low=1, high=MAX_PER_PAGE) == expected


@pytest.fixture
def report(client):
    made = pages_support.report()
    pages_support.add_targets(made.plan, 4, units=(made.gxj,))
    client.force_login(pages_support.user_with_role("manager"))
    return made


def _table(client, url, **params):
    response = client.get(url, params)
    assert response.status_code == 200
    return response.context["table"]


def test_per_page_within_bounds_is_honoured_and_outside_falls_back(client, report):
    url = reverse("tracker:plan-report", args=[report.plan.slug])
    assert _table(client, url, per_page="3").paginator.per_page == 3
    assert _table(client, url, per_page="200").paginator.per_page == 200
    for bad in ("201", "100000", "0", "-1", "abc", ""):
        assert _table(client, url, per_page=bad).paginator.per_page == 25, bad


def test_a_page_past_the_end_is_the_last_page(client, report):
    url = reverse("tracker:plan-report", args=[report.plan.slug])
    table = _table(client, url, per_page="3", page="999999999999")
    assert table.page.number == table.paginator.num_pages == 3
    assert _table(client, url, per_page="3", page="0").page.number == 1


def test_unknown_sort_keys_are_ignored_and_known_ones_applied(client, report):
    url = reverse("tracker:plan-report", args=[report.plan.slug])
    assert _table(client, url, sort="5.5,__class__,-nothing").order_by == ()
    assert [str(key) for key in _table(client, url, sort="-code").order_by] == ["-code"]


def test_the_review_queue_tables_are_bounded_too(client, make):
    supervisor = pages_support.user_with_role("supervisor")
    client.force_login(supervisor)
    response = client.get(reverse("tracker:review-queue"), {"q-per_page": "-5", "mine-page": "-1"})
    assert response.status_code == 200
    assert response.context["queue"].paginator.per_page <= MAX_PER_PAGE
