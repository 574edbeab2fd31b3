"""The proposal review page (issue 13 deliverable 5, docs/extraction.md):
supervisors only; accept enters a draft through the services (audited),
edit-then-accept shows the service's refusals in the form, reject is
remembered per document and target; the page's queries do not grow with
its proposals."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal
from html import unescape

import pytest
from django.urls import reverse

from tests import pages_support
from tests.pages_support import ROLES
from tests.query_pins import QueryPin
from tracker import services
from tracker.models import AuditEvent, Document, Outcome, Plan, ProposalRejection

pytestmark = pytest.mark.django_db

QUOTE = "2020年全市工业企业技改投资同比增长29%"
HEAD = "郑州市工信局关于政协提案的答复："
TEXT = f"{HEAD}\n{QUOTE}，高于全省平均水平。\n其他工作稳步推进。"
CITY = "郑州市"  # the jurisdiction of the plans the texts here name


@pytest.fixture
def world(make):
    plan = make.plan(
        slug="zz-2020",
        jurisdiction=CITY,
        period_start=date(2020, 1, 1),
        period_end=date(2020, 12, 31),
    )
    target = make.target(plan, code="二.2.2", indicator="技改投资增速")
    document = make.document(text=TEXT, slug="reply-2021", published_on=date(2021, 3, 1))
    return {"plan": plan, "target": target, "document": document}


@pytest.fixture
def alice(make):
    return make.user("alice", groups=("supervisor",))


def _url(document) -> str:
    return reverse("tracker:document-proposals", args=[document.slug])


def _cards(client, document) -> list[dict]:
    response = client.get(_url(document))
    assert response.status_code == 200
    return response.context["cards"]


def _accept_data(card: dict, **changes) -> dict:
    form = card["form"]
    data = {f"{form.prefix}-{name}": value for name, value in form.initial.items()}
    data.update({f"{form.prefix}-{name}": value for name, value in changes.items()})
    data.update(action="accept", target=card["target"].pk, position=card["position"])
    return {k: ("" if v is None else v) for k, v in data.items() if v is not False}


def test_page_shows_the_proposal_with_its_quote_marked_in_its_paragraph(client, world, alice):
    client.force_login(alice)
    [card] = _cards(client, world["document"])
    assert card["target"] == world["target"]
    assert card["p"].value == Decimal("29")
    assert card["p"].quote in TEXT
    page = client.get(_url(world["document"])).content.decode()
    # The paragraph with the quote marked, and the buttons named with their target.
    assert '<mark class="proposal">' in page
    assert "高于全省平均水平" in page
    assert "接受" in page and "拒绝" in page
    assert page.count("二.2.2 技改投资增速</span></button>") == 2


@pytest.mark.parametrize("role", ROLES)
def test_only_supervisors_may_act(client, world, role):
    client.force_login(pages_support.user_with_role(role))
    response = client.post(
        _url(world["document"]), {"action": "reject", "target": world["target"].pk}
    )
    assert response.status_code == (302 if role == "supervisor" else 403)
    assert ProposalRejection.objects.exists() == (role == "supervisor")


def test_anonymous_post_is_sent_to_login(client, world):
    response = client.post(
        _url(world["document"]), {"action": "reject", "target": world["target"].pk}
    )
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
    assert not ProposalRejection.objects.exists()


def test_accept_enters_an_audited_draft_and_the_proposal_leaves(client, world, alice):
    client.force_login(alice)
    [card] = _cards(client, world["document"])
    response = client.post(_url(world["document"]), _accept_data(card))
    assert response.status_code == 302
    outcome = Outcome.objects.get()
    assert (outcome.state, outcome.target, outcome.document) == (
        "draft",
        world["target"],
        world["document"],
    )
    assert (outcome.value, outcome.unit, outcome.quote) == (
        Decimal("29"),
        "%",
        card["p"].quote,
    )
    assert outcome.entered_by == alice
    event = AuditEvent.objects.get(entity="outcome", entity_id=outcome.pk)
    assert (event.action, event.actor_id, event.via) == ("create", alice.pk, "proposals")
    assert _cards(client, world["document"]) == []


def test_edit_then_accept_keeps_the_edit(client, world, alice):
    client.force_login(alice)
    [card] = _cards(client, world["document"])
    client.post(_url(world["document"]), _accept_data(card, value="29.5", qualifier="about"))
    outcome = Outcome.objects.get()
    assert (outcome.value, outcome.qualifier, outcome.state) == (Decimal("29.5"), "about", "draft")


def test_refused_accept_shows_the_errors_in_the_form(client, world, alice):
    client.force_login(alice)
    [card] = _cards(client, world["document"])
    # A quote not in the document: the service refuses it, nothing is stored.
    response = client.post(_url(world["document"]), _accept_data(card, quote="技改投资同比增长30%"))
    assert response.status_code == 200
    [shown] = response.context["cards"]
    assert shown["refused"] and shown["form"].errors
    page = response.content.decode()
    assert 'role="alert"' in page and "<details open>" in page
    assert not Outcome.objects.exists()
    # A period that runs backwards: the form says so too.
    response = client.post(
        _url(world["document"]),
        _accept_data(card, period_start="2020-12-31", period_end="2020-01-01"),
    )
    assert response.context["cards"][0]["form"].errors
    assert not Outcome.objects.exists()


def test_reject_is_remembered_audited_and_not_proposed_again(client, world, alice, make):
    client.force_login(alice)
    response = client.post(
        _url(world["document"]),
        {"action": "reject", "target": world["target"].pk, "position": 0, "reason": "口径不同"},
    )
    assert response.status_code == 302
    rejection = ProposalRejection.objects.get()
    assert (rejection.document, rejection.target, rejection.rejected_by, rejection.reason) == (
        world["document"],
        world["target"],
        alice,
        "口径不同",
    )
    event = AuditEvent.objects.get(entity="proposalrejection", entity_id=rejection.pk)
    assert (event.action, event.actor_id, event.via) == ("create", alice.pk, "proposals")
    assert _cards(client, world["document"]) == []
    # Only for that document: another reply with the same sentence still proposes it.
    other = make.document(text=TEXT, slug="reply-2021-b", published_on=date(2021, 3, 1))
    assert [c["target"] for c in _cards(client, other)] == [world["target"]]
    # A second rejection of the same pair is refused, not stored twice.
    client.post(_url(world["document"]), {"action": "reject", "target": world["target"].pk})
    assert ProposalRejection.objects.count() == 1


def test_focus_moves_to_the_next_proposal_then_the_heading(client, world, alice, make):
    second = make.target(world["plan"], code="二.2.3", indicator="技改投资增速")
    client.force_login(alice)
    cards = _cards(client, world["document"])
    assert [c["target"] for c in cards] == [world["target"], second]
    client.post(
        _url(world["document"]),
        {"action": "reject", "target": cards[0]["target"].pk, "position": 0},
    )
    response = client.get(_url(world["document"]))
    [left] = response.context["cards"]
    assert left["focused"] and left["target"] == second
    assert f'id="ph-{second.pk}" tabindex="-1" autofocus' in response.content.decode()
    client.post(_url(world["document"]), _accept_data(left))
    response = client.get(_url(world["document"]))
    assert response.context["focus_heading"]
    assert 'id="proposals-heading" tabindex="-1" autofocus' in response.content.decode()


def test_a_withdrawn_outcome_lets_the_proposal_come_back(client, world, alice):
    client.force_login(alice)
    [card] = _cards(client, world["document"])
    client.post(_url(world["document"]), _accept_data(card))
    services.outcome_withdraw(outcome=Outcome.objects.get(), actor=alice, reason="录错")
    assert [c["target"] for c in _cards(client, world["document"])] == [world["target"]]


def test_query_count_is_pinned(client, world, alice, make):
    client.force_login(alice)

    def grow(count: int) -> None:
        for _ in range(count):
            plan = make.plan(
                jurisdiction=CITY, period_start=date(2020, 1, 1), period_end=date(2020, 12, 31)
            )
            make.target(plan, indicator="技改投资增速")

    document = make.document(text=TEXT, slug="reply-pin", published_on=date(2021, 3, 1))
    services.proposal_reject(actor=alice, document=document, target=world["target"])
    pin = QueryPin(_url(document), grow, lambda response: len(response.context["cards"]))
    pin.check(client, expected=9)


def test_an_accept_refused_after_the_target_left_the_list_is_said(client, world, alice):
    """A second click on an accepted proposal (another tab, a double submit):
    the card is gone, so the service's refusal is shown as a message."""
    client.force_login(alice)
    [card] = _cards(client, world["document"])
    assert client.post(_url(world["document"]), _accept_data(card)).status_code == 302
    response = client.post(_url(world["document"]), _accept_data(card))
    assert response.status_code == 200
    assert response.context["cards"] == []
    said = [str(m) for m in response.context["messages"]]
    assert any("重复" in m for m in said), said
    assert Outcome.objects.count() == 1


