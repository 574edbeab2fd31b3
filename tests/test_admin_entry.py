"""A supervisor's entry of one outcome in the admin (issue 12), through the
pages as a browser sends them: save and continue, save and submit for
review, the target autocomplete, and the quote read by the figure reader."""

from __future__ import annotations

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.admin_support import form_data, logged_in, messages_of, staff
from tracker.models import AuditEvent, Outcome

pytestmark = pytest.mark.django_db

QUOTE = "2020年全市技改投资增长29%"


@pytest.fixture
def supervisor():
    return staff("supervisor")


@pytest.fixture
def browser(supervisor):
    return logged_in(supervisor)


def _entered(page, target, document, **changes):
    """The add page as loaded, then filled in as a person would."""
    fields = {
        "target": target.pk,
        "document": document.pk,
        "quote": QUOTE,
        "value": "29",
        "qualifier": "exact",
        "unit": "%",
        "period_start": "2020-01-01",
        "period_end": "2020-12-31",
    }
    return form_data(page, **{**fields, **changes})


def test_save_and_continue_on_a_new_outcome_opens_it(browser, make):
    """The issue's bug: "保存并继续编辑" on a new outcome landed on the admin
    home with "added" and "ID 为“None”的 实际完成情况 不存在"."""
    target = make.target()
    document = make.document(text=f"{QUOTE}。")
    add = reverse("admin:tracker_outcome_add")
    response = browser.post(
        add, _entered(browser.get(add), target, document, _continue="1"), follow=True
    )
    outcome = Outcome.objects.get(target=target)
    change = reverse("admin:tracker_outcome_change", args=[outcome.pk])
    assert response.redirect_chain == [(change, 302)]
    assert response.context["original"] == outcome
    shown = " ".join(messages_of(response))
    assert "不存在" not in shown
    assert "None" not in shown
    assert str(outcome) in shown


def test_save_and_submit_enters_and_submits_in_one_step(browser, supervisor, make):
    target = make.target()
    document = make.document(text=f"{QUOTE}。")
    add = reverse("admin:tracker_outcome_add")
    page = browser.get(add)
    assert b'name="_submit_review"' in page.content
    response = browser.post(add, _entered(page, target, document, _submit_review="1"), follow=True)
    outcome = Outcome.objects.get(target=target)
    assert outcome.state == "submitted"
    assert outcome.entered_by == supervisor
    assert response.redirect_chain == [
        (reverse("admin:tracker_outcome_change", args=[outcome.pk]), 302)
    ]
    assert any("已保存并提交审核" in message for message in messages_of(response))
    actions = AuditEvent.objects.filter(entity="outcome", entity_id=outcome.pk, via="admin")
    assert sorted(actions.values_list("action", flat=True)) == ["create", "submit"]


def test_save_and_submit_says_why_a_submit_is_refused(browser, supervisor, make):
    """An outcome already submitted and unchanged: the save changes nothing,
    the submit is refused by the review service, and the page says so."""
    outcome = make.outcome(make.target(), actor=supervisor, approved=False)
    make.services.outcome_submit(outcome=outcome, actor=supervisor)
    change = reverse("admin:tracker_outcome_change", args=[outcome.pk])
    page = browser.get(change)
    response = browser.post(change, form_data(page, _submit_review="1"), follow=True)
    outcome.refresh_from_db()
    assert outcome.state == "submitted"
    shown = " ".join(messages_of(response))
    assert "未提交审核" in shown
    assert "不能提交审核" in shown


def test_a_draft_edited_and_submitted_from_its_page(browser, supervisor, make):
    outcome = make.outcome(make.target(), actor=supervisor, approved=False)
    change = reverse("admin:tracker_outcome_change", args=[outcome.pk])
    page = browser.get(change)
    browser.post(change, form_data(page, notes="核对过", _submit_review="1"))
    outcome.refresh_from_db()
    assert (outcome.state, outcome.notes) == ("submitted", "核对过")


def test_save_and_submit_with_a_form_error_saves_and_submits_nothing(browser, make):
    target = make.target()
    document = make.document(text=f"{QUOTE}。")
    add = reverse("admin:tracker_outcome_add")
    data = _entered(browser.get(add), target, document, unit="英寸", _submit_review="1")
    response = browser.post(add, data)
    assert response.status_code == 200
    assert "unit" in response.context["adminform"].form.errors
    assert not Outcome.objects.exists()


def test_the_submit_button_is_not_offered_in_a_popup(browser):
    page = browser.get(reverse("admin:tracker_outcome_add"), {"_popup": "1"})
    assert page.status_code == 200
    assert b'name="_submit_review"' not in page.content


