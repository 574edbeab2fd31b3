"""A paragraph's frame (tracker/domain/reading/frames.py): a figure whose
sentence names no period takes the period an earlier sentence of its
paragraph opens with, on made-up sentences."""

from datetime import date

from tracker.domain.reading import read_mentions

ON = date(2023, 3, 1)


def _period(text: str, value: str, on: date | None = ON, is_plan: bool = False):
    """(start, end, the words that dated it) of the figure ``value``."""
    for mention in read_mentions(text, on=on, is_plan=is_plan):
        if str(mention.figure.figure.value) == value:
            return mention.period_start, mention.period_end, mention.period_text
    raise AssertionError(f"no figure {value} in {text!r}")


def test_a_year_opening_a_sentence_dates_the_later_sentences_of_its_paragraph():
    text = "2022年,郑州市工业经济稳中有进。全市规上工业企业达到1800家,净增120家。"
    assert _period(text, "1800") == (date(2022, 1, 1), date(2022, 12, 31), "2022年")
    assert _period(text, "120")[:2] == (date(2022, 1, 1), date(2022, 12, 31))


def test_a_day_opening_a_sentence_dates_a_stock_after_it():
    text = "截至2022年底,全市中小企业达到2万家。全市规上工业企业1800家。"
    assert _period(text, "1800")[:2] == (date(2022, 12, 31), date(2022, 12, 31))


def test_a_period_standing_as_its_own_clause_frames_too():
    text = "记者从会上获悉,2022年,郑州市工业经济稳中有进。全市规上工业企业达到1800家。"
    assert _period(text, "1800")[2] == "2022年"


def test_the_last_frame_before_the_sentence_wins():
    text = "2021年,全市新增企业100家。2022年1-10月,全市新增企业90家。全市规上工业企业1800家。"
    assert _period(text, "1800")[:2] == (date(2022, 1, 1), date(2022, 10, 31))


def test_a_paragraph_break_ends_the_frame():
    text = "2021年,郑州市工业经济稳中有进。\n全市规上工业企业达到1800家。"
    assert _period(text, "1800") == (ON, ON, "document_date")


def test_goals_spans_and_periods_inside_a_clause_set_no_frame():
    for text in (
        "到2025年,全市规上工业企业力争达到2000家。全市规上工业企业1800家。",
        "2019年—2021年,全市工业稳步增长。全市规上工业企业1800家。",
        "2020年以来,全市工业稳步增长。全市规上工业企业1800家。",
        "全市工业增加值比2020年增长10%。全市规上工业企业1800家。",
        "2024年,全市规上工业企业力争达到2000家。全市规上工业企业1800家。",
    ):
        assert _period(text, "1800") == (ON, ON, "document_date"), text


def test_a_plan_has_no_frames():
    # In a plan an undated figure is the plan's own goal, not a report.
    text = "2020年,全市工业稳步增长。全市规上工业企业达到1800家。"
    assert _period(text, "1800", on=date(2020, 4, 14), is_plan=True)[2] != "2020年"


def test_a_heading_with_a_period_frames_what_is_under_it():
    text = (
        "关于2022年度民生实事完成情况的通报\n"
        "一、城乡建设\n"
        "全市新改建农村公路1083公里,超额完成年度任务。\n"
        "目前全市已集聚电池企业120余家。\n"
    )
    assert _period(text, "1083")[:2] == (date(2022, 1, 1), date(2022, 12, 31))
    # 目前 is the text's day, whatever the heading says.
    assert _period(text, "120")[:2] == (ON, ON)


def test_a_heading_of_plans_frames_nothing():
    text = "三、2024年工作安排\n全市新改建农村公路1083公里,新建充电桩200个。\n"
    assert _period(text, "1083") == (ON, ON, "document_date")


def test_a_past_year_heading_frames_the_year_before_the_texts_day():
    review = "一、过去一年工作回顾\n综合实力稳步提升。全市规上工业企业达到1800家,同比增长5%。\n"
    assert _period(review, "1800")[:2] == (date(2022, 1, 1), date(2022, 12, 31))
    # Undated: the year of the latest period it reports, its goals apart.
    undated = (
        "2022年是关键一年。\n"
        + review
        + "二、2023年主要目标任务\n全市规上工业企业力争达到2000家。\n"
    )
    assert _period(undated, "1800", on=None)[:2] == (date(2022, 1, 1), date(2022, 12, 31))


