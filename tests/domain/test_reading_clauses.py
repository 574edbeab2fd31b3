"""The outcome reader's rules about clauses and sentences (docs/extraction.md),
each on made-up sentences: a subject shared by the figures of a sentence,
list items, goal words and their past tense, what a count counts when its
classifier differs, running totals against additions, and dates without a
year in an undated text."""

from datetime import date
from decimal import Decimal

from tests.domain.reading_support import found as _found
from tests.domain.reading_support import make_target as _target
from tests.domain.reading_support import top as _top
from tracker.domain.reading import propose_outcomes, read_mentions


def test_a_figure_of_another_quantity_shares_the_subject_named_before_it():
    reached = _target("市级奖补资金惠及企业数")
    top = _top("2022年,郑州市落实市级奖补资金30亿元,惠及企业5000家。", reached)
    assert top.value == Decimal("5000")
    # The quote holds the subject, so an auditor reads whose firms they are.
    assert top.quote == "2022年,郑州市落实市级奖补资金30亿元,惠及企业5000家"


def test_the_shared_subject_needs_the_figures_own_words_to_name_the_indicator():
    value_added = _target("规上工业增加值", "亿元", "flow")
    text = "2022年,郑州市规上工业增加值增长6%,实现营业收入5000亿元。"
    assert _top(text, value_added) is None


def test_a_figure_of_the_same_quantity_does_not_take_the_subject_before_it():
    growth = _target("规上工业增加值增速", "%", "rate", aliases=("规上工业增加值增长",))
    text = "2022年,郑州市规上工业增加值增长6%,其中高技术制造业增长12%。"
    assert [p.value for p in _found(text, growth)] == [Decimal("6")]


def test_a_list_item_does_not_take_the_next_items_name():
    little_giants = _target("专精特新企业数", code="A")
    gazelles = _target("瞪羚企业数", code="B")
    text = "2022年,郑州市新认定专精特新企业30家、瞪羚企业46家。"
    both = [little_giants, gazelles]
    assert _top(text, little_giants, others=[gazelles]).value == Decimal("30")
    assert _top(text, gazelles, others=[little_giants]).value == Decimal("46")
    found = propose_outcomes(text, both, on=date(2023, 3, 1))
    assert [(p.target.code, p.value) for p in found] == [
        ("A", Decimal("30")),
        ("B", Decimal("46")),
    ]


def test_a_count_in_another_classifier_must_name_what_the_target_counts():
    firms = _target("产业集群整治企业数")
    text = "2022年,郑州市整治提升12个产业集群,涉及企业500家。"
    assert [p.value for p in _found(text, firms)] == [Decimal("500")]
    clusters = _target("整治提升产业集群数", "个")
    assert _top(text, clusters).value == Decimal("12")
    # 个 may count firms too, when the words after it say so.
    assert _top("2022年,郑州市新增上市企业4个。", _target("新增上市企业数")).value == 4


def test_a_running_total_is_not_a_count_of_additions():
    added = _target("新增国家级绿色工厂数")
    text = "截至2022年底,郑州市累计建成国家级绿色工厂40家,2022年新增8家。"
    assert [p.value for p in _found(text, added)] == [Decimal("8")]
    total = _target("国家级绿色工厂数", measure="level")
    assert _top(text, total).value == Decimal("40")


def test_building_something_is_a_goal_unless_it_is_said_done():
    cluster = _target("新材料产业集群规模", "亿元", "level")
    assert _top("下一步,郑州市将着力打造新材料千亿级产业集群。", cluster) is None
    assert _top("郑州市冲刺新材料千亿级产业集群。", cluster) is None
    done = _top("2022年,郑州市已打造新材料千亿级产业集群。", cluster)
    assert (done.value, done.qualifier) == (Decimal("1000"), "at_least")


def test_funds_obtained_are_a_report_not_a_goal():
    funds = _target("争取中央预算内资金", "亿元")
    top = _top("2022年,郑州市共争取中央预算内资金12亿元。", funds)
    assert top.value == Decimal("12")
    assert _top("2022年,郑州市争取到中央预算内资金12亿元。", funds).value == Decimal("12")
    assert _top("郑州市将积极争取中央预算内资金15亿元。", funds) is None


