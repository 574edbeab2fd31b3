"""Reading Chinese figures and target statements, on phrases from the seeds."""

from decimal import Decimal as D

import pytest

from tracker.domain.phrases import (
    Figure,
    TargetPhrase,
    UnparsableFigure,
    find_figures,
    parse_figure,
    parse_target_phrase,
)

# (phrase as written in the seed texts (fixtures/documents/), qualifier, value, value_high, unit)
SEED_FIGURES = [
    ("超过2500亿元", "more_than", "2500", None, "亿元"),
    ("4.8万个", "exact", "4.8", None, "万个"),
    ("超过4.8万个", "more_than", "4.8", None, "万个"),
    ("1.0万亿元", "exact", "1.0", None, "万亿元"),
    ("700亿元", "exact", "700", None, "亿元"),
    ("100个以上", "at_least", "100", None, "个"),
    ("35万吨左右", "about", "35", None, "万吨"),
    ("85万吨以上", "at_least", "85", None, "万吨"),
    ("10万吨以上", "at_least", "10", None, "万吨"),
    ("20%以上", "at_least", "20", None, "%"),
    ("7%左右", "about", "7", None, "%"),
    ("8%左右", "about", "8", None, "%"),
    ("达到75%左右", "about", "75", None, "%"),
    ("1500亿元以上", "at_least", "1500", None, "亿元"),
    ("达到2.1%", "at_least", "2.1", None, "%"),
    ("4%以上", "at_least", "4", None, "%"),
    ("降低到30%左右", "about", "30", None, "%"),
    ("30万吨以下", "at_most", "30", None, "万吨"),
    ("10万吨/年以下", "at_most", "10", None, "万吨/年"),
    ("60个左右", "about", "60", None, "个"),
    ("500个以上", "at_least", "500", None, "个"),
    ("达到50%以上", "at_least", "50", None, "%"),
    ("20—30家", "range", "20", "30", "家"),
    ("1980家左右", "about", "1980", None, "家"),
    ("突破5800家", "more_than", "5800", None, "家"),
    ("超过1.3万家", "more_than", "1.3", None, "万家"),
    ("超过70%", "more_than", "70", None, "%"),
    ("1.6万余家", "more_than", "1.6", None, "万家"),
    ("20多家", "more_than", "20", None, "家"),
    ("3000万元以上", "at_least", "3000", None, "万元"),
    ("超60%", "more_than", "60", None, "%"),
    ("超10亿元", "more_than", "10", None, "亿元"),
    ("10余个", "more_than", "10", None, "个"),
    ("150家左右", "about", "150", None, "家"),
    ("不低于60%", "at_least", "60", None, "%"),
    ("0.5%以上", "at_least", "0.5", None, "%"),
    ("2个以上", "at_least", "2", None, "个"),
    ("2720G", "exact", "2720", None, "G"),
    ("13.5万千瓦", "exact", "13.5", None, "万千瓦"),
    ("29.6个百分点", "exact", "29.6", None, "个百分点"),
    ("8万锭", "exact", "8", None, "万锭"),
    ("71.18万吨", "exact", "71.18", None, "万吨"),
    ("7.78亿元", "exact", "7.78", None, "亿元"),
]


@pytest.mark.parametrize(("text", "qualifier", "value", "high", "unit"), SEED_FIGURES)
def test_parse_figure_on_seed_phrases(text, qualifier, value, high, unit):
    expected = Figure(qualifier, D(value), None if high is None else D(high), unit)
    assert parse_figure(text) == expected