def test_a_period_opening_a_later_clause_speaks_for_that_clause_only():
    text = "1-8月,全市铅产量55.6万吨,8月当月产量7.2万吨;白银产量1836.5吨。"
    assert _period(text, "7.2")[:2] == (date(2022, 8, 1), date(2022, 8, 31))
    assert _period(text, "1836.5")[:2] == (date(2022, 1, 1), date(2022, 8, 31))


def test_looking_from_a_period_is_that_period_not_a_comparison():
    text = "从8月当月看,全市白银产量246.3吨。"
    assert _period(text, "246.3")[:2] == (date(2022, 8, 1), date(2022, 8, 31))


def test_the_whole_year_in_a_paragraph_opened_by_a_year_is_that_year():
    text = "2021年,全市新能源汽车产量71.3万辆。全年新能源汽车出口19.8万辆。"
    assert _period(text, "19.8")[:2] == (date(2021, 1, 1), date(2021, 12, 31))


def test_a_period_opening_a_clause_heads_the_rest_when_none_heads_the_sentence():
    text = (
        "从与1-7月对比情况看,1-7月全市规上工业增加值增长7.1%,规上工业企业实现营业收入1128.6亿元。"
    )
    assert _period(text, "1128.6")[:2] == (date(2022, 1, 1), date(2022, 7, 31))


def test_a_sentence_opening_with_the_whole_year_frames_its_paragraph():
    text = "全年全市石化产业实现营业收入2768.4亿元。从主要产品看,原油加工量1820.5万吨。"
    assert _period(text, "1820.5")[:2] == (date(2022, 1, 1), date(2022, 12, 31))


def test_an_undated_report_naming_only_its_goals_year_reviews_the_year_before():
    text = (
        "一、过去一年工作回顾\n全市地区生产总值完成6213.5亿元,同比增长5%。\n"
        "二、2025年主要目标任务\n地区生产总值增长6%左右。\n"
    )
    assert _period(text, "6213.5", on=None)[:2] == (date(2024, 1, 1), date(2024, 12, 31))


def test_entering_a_year_is_no_report_of_it():
    text = (
        "2024年,全市新能源汽车产量71.3万辆。全年新能源汽车出口19.8万辆。\n"
        "进入2025年,产业继续向好。2025年一季度,全市新能源汽车产量17.9万辆。\n"
        "全年工业机器人产量1.42万台。\n"
    )
    assert _period(text, "1.42", on=None)[:2] == (date(2024, 1, 1), date(2024, 12, 31))


def test_a_long_title_frames_the_text_and_the_years_end_is_its_last_day():
    text = (
        "郑州市2022年国民经济和社会发展统计公报（工业、能源、投资、消费、收入部分摘要）\n"
        "郑州市统计局\n2023年3月1日\n"
        "全社会用电量达到218.4亿千瓦时,比上年增长9.1%。\n"
        "年末全市规模以上工业企业1146家,比上年末净增87家。\n"
    )
    assert _period(text, "218.4")[:2] == (date(2022, 1, 1), date(2022, 12, 31))
    assert _period(text, "1146")[:2] == (date(2022, 12, 31), date(2022, 12, 31))


def test_a_goals_year_is_no_year_the_text_reports():
    text = (
        "2022年,全市原油加工量稳步增长。\n"
        "2023年,我市将力争原油加工量突破1200万吨。\n"
        "全年原油加工量1105万吨。\n"
    )
    assert _period(text, "1105", on=None)[:2] == (date(2022, 1, 1), date(2022, 12, 31))


def test_a_figure_compared_with_last_year_under_a_months_frame_is_the_years():
    text = (
        "12月份，全市公路货运量912万吨，环比增长3.6%。"
        "全市交通运输业增加值比上年增长6.1%。全市客运量下降2%。"
    )
    assert _period(text, "6.1", on=date(2023, 1, 10))[:2] == (date(2022, 1, 1), date(2022, 12, 31))
    # one not compared with the year before keeps the month's frame
    assert _period(text, "2", on=date(2023, 1, 10))[:2] == (date(2022, 12, 1), date(2022, 12, 31))