def test_a_goal_word_of_an_earlier_clause_does_not_govern_a_dated_past_clause():
    paid = _target("省级政策奖补资金", "万元")
    text = "郑州市积极争取省级政策支持,2022年一季度落实省级政策奖补资金3160万元。"
    top = _top(text, paid)
    assert (top.value, top.period_start, top.period_end) == (
        Decimal("3160"),
        date(2022, 1, 1),
        date(2022, 3, 31),
    )
    # Undated, the clause is still the goal's.
    assert _top("郑州市积极争取省级政策支持,落实省级政策奖补资金3160万元。", paid) is None


def test_a_date_without_a_year_in_an_undated_text_is_of_its_latest_year():
    text = "2021年,全市新增专精特新企业20家。自5月10日开展专项行动以来,共走访企业300家。"
    (visits,) = [m for m in read_mentions(text) if m.figure.figure.value == 300]
    assert (visits.period_start, visits.period_end) == (date(2021, 5, 10), date(2021, 12, 31))
    (half,) = [
        m
        for m in read_mentions("2021年全市新增企业20家。上半年,全市规上工业增加值增长9%。")
        if m.figure.figure.value == 9
    ]
    assert (half.period_start, half.period_end) == (date(2021, 1, 1), date(2021, 6, 30))


def test_since_a_day_with_words_between_runs_to_the_documents_date():
    text = "自5月10日开展专项行动以来,郑州市共走访企业300家。"
    (visits,) = [m for m in read_mentions(text, on=date(2023, 3, 1)) if m.figure.figure.value]
    assert (visits.period_start, visits.period_end) == (date(2022, 5, 10), date(2023, 3, 1))


def test_a_deadline_after_a_goal_word_is_still_a_goal():
    growth = _target("规上工业增加值增速", "%", "rate", aliases=("规上工业增加值增长",))
    assert _top("郑州市力争到2022年底规上工业增加值增长8%。", growth) is None
    assert _top("郑州市争取到今年规上工业增加值增长8%。", growth) is None


def test_a_reported_decline_is_a_negative_change_of_a_growth_target():
    growth = _target("工业投资增速", "%", "rate", aliases=("工业投资增长",))
    top = _top("2022年,郑州市工业投资下降3.2%。", growth)
    assert (top.value, top.qualifier) == (Decimal("-3.2"), "exact")
    top = _top("2022年,郑州市工业投资同比下降3%以上。", growth)
    assert (top.value, top.qualifier) == (Decimal("-3"), "at_most")
    assert _top("2022年,郑州市工业投资增长3.2%。", growth).value == Decimal("3.2")


def test_a_decline_target_reads_a_decline_as_written_and_a_rise_as_negative():
    saving = _target("单位工业增加值能耗降幅", "%", "rate")
    assert _top("2022年,郑州市单位工业增加值能耗下降5%。", saving).value == Decimal("5")
    assert _top("2022年,郑州市单位工业增加值能耗上升2%。", saving).value == Decimal("-2")
    cut = _target("压减水泥产能", "万吨")
    assert _top("2022年,郑州市减少水泥产能20万吨。", cut).value == Decimal("20")


def test_respectively_gives_each_listed_indicator_its_own_figure():
    def growth(name, code):
        return _target(name + "增速", "%", "rate", aliases=(name + "增长",), code=code)

    targets = [growth("规上工业增加值", "A"), growth("工业投资", "B"), growth("技改投资", "C")]
    text = "2022年,郑州市规上工业增加值、工业投资和技改投资分别增长8.5%、10.2%和20%。"
    found = propose_outcomes(text, targets, on=date(2023, 3, 1))
    assert [(p.target.code, p.value) for p in found] == [
        ("A", Decimal("8.5")),
        ("B", Decimal("10.2")),
        ("C", Decimal("20")),
    ]
    assert {p.quote for p in found} == {text[6:-1]}
    # Items and figures that do not pair off are left as they are read.
    uneven = "2022年,郑州市工业投资和技改投资分别增长8.5%、10.2%和20%。"
    (first, *_) = read_mentions(uneven, on=date(2023, 3, 1))
    assert "工业投资和技改投资分别增长" in first.window


def test_what_a_count_counts_ends_at_the_verb_after_it():
    green = _target("绿色企业数", "个")
    assert _top("2022年,郑州市11个行业开展“绿色企业”创建。", green) is None
    assert _top("2022年,郑州市11个绿色企业通过评审。", green).value == Decimal("11")


