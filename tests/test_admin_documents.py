"""Adding a document in the admin from a file or a paste, as a planner does:
extract, confirm the suggested date and issuer, save through the services.
A bad file gets its reason and stores nothing."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests import document_files as files
from tracker.models import AuditEvent, Document

pytestmark = pytest.mark.django_db

ADD = reverse("admin:tracker_document_add")


@pytest.fixture
def planner(make, client):
    user = make.user("planner-docs", groups=("planner",), is_staff=True)
    client.force_login(user)
    return user


def upload(client, name: str, data: bytes, **extra):
    return client.post(ADD, {"upload": SimpleUploadedFile(name, data), **extra})


def token_of(response) -> str:
    return re.search(r'name="token" value="([^"]+)"', response.content.decode())[1]


def test_a_docx_goes_in_with_its_date_and_issuer_suggested(client, planner):
    step2 = upload(client, "郑州答复.docx", files.docx_bytes())
    assert step2.status_code == 200
    page = step2.content.decode()
    assert "第 2 步" in page and "建议值，读自原文" in page
    form = step2.context["form"]
    assert form.initial["published_on"].isoformat() == "2023-01-16"
    assert form.initial["issuer"] == "郑州市工业和信息化局"
    assert Document.objects.count() == 0  # nothing stored before confirming

    saved = client.post(
        ADD,
        {
            "token": token_of(step2),
            "title": "郑州市工信局答复",
            "slug": "zz-reply",
            "kind": "reply",
            "issuer": "郑州市工业和信息化局",
            "published_on": "2023-01-16",
            "url": "",
        },
    )
    document = Document.objects.get()
    assert saved.status_code == 302
    assert saved["Location"] == reverse("admin:tracker_document_changelist")  # as the admin does
    assert document.text.split("\n")[0] == files.BODY[0]
    event = AuditEvent.objects.get(entity="document")
    assert (event.action, event.via, event.actor_id) == ("create", "admin", planner.pk)
    assert "郑州答复.docx" in event.comment and "python-docx" in event.comment
    assert "SHA-256" in event.comment


def test_pasted_text_is_saved_with_windows_line_ends_normalised(client, planner):
    step2 = client.post(ADD, {"pasted": "2020年4月14日\r\n全年工业投资达到700亿元。\r\n"})
    assert step2.context["form"].initial["published_on"].isoformat() == "2020-04-14"
    client.post(
        ADD,
        {"token": token_of(step2), "title": "方案", "slug": "plan-paste", "kind": "plan"},
    )
    assert Document.objects.get().text == "2020年4月14日\n全年工业投资达到700亿元。"


@pytest.mark.parametrize(
    ("name", "data", "says"),
    [
        ("secret.pdf", files.encrypted_pdf_bytes(), "已加密"),
        ("scan.pdf", files.image_pdf_bytes(), "没有文字层"),
        ("empty.txt", b"", "文件是空的"),
        ("old.doc", b"\xd0\xcf\x11\xe0", "不支持的文件类型"),
    ],
)
def test_bad_files_say_why_and_store_nothing(client, planner, name, data, says):
    response = upload(client, name, data)
    assert response.status_code == 200
    assert says in response.content.decode()
    assert "第 1 步" in response.content.decode()
    assert Document.objects.count() == 0 and AuditEvent.objects.count() == 0


def test_a_file_over_the_limit_is_refused(client, planner, settings):
    settings.TRACKER_DOCUMENT_MAX_BYTES = 1000
    response = upload(client, "big.txt", "字".encode() * 400)
    assert "文件过大" in response.content.decode()
    assert Document.objects.count() == 0


def test_a_changed_token_is_refused(client, planner):
    step2 = client.post(ADD, {"pasted": "原文"})
    forged = token_of(step2)[:-3] + "abc"
    response = client.post(ADD, {"token": forged, "title": "x", "slug": "forged", "kind": "news"})
    assert "已过期或被改动" in response.content.decode()
    assert Document.objects.count() == 0


def test_file_and_paste_together_are_refused(client, planner):
    response = upload(client, "a.txt", "文件".encode(), pasted="粘贴")
    assert "二者择一" in response.content.decode()


def test_a_duplicate_slug_keeps_the_extracted_text_on_the_page(client, planner, make):
    make.document(slug="taken")
    step2 = client.post(ADD, {"pasted": "原文全文"})
    response = client.post(
        ADD, {"token": token_of(step2), "title": "x", "slug": "taken", "kind": "news"}
    )
    assert response.status_code == 200
    assert "原文全文" in response.content.decode()
    assert Document.objects.filter(slug="taken").count() == 1


def test_people_without_add_permission_are_refused(client, make):
    client.force_login(make.user("reader", groups=("manager",), is_staff=True))
    assert client.get(ADD).status_code == 403


def test_english_page(client, planner):
    response = client.get(ADD, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200


def _confirm(client, title: str, slug: str = ""):
    step2 = client.post(ADD, {"pasted": "2020年4月14日\n全年工业投资达到700亿元。\n"})
    assert "留空则由标题生成" in step2.content.decode()
    return client.post(
        ADD, {"token": token_of(step2), "title": title, "slug": slug, "kind": "reply"}
    )


def test_a_blank_slug_is_made_from_the_title_and_kept_unique(client, planner):
    """Issue 12: no made-up slug. Chinese titles keep their characters (the
    slug field allows Unicode and the document URL takes any text)."""
    assert _confirm(client, "关于技改投资的答复（2021年）").status_code == 302
    assert _confirm(client, "关于技改投资的答复（2021年）").status_code == 302
    assert _confirm(client, "Reply on Investment, 2021").status_code == 302
    assert _confirm(client, "“”。").status_code == 302
    slugs = sorted(Document.objects.values_list("slug", flat=True))
    assert slugs == [
        "document",
        "reply-on-investment-2021",
        "关于技改投资的答复2021年",
        "关于技改投资的答复2021年-2",
    ]
    page = client.get(reverse("tracker:document", args=["关于技改投资的答复2021年-2"]))
    assert page.status_code == 200


def test_a_typed_slug_is_kept(client, planner):
    _confirm(client, "关于技改投资的答复", slug="reply-2021")
    assert Document.objects.get().slug == "reply-2021"