@pytest.mark.parametrize(
    ("text", "qualifier", "value", "high", "unit"),
    [
        ("约7%", "about", "7", None, "%"),
        ("不超过3%", "at_most", "3", None, "%"),
        ("控制在5%以内", "at_most", "5", None, "%"),
        ("5%以内", "at_most", "5", None, "%"),
        ("下降到30%", "at_most", "30", None, "%"),
        ("不到5%", "less_than", "5", None, "%"),
        ("不满18人", "less_than", "18", None, "人"),
        ("低于2%", "less_than", "2", None, "%"),
        ("高于17.4%", "more_than", "17.4", None, "%"),
        ("20-30%", "range", "20", "30", "%"),
        ("20%至30%", "range", "20", "30", "%"),
        ("20～30%", "range", "20", "30", "%"),
        ("1万-2万个", "range", "1", "2", "万个"),
        ("５０００万元", "exact", "5000", None, "万元"),
        ("1,500亿元", "exact", "1500", None, "亿元"),
        ("-2.1%", "exact", "-2.1", None, "%"),
        ("5000多亿元", "more_than", "5000", None, "亿元"),
        ("两千五百亿元", "exact", "2500", None, "亿元"),
        ("超过百亿元", "more_than", "100", None, "亿元"),
        ("三十个以上", "at_least", "30", None, "个"),
        ("三万五千个", "exact", "35000", None, "个"),
        ("十二万个", "exact", "12", None, "万个"),
        ("两家", "exact", "2", None, "家"),
        ("三成", "exact", "30", None, "%"),
        ("超过三成", "more_than", "30", None, "%"),
        ("1.3万亿斤", "exact", "1.3", None, "万亿斤"),
        ("近5000家", "about", "5000", None, "家"),
    ],
)
def test_parse_figure_qualifiers(text, qualifier, value, high, unit):
    expected = Figure(qualifier, D(value), None if high is None else D(high), unit)
    assert parse_figure(text) == expected


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("达84.5%", "84.5", "%"),
        ("达到39.2%", "39.2", "%"),
        ("下降到25.3%", "25.3", "%"),
        ("下降至28.1%", "28.1", "%"),
        ("提升至18.1%", "18.1", "%"),
        ("达到127.6万吨", "127.6", "万吨"),
    ],
)
def test_reached_levels_are_exact_in_outcomes(text, value, unit):
    assert parse_figure(text, reading="outcome") == Figure("exact", D(value), None, unit)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "7",
        "百亿",
        "5500亿",
        "提高29.6个百分点",
        "5G",
        "3个月",
        "2020年",
        "两千五亿元",
        "超过X元",
    ],
)
def test_parse_figure_refuses_what_it_cannot_read(text):
    with pytest.raises(UnparsableFigure):
        parse_figure(text)


def test_contradictory_qualifiers_are_refused():
    with pytest.raises(UnparsableFigure, match="contradictory"):
        parse_figure("不超过5%以上")


def test_find_figures_gives_offsets_into_the_text():
    text = "签约总金额超过2500亿元,规上工业增加值增长8.5%。"
    found = find_figures(text, reading="outcome")
    assert [m.text for m in found] == ["超过2500亿元", "8.5%"]
    assert all(text[m.start : m.end] == m.text for m in found)
    assert found[0].prefix == "超过"


def test_find_figures_skips_dates_networks_and_durations():
    text = "2022年1-10月,建成5G基站3.5万个,审批周期从3个月压缩至1个工作日,签约100个项目"
    assert [m.text for m in find_figures(text)] == ["3.5万个", "100个"]


def test_sign_is_not_read_as_about():
    # 签约 contains 约 (about); 签约100个 is an exact count.
    assert find_figures("签约100个项目")[0].figure.qualifier == "exact"


def _phrase(comparator, value, unit, commitment="firm", decline=False, direction="higher"):
    return TargetPhrase(comparator, D(value), None, unit, commitment, decline, direction)


SEED_TARGETS = [
    ("力争规模以上工业增加值增长7%左右", _phrase("about", "7", "%", "aspirational")),
    ("规模以上制造业增加值增长8%左右", _phrase("about", "8", "%")),
    ("主导产业占全市工业的比重达到75%左右", _phrase("about", "75", "%")),
    ("全年工业投资达到700亿元", _phrase("at_least", "700", "亿元")),
    ("技改投资增长20%以上", _phrase("at_least", "20", "%")),
    ("签约亿元以上制造业项目100个以上", _phrase("at_least", "100", "个")),
    ("签约金额1500亿元以上", _phrase("at_least", "1500", "亿元")),
    ("制造业占全市引进资金的30%以上", _phrase("at_least", "30", "%")),
    (
        "高技术产业增加值占全市规模以上工业增加值的比重达到20%以上",
        _phrase("at_least", "20", "%"),
    ),
    ("力争全社会研发投入强度达到2.1%", _phrase("at_least", "2.1", "%", "aspirational")),
    ("单位能耗下降4%以上", _phrase("at_least", "4", "%", decline=True)),
    (
        "2020年,力争战略性新兴产业占规模以上工业比重达到25%以上",
        _phrase("at_least", "25", "%", "aspirational"),
    ),
    (
        "2020年,力争淘汰炭素产能85万吨以上",
        _phrase("at_least", "85", "万吨", "aspirational", decline=True),
    ),
    ("压减刚玉产能35万吨左右", _phrase("about", "35", "万吨", decline=True)),
    ("全市高耗能产业比重降低到30%左右", _phrase("about", "30", "%", direction="lower")),
    ("全年推进实施500个以上技术改造项目", _phrase("at_least", "500", "个")),
    ("加快恒大新能源汽车、中铁装备产业园等236个续建项目进度", _phrase("at_least", "236", "个")),
    ("重点推进60个左右投资规模大、产业领域新的标志性先进制造业项目", _phrase("about", "60", "个")),
    (
        "力争到2030年,战略性新兴产业增加值占全市规模以上工业比重达到60%左右",
        _phrase("about", "60", "%", "aspirational"),
    ),
    ("到2025年“链主”企业达到150家左右", _phrase("about", "150", "家")),
    ("全市单位工业增加值能耗每年下降4%以上", _phrase("at_least", "4", "%", decline=True)),
    ("严格落实产业用地不低于60%的要求", _phrase("at_least", "60", "%")),
    ("2020年,力争新增5家**、省级绿色工厂(园区)", _phrase("at_least", "5", "家", "aspirational")),
    ("单位工业增加值能耗增幅控制在3%以内", _phrase("at_most", "3", "%", direction="lower")),
    ("高耗能产业比重下降到30%", _phrase("at_most", "30", "%", direction="lower")),
    ("煤炭消费比重低于50%", _phrase("less_than", "50", "%", direction="lower")),
]