def test_a_rates_name_matches_the_change_reported_and_shares_its_subject():
    growth = _target("电子信息产业营业收入增速", "%", "rate")
    text = "2022年,郑州市电子信息产业实现营业收入6500亿元,同比增长12.4%。"
    top = _top(text, growth)
    assert (top.value, top.quote) == (Decimal("12.4"), text[:-1])


def test_the_parts_after_among_them_are_parts_of_the_named_whole():
    whole = _target("新增专精特新企业数", code="W")
    national = _target("新增国家级专精特新企业数", code="N")
    provincial = _target("新增省级专精特新企业数", code="P")
    text = "2022年,郑州市新增专精特新企业120家,其中国家级15家、省级105家。"
    found = propose_outcomes(text, [whole, national, provincial], on=date(2023, 3, 1))
    tops = {}
    for p in found:
        tops.setdefault(p.target.code, p)
    assert {code: p.value for code, p in tops.items()} == {
        "W": Decimal("120"),
        "N": Decimal("15"),
        "P": Decimal("105"),
    }
    assert tops["P"].quote == text[:-1]


def test_a_text_naming_no_place_may_be_the_targets_own():
    signed = _target("签约项目数", "个")
    assert _top("2022年,我市签约项目120个。", signed).value == Decimal("120")
    assert _top("2022年,武钢市签约项目120个。", signed) is None
    assert _top("2022年,洛阳市签约项目120个。", signed) is None


def test_a_count_before_its_noun_is_no_ellipsis_of_the_figure_before():
    certified = _target("获得国家贯标证书的企业数", code="C")
    pilots = _target("省级贯标试点企业数", code="P")
    text = "2022年,郑州市2家企业获得国家贯标证书;4家企业被评为省级贯标试点企业。"
    found = propose_outcomes(text, [certified, pilots], on=date(2023, 3, 1))
    tops = {}
    for p in found:
        tops.setdefault(p.target.code, p.value)
    assert tops == {"C": Decimal("2"), "P": Decimal("4")}


def test_a_figure_of_the_same_quantity_shares_the_subject_when_its_words_add_to_it():
    closed = _target("小散企业整治关闭停产企业数", measure="level")
    text = "2022年,郑州市对1142家小散企业开展整治,完成治理1091家,关闭停产企业51家。"
    assert [p.value for p in _found(text, closed)] == [Decimal("51")]
    treated = _target("小散企业整治数", measure="level")
    assert _top(text, treated).value == Decimal("1142")


def test_a_goal_word_governs_its_clause_or_the_sentence_it_heads():
    stored = _target("科技型企业评价入库数", measure="level")
    text = "郑州市2022年新认定高新技术企业1980家左右,总量预计突破5800家,科技型企业评价入库1547家。"
    assert _top(text, stored).value == Decimal("1547")
    investment = _target("工业投资增速", "%", "rate", aliases=("工业投资增长",))
    assert _top("郑州市力争全年规上工业增加值增长7%,工业投资增长10%。", investment) is None


def test_a_scale_word_before_firms_is_their_class_and_visits_are_counted_as_such():
    big = _target("超百亿企业数", measure="level")
    assert _top("2022年,郑州市超百亿企业达17家。", big).value == Decimal("17")
    visits = _target("走访企业数", "家次", "level")
    top = _top("2022年,郑州市累计走访企业31672家(次)。", visits)
    assert (top.value, top.unit) == (Decimal("31672"), "家次")


def test_a_threshold_names_a_class_and_is_no_figure():
    text = "2022年,郑州市技术改造项目共入库177个,其中3000万元以上项目74个(其中2亿元以上项目40个)。"
    assert [m.figure.figure.value for m in read_mentions(text, on=date(2023, 3, 1))] == [
        Decimal("177"),
        Decimal("74"),
        Decimal("40"),
    ]
    large = _target("入库的2亿元以上技术改造项目数", "个", "level", code="L")
    medium = _target("入库的3000万元以上技术改造项目数", "个", "level", code="M")
    found = propose_outcomes(text, [large, medium], on=date(2023, 3, 1))
    tops = {}
    for p in found:
        tops.setdefault(p.target.code, p.value)
    assert tops == {"L": Decimal("40"), "M": Decimal("74")}
    cut = _target("关闭退出碳素企业数", measure="level")
    assert _top("2022年,郑州市共有12家10万吨以下碳素企业关闭退出。", cut).value == 12


