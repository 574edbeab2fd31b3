"""The reader on real phrases from all five seeds: figures with magnitudes
and any unit, Chinese numerals, qualifiers, signed changes and periods.

Every phrase below is checked to occur verbatim in its seed, so the table
cannot drift into invented examples.
"""

from datetime import date
from decimal import Decimal as D
from pathlib import Path

import pytest

from tracker.domain.phrases import (
    Figure,
    Period,
    find_changes,
    find_figures,
    find_periods,
    lexicon_of,
    parse_figure,
    parse_period,
)

SEEDS = Path(__file__).resolve().parents[2] / "fixtures" / "documents"
SEED_FILES = {
    "000": "zz-2024-reply-industrial-restructuring.txt",
    "001": "zz-2020-manufacturing-plan.txt",
    "002": "pds-2019-reply-three-transformations.txt",
    "003": "zz-2023-news-industrial-growth.txt",
    "004": "wugang-2025-reply-industrial-clusters.txt",
}


def seed(name: str) -> str:
    return (SEEDS / SEED_FILES[name]).read_text(encoding="utf-8")


# (seed, phrase as written, qualifier, value, unit) in the outcome reading.
SEED_OUTCOME_FIGURES = [
    ("000", "超过4.8万个", "more_than", "4.8", "万个"),
    ("000", "达到2720G", "exact", "2720", "G"),
    ("000", "突破5800家", "more_than", "5800", "家"),
    ("000", "1980家左右", "about", "1980", "家"),
    ("000", "13.5万千瓦", "exact", "13.5", "万千瓦"),
    ("000", "下降到1562.7万吨", "exact", "1562.7", "万吨"),
    ("000", "达到1.0万亿元", "exact", "1.0", "万亿元"),
    ("001", "达到700亿元", "exact", "700", "亿元"),
    ("001", "30万吨以下", "at_most", "30", "万吨"),
    ("002", "20多家", "more_than", "20", "家"),
    ("002", "3000万元以上", "at_least", "3000", "万元"),
    ("002", "2233万元", "exact", "2233", "万元"),
    ("003", "超过2500亿元", "more_than", "2500", "亿元"),
    ("003", "达1.6万余家", "more_than", "1.6", "万家"),
    ("003", "超60%", "more_than", "60", "%"),
    ("004", "8万锭", "exact", "8", "万锭"),
    ("004", "10余个", "more_than", "10", "个"),
    ("004", "超10亿元", "more_than", "10", "亿元"),
    ("004", "达9885万元", "exact", "9885", "万元"),
]


@pytest.mark.parametrize(("name", "text", "qualifier", "value", "unit"), SEED_OUTCOME_FIGURES)
def test_seed_figures(name, text, qualifier, value, unit):
    assert text in seed(name)
    assert parse_figure(text, reading="outcome") == Figure(qualifier, D(value), None, unit)


def test_magnitude_and_noun_for_any_unit():
    grain = parse_figure("1.3万亿斤")
    assert (grain.magnitude, grain.noun, grain.scaled) == ("万亿", "斤", D("1.3E12"))
    sites = parse_figure("4.8万个")
    assert (sites.magnitude, sites.noun, sites.scaled) == ("万", "个", D(48000))
    money = parse_figure("2500亿元")
    assert (money.magnitude, money.noun, money.scaled) == ("亿", "元", D("2.5E11"))


def test_the_reader_does_not_decide_which_units_exist():
    # Generic: any measure word is a unit token; the caller's registry says
    # whether it knows it.
    (match,) = find_figures("粮食产量1.3万亿斤以上")
    assert (match.figure.unit, match.unit_known) == ("万亿斤", None)
    known = lexicon_of(["元", "亿元", "个", "%"])
    (match,) = find_figures("粮食产量1.3万亿斤以上", units=known)
    assert (match.figure.unit, match.unit_known) == ("万亿斤", False)
    (match,) = find_figures("粮食产量1.3万亿斤以上", units=[*known.nouns, "斤"])
    assert match.unit_known is True