def test_the_document_page_links_supervisors_to_the_proposals(client, world, alice, make):
    link = f'href="{_url(world["document"])}"'
    client.force_login(alice)
    assert link in client.get(reverse("tracker:document", args=["reply-2021"])).content.decode()
    client.force_login(make.user("mona", groups=("manager",)))
    page = client.get(reverse("tracker:document", args=["reply-2021"])).content.decode()
    assert link not in page


# -- every proposal per target, the plan filter, the cached reading --------------------------

EARLIER = "2019年全市工业企业技改投资同比增长20%"
TWO_YEARS = f"{HEAD}\n{QUOTE}，高于全省平均水平。\n{EARLIER}。\n其他工作稳步推进。"


def test_every_proposal_of_a_target_is_listed_best_first(client, world, alice, make):
    document = make.document(text=TWO_YEARS, slug="reply-two", published_on=date(2021, 3, 1))
    client.force_login(alice)
    response = client.get(_url(document))
    [card] = response.context["cards"]
    assert (card["p"].value, card["rank"]) == (Decimal("29"), 0)
    assert [(e["p"].value, e["rank"]) for e in card["more"]] == [(Decimal("20"), 1)]
    page = response.content.decode()
    # The rest sit collapsed under the best, each with its own accept and
    # the quote marked in its paragraph; one rejection serves the target.
    more = page.split('<details class="more-proposals">')[1].split("</details>\n  </article>")[0]
    assert f'<mark class="proposal">{EARLIER}</mark>' in more
    assert page.count('name="action" value="accept"') == 2
    assert page.count('name="action" value="reject"') == 1
    # Accepting the second enters its figure, and the target leaves the list.
    [other] = card["more"]
    client.post(_url(document), {**_accept_data(other), "rank": 1})
    outcome = Outcome.objects.get()
    assert (outcome.value, outcome.quote) == (Decimal("20"), EARLIER)
    assert _cards(client, document) == []


