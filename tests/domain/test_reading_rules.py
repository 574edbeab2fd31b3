"""The outcome reader's rule classes (docs/extraction.md), each on made-up
sentences: variants, measure words, change-word families and related scopes
(proxies), what a count counts, plans, places, comparisons with 从/由,
ellipses, 以来 in an undated text, and scale words."""

from datetime import date
from decimal import Decimal

from tests.domain.reading_support import make_target as _target
from tests.domain.reading_support import top as _top
from tracker.domain.phrases import find_figures
from tracker.domain.reading import propose_outcomes, read_mentions
from tracker.domain.reading.places import another_place_named, text_speaks_for
from tracker.domain.units import SEED_REGISTRY


def test_a_character_variant_is_the_same_indicator():
    top = _top("郑州市2022年淘汰炭素产能30万吨。", _target("淘汰碳素产能", "万吨"))
    assert (top.value, top.proxy) == (Decimal("30"), False)


def test_a_change_word_of_the_same_family_is_a_proxy():
    top = _top("郑州市2022年耐材行业退出产能20万吨。", _target("压减耐材产能", "万吨"))
    assert top.value == Decimal("20")
    assert top.proxy
    assert ("proxy", "压减耐材产能") in top.why


def test_annual_output_before_a_figure_is_a_capacity():
    top = _top("郑州市2022年拆除年产15万吨的水泥窑。", _target("压减水泥产能", "万吨"))
    assert top.value == Decimal("15") and top.proxy


def test_a_measure_word_is_said_by_the_unit():
    top = _top("郑州市2022年签约项目120个。", _target("签约项目数", unit="个"))
    assert (top.value, top.proxy) == (Decimal("120"), False)


def test_a_related_scope_is_a_proxy_never_a_match():
    top = _top("郑州市2022年,规模以上工业企业达到2600家。", _target("规模以上制造业企业数", "家"))
    assert top.value == Decimal("2600")
    assert top.proxy


def test_a_figure_naming_another_target_itself_is_no_proxy_for_this_one():
    industry = _target("规上工业企业数", "家", code="A")
    manufacturing = _target("规上制造业企业数", "家", code="B")
    text = "郑州市2022年,规上工业企业达到2600家。"
    assert _top(text, manufacturing, others=[industry]) is None
    assert _top(text, industry, others=[manufacturing]).value == Decimal("2600")


def test_generic_words_weigh_less_than_the_words_that_tell_indicators_apart():
    high_tech = _target("高技术产业占比", "%", "level")
    text = "郑州市2022年,主导产业占规上工业的比重达80%,高技术制造业占比达到30%。"
    assert _top(text, high_tech).value == Decimal("30")


def test_a_count_of_something_else_is_not_proposed():
    target = _target("规上制造业企业数", "个")
    assert _top("郑州市2022年面向规上制造业企业征集,3个优质项目已入库。", target) is None
    assert _top("郑州市2022年,培育规上制造业企业3个。", target).value == Decimal("3")


def test_a_plan_before_a_figure_is_not_a_report():
    racks = _target("数据中心机架数", "个", "level")
    assert _top("郑州市2022年规划机架数量超过10万个。", racks) is None
    parks = _target("建成小微企业园数", "个", "level")
    top = _top("郑州市2022年谋划新建小微企业园30个、建成小微企业园12个。", parks)
    assert top.value == Decimal("12")


def test_another_citys_text_is_not_read_for_this_city():
    text = "平顶山市2022年签约项目120个。" * 4 + "与郑州相比,我市仍有差距。"
    assert _top(text, _target("签约项目数", "个")) is None
    assert text_speaks_for("平顶山市", text)
    assert not text_speaks_for("郑州市", text)
    assert not text_speaks_for("平顶山市", "舞钢市签约项目。" * 4 + "平顶山市")


def test_a_figure_of_another_place_in_the_clause_is_that_places():
    target = _target("技改投资增速", "%", "rate", aliases=("技改投资增长",))
    text = "郑州市2022年技改投资增长29%,高于全省(17.4%)11.8个百分点。"
    values = [p.value for p in propose_outcomes(text, [target], on=date(2023, 3, 1))]
    assert values == [Decimal("29")]
    assert another_place_named("占全省工业比重由", "郑州市") == ""
    assert another_place_named("新密市银兴建材厂", "郑州市") == ""
    assert another_place_named("比全国平均水平(", "郑州市") == "全国"
    assert another_place_named("洛阳市", "郑州市") == "洛阳"


