"""The proposal review page (issue 13 deliverable 5, docs/extraction.md):
supervisors only; accept enters a draft through the services (audited),
edit-then-accept shows the service's refusals in the form, reject is
remembered per document and target; the page's queries do not grow with
its proposals."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from tests import pages_support
from tests.pages_support import ROLES
from tests.query_pins import QueryPin
from tracker import services
from tracker.models import AuditEvent, Outcome, ProposalRejection

pytestmark = pytest.mark.django_db

QUOTE = "2020年全市工业企业技改投资同比增长29%"
TEXT = f"关于政协提案的答复：\n{QUOTE}，高于全省平均水平。\n其他工作稳步推进。"


@pytest.fixture
def world(make):
    plan = make.plan(slug="zz-2020", period_start=date(2020, 1, 1), period_end=date(2020, 12, 31))
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
            plan = make.plan(period_start=date(2020, 1, 1), period_end=date(2020, 12, 31))
            make.target(plan, indicator="技改投资增速")

    document = make.document(text=TEXT, slug="reply-pin", published_on=date(2021, 3, 1))
    services.proposal_reject(actor=alice, document=document, target=world["target"])
    pin = QueryPin(_url(document), grow, lambda response: len(response.context["cards"]))
    pin.check(client, expected=7)


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
