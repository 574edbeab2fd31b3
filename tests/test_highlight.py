"""Marking quoted passages in a document's text: escaped, overlap-safe."""

from __future__ import annotations

from tracker.highlight import Span, find_span, highlight


def span(start, end, name="a", css="quote") -> Span:
    return Span(start, end, f"/t/{name}", f"title {name}", f"anchor-{name}", css)


def test_marks_a_span_with_its_link_and_anchor():
    html = highlight("前文技改投资增长29%后文", [span(2, 11)])
    assert html == (
        '前文<span id="anchor-a"></span><a class="mark-link" href="/t/a" title="title a">'
        '<mark class="quote">技改投资增长29%</mark></a>后文'
    )


def test_text_and_titles_are_escaped():
    html = highlight("<script>x</script> & 2<3", [Span(0, 8, "/t?a=1&b=2", '"><b>', "q")])
    assert "<script>" not in html
    assert "&lt;script&gt;" in html
    assert "2&lt;3" in html and "&amp;" in html
    assert 'href="/t?a=1&amp;b=2"' in html
    assert 'title="&quot;&gt;&lt;b&gt;"' in html


def test_overlapping_spans_are_cut_into_pieces():
    text = "0123456789"
    html = highlight(text, [span(2, 6, "a"), span(4, 8, "b", "source")])
    # Pieces: 01 | 23 (a) | 45 (a, b) | 67 (b) | 89
    assert html.count("<mark") == 3
    assert '<mark class="quote source">45</mark>' in html
    assert 'title="title a / title b"' in html
    assert html.count('id="anchor-a"') == 1 and html.count('id="anchor-b"') == 1


def test_nested_span_links_to_the_innermost():
    html = highlight("0123456789", [span(0, 10, "outer"), span(3, 5, "inner")])
    assert '<a class="mark-link" href="/t/inner" title="title outer / title inner"><mark' in html


def test_spans_outside_the_text_or_empty_are_ignored():
    assert highlight("abc", [span(2, 9), span(1, 1), span(-1, 2)]) == "abc"


def test_find_span():
    assert find_span("甲乙丙丁", "乙丙") == (1, 3)
    assert find_span("甲乙丙丁", "戊") is None
    assert find_span("甲乙丙丁", "") is None