def test_a_count_in_the_targets_own_classifier_comes_first():
    paired = _target("干部包联企业数", measure="level")
    text = "2022年,郑州市211个工作组6027名干部包联企业16339家。"
    assert _top(text, paired).value == Decimal("16339")


def test_of_figures_naming_an_indicator_alike_the_one_saying_least_else_comes_first():
    firms = _target("工业企业数", measure="level")
    text = (
        "郑州市通过综合评价完成9005家工业企业年度分类评价。截至目前,郑州全市工业企业已达1.6万余家。"
    )
    assert _top(text, firms).value == Decimal("1.6")


def test_an_amount_applied_for_is_not_one_obtained():
    funds = _target("争取省专项资金", "万元")
    assert _top("2022年,郑州市申请省专项资金1178万元。", funds) is None
    assert _top("2022年,郑州市争取到省专项资金1178万元。", funds).value == 1178


def test_a_scale_word_after_a_count_sizes_the_things_counted():
    clusters = _target("千亿级主导产业集群数", "个", "level")
    text = "2022年,郑州市已形成电子信息、汽车装备等6个千亿级主导产业集群。"
    assert _top(text, clusters).value == Decimal("6")


def test_a_count_opening_its_clause_is_named_by_the_rest_of_the_clause():
    entered = _target("录入省智能制造服务平台的项目数", "个", "level")
    text = "2022年,郑州市3个优质项目已录入河南省智能制造服务平台。"
    assert _top(text, entered).value == Decimal("3")
    applied_elsewhere = "2022年,郑州市A企业申报示范,3个优质项目已录入河南省智能制造服务平台。"
    assert _top(applied_elsewhere, entered).value == Decimal("3")


def test_the_items_of_a_list_share_the_head_named_after_its_etc():
    cars = _target("汽车装备产业集群规模", "亿元", "level")
    text = "2022年,郑州市已形成5500亿电子信息、2000亿汽车装备、新材料等6个千亿级主导产业集群。"
    top = _top(text, cars)
    assert (top.value, top.qualifier) == (Decimal("2000"), "exact")


def test_firms_counted_may_be_what_any_count_of_firms_counts_and_levels_must_agree():
    national = _target("国家级服务型制造试点示范数", measure="level", code="N")
    text = (
        "2022年,郑州市中铁装备等15家企业获评国家级服务型制造试点示范,"
        "思念食品等107家企业成为省级服务型制造试点示范。"
    )
    assert [p.value for p in _found(text, national)] == [Decimal("15")]
    provincial = _target("省级服务型制造试点示范数", measure="level", code="P")
    assert _top(text, provincial).value == Decimal("107")


def test_candidates_on_a_cultivation_list_are_not_the_thing_achieved():
    green = _target("新创建绿色工厂数", measure="flow")
    text = "2022年,郑州市A公司、B公司等6家企业列入我市2022年绿色工厂培育名单。"
    assert _top(text, green) is None
    listed = _target("绿色工厂培育名单企业数", measure="level")
    assert _top(text, listed).value == Decimal("6")


def test_an_undated_text_reports_its_latest_year_not_its_plans():
    text = (
        "一、基本情况\n2024年,全市工业投资增长15%。全市规上工业利润同比下降6.8%。"
        "全年完成技改投资300亿元。\n三、下一步工作打算\n2025年,力争工业投资增长10%。"
    )
    by_value = {m.figure.figure.value: m for m in read_mentions(text)}
    assert (by_value[Decimal("6.8")].period_start, by_value[Decimal("6.8")].period_end) == (
        date(2024, 1, 1),
        date(2024, 12, 31),
    )
    assert by_value[Decimal("300")].period_start == date(2024, 1, 1)
    assert by_value[Decimal("10")].restated


def test_a_goal_word_governs_the_clauses_after_it():
    capacity = _target("再生金属年回收加工能力", "万吨", "level")
    text = "郑州市开展精准招商,力争电力装备营业收入突破750亿元,再生金属年回收加工能力达到560万吨。"
    assert _top(text, capacity) is None
    plans = "三、2023年工作谋划\n郑州市再生金属年回收加工能力达到560万吨。"
    assert _top(plans, capacity) is None