def test_an_alternative_is_accepted_as_shown_and_its_fields_open_on_request(
    client, world, alice, make
):
    # An alternative carries its figure in hidden fields (its fields are not
    # rendered: a dozen forms per target made the page slow); posting what
    # the page holds enters it. Its edit link opens its fields.
    document = make.document(text=TWO_YEARS, slug="reply-two-c", published_on=date(2021, 3, 1))
    client.force_login(alice)
    page = client.get(_url(document)).content.decode()
    more = page.split('<details class="more-proposals">')[1].split("</details>\n  </article>")[0]
    form = more.split('<form method="post" class="accept-form">')[1].split("</form>")[0]
    assert "<textarea" not in form and 'type="number"' not in form
    posted = dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', form))
    pk = world["target"].pk
    assert posted[f"p{pk}r1-period_start"] == "2019-01-01"
    assert posted[f"p{pk}r1-qualifier"] == "exact"
    edit = re.search(r'<a href="([^"]*edit=[^"]*)">修改后再接受', form)
    opened = client.get(_url(document) + unescape(edit.group(1)).split("#")[0])
    assert opened.context["cards"][0]["editing_more"]
    opened_page = opened.content.decode()
    assert '<details class="more-proposals" open>' in opened_page
    assert f'<h4 id="ph-{pk}-1" tabindex="-1" autofocus>' in opened_page
    assert f'name="p{pk}r1-quote"' in opened_page.split("<textarea")[2]
    response = client.post(_url(document), {**posted, "action": "accept"})
    assert response.status_code == 302
    outcome = Outcome.objects.get()
    assert (outcome.value, outcome.quote) == (Decimal("20"), EARLIER)
    assert (outcome.period_start, outcome.period_end) == (date(2019, 1, 1), date(2019, 12, 31))


