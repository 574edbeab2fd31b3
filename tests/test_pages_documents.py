"""A document's full text with its quotes marked and linked to their targets."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse

from tests import pages_support
from tracker import services

pytestmark = pytest.mark.django_db


def _page(client, document) -> str:
    response = client.get(reverse("tracker:document", args=[document.slug]))
    assert response.status_code == 200
    return response.content.decode()


def test_outcome_quotes_are_marked_and_linked_to_their_target(client, make):
    client.force_login(pages_support.user_with_role("auditor"))
    text = "2023年,全市技改投资增长29%,工业投资增长10%。"
    document = make.document(text=text)
    first = make.target(indicator="技改投资增速")
    second = make.target(indicator="工业投资增速", value=Decimal("8"))
    one = make.outcome(first, document_=document, quote="技改投资增长29%")
    two = make.outcome(second, document_=document, value=Decimal("10"), quote="工业投资增长10%")
    page = _page(client, document)
    for outcome, quote in ((one, "技改投资增长29%"), (two, "工业投资增长10%")):
        href = reverse("tracker:target-detail", args=[outcome.target_id]) + f"#outcome-{outcome.pk}"
        assert f'<span id="outcome-{outcome.pk}"></span><a class="mark-link" href="{href}"' in page
        assert f'<mark class="quote">{quote}</mark>' in page
    assert "2 条完成情况引自本文" in page


def test_document_text_is_escaped(client, make):
    client.force_login(pages_support.user_with_role("manager"))
    document = make.document(text="<script>alert(1)</script>技改投资增长29%")
    make.outcome(make.target(), document_=document, quote="技改投资增长29%")
    page = _page(client, document)
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_plan_document_marks_every_target_source(client, make):
    client.force_login(pages_support.user_with_role("manager"))
    text = "二、发展目标。全年工业投资达到700亿元,技改投资增长20%以上。"
    plan_doc = make.document(text=text, kind="plan")
    plan = make.plan(document=plan_doc)
    quoted = make.target(plan, source_quote="技改投资增长20%以上")
    by_statement = make.target(
        plan, statement="全年工业投资达到700亿元", value=Decimal("700"), unit="亿元"
    )
    lost = make.target(plan, source_quote="不在原文中的句子", statement="也不在原文中")
    page = _page(client, plan_doc)
    assert f'id="target-{quoted.pk}"' in page
    assert f'id="target-{by_statement.pk}"' in page  # found by its verbatim statement
    assert '<mark class="source">技改投资增长20%以上</mark>' in page
    assert "出处原文在本文中未找到" in page
    assert reverse("tracker:target-detail", args=[lost.pk]) in page


def test_pending_quotes_only_for_those_who_enter_or_review(client, make):
    author = make.user("author", groups=("supervisor",))
    document = make.document(text="据统计,技改投资增长31%。")
    draft = make.outcome(
        make.target(), actor=author, approved=False, document_=document, quote="技改投资增长31%"
    )
    services.outcome_submit(outcome=draft, actor=author)
    client.force_login(pages_support.user_with_role("manager"))
    assert "<mark" not in _page(client, document).split('class="document-text"')[1]
    client.force_login(pages_support.user_with_role("supervisor"))
    assert '<mark class="quote pending submitted">' in _page(client, document)


def test_document_query_count_does_not_grow_with_quotes(client, make):
    client.force_login(pages_support.user_with_role("auditor"))
    phrases = [f"指标{n}增长{n}%" for n in range(1, 15)]
    document = make.document(text="。".join(phrases))
    make.outcome(make.target(), document_=document, quote=phrases[0], value=Decimal(1))
    url = reverse("tracker:document", args=[document.slug])
    few = pages_support.queries(client, url)
    for n, phrase in enumerate(phrases[1:], start=2):
        make.outcome(make.target(), document_=document, quote=phrase, value=Decimal(n))
    assert pages_support.queries(client, url) == few


def test_unknown_document_is_404(client):
    client.force_login(pages_support.user_with_role("manager"))
    assert client.get(reverse("tracker:document", args=["nope"])).status_code == 404