def test_this_years_figures_in_a_text_of_this_year_are_reported_so_far():
    new_giants = _target("新增小巨人企业数", code="G")
    text = "郑州市今年新增小巨人企业6家,总数达到28家。"
    top = _top(text, new_giants, on=date(2022, 12, 15))
    assert (top.value, top.period_start, top.period_end) == (
        Decimal("6"),
        date(2022, 1, 1),
        date(2022, 12, 31),
    )
    assert _top("郑州市2023年新增小巨人企业6家。", new_giants, on=date(2022, 12, 15)) is None


def test_a_figure_compared_with_another_place_hands_no_subject_on():
    revenue = _target("规上中小工业企业营业收入", "亿元")
    text = (
        "2022年,郑州市规上中小工业企业增加值增长7.4%,高于全省(6.5%)0.9个百分点,"
        "实现营业收入1836亿元。"
    )
    assert _top(text, revenue).value == Decimal("1836")


def test_as_of_a_month_end_without_a_year():
    firms = _target("规上工业企业数", measure="level")
    top = _top("截至11月底,郑州市规上工业企业达到2316家。", firms, on=date(2022, 12, 15))
    assert (top.period_start, top.period_end) == (date(2022, 11, 30), date(2022, 11, 30))


def test_a_decline_reports_a_growth_rate_as_fully_as_a_rise():
    # 下降1.8% names 固定资产投资增速 as 增长 does, the sign apart.
    growth = _target("固定资产投资增速", "%", "rate")
    for text, value in (
        ("2022年,郑州市固定资产投资同比下降1.8%。", "-1.8"),
        ("2022年,郑州市固定资产投资同比增长1.8%。", "1.8"),
    ):
        top = _top(text, growth)
        assert top.value == Decimal(value) and dict(top.why)["coverage"] == "1.00"


def test_a_figure_the_text_dates_outranks_one_read_at_the_texts_date():
    growth = _target("规上工业增加值增速", "%", "rate")
    text = "2022年1-11月,郑州市规上工业增加值增长7.4%。\n郑州市规上工业增加值增长8.8%。"
    assert _top(text, growth, on=date(2022, 12, 20)).value == Decimal("7.4")


def test_an_area_heading_the_clause_makes_the_figure_that_areas():
    # A county, district or county-level city heading the clause, known to
    # the gazetteer or not, reports for itself, not for the city.
    growth = _target("规上工业增加值增速", "%", "rate")
    for text in (
        "2022年,新郑市规上工业增加值增长9.8%。郑州市工业稳步发展。",
        "2022年,郑州市工业稳步发展。中牟县、登封县规上工业增加值分别增长9.6%和8.8%。",
        "2022年,郑州市工业稳步发展。经开区规上工业增加值增长12%。",
    ):
        assert _top(text, growth) is None, text
    # The city itself, its 全市, and words that only end like an area, do not.
    for text in (
        "2022年,郑州市规上工业增加值增长7.4%。",
        "2022年,郑州全市规上工业增加值增长7.4%。",
        "2022年,郑州市智慧城市建设提速,规上工业增加值增长7.4%。",
    ):
        assert _top(text, growth).value == Decimal("7.4"), text


def test_a_count_of_additions_is_not_the_level_of_a_stock():
    firms = _target("规模以上工业企业数", measure="level")
    text = (
        "2022年,郑州市新增规上工业企业58家。"
        "截至2022年底,全市规上工业企业总数达到2236家,比年初净增41家。"
    )
    assert [p.value for p in _found(text, firms)] == [Decimal("2236")]
    added = _target("新增规模以上工业企业数", measure="flow")
    assert _top(text, added).value == Decimal("58")


def test_a_subject_reaches_across_a_semicolon_to_a_bare_verb():
    profit = _target("规模以上工业企业利润总额", "亿元")
    text = "2022年,郑州市规上工业企业实现营业收入1042亿元,同比增长5.8%;实现利润总额51.6亿元。"
    top = _top(text, profit)
    assert top.value == Decimal("51.6") and "郑州市规上工业企业" in top.quote
    # A clause with a subject of its own after the ; keeps it.
    other = "2022年,郑州市规上工业企业实现营业收入1042亿元;服务业实现利润总额51.6亿元。"
    assert _top(other, profit) is None