def _autocomplete(browser, term: str):
    response = browser.get(
        reverse("admin:tracker_target_autocomplete"),
        {"app_label": "tracker", "model_name": "outcome", "field_name": "target", "term": term},
    )
    assert response.status_code == 200
    return [row["text"] for row in response.json()["results"]]


@pytest.fixture
def two_plans(make):
    """The issue's case: targets of the same code and indicator in two plans."""
    old = make.plan(
        title="郑州市“十三五”工业发展规划",
        period_start=date(2016, 1, 1),
        period_end=date(2020, 12, 31),
    )
    new = make.plan(
        title="郑州市“十四五”制造业发展规划",
        period_start=date(2021, 1, 1),
        period_end=date(2025, 12, 31),
    )
    common = {"code": "二.1.1", "indicator": "规模以上工业增加值增速"}
    return (
        make.target(old, statement="规上工业增加值年均增长8%", **common),
        make.target(new, statement="规上工业增加值年均增长6.5%", **common),
    )


def test_autocomplete_labels_name_plan_code_statement_and_period(browser, two_plans):
    labels = _autocomplete(browser, "二.1.1")
    assert sorted(labels) == [
        "郑州市“十三五”工业发展规划 · 二.1.1 规上工业增加值年均增长8%（2016–2020年）",
        "郑州市“十四五”制造业发展规划 · 二.1.1 规上工业增加值年均增长6.5%（2021–2025年）",
    ]


@pytest.mark.parametrize(
    ("term", "expected"),
    [
        ("十四五", ["6.5%"]),  # the plan
        ("6.5%", ["6.5%"]),  # the statement
        ("2018", ["8%"]),  # a year inside the period
        ("2023年 增加值", ["6.5%"]),  # a year and the indicator
        ("二.1.1 十三五", ["8%"]),  # the code and the plan
        ("增加值增速", ["8%", "6.5%"]),  # the indicator alone matches both
    ],
)
def test_autocomplete_finds_a_target_by_any_part_of_its_label(browser, two_plans, term, expected):
    labels = _autocomplete(browser, term)
    found = {end for end in ("8%", "6.5%") for label in labels if f"增长{end}（" in label}
    assert len(labels) == len(expected), labels
    assert found == set(expected), labels


def test_autocomplete_reads_plans_in_the_same_query(browser, make):
    def queries(count: int) -> int:
        for _n in range(count):
            make.target(indicator="技改投资增速")
        with CaptureQueriesContext(connection) as captured:
            assert len(_autocomplete(browser, "技改")) >= count
        return len(captured)

    assert queries(1) == queries(10)


def test_the_selected_target_shows_its_full_label_on_the_form(browser, two_plans):
    old, _new = two_plans
    outcome_add = reverse("admin:tracker_outcome_add")
    page = browser.get(outcome_add, {"target": old.pk})
    assert "郑州市“十三五”工业发展规划 · 二.1.1" in page.content.decode()


def _read(browser, quote: str, **ids):
    response = browser.post(reverse("admin:tracker_outcome_read_quote"), {"quote": quote, **ids})
    assert response.status_code == 200
    return response.json()["fields"]


def test_the_quote_fills_figure_unit_and_period(browser, make):
    assert _read(browser, QUOTE) == {
        "value": "29",
        "qualifier": "exact",
        "unit": "%",
        "period_start": "2020-01-01",
        "period_end": "2020-12-31",
    }


def test_a_decline_is_read_negative_and_a_relative_period_from_the_document(browser, make):
    document = make.document(
        text="今年1-6月，全市单位GDP能耗下降4.2%。", published_on=date(2022, 8, 1)
    )
    assert _read(browser, "今年1-6月，全市单位GDP能耗下降4.2%", document=document.pk) == {
        "value": "-4.2",
        "qualifier": "exact",
        "unit": "%",
        "period_start": "2022-01-01",
        "period_end": "2022-06-30",
    }


def test_of_several_figures_the_one_in_the_targets_unit_is_read(browser, make):
    quote = "2020年技改投资增长29%，总额达到120亿元"
    assert _read(browser, quote, target=make.target(unit="%").pk)["value"] == "29"
    assert _read(browser, quote, target=make.target(unit="亿元").pk)["value"] == "120"
    assert "value" not in _read(browser, quote)  # no guess between two figures


def test_nothing_read_from_a_quote_without_figures(browser):
    assert _read(browser, "全市技改投资稳步增长") == {}


def test_reading_a_quote_is_for_staff_who_enter_outcomes(make, client):
    url = reverse("admin:tracker_outcome_read_quote")
    assert client.post(url, {"quote": QUOTE}).status_code == 302  # to the admin login
    manager = make.user("mgr", groups=("manager",), is_staff=True)
    assert logged_in(manager).post(url, {"quote": QUOTE}).status_code == 403
    assert logged_in(staff("supervisor", "sup2")).get(url).status_code == 405
