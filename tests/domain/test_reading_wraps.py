"""Text laid out as lines (a PDF's), read flat (tracker/domain/reading/
wraps.py), on made-up text: what joins, what stays a line, and every
proposal's quote cut from the stored text."""

from datetime import date
from decimal import Decimal

from tests.domain.reading_support import make_target, top
from tracker.domain.reading.wraps import unwrap

WRAPPED = (
    "关于2022年工业经济运行情况的报告\n"
    "郑工信〔2023〕12号\n"
    "\n"
    "一、总体情况\n"
    "2022年，面对多重压力，郑州市工业经济稳中有进，全市规模以上工\n"
    "业增加值比上年增长7.2%，高于全省平均水平1.1个百分点，运行质\n"
    "量持续提升。全年全市完成工业投资1236.5亿元，比上年增长10.3%\n"
    "，其中技术改造投资增长18.6%，拉动作用进一步增强，重大项目建设\n"
    "— 1 —\n"
    "扎实推进，先进制造业项目加快落地，产业结构持续优化，发展后劲增强。\n"
    "二、主要产品\n"
    "产品名称　　单位　　产量\n"
    "钢材　　万吨　　702.8\n"
)


def test_a_wrapped_text_reads_flat_with_footers_dropped():
    flat = unwrap(WRAPPED)
    assert flat is not None
    lines = flat.text.split("\n")
    # the title, its document number and the headings stay lines of their own
    assert lines[:4] == [
        "关于2022年工业经济运行情况的报告",
        "郑工信〔2023〕12号",
        "",
        "一、总体情况",
    ]
    assert "全市规模以上工业增加值比上年增长7.2%" in flat.text
    assert "— 1 —" not in flat.text and "重大项目建设扎实推进" in flat.text
    # a table is read as its rows say (tables.py)
    assert "二、主要产品\n钢材产量702.8万吨。" in flat.text
    # the line ends a paragraph runs over, a page footer's included
    assert {WRAPPED[at] for at in flat.joined} == {"\n"} and len(flat.joined) == 5
    # every flat character read from a line is the stored text's at its origin
    body = flat.text.index("钢材")
    pairs = zip(flat.text[:body], flat.origin[:body], strict=True)
    assert all(WRAPPED[o] == c for c, o in pairs)


def test_a_text_with_a_paragraph_per_line_is_read_as_it_is():
    paragraphs = (
        "一、总体情况\n2022年，郑州市全市规模以上工业增加值比上年增长7.2%。\n"
        "二、投资\n全年全市完成工业投资1236.5亿元，比上年增长10.3%。\n"
        "三、产品\n钢材产量702.8万吨。\n"
    )
    assert unwrap(paragraphs) is None


def test_a_proposal_on_a_wrapped_text_quotes_the_stored_text():
    growth = make_target("规模以上工业增加值增速", "%", "rate")
    proposal = top(WRAPPED, growth, on=date(2023, 2, 1))
    assert proposal.value == Decimal("7.2")
    assert proposal.quote == WRAPPED[proposal.start : proposal.end]
    assert "工\n业增加值" in proposal.quote


def test_a_line_before_a_table_does_not_run_into_it():
    lead = "全年全市主要产品产量稳步增长，部分产品产量创历史新高，详见\n"
    text = WRAPPED.replace("二、主要产品\n", lead)
    flat = unwrap(text + "全年规模以上工业企业实现利润增长5%。\n")
    assert "详见\n钢材产量702.8万吨。" in flat.text


def test_a_page_break_with_blank_lines_mid_sentence_joins_the_sentence():
    # pdfminer leaves blank lines around the footer; the sentence still runs
    # on across the page, and its quote keeps the footer it spans.
    text = WRAPPED.replace("\n— 1 —\n", "\n\n— 1 —\n\n").replace(
        "扎实推进，", "扎实推进，技术改造投资占工业投资的比重\n\n— 2 —\n\n为41.3%，"
    )
    flat = unwrap(text)
    assert "重大项目建设扎实推进，技术改造投资占工业投资的比重为41.3%" in flat.text
    share = make_target("技术改造投资占工业投资比重", "%", "level")
    proposal = top(text, share, on=date(2023, 2, 1))
    assert proposal.value == Decimal("41.3")
    assert "\n\n— 2 —\n\n为41.3%" in proposal.quote


def test_a_page_break_after_a_paragraphs_end_keeps_the_paragraphs_apart():
    text = WRAPPED.replace(
        "发展后劲增强。\n", "发展后劲增强。\n运行总体平稳。\n\n— 2 —\n\n全市规上工业企业2051家。\n"
    )
    assert "运行总体平稳。\n全市规上工业企业2051家。" in unwrap(text).text
