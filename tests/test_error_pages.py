"""Friendly 403, 404 and 500 pages in the site's look, in the reader's
language, as production serves them (DEBUG off; issue 12)."""

from __future__ import annotations

import pytest
from django.conf import settings as django_settings
from django.test import Client
from django.urls import reverse

from tests import pages_support
from tracker.views.plans import PlanListView

pytestmark = pytest.mark.django_db

TEXTS = {
    403: {"zh-hans": "没有权限打开这个页面", "en": "You may not open this page"},
    404: {"zh-hans": "页面不存在", "en": "Page not found"},
    500: {"zh-hans": "服务器出错", "en": "Server error"},
}


@pytest.fixture(autouse=True)
def production_like(settings):
    settings.DEBUG = False


def _client(language: str, role: str | None = "manager") -> Client:
    client = Client(raise_request_exception=False)
    client.cookies[django_settings.LANGUAGE_COOKIE_NAME] = language
    if role:
        client.force_login(pages_support.user_with_role(role, f"{role}-{language}"))
    return client


def _assert_friendly(response, status: int, language: str) -> str:
    assert response.status_code == status
    page = response.content.decode()
    assert f'<html lang="{language}">' in page
    assert "tracker/tracker.css" in page and 'class="site"' in page
    assert f"<h1>{TEXTS[status][language]}</h1>" in page
    assert f'href="{reverse("tracker:plan-list")}"' in page
    assert "Forbidden</h1>" not in page and "Not Found</h1>" not in page
    return page


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_403_says_why_and_where_to_go(language):
    # Managers read reports but may not export them.
    response = _client(language).get(reverse("tracker:export"))
    page = _assert_friendly(response, 403, language)
    assert 'class="error-page"' in page


@pytest.mark.parametrize("language", ["zh-hans", "en"])
@pytest.mark.parametrize("role", ["manager", None])
def test_404_for_an_unknown_address_or_record(language, role):
    client = _client(language, role)
    _assert_friendly(client.get("/no/such/page/"), 404, language)
    if role:
        _assert_friendly(client.get(reverse("tracker:target-detail", args=[999999])), 404, language)


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_500_when_a_page_breaks(monkeypatch, language):
    def broken(self):
        raise RuntimeError("a bug")

    monkeypatch.setattr(PlanListView, "get_table_data", broken)
    page = _assert_friendly(_client(language).get(reverse("tracker:plan-list")), 500, language)
    assert "a bug" not in page and "Traceback" not in page