def test_growth_so_far_outranks_one_months_growth():
    growth = _target("规上工业增加值增速", "%", "rate")
    text = "2022年1-9月,郑州市规上工业增加值增长7.4%。9月份当月,规上工业增加值增长8.9%。"
    assert _top(text, growth, on=date(2022, 10, 24)).value == Decimal("7.4")


def test_a_part_taken_from_a_whole_is_named_by_its_own_words():
    growth = _target("规上工业增加值增速", "%", "rate")
    text = "2022年,郑州市规模以上工业中,高技术制造业增加值增长21.3%。"
    assert all(p.proxy for p in _found(text, growth))  # at most a related figure
    high_tech = _target("高技术制造业增加值增速", "%", "rate")
    assert _top(text, high_tech).value == Decimal("21.3")


def test_against_last_year_names_a_growth_rate_whole():
    growth = _target("规模以上工业增加值增速", "%", "rate")
    top = _top("2022年,郑州市规模以上工业增加值比上年增长7.0%。", growth)
    assert dict(top.why)["coverage"] == "1.00"


def test_urban_and_rural_packed_in_one_word_pair_off_respectively():
    urban = _target("城镇居民人均可支配收入", "元", code="U")
    rural = _target("农村居民人均可支配收入", "元", code="R")
    text = "2022年,郑州市城乡居民人均可支配收入分别达到52310元、27650元。"
    assert _top(text, urban, others=[rural]).value == Decimal("52310")
    assert _top(text, rural, others=[urban]).value == Decimal("27650")


def test_last_years_figure_before_a_rise_is_an_earlier_state():
    share = _target("新能源汽车产量占汽车产量比重", "%", "level")
    text = "2022年,郑州市新能源汽车产量占全市汽车产量的比重由上年的38.6%提高到52.4%。"
    assert [p.value for p in _found(text, share)] == [Decimal("52.4")]


def test_a_share_with_no_numerator_takes_the_subject_before_it():
    share = _target("工业投资占全部固定资产投资比重", "%", "level")
    text = "2022年,郑州市固定资产投资增长4.2%。其中,工业投资增长12.7%,占全部投资的比重为43.5%。"
    assert _top(text, share).value == Decimal("43.5")


def test_of_interim_figures_the_most_recent_comes_first():
    revenue = _target("规模以上工业企业营业收入", "亿元")
    text = (
        "1-8月,郑州市规上工业企业实现营业收入1290.3亿元。"
        "从与1-7月对比情况看,1-7月全市规上工业企业实现营业收入1128.6亿元。"
    )
    assert _top(text, revenue, on=date(2022, 9, 18)).value == Decimal("1290.3")


def test_a_respectively_list_ends_where_the_unit_changes():
    urban = _target("城镇常住居民人均可支配收入增速", "%", "rate", code="U")
    rural = _target("农村常住居民人均可支配收入增速", "%", "rate", code="R")
    text = "2022年,郑州市城镇、农村常住居民人均可支配收入分别增长4.8%和6.9%,达到59876元和26433元。"
    assert _top(text, rural, others=[urban]).value == Decimal("6.9")


def test_a_rise_to_a_level_after_its_start_names_it():
    firms = _target("规模以上白酒企业数", measure="level")
    text = "郑州市规模以上白酒企业从2020年底的121家增加到2022年底的178家。"
    top = _top(text, firms)
    assert top.value == Decimal("178") and top.period_end == date(2022, 12, 31)


def test_the_zones_figure_is_not_the_citys():
    growth = _target("规上工业增加值增速", "%", "rate")
    text = "2022年,郑州市14个省级以上开发区规模以上工业增加值增长8.1%。"
    assert _top(text, growth) is None


def test_a_flow_counted_to_a_day_is_that_years_so_far():
    renovated = _target("城镇老旧小区改造数", "个")
    top = _top("截至2022年12月底,郑州市完成城镇老旧小区改造196个。", renovated)
    assert (top.period_start, top.period_end) == (date(2022, 1, 1), date(2022, 12, 31))
    running = _top("截至2022年12月底,郑州市累计完成城镇老旧小区改造596个。", renovated)
    assert running.period_start == running.period_end == date(2022, 12, 31)