def test_a_refused_accept_of_a_second_proposal_opens_it(client, world, alice, make):
    document = make.document(text=TWO_YEARS, slug="reply-two-b", published_on=date(2021, 3, 1))
    client.force_login(alice)
    [card] = _cards(client, document)
    [other] = card["more"]
    response = client.post(_url(document), {**_accept_data(other, quote="没有这句"), "rank": 1})
    [shown] = response.context["cards"]
    assert not shown["refused"] and shown["more"][0]["refused"]
    page = response.content.decode()
    assert '<details class="more-proposals" open>' in page
    assert f'id="errors-{world["target"].pk}-1"' in page
    assert not Outcome.objects.exists()


def test_the_plan_filter_keeps_one_plans_targets(client, world, alice, make):
    other = make.plan(
        slug="zz-other",
        title="另一方案",
        jurisdiction=CITY,
        period_start=date(2020, 1, 1),
        period_end=date(2020, 12, 31),
    )
    second = make.target(other, code="X.1", indicator="技改投资增速")
    client.force_login(alice)
    response = client.get(_url(world["document"]))
    assert [c["target"] for c in response.context["cards"]] == [world["target"], second]
    assert [p.slug for p in response.context["plans"]] == ["zz-2020", "zz-other"]
    page = response.content.decode()
    assert '<select id="plan-filter" name="plan">' in page
    filtered = _url(world["document"]) + "?plan=zz-other"
    response = client.get(filtered)
    assert [c["target"] for c in response.context["cards"]] == [second]
    assert '<option value="zz-other" selected>' in response.content.decode()
    # An action keeps the filter.
    response = client.post(filtered, {"action": "reject", "target": second.pk, "position": 0})
    assert response["Location"] == filtered
    assert [c["target"] for c in _cards(client, world["document"])] == [world["target"]]


@pytest.fixture
def reader_runs(monkeypatch):
    """Counts the reader's runs behind the review page (the cache is emptied
    first, so a run left from another test cannot hide one)."""
    from django.core.cache import cache

    from tracker import selectors_reading

    cache.clear()
    runs: list[str] = []
    real = selectors_reading.propose_outcomes

    def counted(text, *args, **kwargs):
        runs.append(text)
        return real(text, *args, **kwargs)

    monkeypatch.setattr(selectors_reading, "propose_outcomes", counted)
    return runs


def test_the_reading_is_cached_per_text_and_plan_set(client, world, alice, make, reader_runs):
    client.force_login(alice)
    document = world["document"]
    assert len(_cards(client, document)) == 1
    assert len(_cards(client, document)) == 1
    assert len(reader_runs) == 1
    # Another plan set is another reading; the same set asked for by name
    # (the text names one city, which has one plan) is the same reading.
    other = make.plan(
        slug="kf-2020",
        jurisdiction="开封市",
        period_start=date(2020, 1, 1),
        period_end=date(2020, 12, 31),
    )
    make.target(other, code="X.1", indicator="技改投资增速")
    client.get(_url(document) + "?plan=kf-2020")
    client.get(_url(document) + "?plan=kf-2020")
    assert len(reader_runs) == 2
    client.get(_url(document) + "?plan=zz-2020")
    assert len(reader_runs) == 2
    # A plan moved into a jurisdiction the text names joins the default
    # set: a new reading (and moved back, the first one again, cached).
    Plan.objects.filter(pk=other.pk).update(jurisdiction=CITY)
    assert len(_cards(client, document)) == 2
    assert len(reader_runs) == 3
    Plan.objects.filter(pk=other.pk).update(jurisdiction="开封市")
    assert len(_cards(client, document)) == 1
    assert len(reader_runs) == 3
    # A decision is applied after the cache: the reading is not redone.
    services.proposal_reject(actor=alice, document=document, target=world["target"])
    assert _cards(client, document) == []
    assert len(reader_runs) == 3
    # A new target (the reader's input) or an edited text is a new reading.
    make.target(world["plan"], code="二.2.3", indicator="技改投资增速")
    assert len(_cards(client, document)) == 1
    assert len(reader_runs) == 4
    Document.objects.filter(pk=document.pk).update(text=TWO_YEARS)
    [card] = _cards(client, document)
    assert len(card["more"]) == 1
    assert len(reader_runs) == 5
    assert reader_runs[-1] == TWO_YEARS