def test_from_a_year_is_a_baseline_and_from_the_past_is_never_proposed():
    output = _target("原煤产量", "万吨", measure="level")
    found = propose_outcomes(
        "郑州市原煤产量从2012年的4568万吨下降到1562.7万吨。", [output], on=date(2023, 3, 1)
    )
    by_value = {p.value: p for p in found}
    assert found[0].value == Decimal("1562.7")
    assert by_value[Decimal("4568")].period_end == date(2012, 12, 31)
    assert by_value[Decimal("4568")].grade == "baseline"
    cut = propose_outcomes(
        "郑州市刚玉产能由过去的108.6万吨下降至73.6万吨。",
        [_target("刚玉产能", "万吨", measure="level")],
        on=date(2023, 3, 1),
    )
    assert [p.value for p in cut] == [Decimal("73.6")]


def test_an_ellipsis_takes_the_named_indicator_and_its_own_activity():
    signed = _target("签约项目数", "个", code="S")
    started = _target("开工项目数", "个", code="K")
    text = "郑州市2022年签约项目296个,开工279个。"
    tops = {
        p.target.code: p for p in propose_outcomes(text, [signed, started], on=date(2023, 3, 1))
    }
    assert tops["S"].value == Decimal("296")
    assert tops["K"].value == Decimal("279")
    assert tops["K"].quote == "郑州市2022年签约项目296个,开工279个"


def test_since_in_an_undated_text_runs_to_the_end_of_its_latest_year():
    text = "2024年,郑州市签约项目10个。“十四五”以来,郑州市累计签约项目296个。"
    (mention,) = [m for m in read_mentions(text) if m.figure.figure.value == 296]
    assert (mention.period_start, mention.period_end) == (date(2021, 1, 1), date(2024, 12, 31))


def test_scale_words_are_sizes_in_yuan_for_the_outcome_reader_only():
    text = "形成5500亿电子信息、6个千亿级产业集群,生物医药突破百亿"
    found = find_figures(
        text, reading="outcome", units=SEED_REGISTRY.known_units(), scale_words=True
    )
    read = [(f.text, f.figure.qualifier, f.figure.value, f.figure.unit) for f in found]
    assert read == [
        ("5500亿", "exact", Decimal("5500"), "亿元"),
        ("6个", "exact", Decimal("6"), "个"),
        ("千亿级", "at_least", Decimal("1000"), "亿元"),
        ("突破百亿", "more_than", Decimal("100"), "亿元"),
    ]
    plain = find_figures(text, reading="outcome", units=SEED_REGISTRY.known_units())
    assert all(f.figure.unit != "亿元" for f in plain)


def test_under_a_span_of_years_from_is_the_first_year_and_to_the_last():
    value_added = _target("工业增加值", "亿元", code="V")
    text = "2019年—2021年,郑州市工业增加值由3000亿元跃升至3400亿元。"
    found = propose_outcomes(text, [value_added], on=date(2023, 1, 16))
    periods = {p.value: (p.period_start, p.period_end) for p in found}
    assert periods[Decimal("3400")] == (date(2021, 1, 1), date(2021, 12, 31))
    assert periods[Decimal("3000")] == (date(2019, 1, 1), date(2019, 12, 31))


def test_an_indicator_naming_a_place_needs_words_naming_it():
    share = _target("工业增加值占全省工业比重", "%", "level")
    assert _top("郑州市2022年,主导产业增加值占规上工业的比重达84%。", share) is None
    top = _top("郑州市2022年,工业增加值占全省工业比重达18%。", share)
    assert top.value == Decimal("18")


def test_a_figure_that_may_speak_comes_before_a_baseline_with_better_words():
    share = _target("高耗能产业占比", "%", "level")
    text = "郑州市2021年全市高耗能产业占比为30%。2022年六大高耗能行业占比下降至28%。"
    found = propose_outcomes(text, [share], on=date(2023, 3, 1))
    assert [(p.value, p.grade) for p in found] == [
        (Decimal("28"), "final"),
        (Decimal("30"), "baseline"),
    ]
    assert found[0].score < found[1].score  # its words alone would rank it second


