"""A document shown in paragraphs cut at its own numbering (``一、``,
``（一）``, ``1.``) and line ends, the stored text and the quote offsets
untouched: every highlight still covers exactly its quote (issue 12)."""

from __future__ import annotations

import re
from html import unescape
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from tests import pages_support
from tracker.highlight import Span, highlight, paragraph_starts

PLAN_TEXT = (
    "各有关单位: 现印发给你们。 一、总体思路 坚持新发展理念。 二、发展目标 "
    "(一)规模增长 全市规模以上工业增加值增长7%左右。 （二）投资增速 技改投资增长20%以上。"
    "**1.深入开展对标 推进一、二、三产业融合,增长1.5%。 12．强化目标 2、落实责任\n第二行\n\n第三行"
)


def _starting(text: str) -> list[str]:
    return [text[offset : offset + 4] for offset in paragraph_starts(text)]


def test_paragraphs_start_at_the_documents_own_numbering_and_lines():
    assert _starting(PLAN_TEXT) == [
        "一、总体",
        "二、发展",
        "(一)规",
        "（二）投",
        "1.深入",
        "12．强",
        "2、落实",
        "第二行\n",
        "第三行",
    ]


def test_a_pdfs_wrapped_lines_stay_in_their_paragraph():
    # Lines a PDF's layout broke mid-sentence (and its page footer) are one
    # paragraph; a line ending a paragraph, a heading, the next one starts.
    body = "全市规模以上工业增加值比上年增长7.2%，高于全省平均水平1.1个百分点"
    text = (
        "一、总体情况\n"
        + "\n".join(body[k : k + 12] for k in range(0, len(body), 12))
        + "。\n— 1 —\n"
        + "全年全市完成工业投资1236.5亿元，比上年增长10.3%，其中技术\n"
        + "改造投资增长18.6%，拉动作用进一步增强，重大项目建设扎实推进\n"
        + "，先进制造业项目加快落地。\n"
        + "二、主要产品\n"
    )
    assert _starting(text) == ["全市规模", "— 1 ", "全年全市", "二、主要"]


@pytest.mark.parametrize(
    "text",
    [
        "推进一、二、三产业融合",  # a list inside a sentence
        "增长1.5%,达到2.3万亿元",  # decimals
        "第(一)项",  # after a word
        "2019、2020年",  # years listed
        "a\n\n",  # only blank lines after
    ],
)
def test_nothing_is_cut_inside_a_sentence(text):
    assert paragraph_starts(text) == []


class _Marks(HTMLParser):
    """Text of the page's ``<mark>`` pieces by the link they sit in, and the
    article's visible text (cues and hidden names left out)."""

    def __init__(self) -> None:
        super().__init__()
        self.href: str | None = None
        self.in_mark = False
        self.hidden = 0
        self.marked: dict[str, str] = {}
        self.paragraphs = 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "a" and "mark-link" in (attrs.get("class") or ""):
            self.href = attrs["href"]
        elif tag == "mark":
            self.in_mark = True
        elif tag == "p":
            self.paragraphs += 1
        elif tag == "span" and self.hidden:
            self.hidden += 1
        elif tag == "span" and re.search(r"\b(cue|visually-hidden)\b", attrs.get("class") or ""):
            self.hidden = 1

    def handle_endtag(self, tag):
        if tag == "a":
            self.href = None
        elif tag == "mark":
            self.in_mark = False
        elif tag == "span" and self.hidden:
            self.hidden -= 1

    def handle_data(self, data):
        if self.in_mark and self.href:
            self.marked[self.href] = self.marked.get(self.href, "") + data


def _parse(html: str) -> _Marks:
    parser = _Marks()
    parser.feed(html)
    return parser


def _span(start: int, end: int, name: str) -> Span:
    return Span(start, end, f"/t/{name}", f"a-{name}", "完成情况引述", "引述", name, name)


def test_a_quote_running_over_a_cut_is_marked_in_both_paragraphs_exactly():
    text = PLAN_TEXT
    start = text.index("技改投资")
    end = text.index("深入开展") + 4  # runs over "**1."
    other = text.index("增长7%左右")
    html = highlight(text, [_span(start, end, "x"), _span(other, other + 6, "y")], paragraphs=True)
    parsed = _parse(html)
    assert parsed.marked == {"/t/x": text[start:end], "/t/y": "增长7%左右"}
    assert parsed.paragraphs == len(paragraph_starts(text)) + 1
    assert html.count('id="a-x"') == 1 and html.count(">引述 x</span>") == 1
    # Without the tags, the text is the stored text, character for character.
    visible = re.sub(r'<span class="(cue|visually-hidden)[^"]*"[^>]*>[^<]*</span>', "", html)
    assert unescape(re.sub(r"<[^>]+>", "", visible)) == text


def test_without_paragraphs_the_markup_is_unchanged():
    assert highlight("一、甲 二、乙", []) == "一、甲 二、乙"
    assert highlight("一、甲 二、乙", [], paragraphs=True) == "<p>一、甲 </p><p>二、乙</p>"


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_the_plan_documents_page_is_in_paragraphs_and_quotes_land_exactly(client, make, language):
    """The demo's plan text (one line, numbered in the text) through the page."""
    text = (
        Path(settings.BASE_DIR) / "fixtures/documents/zz-2020-manufacturing-plan.txt"
    ).read_text(encoding="utf-8")
    document = make.document(text=text, kind="plan")
    quotes = ["规模以上工业增加值增长7%左右", "增长点。 9.实施标志性项目", "二、发展目标"]
    outcomes = []
    for quote in quotes:
        assert quote in text
        outcomes.append(make.outcome(make.target(), document_=document, quote=quote))
    client.force_login(pages_support.user_with_role("auditor"))
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    response = client.get(reverse("tracker:document", args=[document.slug]))
    page = response.content.decode()
    parsed = _parse(page)
    assert parsed.paragraphs > 20
    for outcome in outcomes:
        href = reverse("tracker:target-detail", args=[outcome.target_id]) + f"#outcome-{outcome.pk}"
        assert parsed.marked[href] == text[outcome.quote_start : outcome.quote_end]
        assert text[outcome.quote_start : outcome.quote_end] == outcome.quote
    article = re.search(r'<article class="document-text"([^>]*)>', page).group(1)
    assert article == ("" if language == "zh-hans" else ' lang="zh-Hans"')
