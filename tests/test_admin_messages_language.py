"""Issue 12: every unit message of the admin forms wholly in the reader's
language. The messages are codes rendered through gettext
(``tracker.validation``, ``tracker.formatting``, ``tracker.units_of_measure``,
``tracker.services.units``); only data (a unit's name as typed) stays as
written. Each message is checked in Chinese and in English."""

from __future__ import annotations

import re

import pytest
from django.conf import settings
from django.urls import reverse

from tests.admin_support import form_data, logged_in, messages_of, staff

pytestmark = pytest.mark.django_db

# Data inside the messages: unit names as a person typed them.
DATA = ["二.2.2", "万吨", "英寸", "万 吨", "标准箱", "大箱", "%"]
CJK = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")
LATIN = re.compile(r"[A-Za-z]")


def _without_data(message: str) -> str:
    for text in sorted(DATA, key=len, reverse=True):
        message = message.replace(text, "")
    return message


def _in_language(message: str, language: str) -> bool:
    rest = _without_data(re.sub(r"<[^>]+>", "", message))
    if language == "en":
        return not CJK.search(rest)
    return not LATIN.search(rest)


def _errors(response) -> list[str]:
    form = response.context["adminform"].form
    return [message for errors in form.errors.values() for message in errors]


@pytest.fixture(params=["zh-hans", "en"])
def language(request):
    return request.param


def _browser(user, language):
    browser = logged_in(user)
    browser.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    return browser


def test_outcome_unit_messages(make, language):
    browser = _browser(staff("supervisor"), language)
    target = make.target(unit="%", code="二.2.2")  # a code as plans write them
    document = make.document(text="全年增长29万吨，另有29英寸。")
    add = reverse("admin:tracker_outcome_add")
    shown = []
    for unit, quote in (("英寸", "29英寸"), ("万吨", "增长29万吨")):
        data = form_data(
            browser.get(add),
            target=target.pk,
            document=document.pk,
            quote=quote,
            value="29",
            unit=unit,
            period_start="2020-01-01",
            period_end="2020-12-31",
        )
        response = browser.post(add, data, follow=True)
        shown += _errors(response) if "adminform" in response.context else []
        shown += [m for m in messages_of(response) if "无法换算" in m or "cannot convert" in m]
    assert len(shown) >= 2, shown  # the unknown unit's error, the incomparable warning
    assert all(_in_language(message, language) for message in shown), shown


def test_unit_of_measure_messages(make, language):
    planner = staff("planner")
    browser = _browser(planner, language)
    add = reverse("admin:tracker_unitofmeasure_add")
    response = browser.post(add, {"name": "万 吨", "dimension": "a b", "factor": "-1"})
    shown = _errors(response)
    browser.post(add, {"name": "标准箱", "dimension": "container", "factor": "1"})
    browser.post(add, {"name": "大箱", "dimension": "container", "factor": "2"})
    make.target(unit="万标准箱", statement="3万标准箱")
    from tracker.models import UnitOfMeasure

    box = UnitOfMeasure.objects.get(name="标准箱")
    change = reverse("admin:tracker_unitofmeasure_change", args=[box.pk])
    response = browser.post(change, {"name": "小箱", "dimension": "container", "factor": "1"})
    shown += _errors(response)
    assert len(shown) >= 4, shown
    assert all(_in_language(message, language) for message in shown), shown


def test_target_unit_messages(make, language):
    browser = _browser(staff("planner"), language)
    target = make.target()
    change = reverse("admin:tracker_target_change", args=[target.pk])
    response = browser.post(change, form_data(browser.get(change), unit="英寸"))
    shown = _errors(response)
    assert shown, "an unknown unit is refused"
    assert all(_in_language(message, language) for message in shown), shown
