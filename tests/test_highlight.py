"""Marking quoted passages in a document's text: escaped, overlap-safe, told
apart without colour (a cue after each passage) and named by the targets
each piece serves (WCAG 1.4.1, 2.4.4)."""

from __future__ import annotations

from django.utils import translation

from tracker.highlight import Span, find_span, highlight


def span(start, end, name="a", css="quote") -> Span:
    kind, tag = ("目标出处", "目标") if css == "source" else ("完成情况引述", "引述")
    return Span(start, end, f"/t/{name}", f"anchor-{name}", kind, tag, name, f"{name} 指标", css)


def test_marks_a_span_with_its_link_anchor_name_and_cue():
    html = highlight("前文技改投资增长29%后文", [span(2, 11)])
    assert html == (
        '前文<span id="anchor-a"></span>'
        '<a class="mark-link" href="/t/a" title="完成情况引述：a 指标">'
        '<mark class="quote">技改投资增长29%</mark>'
        '<span class="visually-hidden" lang="zh-hans">（完成情况引述：a 指标）</span></a>'
        '<span class="cue cue-quote" lang="zh-hans" aria-hidden="true">引述 a</span>后文'
    )


def test_text_and_titles_are_escaped():
    evil = Span(0, 8, "/t?a=1&b=2", "q", '"><b>', "<i>", "<s>", '"><u>')
    html = highlight("<script>x</script> & 2<3", [evil])
    assert "<script>" not in html and "<b>" not in html and "<u>" not in html
    assert "&lt;script&gt;" in html
    assert "2&lt;3" in html and "&amp;" in html
    assert 'href="/t?a=1&amp;b=2"' in html
    assert 'title="&quot;&gt;&lt;b&gt;：&quot;&gt;&lt;u&gt;"' in html


def test_overlapping_spans_are_cut_into_pieces_each_named_by_all_its_targets():
    text = "0123456789"
    html = highlight(text, [span(2, 6, "a"), span(4, 8, "b", "source")])
    # Pieces: 01 | 23 (a) | 45 (a, b) | 67 (b) | 89
    assert html.count("<mark") == 3
    assert '<mark class="quote source">45</mark>' in html
    assert 'title="完成情况引述：a 指标 / 目标出处：b 指标"' in html
    assert "（完成情况引述：a 指标；目标出处：b 指标）" in html
    assert html.count('id="anchor-a"') == 1 and html.count('id="anchor-b"') == 1


def test_one_cue_where_each_passage_ends():
    html = highlight("0123456789", [span(2, 6, "a"), span(4, 8, "b", "source")])
    assert html.count('class="cue') == 2
    assert html.index(">引述 a</span>") < html.index("67</mark>")
    assert html.index("67</mark>") < html.index(">目标 b</span>")
    assert 'class="cue cue-source"' in html


def test_nested_span_links_to_the_innermost():
    html = highlight("0123456789", [span(0, 10, "outer"), span(3, 5, "inner")])
    assert '<a class="mark-link" href="/t/inner" title="完成情况引述：outer 指标 / ' in html


def test_pending_quotes_get_their_own_cue():
    html = highlight("0123", [span(0, 2, "p", "quote pending submitted")])
    assert 'class="cue cue-pending"' in html


def test_on_an_english_page_the_data_is_marked_chinese_and_the_cues_english():
    with translation.override("en"):
        html = highlight("0123", [span(0, 2, "二.1")])
    assert '<span class="cue cue-quote" lang="en" aria-hidden="true">' in html
    assert '<span lang="zh-Hans">二.1</span></span>' in html
    assert '<span class="visually-hidden" lang="en">' in html


def test_spans_outside_the_text_or_empty_are_ignored():
    assert highlight("abc", [span(2, 9), span(1, 1), span(-1, 2)]) == "abc"


def test_find_span():
    assert find_span("甲乙丙丁", "乙丙") == (1, 3)
    assert find_span("甲乙丙丁", "戊") is None
    assert find_span("甲乙丙丁", "") is None
