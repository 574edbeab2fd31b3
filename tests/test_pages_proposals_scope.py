"""Which plans the proposal review page reads a document against (issue 13,
docs/extraction.md "Reviewing proposals on a page"): by default the plans
of the jurisdictions the text names, never every plan; when that is
nothing, or the chosen plan is unknown or has no open target, the page
says why and the reader does not run. Also: a range figure's proposal
shows as a range (the page used to fail on one)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from tracker import selectors_reading
from tracker.models import Target

pytestmark = pytest.mark.django_db

QUOTE = "2020年全市工业企业技改投资同比增长29%"
ZHENGZHOU = f"郑州市工信局关于政协提案的答复：\n{QUOTE}，高于全省平均水平。\n其他工作稳步推进。"
NOWHERE = f"关于政协提案的答复：\n{QUOTE}，高于全省平均水平。\n其他工作稳步推进。"
YEAR = {"period_start": date(2020, 1, 1), "period_end": date(2020, 12, 31)}


@pytest.fixture
def read(monkeypatch) -> list[list]:
    """The targets the reader is given, one list per run (cache emptied)."""
    cache.clear()
    runs: list[list] = []
    real = selectors_reading.propose_outcomes

    def recorded(text, targets, *args, **kwargs):
        runs.append(list(targets))
        return real(text, targets, *args, **kwargs)

    monkeypatch.setattr(selectors_reading, "propose_outcomes", recorded)
    return runs


@pytest.fixture
def cities(make):
    """Two plans of 郑州 (one named by its stem in the text) and one of 开封,
    each with a target the quote reports on."""
    zz = make.plan(slug="zz-2020", title="郑州方案", jurisdiction="郑州市", **YEAR)
    zz2 = make.plan(slug="zz-2020-b", title="郑州方案乙", jurisdiction="郑州市", **YEAR)
    kf = make.plan(slug="kf-2020", title="开封方案", jurisdiction="开封市", **YEAR)
    return {
        "zz": make.target(zz, code="二.2.2"),
        "zz2": make.target(zz2, code="一.1"),
        "kf": make.target(kf, code="三.1"),
    }


@pytest.fixture
def supervisor(client, make):
    client.force_login(make.user("sam", groups=("supervisor",)))
    return client


def _get(client, document, query: str = ""):
    response = client.get(reverse("tracker:document-proposals", args=[document.slug]) + query)
    assert response.status_code == 200
    return response


def test_a_text_naming_zhengzhou_is_read_against_zhengzhous_plans_only(
    supervisor, cities, make, read
):
    document = make.document(text=ZHENGZHOU, slug="reply-zz")
    response = _get(supervisor, document)
    assert [c["target"] for c in response.context["cards"]] == [cities["zz"], cities["zz2"]]
    # The reader was never given 开封's target, and the filter lists 郑州's plans only.
    [given] = read
    assert {t.plan for t in given} == {"zz-2020", "zz-2020-b"}
    assert [p.slug for p in response.context["plans"]] == ["zz-2020", "zz-2020-b"]
    assert response.context["places"] == ("郑州市",)
    page = response.content.decode()
    assert '<option value="kf-2020"' not in page
    assert 'id="scope-message"' not in page
    # A chosen plan of another city is read alone, and listed beside 郑州's.
    response = _get(supervisor, document, "?plan=kf-2020")
    assert {t.plan for t in read[-1]} == {"kf-2020"}
    assert [p.slug for p in response.context["plans"]] == ["kf-2020", "zz-2020", "zz-2020-b"]


def test_a_plan_without_open_targets_leaves_the_default_filter(supervisor, cities, make, read):
    Target.objects.filter(pk=cities["zz2"].pk).update(
        locked_at=timezone.now(), locked_by_id=make.user("lock").pk
    )
    document = make.document(text=ZHENGZHOU, slug="reply-zz")
    response = _get(supervisor, document)
    assert [p.slug for p in response.context["plans"]] == ["zz-2020"]
    # Chosen, it says it has nothing open, and nothing is read.
    read.clear()
    response = _get(supervisor, document, "?plan=zz-2020-b")
    assert response.context["cards"] == [] and read == []
    assert "规划 zz-2020-b 没有未锁定的目标" in response.content.decode()


def test_a_text_naming_no_jurisdiction_reads_nothing_and_asks_for_a_plan(
    supervisor, cities, make, read
):
    document = make.document(text=NOWHERE, slug="reply-nowhere")
    response = _get(supervisor, document)
    assert response.context["cards"] == [] and read == []
    page = response.content.decode()
    assert "本文没有提到任何有规划的行政区域" in page and "请选择一个规划" in page
    assert "本文没有待决定的建议" not in page
    # No list of every plan: a field for the plan's identifier instead.
    assert '<select id="plan-filter"' not in page
    assert '<input type="text" id="plan-filter" name="plan"' in page
    # Picking a plan reads it (the reader then finds that the text does not
    # speak for 郑州: no proposal, but no message either).
    response = _get(supervisor, document, "?plan=zz-2020")
    assert [[t.plan for t in given] for given in read] == [["zz-2020"]]
    assert 'id="scope-message"' not in response.content.decode()


def test_an_unknown_plan_is_said_and_nothing_is_read(supervisor, cities, make, read):
    document = make.document(text=ZHENGZHOU, slug="reply-zz")
    response = _get(supervisor, document, "?plan=nope")
    assert response.context["cards"] == [] and read == []
    page = response.content.decode()
    assert "没有标识为 nope 的规划" in page
    # The filter still offers the named city's plans.
    assert [p.slug for p in response.context["plans"]] == ["zz-2020", "zz-2020-b"]


def test_the_messages_are_translated(supervisor, cities, make, read):
    document = make.document(text=NOWHERE, slug="reply-nowhere")
    page = _get(supervisor, document, "?plan=nope").content.decode()
    assert "没有标识为 nope 的规划" in page
    supervisor.post(reverse("set_language"), {"language": "en", "next": "/"})
    page = _get(supervisor, document, "?plan=nope").content.decode()
    assert "No plan nope" in page, page[:3000]
    page = _get(supervisor, document).content.decode()
    assert "names no jurisdiction that has plans" in page


def test_a_plan_without_a_jurisdiction_is_read_only_when_chosen(supervisor, make, read):
    plan = make.plan(slug="nowhere-2020", **YEAR)
    target = make.target(plan)
    document = make.document(text=ZHENGZHOU, slug="reply-zz")
    make.plan(slug="zz-empty", jurisdiction="郑州市", **YEAR)  # named, but no target
    response = _get(supervisor, document)
    assert response.context["cards"] == [] and read == []
    assert "（郑州市）的规划都没有未锁定的目标" in response.content.decode()
    response = _get(supervisor, document, "?plan=nowhere-2020")
    assert [c["target"] for c in response.context["cards"]] == [target]


def test_a_range_figure_is_proposed_as_a_range(supervisor, make, read):
    plan = make.plan(slug="zz-2020", jurisdiction="郑州市", **YEAR)
    make.target(plan, code="二.2.2")
    text = "郑州市工信局关于政协提案的答复：\n2020年全市工业企业技改投资同比增长12.3-14.8%。"
    response = _get(supervisor, make.document(text=text, slug="reply-range"))
    [card] = response.context["cards"]
    assert (card["p"].qualifier, card["p"].value) == ("range", Decimal("12.3"))
    assert card["figure"] == "12.3–14.8%"
    # The accept form holds the range, both ends, and accepting it enters it.
    assert (card["form"].initial["qualifier"], card["form"].initial["value_high"]) == (
        "range",
        Decimal("14.8"),
    )
    form = card["form"]
    data = {f"{form.prefix}-{k}": ("" if v is None else v) for k, v in form.initial.items()}
    data = {k: v for k, v in data.items() if v is not False}
    data.update(action="accept", target=card["target"].pk, position=card["position"])
    url = reverse("tracker:document-proposals", args=["reply-range"])
    assert supervisor.post(url, data).status_code == 302
    outcome = card["target"].outcomes.get()
    assert (outcome.qualifier, outcome.value, outcome.value_high) == (
        "range",
        Decimal("12.3"),
        Decimal("14.8"),
    )


def test_the_filter_never_lists_more_than_its_maximum(supervisor, cities, make, monkeypatch):
    from tracker.views import proposals

    monkeypatch.setattr(proposals, "PLAN_FILTER_MAX", 1)
    document = make.document(text=ZHENGZHOU, slug="reply-zz")
    page = _get(supervisor, document).content.decode()
    # Both of 郑州's plans are still read; they are not listed.
    assert page.count('name="action" value="reject"') == 2
    assert '<select id="plan-filter"' not in page
    assert '<input type="text" id="plan-filter"' in page
    assert "本文提到的地区有 2 个规划，不逐一列出。" in page
