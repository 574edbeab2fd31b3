"""Tables laid out as text, read as sentences (tracker/domain/reading/
tables.py), on made-up text: rows become the sentences the table says, the
caption's year frames them, and a quote is the row in the stored text."""

from datetime import date
from decimal import Decimal

from tests.domain.reading_support import make_target, top
from tracker.domain.reading.wraps import unwrap

ON = date(2023, 3, 20)
BULLETIN = (
    "2022年郑州市国民经济和社会发展统计公报\n"
    "全年全市经济运行稳中有进。主要指标见表1、表2。\n"
    "表1　2022年全市主要经济指标\n"
    "指标　　单位　　绝对数　　比上年增长（%）\n"
    "地区生产总值　　亿元　　12934.7　　1.0\n"
    "规模以上工业增加值　　—　　—　　4.4\n"
    "表2　2022年全市规模以上工业主要产品产量\n"
    "产品名称　　产量（万吨）　　比上年增长（%）\n"
    "钢材　　702.8　　-4.9\n"
    "水泥　　1186.3　　2.1\n"
    "全市常住人口1282.8万人。\n"
)


def test_rows_read_as_the_sentences_the_table_says():
    flat = unwrap(BULLETIN)
    assert flat is not None
    assert "表1　2022年全市主要经济指标：地区生产总值12934.7亿元，同比增长1.0%；" in flat.text
    assert "规模以上工业增加值，同比增长4.4%。" in flat.text
    assert "钢材产量702.8万吨，同比下降4.9%；水泥产量1186.3万吨" in flat.text
    # the lines around the tables are left as they are
    assert flat.text.startswith("2022年郑州市国民经济和社会发展统计公报\n全年全市")
    assert flat.text.endswith("\n全市常住人口1282.8万人。\n")


def test_a_rows_figure_is_proposed_with_the_row_as_its_quote():
    steel = make_target("钢材产量", "万吨")
    proposal = top(BULLETIN, steel, on=ON)
    assert (proposal.value, proposal.unit) == (Decimal("702.8"), "万吨")
    assert (proposal.period_start, proposal.period_end) == (date(2022, 1, 1), date(2022, 12, 31))
    assert proposal.quote in "钢材　　702.8　　-4.9" and "702.8" in proposal.quote
    growth = make_target("规模以上工业增加值增速", "%", "rate")
    assert top(BULLETIN, growth, on=ON).value == Decimal("4.4")
    decline = make_target("钢材产量增速", "%", "rate")
    assert top(BULLETIN, decline, on=ON).value == Decimal("-4.9")


def test_lines_of_cells_with_no_header_of_words_are_no_table():
    assert unwrap("2022年　　2023年　　2024年\n12.1　　13.4　　15.0\n全市增长。\n") is None


def test_tables_of_a_web_page_or_a_docx_read_the_same():
    # inscriptis pads an HTML table's cells with blanks and leaves a blank
    # line under the caption; python-docx joins a row's cells with tabs.
    web = (
        "表1 2022年郑州市主要指标\n\n指标      单位  绝对数     比上年增长（%）\n"
        "地区生产总值  亿元  12934.7  1.0     \n"
    )
    docx = (
        "表1 2022年郑州市主要指标\n指标\t单位\t绝对数\t比上年增长（%）\n"
        "地区生产总值\t亿元\t12934.7\t1.0\n"
    )
    said = "表1 2022年郑州市主要指标：地区生产总值12934.7亿元，同比增长1.0%。"
    for text in (web, docx):
        flat = unwrap(text)
        assert flat is not None and said in flat.text
        gdp = make_target("地区生产总值", "亿元")
        proposal = top(text, gdp, on=ON)
        assert proposal.value == Decimal("12934.7") and proposal.period_end == date(2022, 12, 31)
        assert proposal.quote == text[proposal.start : proposal.end]


def test_a_row_named_over_two_cells_reads_both():
    # 产业 | 指标 | 单位 | figures: the row names 集成电路's 规上工业产值.
    text = (
        "2024年绍兴市工作总结\n"
        "表1　绍兴市重点产业主要指标（2024年1—11月）\n"
        "产业\t指标\t单位\t1—11月\t同比增长（%）\n"
        "集成电路\t规上工业产值\t亿元\t1026.4\t21.5\n"
        "集成电路\t规上工业企业\t家\t79\t—\n"
    )
    flat = unwrap(text)
    rows = "集成电路规上工业产值1—11月1026.4亿元，同比增长21.5%；集成电路规上工业企业1—11月79家。"
    assert rows in flat.text
    output = make_target("集成电路产业规上工业产值", "亿元", city="绍兴市")
    proposal = top(text, output, on=date(2025, 1, 8))
    assert proposal.value == Decimal("1026.4")
    assert proposal.quote.startswith("集成电路\t规上工业产值")


def test_a_goal_column_is_left_out_and_further_columns_name_their_figures():
    text = (
        "2025年鞍山市政府工作报告\n"
        "表1　2024年鞍山市主要经济指标完成情况\n"
        "指标      单位      年度目标      完成        增长\n"
        "地区生产总值      亿元      2180      2186.4      5.1\n"
        "固定资产投资增速      %      8      -4.7      —\n"
        "\n"
        "地区\t进出口总额（亿元）\t同比增长（%）\t出口（亿元）\n"
        "全市\t1936.8\t6.4\t1382.5\n"
    )
    flat = unwrap(text).text
    assert "地区生产总值2186.4亿元，同比增长5.1%；固定资产投资增速-4.7%。" in flat
    assert "2180" not in flat
    assert "全市进出口总额1936.8亿元，同比增长6.4%，出口1382.5亿元。" in flat
    exports = make_target("出口总额", "亿元", city="鞍山市")
    assert top(text, exports, on=date(2025, 1, 15)).value == Decimal("1382.5")


def test_a_months_column_says_that_month_and_a_year_so_far_column_its_span():
    text = (
        "晋城市统计局\n"
        "2025年1—10月晋城市主要经济指标\n"
        "指标\t单位\t10月\t1—10月\t累计同比增长（%）\n"
        "煤层气抽采量\t亿立方米\t7.1\t68.7\t7.5\n"
        "发电量\t亿千瓦时\t24.6\t251.8\t-2.7\n"
    )
    assert "煤层气抽采量10月份7.1亿立方米，1—10月68.7亿立方米，同比增长7.5%" in unwrap(text).text
    gas = make_target("煤层气抽采量", "亿立方米", city="晋城市")
    gas = gas.__class__(
        **{**gas.__dict__, "period_start": date(2025, 1, 1), "period_end": date(2025, 12, 31)}
    )
    found = top(text, gas, on=date(2025, 11, 20))
    assert (found.value, found.period_end) == (Decimal("68.7"), date(2025, 10, 31))