@pytest.mark.parametrize(("text", "expected"), SEED_TARGETS)
def test_parse_target_phrase(text, expected):
    assert parse_target_phrase(text) == expected


def test_target_range():
    phrase = parse_target_phrase("市县两级抓好20—30家骨干企业")
    assert (phrase.comparator, phrase.value, phrase.value_high) == ("range", D(20), D(30))


def test_target_statement_with_several_figures_must_be_split():
    text = "建设一批综合智慧能源零碳电厂和1000个工业微电网,全市单位工业增加值能耗每年下降4%以上"
    with pytest.raises(UnparsableFigure, match="split"):
        parse_target_phrase(text)


def test_target_statement_without_figure():
    with pytest.raises(UnparsableFigure):
        parse_target_phrase("坚持以供给侧结构性改革为主线")


def test_targets_never_exact():
    assert all(parse_target_phrase(t).comparator != "exact" for t, _ in SEED_TARGETS)


def test_find_figures_skips_contradictions_parse_figure_reports_them():
    assert [m.text for m in find_figures("不超过5%以上,增长8%")] == ["8%"]
    with pytest.raises(UnparsableFigure, match="below"):
        parse_figure("30-20%")


@pytest.mark.parametrize(
    ("text", "figure", "qualifier"),
    [
        ("签约50亿元", "50亿元", "exact"),
        ("合约20个", "20个", "exact"),
        ("节约5%", "5%", "exact"),
        ("到达100个", "100个", "exact"),
        ("赶超10%", "10%", "exact"),
        ("约5%", "约5%", "about"),
        ("达5%", "达5%", "at_least"),
        ("20到30个", "20到30个", "range"),
        ("5%上下", "5%上下", "about"),
    ],
)
def test_single_character_qualifiers_are_guarded(text, figure, qualifier):
    (match,) = find_figures(text)
    assert (match.text, match.figure.qualifier) == (figure, qualifier)


def test_magnitudes_read_for_every_unit():
    # docs/attainment.md section 1: 万亿 is a magnitude for any unit, not for
    # money only.
    phrase = parse_target_phrase("粮食产量1.3万亿斤以上")
    assert (phrase.comparator, phrase.value, phrase.unit) == ("at_least", D("1.3"), "万亿斤")
    assert parse_figure("13908亿斤", reading="outcome").unit == "亿斤"


def test_a_planners_unit_is_read_with_the_registry_passed():
    from tracker.domain.units import SEED_REGISTRY, SEED_UNITS, UnitRegistry, UnitRow

    registry = UnitRegistry.from_rows([*SEED_UNITS, UnitRow("标准箱", "container", D(1))])
    figure = parse_figure("3.5万标准箱", units=registry.known_units())
    assert (figure.value, figure.unit) == (D("3.5"), "万标准箱")
    sentence = "集装箱吞吐量达到3.5万标准箱"
    (known,) = find_figures(sentence, units=registry.known_units())
    assert (known.text, known.unit_known) == ("达到3.5万标准箱", True)
    (unknown,) = find_figures(sentence, units=SEED_REGISTRY.known_units())
    assert unknown.unit_known is False
