"""Chinese by default, English after the language switch; the English
catalogue translates every string and its compiled file is up to date."""

from __future__ import annotations

import ast
import gettext
import re
from datetime import date
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.urls import reverse

from tests import pages_support

LOCALE = Path(settings.BASE_DIR) / "tracker" / "locale" / "en" / "LC_MESSAGES"


@pytest.fixture
def report(client):
    client.force_login(pages_support.user_with_role("manager"))
    found = pages_support.report()
    found.plan.issued_on = date(2020, 4, 14)
    found.plan.save(update_fields=["issued_on"])
    return found


@pytest.mark.django_db
def test_chinese_by_default(client, report):
    page = client.get(reverse("tracker:plan-report", args=[report.plan.slug])).content.decode()
    assert '<html lang="zh-hans">' in page
    assert "已完成 · 终期" in page
    assert "2020年4月14日印发" in page
    assert "50.0%（1/2）" in page


@pytest.mark.django_db
def test_english_after_switching(client, report):
    url = reverse("tracker:plan-report", args=[report.plan.slug])
    response = client.post(reverse("set_language"), {"language": "en", "next": url})
    assert response.status_code == 302
    page = client.get(url).content.decode()
    assert '<html lang="en">' in page
    assert "met · final" in page
    assert "met · later (indicative)" in page
    assert "Issued 14 Apr 2020" in page
    assert "50.0% (1/2)" in page
    assert "Lead unit" in page
    # Figures keep their Chinese magnitudes in English too (never 70 billion).
    assert "≥ 700亿元" in page
    assert "已完成" not in page
    # And back.
    client.post(reverse("set_language"), {"language": "zh-hans", "next": url})
    assert "已完成 · 终期" in client.get(url).content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "name",
    [
        "plan-list",
        "unit-ranking",
        "review-queue",
        "target-detail",
        "document",
        "document-proposals",
    ],
)
def test_every_page_renders_in_english(client, report, name, make):
    client.force_login(make.user("polyglot", groups=("supervisor",)))
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    slug = report.met_outcome.document.slug
    args = {"target-detail": [report.met.pk], "document": [slug], "document-proposals": [slug]}
    page = client.get(reverse(f"tracker:{name}", args=args.get(name, []))).content.decode()
    assert '<html lang="en">' in page
    # The page's own words (the header, headings, table heads), not the data.
    chrome = page.split('<header class="site">')[1].split("</header>")[0]
    headings = re.findall(r"<(h2|th)[^>]*>(.*?)</\1>", page, re.S)
    for text in [chrome.replace("中文", ""), *(h for _, h in headings)]:
        assert not re.search(r"[\u4e00-\u9fff]", text), text


def _entries(path: Path) -> list[dict[str, object]]:
    """A small .po reader: msgid, msgid_plural, msgstr / msgstr[n], flags."""
    entries, current, key = [], {}, None
    for line in [*path.read_text(encoding="utf-8").splitlines(), ""]:
        if not line.strip():
            if "msgid" in current:
                entries.append(current)
            current, key = {}, None
        elif line.startswith("#,"):
            current["flags"] = line[2:]
        elif line.startswith("#"):
            continue
        elif line.startswith('"'):
            current[key] += ast.literal_eval(line)
        else:
            key, value = line.split(" ", 1)
            current[key] = ast.literal_eval(value)
    return [e for e in entries if e["msgid"]]


def test_english_catalogue_translates_every_string():
    entries = _entries(LOCALE / "django.po")
    assert len(entries) > 250
    untranslated = [
        e["msgid"]
        for e in entries
        if not (e.get("msgstr") or e.get("msgstr[0]")) or "fuzzy" in str(e.get("flags", ""))
    ]
    assert untranslated == []


def test_compiled_catalogue_matches_the_po_file():
    with (LOCALE / "django.mo").open("rb") as compiled:
        catalogue = gettext.GNUTranslations(compiled)
    for entry in _entries(LOCALE / "django.po"):
        if "msgid_plural" in entry:
            assert (
                catalogue.ngettext(entry["msgid"], entry["msgid_plural"], 2) == entry["msgstr[1]"]
            )
        elif "msgctxt" in entry:
            assert catalogue.pgettext(entry["msgctxt"], entry["msgid"]) == entry["msgstr"]
        else:
            assert catalogue.gettext(entry["msgid"]) == entry["msgstr"], entry["msgid"]


@pytest.mark.django_db
def test_an_english_browser_still_opens_in_chinese_until_the_switch(client, django_user_model):
    """zh-hans by default whatever the browser asks; the switch decides."""
    user = django_user_model.objects.create_user("reader", password="pw")
    user.groups.add(Group.objects.get(name="manager"))
    client.force_login(user)
    page = client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert page.headers["Content-Language"] == "zh-hans"
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    page = client.get("/", HTTP_ACCEPT_LANGUAGE="zh-CN")
    assert page.headers["Content-Language"] == "en"