def test_after_a_breakdown_marker_a_part_is_named_by_its_own_words():
    growth = _target("固定资产投资增速", "%", "rate")
    text = (
        "三、固定资产投资\n"
        "2022年,郑州市固定资产投资(不含农户)比上年增长6.8%。\n"
        "分领域看,工业投资增长15.2%;基础设施投资下降3.1%。\n"
    )
    assert [p.value for p in _found(text, growth)] == [Decimal("6.8")]


def test_an_area_named_by_the_figure_before_keeps_its_figures():
    output = _target("规模以上工业总产值", "亿元")
    text = "2022年,郑州市工业稳步增长。中牟县规模以上工业总产值突破600亿元,达到612.4亿元。"
    assert _top(text, output) is None


def test_short_items_before_respectively_share_the_last_items_noun():
    names = ("石化产业营业收入", "新材料产业营业收入", "现代轻纺产业营业收入")
    targets = [_target(name, "亿元", code=name) for name in names]
    text = (
        "2022年,郑州市主导产业稳步发展,"
        "石化、新材料、现代轻纺三大主导产业营业收入分别达到1268亿元、932亿元、587亿元。"
    )
    tops = {
        name: _top(text, t, others=[o for o in targets if o is not t])
        for name, t in zip(names, targets, strict=True)
    }
    assert [tops[name].value for name in names] == [Decimal("1268"), Decimal("932"), Decimal("587")]


def test_an_earlier_state_after_from_last_year_is_never_proposed():
    firms = _target("规上工业企业数", measure="level")
    text = "截至2022年11月底,郑州市规上工业企业由上年末的949家增至1036家。"
    assert [p.value for p in _found(text, firms)] == [Decimal("1036")]
    growth = _target("固定资产投资增速", "%", "rate")
    turned = "2022年,郑州市固定资产投资由上年下降2.3%转为增长4.1%。"
    assert [p.value for p in _found(turned, growth)] == [Decimal("4.1")]


def test_a_flow_the_text_does_not_date_is_the_last_whole_years():
    spending = _target("规上机械制造企业研发经费支出", "亿元")
    top = _top("郑州市规上机械制造企业研发经费支出28.7亿元。", spending, on=date(2023, 4, 10))
    assert (top.period_start, top.period_end) == (date(2022, 1, 1), date(2022, 12, 31))


def test_an_item_ending_in_a_word_the_last_names_shares_its_noun():
    urban = _target("城镇居民人均可支配收入", "元", code="U")
    rural = _target("农村居民人均可支配收入", "元", code="R")
    text = "2022年,郑州市城镇居民和农村居民人均可支配收入分别为46718元和23105元。"
    assert _top(text, urban, others=[rural]).value == Decimal("46718")
    assert _top(text, rural, others=[urban]).value == Decimal("23105")


def test_a_named_firms_figure_is_not_the_citys():
    output = _target("铜材产量", "万吨")
    text = (
        "2022年,郑州市铜材产量达到126.3万吨,比上年增长5.8%。"
        "大冶有色金属集团下属企业全年铜材产量58.4万吨,占全市的近一半。"
    )
    assert [p.value for p in _found(text, output)] == [Decimal("126.3")]
    # A list of firms ending in 等N家 is the city's count of them.
    firms = _target("绿色工厂数", "家", "level")
    listed = "2022年,郑州市甲钢铁有限公司、乙纺织集团股份有限公司等6家企业列入绿色工厂名单。"
    assert _top(listed, firms).value == Decimal("6")


def test_a_programmes_name_is_no_goal():
    firms = _target("专精特新中小企业数", "家", "level")
    text = "郑州市实施“雏鹰”企业培育计划，截至2022年底，全市累计培育专精特新中小企业912家。"
    assert _top(text, firms).value == Decimal("912")
    planned = "郑州市计划到2022年底培育专精特新中小企业1000家。"
    assert _top(planned, firms) is None


def test_a_regions_whole_is_not_the_citys():
    output = _target("稀土产业产值", "亿元", city="包头市")
    text = "2022年，包头市稀土产业实现产值786.5亿元。全区稀土产业产值1120.6亿元。"
    assert [p.value for p in _found(text, output)] == [Decimal("786.5")]


