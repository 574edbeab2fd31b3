"""One sort column at a time, clearly marked (issue 12): whatever keys a
table sorts by (a default with a tie-break, or several in the URL), the page
marks exactly the first one, with ``aria-sort``, the arrow and the caption
naming it; and the unit ranking says when it shows its default, the units
furthest behind first (docs/reports.md)."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from tests import pages_support

pytestmark = pytest.mark.django_db


@pytest.fixture
def report():
    return pages_support.report()


@pytest.fixture
def manager(client):
    client.force_login(pages_support.user_with_role("manager"))


def _get(client, url: str, **params):
    query = "&".join(f"{k}={v}" for k, v in params.items())
    response = client.get(url + (f"?{query}" if query else ""))
    assert response.status_code == 200
    return response.content.decode()


def _marked(page: str) -> list[tuple[str, str]]:
    """(heading, aria-sort) of every header cell marked as sorted."""
    thead = page[page.index("<thead") : page.index("</thead>")]
    cells = re.findall(r"<th ([^>]*)>(.*?)</th>", thead, re.S)
    marked = []
    for attrs, text in cells:
        found = re.search(r'aria-sort="(\w+)"', attrs)
        if found:
            marked.append((re.sub(r"<[^>]+>|\s+", "", text), found.group(1)))
    return marked


def _caption(page: str) -> str | None:
    found = re.search(r'<caption class="sort-note">(.*?)</caption>', page, re.S)
    return found.group(1).strip() if found else None


@pytest.mark.parametrize(
    ("sort", "heading", "direction"),
    [
        (None, "未完成＋逾期", "descending"),
        ("-missed,-overdue,name,-targets", "未完成", "descending"),
        ("confirmed_rate,-behind", "确认完成率", "ascending"),
        ("name", "责任单位", "ascending"),
    ],
)
def test_ranking_marks_one_column(client, manager, report, sort, heading, direction):
    params = {"sort": sort} if sort else {}
    page = _get(client, reverse("tracker:unit-ranking"), **params)
    assert _marked(page) == [(heading, direction)]
    word = "从高到低" if direction == "descending" else "从低到高"
    assert _caption(page) == f"按“{heading}”{word}排列"


def test_plan_list_default_marks_its_first_key_only(client, manager, report):
    # Meta.order_by is ("-period", "title"): the title only breaks ties.
    page = _get(client, reverse("tracker:plan-list"))
    assert _marked(page) == [("规划期", "descending")]
    assert _caption(page) == "按“规划期”从高到低排列"


def test_plan_report_marks_nothing_until_sorted_then_one(client, manager, report):
    url = reverse("tracker:plan-report", args=[report.plan.slug])
    page = _get(client, url)
    assert _marked(page) == [] and _caption(page) is None
    assert _marked(_get(client, url, sort="-status,code")) == [("状态", "descending")]


def test_ranking_says_its_default_is_who_is_behind(client, manager, report):
    url = reverse("tracker:unit-ranking")
    page = _get(client, url)
    assert "<strong>谁落后</strong>：默认视图，未完成与逾期最多的单位排在最前" in page
    for params in ({"sort": "-behind"}, {"scope": "all"}):
        assert "<strong>谁落后</strong>" in _get(client, url, **params)
    other = _get(client, url, sort="name", scope="all", page="1")
    assert "不是默认的“谁落后”视图" in other
    back = re.search(r'<a href="([^"]*)">回到“谁落后”', other)
    assert back and back.group(1) == "?scope=all"