def test_a_section_opened_by_a_year_frames_its_later_paragraphs():
    # 一、产业发展基本情况 names no year, its first paragraph opens with 2024年
    # after a lead: the section is 2024's, so (三)'s undated figures are too.
    text = (
        "一、产业发展基本情况\n"
        "（一）化工新材料产业。2024年，全市化工新材料产业实现产值1186.4亿元，同比增长9.2%，"
        "高于全市规模以上工业产值增速3.1个百分点。\n"
        "（二）两大产业协同情况。本地化工新材料企业为汽车零部件企业配套的产品销售额"
        "达到37.6亿元，汽车零部件企业所用化工材料的本地配套率由2023年的14.2%提高到17.5%。\n"
        "今年1—5月，全市化工新材料产业实现产值512.6亿元。\n"
    )
    assert _period(text, "17.5", on=None)[:2] == (date(2024, 1, 1), date(2024, 12, 31))
    assert _period(text, "37.6", on=None)[:2] == (date(2024, 1, 1), date(2024, 12, 31))


def test_a_section_opened_by_a_figure_is_framed_by_nothing_it_holds_later():
    text = "一、产业发展基本情况\n全市企业300家，2024年新增20家。\n本地配套率提高到17.5%。\n"
    assert _period(text, "17.5")[2] == "document_date"


def test_a_look_back_frames_its_own_sentence_only():
    # 2023年,… in a paragraph opened by 2024年 is an aside: 全年 after it
    # is still 2024's.
    text = (
        "2024年，全市接待游客1.38亿人次。2023年，全市接待游客为1.24亿人次。"
        "全年接待入境过夜游客186.2万人次。"
    )
    on = date(2025, 3, 1)
    assert _period(text, "1.24", on=on)[:2] == (date(2023, 1, 1), date(2023, 12, 31))
    assert _period(text, "186.2", on=on)[:2] == (date(2024, 1, 1), date(2024, 12, 31))


def test_later_years_of_a_paragraph_still_move_its_frame():
    text = "2023年，全市新增企业100家。2024年，全市新增企业90家。全市规上工业企业1800家。"
    assert _period(text, "1800", on=date(2025, 3, 1))[:2] == (date(2024, 1, 1), date(2024, 12, 31))


def test_a_paragraph_reading_the_table_above_takes_its_captions_period():
    text = (
        "一、2024年工作总结\n"
        "表1　绍兴市重点产业主要指标（2024年1—11月）\n"
        "产业\t指标\t单位\t1—11月\t同比增长（%）\n"
        "集成电路\t规上工业产值\t亿元\t1026.4\t21.5\n"
        "黄酒\t规上工业产值\t亿元\t96.4\t5.1\n"
        "\n"
        "从表中看，集成电路产业规上工业产值占全市规上工业总产值的比重达到7.9%。\n"
    )
    from tracker.domain.reading.wraps import unwrap

    flat = unwrap(text).text
    assert _period(flat, "7.9", on=date(2025, 1, 8))[:2] == (date(2024, 1, 1), date(2024, 11, 30))


def test_the_same_period_a_year_before_opens_a_baseline():
    text = "1—11月，全市工业投资同比增长13.2%。上年同期，全市工业投资增长8.7%。"
    on = date(2024, 12, 25)
    start, end, _words = _period(text, "8.7", on=on)
    assert (start, end) == (date(2023, 1, 1), date(2023, 11, 30))
    assert _period(text, "13.2", on=on)[:2] == (date(2024, 1, 1), date(2024, 11, 30))


def test_compared_with_the_same_part_of_last_year_a_part_year_frame_stays():
    # 比上年同期 (not 比上年) under 上半年 keeps the half year.
    text = (
        "上半年，全市实际使用外资12.86亿美元。其中，制造业占比63.3%，"
        "比上年同期提高4.2个百分点；高技术产业实际使用外资4.02亿美元。"
    )
    assert _period(text, "4.02", on=date(2025, 7, 22))[:2] == (date(2025, 1, 1), date(2025, 6, 30))