def test_a_year_end_summary_reviews_its_own_year():
    firms = _target("新培育专精特新中小企业数", "家")
    text = "郑州市工信局2022年工作总结。全年新培育专精特新中小企业42家。"
    proposal = _top(text, firms, on=date(2022, 12, 20))
    assert (proposal.period_start, proposal.period_end) == (date(2022, 1, 1), date(2022, 12, 31))


def test_a_sentence_opening_with_of_which_is_a_part_of_the_paragraphs_total():
    exports = _target("汽车出口量", "万辆")
    text = (
        "2022年，郑州市全年出口汽车2.36万辆，比上年增长32.0%，产品销往68个国家和地区。"
        "其中新能源汽车出口0.41万辆，增长1.3倍。"
    )
    assert [p.value for p in _found(text, exports)] == [Decimal("2.36")]


def test_a_part_named_by_words_of_its_own_is_not_the_totals_figure():
    output = _target("四大主导产业产值", "亿元")
    text = (
        "2022年，郑州市四大主导产业实现产值2217.5亿元，占全市的比重为70.9%。"
        "其中，新材料产业产值1034.2亿元，增长7.6%。"
    )
    assert [p.value for p in _found(text, output)] == [Decimal("2217.5")]


def test_a_titles_years_are_not_a_reported_period():
    visitors = _target("接待游客人次", "万人次")
    text = (
        "郑州市编制《文化旅游产业发展规划（2023—2030年）》。"
        "2022年，全市旅游总收入增长10%。\n全市接待游客8650万人次。"
    )
    proposal = _top(text, visitors, on=None)
    assert (proposal.value, proposal.period_end) == (Decimal("8650"), date(2022, 12, 31))


def test_an_undated_texts_flow_compared_with_last_year_is_that_years():
    sales = _target("茶叶网络销售额", "亿元")
    text = (
        "郑州市。2022年，全市茶叶产量达到3.18万吨。\n"
        "品牌影响力持续提升，全市茶叶网络销售额达到27.6亿元，同比增长18.3%。"
    )
    proposal = _top(text, sales, on=None)
    assert (proposal.period_start, proposal.period_end) == (date(2022, 1, 1), date(2022, 12, 31))
    # One not compared with the year before counts to the day it speaks from.
    cuts = _target("压减煤炭产能", "万吨")
    counted = "郑州市。2022年，全市茶叶产量达到3.18万吨。\n压减煤炭产能342万吨。"
    proposal = _top(counted, cuts, on=None)
    assert (proposal.period_start, proposal.period_end) == (date(2022, 12, 31), date(2022, 12, 31))


def test_a_names_unit_word_is_not_needed_in_the_figures_words():
    visits = _target("医疗卫生机构总诊疗人次", "万人次")
    text = "2022年，郑州市医疗卫生机构完成总诊疗2368.5万人次，比上年增长4.6%。"
    proposal = _top(text, visits)
    assert proposal.value == Decimal("2368.5") and not proposal.proxy


def test_a_ports_containers_are_counted_in_teu():
    boxes = _target("集装箱吞吐量", "万标箱")
    text = "2022年，郑州市港口集装箱吞吐量完成158.3万标箱，增长5.1%。"
    assert _top(text, boxes).value == Decimal("158.3")


def test_a_part_after_a_change_of_its_total_is_still_a_part():
    cargo = _target("港口货物吞吐量", "万吨")
    text = (
        "2022年，郑州市港口完成货物吞吐量6820万吨，同比增长4.6%，"
        "其中外贸货物吞吐量2915万吨，增长7.3%。"
    )
    assert [p.value for p in _found(text, cargo)] == [Decimal("6820")]


def test_items_before_respectively_share_the_last_ones_noun_after_the_citys_name():
    names = ("化学需氧量减排量", "氨氮减排量")
    targets = [_target(name, "吨", code=name) for name in names]
    text = (
        "郑州市2022年环境状况公报\n"
        "2022年，全市化学需氧量、氨氮、氮氧化物重点工程减排量分别为1862吨、186吨、925吨。"
    )
    tops = [_top(text, t, others=[o for o in targets if o is not t]) for t in targets]
    assert [p.value for p in tops] == [Decimal("1862"), Decimal("186")]