def test_lexicon_cuts_compound_units_whole():
    text = "能耗下降到120万吨标准煤,新增100万标准箱"
    generic = [m.figure.unit for m in find_figures(text)]
    assert generic == ["万吨标准煤", "万标准箱"]
    lexicon = lexicon_of(["吨标准煤", "万标准箱"])
    assert [m.figure.noun for m in find_figures(text, units=lexicon)] == ["吨标准煤", "标准箱"]


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("两家", "2", "家"),
        ("十二个", "12", "个"),
        ("三成", "30", "%"),
        ("二十三万吨", "23", "万吨"),
    ],
)
def test_chinese_numerals(text, value, unit):
    assert parse_figure(text) == Figure("exact", D(value), None, unit)


def test_chinese_numerals_in_running_text_need_a_known_unit():
    text = "深入开展“三标”活动,推进“四新”模式,新增两家企业,超过三成"
    assert [m.text for m in find_figures(text)] == ["超过三成"]
    counted = find_figures(text, units=["家"])
    assert [(m.text, m.figure.value) for m in counted] == [("两家", D(2)), ("超过三成", D(30))]


def test_words_after_numbers_that_are_not_units():
    text = "郑州市“十四五”先进制造业,2022年1~10月,全国35个大中城市第7位,中国企业500强,S312国道"
    assert [m.text for m in find_figures(text)] == ["35个"]


# (seed, text, kind, way, signed, unit)
SEED_CHANGES = [
    ("000", "工业企业技改投资同比增长29%", "by", "up", "29", "%"),
    ("000", "比2016年(22.8%)提高29.6个百分点", "by", "up", "29.6", "个百分点"),
    ("000", "较2016年(40.1%)下降14.8个百分点", "by", "down", "-14.8", "个百分点"),
    ("000", "全市单位工业增加值能耗每年下降4%以上", "by", "down", "-4", "%"),
    ("000", "刚玉产能由过去的108.6万吨下降至73.6万吨", "from_to", "down", "-35.0", "万吨"),
    ("000", "刚玉产能下降35万吨", "by", "down", "-35", "万吨"),
    ("000", "从126.7万吨下降到5.7万吨", "from_to", "down", "-121.0", "万吨"),
    ("003", "郑州市工业增加值由3029.5亿元跃升至3401.2亿元", "from_to", "up", "371.7", "亿元"),
    ("003", "占全省工业比重由16.5%提升至18.1%", "from_to", "up", "1.6", "%"),
    ("003", "其中,技改投资增速为45.5%", "by", "up", "45.5", "%"),
    ("004", "同比增幅23.5%", "by", "up", "23.5", "%"),
]


@pytest.mark.parametrize(("name", "text", "kind", "way", "signed", "unit"), SEED_CHANGES)
def test_seed_changes(name, text, kind, way, signed, unit):
    assert text in seed(name)
    (change,) = find_changes(text)
    assert (change.kind, change.way, change.signed, change.amount.unit) == (
        kind,
        way,
        D(signed),
        unit,
    )
    assert text[change.start : change.end] == change.text


@pytest.mark.parametrize(
    ("text", "signed"),
    [
        ("固定资产投资下降4%", "-4"),
        ("利润减少12.5%", "-12.5"),
        ("价格回落0.3个百分点", "-0.3"),
        ("降幅为5%", "-5"),
        ("增长-2.1%", "-2.1"),
        ("下降了65.8%", "-65.8"),
    ],
)
def test_declines_are_negative(text, signed):
    (change,) = find_changes(text)
    assert change.signed == D(signed)


def test_a_level_reached_is_not_a_change():
    assert find_changes("六大高耗能产业占规上工业比重下降到25.3%") == []
    assert find_changes("压减刚玉产能35万吨左右") == []


REPLY_2024 = date(2024, 3, 1)  # seed 000 is undated; it reports full-year 2023
NEWS_2023 = date(2023, 1, 16)  # seed 003

