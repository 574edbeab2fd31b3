"""Headings and 一是/二是 items as what the figures under them are about
(tracker/domain/reading/sections.py), on made-up text."""

from decimal import Decimal

from tests.domain.reading_support import make_target, top
from tracker.domain.reading.sections import read_sections

TEXT = (
    "一、工作开展情况\n"
    "2022年,我市扎实推进各项工作。一是完成城市建成区重污染企业搬迁改造。"
    "郑州市纳入范围的企业共11家,均已完成。二是开展小散企业整治。全市整治企业500家。\n"
    "全市新增企业90家,同比增长5%。\n"
)


def test_an_items_lead_is_the_topic_of_its_sentences_to_the_next_item():
    sections = read_sections(TEXT)
    assert sections.topic(TEXT.index("11家")) == "一、工作开展情况 完成城市建成区重污染企业搬迁改造"
    assert sections.topic(TEXT.index("500家")) == "一、工作开展情况 开展小散企业整治"
    # The paragraph's end ends the item; a lead is not its own topic.
    assert sections.topic(TEXT.index("90家")) == "一、工作开展情况"
    assert sections.topic(TEXT.index("完成城市")) == "一、工作开展情况"


def test_a_figure_reports_what_its_items_lead_names():
    relocated = make_target("城市建成区重污染企业搬迁改造企业数", measure="level")
    proposal = top(TEXT, relocated)
    assert proposal is not None and proposal.value == Decimal("11")


def test_a_sentence_pointing_to_a_table_heads_nothing():
    text = "三、工业\n全年规模以上工业主要产品产量见表2。\n全年建筑业增加值412.6亿元，增长3.8%。\n"
    sections = read_sections(text)
    assert [h.words for h in sections.headings] == ["三、工业"]