def test_trade_is_neither_its_exports_nor_its_imports():
    text = "郑州市商务局\n上半年，全市外贸进出口总额1936.8亿元。全市出口1382.5亿元。"
    text += "全市进口554.3亿元。"
    on = date(2022, 7, 22)
    assert _top(text, _target("出口总额", "亿元"), on=on).value == Decimal("1382.5")
    assert _top(text, _target("进口总额", "亿元"), on=on).value == Decimal("554.3")
    assert _top(text, _target("外贸进出口总额", "亿元"), on=on).value == Decimal("1936.8")


def test_what_a_project_can_bring_is_no_report():
    text = "郑州市工信局。郑州金旭有色金属集团项目建成投产，全年可新增产值18亿元。"
    assert _top(text, _target("有色金属产业产值", "亿元")) is None
    assert _top(text.replace("可新增", "新增"), _target("有色金属产业产值", "亿元")) is not None


def test_the_next_item_of_a_qizhong_list_in_its_own_clause_is_a_part():
    text = (
        "郑州市工信局。1—11月，全市工业投资同比增长13.2%，高于全部固定资产投资增速9.6个百分点，"
        "工业投资占全部固定资产投资的比重为45.8%。"
        "其中，技术改造投资增长18.6%，制造业投资增长15.1%。"
    )
    found = _top(text, _target("工业投资增速", "%", "rate"), on=date(2022, 12, 25))
    assert found.value == Decimal("13.2")
    # other counts between: a new subject, no part (…建成园区59个,汇集入园企业7224家)
    text = (
        "郑州市。培育专精特新企业2568家，其中国家级111家、省级565家；"
        "建成园区59个，汇集入园企业7224家。"
    )
    assert _top(text, _target("入园企业数", "家")).value == Decimal("7224")


def test_a_goal_said_met_governs_nothing_after_it():
    # 完成省下达的年度目标任务 reports a goal met: the clauses after it report.
    text = (
        "郑州市生态环境局。2022年，全市PM2.5平均浓度为36微克/立方米，同比下降7.7%，"
        "完成省下达的年度目标任务；环境空气质量优良天数比例为71.6%。"
    )
    share = _target("优良天数比例", "%", "level")
    assert _top(text, share).value == Decimal("71.6")


def test_a_rates_name_is_read_apart_from_its_change_word():
    # 浓度为36微克/立方米,同比下降7.7% names 浓度增长 as fully as 浓度同比下降.
    text = (
        "郑州市生态环境局。2022年，全市PM2.5平均浓度为36微克/立方米，同比下降7.7%。"
        "秋冬季（2022年10—12月）全市PM2.5平均浓度同比下降8.9%。"
    )
    found = _top(text, _target("PM2.5平均浓度增长", "%", "rate"), on=date(2023, 3, 1))
    assert found.value == Decimal("-7.7")


def test_livestock_and_concentrations_have_units():
    text = "郑州市农业农村局。2022年，全市生猪出栏618.3万头，PM2.5平均浓度为36微克/立方米。"
    assert _top(text, _target("生猪出栏", "万头")).value == Decimal("618.3")
    assert _top(text, _target("PM2.5平均浓度", "微克/立方米", "level")).value == Decimal("36")


def test_a_goal_met_with_its_figure_governs_nothing_after_it_either():
    text = (
        "郑州市。2022年，全市单位地区生产总值能耗同比下降4.6%，超额完成省下达的下降3.5%的年度目标；"
        "单位地区生产总值二氧化碳排放下降5.1%。"
    )
    carbon = _target("单位地区生产总值二氧化碳排放增长", "%", "rate")
    assert _top(text, carbon).value == Decimal("-5.1")


def test_a_milestone_passed_is_no_figure():
    text = "郑州市。2022年，全市实现旅游总收入1036.8亿元，旅游总收入首次迈上千亿元台阶。"
    assert _top(text, _target("旅游总收入", "亿元")).value == Decimal("1036.8")
    assert (
        _top("郑州市。2022年，旅游总收入首次迈上千亿元台阶。", _target("旅游总收入", "亿元"))
        is None
    )