# (seed, text, document date, start, end, kind)
SEED_PERIODS = [
    ("000", "2023年", REPLY_2024, "2023-01-01", "2023-12-31", "year"),
    ("000", "至2023年底", REPLY_2024, "2023-12-31", "2023-12-31", "as_of"),
    ("000", "今年", REPLY_2024, "2024-01-01", "2024-12-31", "year"),
    ("000", "到2030年", REPLY_2024, None, "2030-12-31", "by"),
    ("000", "到“十四五”末", REPLY_2024, None, "2025-12-31", "by"),
    ("001", "2020年4月14日", None, "2020-04-14", "2020-04-14", "day"),
    ("002", "去年以来", date(2019, 6, 1), "2018-01-01", "2019-06-01", "since"),
    ("003", "2022年1~10月", NEWS_2023, "2022-01-01", "2022-10-31", "months"),
    ("003", "2022年1-10月", NEWS_2023, "2022-01-01", "2022-10-31", "months"),
    ("003", "2019年—2021年", NEWS_2023, "2019-01-01", "2021-12-31", "years"),
    ("003", "第一季度", NEWS_2023, "2022-01-01", "2022-03-31", "quarter"),
    ("003", "2022年以来", NEWS_2023, "2022-01-01", "2023-01-16", "since"),
    ("003", "截至目前", NEWS_2023, "2023-01-16", "2023-01-16", "as_of"),
    ("004", "“十四五”以来", date(2025, 9, 1), "2021-01-01", "2025-09-01", "since"),
]


def _d(text):
    return None if text is None else date.fromisoformat(text)


@pytest.mark.parametrize(("name", "text", "on", "start", "end", "kind"), SEED_PERIODS)
def test_seed_periods(name, text, on, start, end, kind):
    assert text in seed(name)
    assert parse_period(text, on=on) == Period(_d(start), _d(end), kind)


@pytest.mark.parametrize(
    ("text", "on", "start", "end", "kind"),
    [
        ("1-7月", date(2023, 8, 20), "2023-01-01", "2023-07-31", "months"),
        ("1-7月", date(2023, 3, 1), "2022-01-01", "2022-07-31", "months"),
        ("上半年", date(2023, 8, 1), "2023-01-01", "2023-06-30", "half"),
        ("前三季度", date(2023, 11, 5), "2023-01-01", "2023-09-30", "months"),
        ("今年上半年", date(2023, 8, 1), "2023-01-01", "2023-06-30", "half"),
        ("去年", date(2023, 8, 1), "2022-01-01", "2022-12-31", "year"),
        ("2023年前三季度", None, "2023-01-01", "2023-09-30", "months"),
        ("“十三五”期间", None, "2016-01-01", "2020-12-31", "plan"),
        # One month without a year: 9月份, 9月当月, in the text's year or
        # the one before; 目前 is the text's day.
        ("9月份", date(2025, 10, 24), "2025-09-01", "2025-09-30", "month"),
        ("9月份当月", date(2025, 10, 24), "2025-09-01", "2025-09-30", "month"),
        ("12月份", date(2025, 10, 24), "2024-12-01", "2024-12-31", "month"),
        ("目前", date(2025, 1, 22), "2025-01-22", "2025-01-22", "as_of"),
    ],
)
def test_periods_resolved_against_the_document_date(text, on, start, end, kind):
    assert parse_period(text, on=on) == Period(_d(start), _d(end), kind)


def test_a_month_heads_its_clause_but_a_day_or_a_months_end_is_its_own():
    on = date(2025, 10, 24)
    assert [(m.text, m.period.kind) for m in find_periods("9月，全市用电量7.6亿千瓦时", on=on)] == [
        ("9月", "month")
    ]
    assert [m.period.kind for m in find_periods("9月26日召开", on=on)] == ["day"]
    assert [m.period.kind for m in find_periods("9月末余额", on=on)] == ["as_of"]
    assert find_periods("历时9个月完成", on=on) == []


def test_relative_periods_without_a_date_are_found_but_not_guessed():
    (match,) = find_periods("今年以来,签约项目100个")
    assert match.relative and not match.period.resolved


def test_period_offsets_point_into_the_text():
    text = seed("003")
    for match in find_periods(text, on=NEWS_2023):
        assert text[match.start : match.end] == match.text


def test_periods_of_years_written_once_and_of_the_first_months():
    def read(text):
        (found,) = find_periods(text, on=date(2024, 3, 1))
        return found.period.start, found.period.end

    assert read("2021—2023年") == (date(2021, 1, 1), date(2023, 12, 31))
    assert read("前10个月") == (date(2023, 1, 1), date(2023, 10, 31))
    assert read("2023年前三个月") == (date(2023, 1, 1), date(2023, 3, 31))