# -- query pins of the planner's draft page (tests/test_pages_plan_draft.py) ---------------

DRAFT_HEAD = "郑州市2023年工业发展工作方案\n一、主要目标\n"


def _draft_document(make):
    return make.document(
        text=DRAFT_HEAD,
        slug="plan-pin",
        kind="plan",
        title="郑州市2023年工业发展工作方案",
        published_on=date(2023, 1, 16),
    )


def _grow_commitments(document):
    """Each call appends commitments (one suggested target each) to the text."""

    def grow(count: int) -> None:
        stored = Document.objects.get(pk=document.pk)
        items = stored.text.count("责任单位")
        lines = "".join(
            f"{n}.新增绿色工厂{n}家以上。责任单位：市工信局\n"
            for n in range(items + 1, items + count + 1)
        )
        Document.objects.filter(pk=document.pk).update(text=stored.text + lines)

    return grow


def _toml_targets(response) -> int:
    return response.content.decode().count("[[targets]]")


def test_draft_page_query_count_is_pinned(client, make):
    client.force_login(make.user("paula", groups=("planner",)))
    document = _draft_document(make)
    url = reverse("tracker:document-targets", args=[document.slug])
    pin = QueryPin(url, _grow_commitments(document), lambda r: len(r.context["cards"]))
    pin.check(client, expected=6)


def test_draft_file_query_count_is_pinned(client, make):
    client.force_login(make.user("paula", groups=("planner",)))
    document = _draft_document(make)
    url = reverse("tracker:document-targets-file", args=[document.slug])
    pin = QueryPin(url, _grow_commitments(document), _toml_targets)
    pin.check(client, expected=6)


def test_targets_come_a_page_at_a_time_and_focus_follows_the_list(
    client, world, alice, make, monkeypatch
):
    # A reply read against many targets is shown PER_PAGE targets to a page;
    # positions count from the list's start, so after deciding the first
    # target of page 2 the next one there takes the focus.
    from tracker.views import proposals

    monkeypatch.setattr(proposals, "PER_PAGE", 2)
    for n in range(3, 6):
        make.target(world["plan"], code=f"二.2.{n}", indicator="技改投资增速")
    client.force_login(alice)
    url = _url(world["document"])
    first = client.get(url)
    assert first.context["card_count"] == 4 and len(first.context["cards"]) == 2
    assert 'aria-current="page">1<' in first.content.decode()
    assert '<a href="?page=2" rel="next">' in first.content.decode()
    second = client.get(url, {"page": 2})
    cards = second.context["cards"]
    assert [c["position"] for c in cards] == [2, 3]
    assert {c["target"].pk for c in cards}.isdisjoint(
        c["target"].pk for c in first.context["cards"]
    )
    # The marked text holds the quotes of this page's targets only.
    assert f'id="quote-{cards[0]["target"].pk}"' in second.content.decode()
    response = client.post(
        f"{url}?page=2", {"action": "reject", "target": cards[0]["target"].pk, "position": 2}
    )
    assert response.url == f"{url}?page=2"
    after = client.get(response.url)
    [left] = after.context["cards"]
    assert left["focused"] and left["target"] == cards[1]["target"]
    # A page past the end shows the last one; one that is not a number the first.
    past_the_end = client.get(url, {"page": 99}).context["cards"]
    assert [c["target"] for c in past_the_end] == [left["target"]]
    assert client.get(url, {"page": "x"}).context["cards"][0]["position"] == 0
