"""Extracting a document's text from real files of each kind, and refusing
the files that cannot give honest text."""

import hashlib
import io

import pytest

from tests import document_files as files
from tracker.ingest import (
    ExtractionError,
    extract_file,
    extract_pasted,
    normalise,
    suggest_issuer,
    suggest_published_on,
)

LIMIT = 1024 * 1024


def extract(name: str, data: bytes, limit: int = LIMIT):
    return extract_file(name=name, size=len(data), stream=io.BytesIO(data), max_bytes=limit)


def refused(name: str, data: bytes, limit: int = LIMIT) -> ExtractionError:
    with pytest.raises(ExtractionError) as caught:
        extract(name, data, limit)
    assert caught.value.message  # a sentence for the person, in their language
    return caught.value


@pytest.mark.parametrize(
    ("name", "data", "encoding"),
    [
        ("reply.txt", "\ufeff第一行\r\n第二行\r\n".encode(), "UTF-8 (BOM)"),
        ("reply.txt", "第一行\r第二行".encode("gbk"), "GB18030"),
        ("reply.txt", "第一行\n第二行\n".encode(), "UTF-8"),
    ],
)
def test_text_files_in_any_usual_encoding_and_line_ends(name, data, encoding):
    extracted = extract(name, data)
    assert extracted.text == "第一行\n第二行"
    assert (extracted.source_format, extracted.encoding) == ("txt", encoding)
    assert extracted.source_sha256 == hashlib.sha256(data).hexdigest()


def test_docx_paragraphs_and_tables_in_document_order():
    extracted = extract("reply.docx", files.docx_bytes())
    lines = extracted.text.split("\n")
    assert lines[0] == files.BODY[0]
    assert lines[1:3] == ["指标\t数值", "技改项目\t520个"]
    assert lines[-2:] == files.FOOT
    assert extracted.extractor.startswith("python-docx ")


def test_pdf_with_a_text_layer():
    extracted = extract("news.pdf", files.pdf_bytes())
    assert extracted.text.split("\n") == [*files.BODY, *files.FOOT]
    assert extracted.extractor.startswith("pypdf ")
    assert extracted.notes == ()


def test_pdf_pages_without_text_are_named():
    data = files.pdf_bytes(pages=(files.BODY, (), files.FOOT))
    extracted = extract("mixed.pdf", data)
    assert extracted.notes == (("pages_without_text", "2"),)
    assert files.FOOT[1] in extracted.text


def test_html_to_text_with_its_declared_charset():
    extracted = extract("news.html", files.html_bytes("gbk"))
    assert extracted.encoding == "GBK"
    assert "规上工业增加值增长8.5%。" in extracted.text
    assert "脚本" not in extracted.text and "color" not in extracted.text
    assert extracted.text.startswith("郑州斩获这一新称号")


@pytest.mark.parametrize("algorithm", ["RC4-128", "AES-256"])
def test_encrypted_pdf_is_refused(algorithm):
    data = files.encrypted_pdf_bytes(algorithm=algorithm)
    assert refused("secret.pdf", data).code == "pdf_encrypted"


def test_pdf_with_only_an_owner_password_is_read():
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(files.pdf_bytes())))
    writer.encrypt(user_password="", owner_password="owner")  # no-copy flags only
    out = io.BytesIO()
    writer.write(out)
    assert files.BODY[0] in extract("restricted.pdf", out.getvalue()).text


def test_scanned_pdf_is_refused_and_says_so():
    error = refused("scan.pdf", files.image_pdf_bytes())
    assert error.code == "pdf_no_text_layer"
    assert "扫描件" in error.message and "OCR" in error.message


@pytest.mark.parametrize(
    ("name", "data", "code"),
    [
        ("empty.txt", b"", "empty_file"),
        ("blank.txt", b" \r\n\r\n ", "no_text"),
        ("old.doc", b"\xd0\xcf\x11\xe0", "wrong_extension"),
        ("noext", b"text", "wrong_extension"),
        ("fake.pdf", b"hello, not a pdf", "unreadable"),
        ("fake.docx", b"hello, not a zip", "unreadable"),
        ("latin.txt", bytes(range(0x80, 0x100)) * 3, "undecodable"),
    ],
)
def test_bad_files_are_refused_with_a_code(name, data, code):
    assert refused(name, data).code == code


def test_files_over_the_limit_are_refused_before_reading():
    class Unreadable(io.BytesIO):
        def read(self, *args):
            raise AssertionError("read a file that was too large")

    with pytest.raises(ExtractionError) as caught:
        extract_file(name="big.pdf", size=LIMIT + 1, stream=Unreadable(), max_bytes=LIMIT)
    assert caught.value.code == "too_large"
    assert "1.0 MB" in caught.value.message


def test_normalisation_is_only_bom_line_ends_and_outer_blank_lines():
    text = "\ufeff\r\n\r\n  一、 总体思路\r\n全角，标点＊＊保留\u3000空格\r\n\r\n"
    normal, applied = normalise(text)
    assert normal == "  一、 总体思路\n全角，标点＊＊保留\u3000空格"
    assert applied == ("bom", "line_ends", "outer_blank_lines")
    assert normalise("原样") == ("原样", ())


def test_pasted_text_is_normalised_the_same_way():
    extracted = extract_pasted("第一行\r\n第二行")
    assert (extracted.text, extracted.source_format) == ("第一行\n第二行", "pasted")
    with pytest.raises(ExtractionError):
        extract_pasted(" \r\n ")


def test_date_and_issuer_suggested_from_the_foot():
    text = extract("reply.docx", files.docx_bytes()).text
    assert suggest_published_on(text).value.isoformat() == "2023-01-16"
    issuer = suggest_issuer(text)
    assert (issuer.value, issuer.where) == ("郑州市工业和信息化局", "foot")


@pytest.mark.parametrize(
    ("seed", "published_on", "issuer"),
    [
        ("zz-2020-manufacturing-plan.txt", "2020-04-14", None),  # notice date at the head
        ("zz-2023-news-industrial-growth.txt", "2023-01-16", "大河财立方"),  # 16.01.2023
        ("zz-2024-reply-industrial-restructuring.txt", None, None),  # undated, unsigned
        ("pds-2019-reply-three-transformations.txt", None, None),
    ],
)
def test_suggestions_on_the_seeds_match_the_demo_fixtures(seed, published_on, issuer):
    from pathlib import Path

    text = (Path(__file__).parent.parent / "fixtures" / "documents" / seed).read_text()
    date_hint = suggest_published_on(text)
    assert (date_hint and date_hint.value.isoformat()) == published_on
    issuer_hint = suggest_issuer(text)
    assert (issuer_hint and issuer_hint.value) == issuer


def test_a_date_in_the_body_is_not_suggested():
    text = "关于推进工作的通知\n" + "内容。" * 200 + "将于2024年3月1日起施行。" + "内容。" * 200
    assert suggest_published_on(text) is None
