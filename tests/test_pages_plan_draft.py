"""The planner's draft page (issue 13 deliverable 3, docs/extraction.md):
planners only; the reading the page shows and the file it offers are the
ones ``suggest_targets`` prints; each statement is marked in its paragraph,
every machine-read field is marked suggested, tasks without a figure are
listed apart; the page writes nothing, and the file imports. Query pins:
tests/test_pages_proposals.py."""

from __future__ import annotations

import tomllib
from datetime import date
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.urls import reverse

from tests import pages_support
from tests.pages_support import ROLES
from tracker.models import AuditEvent, Plan, Target

pytestmark = pytest.mark.django_db

HEAD = "郑州市2023年工业发展工作方案\n一、主要目标\n"
GROWTH = "1.力争全市规模以上工业增加值增长8%以上"
TASK = "2.深入开展质量提升行动"
PLAN_TEXT = (
    f"{HEAD}{GROWTH}。责任单位：市工信局、市统计局\n"
    f"{TASK}。责任单位：市市场监管局\n"
    "3.新增绿色工厂5家以上。责任单位：市工信局\n"
)


@pytest.fixture
def document(make):
    return make.document(
        text=PLAN_TEXT,
        slug="zz-2023-plan",
        kind="plan",
        title="郑州市2023年工业发展工作方案",
        issuer="郑州市人民政府",
        published_on=date(2023, 1, 16),
    )


@pytest.fixture
def planner(make):
    return make.user("paula", groups=("planner",))


def _url(document, name: str = "tracker:document-targets") -> str:
    return reverse(name, args=[document.slug])


def test_the_page_shows_each_suggested_target_marked_in_its_paragraph(client, document, planner):
    client.force_login(planner)
    response = client.get(_url(document))
    assert response.status_code == 200
    cards = response.context["cards"]
    assert [(c["t"].code, c["t"].value, c["t"].unit) for c in cards] == [
        ("一.1.1", 8, "%"),
        ("一.3.1", 5, "家"),
    ]
    growth = cards[0]
    assert growth["t"].statement == GROWTH
    assert PLAN_TEXT[growth["t"].start : growth["t"].end] == GROWTH
    fields = {name: value for name, value, _data in growth["fields"]}
    assert fields["牵头单位"] == "市工信局" and fields["配合单位"] == "市统计局"
    assert fields["约束程度"] == "力争" and fields["比较"] == "不低于"
    page = response.content.decode()
    # The statement is marked inside its own paragraph (the item, not the
    # whole text), and again in the full text beside the cards.
    paragraph = str(growth["paragraph"])
    assert '<mark class="proposal">' in paragraph and "主要目标" not in paragraph
    assert page.count('<mark class="proposal">1.力争全市规模以上工业增加值增长8%以上</mark>') == 2
    # Every field of every card carries the suggested tag (10 fields, plus the heading).
    assert page.count('<span class="suggested">') == 2 * 11
    # The task without a figure is listed apart, never as a target.
    assert [t.code for t in response.context["tasks"]] == ["一.2"]
    assert TASK in page.split('id="tasks-heading"')[1]
    assert f'href="{_url(document, "tracker:document-targets-file")}"' in page


def test_the_file_is_what_suggest_targets_writes_and_it_imports(
    client, document, planner, tmp_path: Path
):
    client.force_login(planner)
    response = client.get(_url(document, "tracker:document-targets-file"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/toml; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="zz-2023-plan-draft.toml"'
    printed = StringIO()
    call_command("suggest_targets", document=document.slug, stdout=printed)
    body = response.content.decode()
    assert body == printed.getvalue()
    data = tomllib.loads(body)
    assert [t["code"] for t in data["targets"]] == ["一.1.1", "一.3.1"]
    assert data["targets"][0]["units"] == ["市工信局", "市统计局"]
    assert "# 一.2 2.深入开展质量提升行动 (责任单位: 市市场监管局)" in body
    draft = tmp_path / "draft.toml"
    draft.write_bytes(response.content)
    out = StringIO()
    call_command("import_plan", str(draft), dry_run=True, stdout=out)
    assert not Plan.objects.filter(slug="zz-2023-plan-draft").exists()


def test_the_page_and_the_file_write_nothing(client, document, planner):
    client.force_login(planner)
    events, targets = AuditEvent.objects.count(), Target.objects.count()
    assert client.get(_url(document)).status_code == 200
    assert client.get(_url(document, "tracker:document-targets-file")).status_code == 200
    assert client.post(_url(document)).status_code == 405
    assert (AuditEvent.objects.count(), Target.objects.count()) == (events, targets)


@pytest.mark.parametrize("name", ["tracker:document-targets", "tracker:document-targets-file"])
@pytest.mark.parametrize("role", ROLES)
def test_only_planners_may_open_it(client, document, role, name):
    client.force_login(pages_support.user_with_role(role))
    assert client.get(_url(document, name)).status_code == (200 if role == "planner" else 403)


def test_anonymous_is_sent_to_login(client, document):
    response = client.get(_url(document))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_an_unknown_document_is_404(client, planner):
    client.force_login(planner)
    assert client.get(reverse("tracker:document-targets", args=["nope"])).status_code == 404


def test_the_document_page_links_planners_only(client, document, planner, make):
    link = f'href="{_url(document)}"'
    client.force_login(planner)
    assert link in client.get(reverse("tracker:document", args=[document.slug])).content.decode()
    client.force_login(make.user("sam", groups=("supervisor",)))
    assert (
        link not in client.get(reverse("tracker:document", args=[document.slug])).content.decode()
    )


def test_the_english_page_translates_labels_and_keeps_the_data_chinese(client, document, planner):
    client.force_login(planner)
    client.post(reverse("set_language"), {"language": "en", "next": _url(document)})
    page = client.get(_url(document)).content.decode()
    assert "Suggested targets" in page
    assert '<span lang="zh-Hans">市工信局</span>' in page


def test_a_document_that_is_not_a_plan_says_so(client, planner, make):
    """A reply is read for commitments too, but only for clauses that commit
    to a future figure; the figures it reports are not targets, and the
    page says so (a plan's page does not)."""
    text = (
        "郑州市工信局关于政协提案的答复：\n"
        "2023年全市新增绿色工厂12家。\n"
        "下一步，力争2024年新增绿色工厂15家以上。\n"
    )
    reply = make.document(text=text, slug="zz-2024-reply", published_on=date(2024, 3, 1))
    client.force_login(planner)
    response = client.get(_url(reply))
    assert [c["t"].value for c in response.context["cards"]] == [15]
    page = response.content.decode()
    assert 'id="not-a-plan"' in page
    assert "本文件不是规划（建议提案答复）：只有承诺未来数字的句子" in page
    plan = make.document(text=PLAN_TEXT, slug="zz-2023-plan-b", kind="plan")
    assert 'id="not-a-plan"' not in client.get(_url(plan)).content.decode()
