"""Whose text and whose figure (tracker/domain/reading/places.py), on
made-up text: places of the gazetteer and places read by their ending."""

from tracker.domain.reading.places import (
    another_place_named,
    area_heading_clause,
    text_speaks_for,
)


def test_a_text_speaks_for_the_place_it_names_most():
    text = "焦作市工业稳步发展。焦作全市规上工业增加值增长7%。焦作至济源高速建成。"
    assert text_speaks_for("焦作市", text)
    assert not text_speaks_for("济源市", text)


def test_a_text_on_a_city_outside_the_gazetteer_is_not_read_for_one_it_never_names():
    text = "常州市新能源产业稳步发展。我市动力电池产量增长20%。"
    assert not text_speaks_for("济源市", text)
    assert text_speaks_for("常州市", text)
    # A text naming no place at all, speaking of 我市, may be anyone's.
    assert text_speaks_for("济源市", "我市动力电池产量增长20%。")


def test_an_area_heading_a_clause_is_read_by_its_ending():
    text = "全市增长7%,永城市增长9.8%,宜都市增长8%,智慧城市建设投资5亿元,上市企业3家"
    at = {word: text.index(word) + len(word) for word in ("全市增长", "永城市增长", "宜都市增长")}
    assert area_heading_clause(text, at["全市增长"], "商丘市") == ""
    assert area_heading_clause(text, at["永城市增长"], "商丘市") == "永城市"
    assert area_heading_clause(text, at["宜都市增长"], "宜昌市") == "宜都市"
    assert area_heading_clause(text, text.index("5亿元"), "商丘市") == ""
    assert area_heading_clause(text, text.index("3家"), "商丘市") == ""
    # The target's own city is no other area.
    assert area_heading_clause("永城市增长9.8%", 5, "永城市") == ""


def test_towns_are_areas_and_urban_or_rural_words_are_not():
    text = "克井镇、承留镇规上工业增加值分别增长10.2%、8.4%;城镇居民收入增长5%;城乡居民收入增长6%"
    assert area_heading_clause(text, text.index("10.2"), "济源市") == "克井镇"
    assert area_heading_clause(text, text.index("5%"), "济源市") == ""
    assert area_heading_clause(text, text.index("6%"), "济源市") == ""


def test_a_place_named_once_in_a_text_whose_head_names_another_city_is_not_its():
    head = "上半年汽车产业运行稳中向好\n来源：长春市工业和信息化局\n"
    body = "全市汽车产量增长12%，新能源汽车产量增长30%，汽车零部件产业稳步发展。" * 4
    text = head + body + "经营口港出口整车3万辆。"
    assert not text_speaks_for("营口市", text)
    assert text_speaks_for("长春市", text)
    # A county-level city (outside the gazetteer) named often in the body
    # does not take a text whose head names its city.
    county = "黄石市工业发展情况\n" + "大冶市铜材产量增长5%。" * 5 + "黄石全市铜材产量增长6%。"
    assert text_speaks_for("黄石市", county)


def test_a_district_ending_like_mountains_is_a_district():
    text = "各县区竞相发展。兰山区实现社会消费品零售总额612.4亿元，山区群众收入增长8%"
    assert area_heading_clause(text, text.index("612.4"), "临沂市") == "兰山区"
    assert area_heading_clause(text, text.index("8%"), "临沂市") == ""


def test_a_zone_in_a_topic_clause_opening_the_sentence_heads_the_next_clause():
    text = "全市产值1186.4亿元。安庆高新区作为主要承载地，化工新材料产业产值达到612.8亿元。"
    assert area_heading_clause(text, text.index("612.8"), "安庆市") == "高新区"
    assert area_heading_clause(text, text.index("1186.4"), "安庆市") == ""
    plain = "我市作为全省重要的化工基地，化工新材料产业产值达到612.8亿元。"
    assert area_heading_clause(plain, plain.index("612.8"), "安庆市") == ""


def test_a_citys_text_naming_its_province_often_still_speaks_for_the_city():
    # Outside Henan the gazetteer knows a city only by its province: 湖北省
    # and 湖北东坡茶业集团 are 黄冈's own surroundings, not a rival place...
    text = (
        "黄冈市农业农村局关于2024年乡村振兴工作情况的报告\n"
        "全市粮食总产量283.6万吨，高于湖北省平均水平。湖北东坡茶业集团产值增长12%，"
        "居湖北省前列。湖北东坡茶业集团获评省级龙头企业。"
    )
    assert text_speaks_for("黄冈市", text)
    # ...but still another place for a figure it heads, and another
    # province's text is not read for the city.
    assert another_place_named("湖北省规上工业增加值增长", "黄冈市") == "湖北"
    assert not text_speaks_for(
        "黄冈市", text.replace("黄冈", "郑州").replace("湖北", "河南") + "黄冈市"
    )


def test_an_undated_text_naming_another_city_of_the_gazetteer_is_not_read_for_one_it_never_names():
    # 上饶市 reads like 上市 by its ending; the gazetteer knows it.
    text = "上饶市发展和改革委员会\n我市重点项目建设成效明显，全市固定资产投资增长3.2%。"
    assert not text_speaks_for("郴州市", text)
    assert text_speaks_for("上饶市", text)


def test_a_named_scenic_area_heading_the_clause_is_a_part_not_a_count_of_them():
    text = "涠洲岛景区接待游客312.4万人次；全市A级旅游景区达到56个"
    assert area_heading_clause(text, text.index("312.4"), "北海市") == "涠洲岛景区"
    assert area_heading_clause(text, text.index("56"), "北海市") == ""
