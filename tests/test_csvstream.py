"""Streaming CSV: BOM, formula neutralisation (OWASP), numbers left as
numbers, chunked streaming and the download header."""

import csv
import io
from datetime import date
from decimal import Decimal as D
from urllib.parse import unquote

import pytest
from django.http import StreamingHttpResponse

from tracker.exports.csvstream import (
    BOM,
    content_disposition,
    csv_cell,
    csv_chunks,
    format_cell,
    streaming_csv_response,
)


def parse(text: str) -> list[list[str]]:
    assert text.startswith(BOM)
    return list(csv.reader(io.StringIO(text[len(BOM) :], newline="")))


def test_first_chunk_starts_with_the_bom_and_holds_the_header():
    chunks = csv_chunks(["计划", "值"], iter([]))
    first = next(chunks)
    assert first.startswith("\ufeff")
    assert first == "\ufeff计划,值\r\n"
    assert list(chunks) == []


@pytest.mark.parametrize("text", ["=1+1", "+86", "@SUM(A1:A2)", "-cmd", "\tx", "\rx", "\nx"])
def test_text_that_a_spreadsheet_would_run_gets_a_quote(text):
    assert csv_cell(text) == "'" + text


@pytest.mark.parametrize(
    ("value", "written"),
    [
        (D("-4.5"), "-4.5"),
        ("-4.5", "-4.5"),
        ("-4", "-4"),
        (D("7.000000"), "7"),
        (D("2.10"), "2.1"),
        (D("1500.000000"), "1500"),
        (D("1E+3"), "1000"),
        (D("-0"), "0"),
        (-3, "-3"),
        (date(2020, 12, 31), "2020-12-31"),
        (None, ""),
        (True, "true"),
        ("增长7%左右", "增长7%左右"),
        ("'quoted", "'quoted"),
    ],
)
def test_numbers_stay_numbers_and_plain_text_is_untouched(value, written):
    assert csv_cell(value) == written


@pytest.mark.parametrize("text", ["-1+2", "-4.5e3", "+4.5", "-", "--4"])
def test_only_a_plain_negative_number_escapes_the_rule(text):
    assert csv_cell(text) == "'" + text


def test_floats_are_refused_because_figures_are_decimals():
    with pytest.raises(TypeError):
        format_cell(0.1)


def test_neutralised_cells_round_trip_through_a_csv_reader():
    rows = [["=1+1", "+86", "@SUM(A1)", "-cmd", D("-4.5"), "-4.5", '含,逗号"和引号']]
    parsed = parse("".join(csv_chunks(["a", "b", "c", "d", "e", "f", "g"], rows)))
    assert parsed[1] == ["'=1+1", "'+86", "'@SUM(A1)", "'-cmd", "-4.5", "-4.5", '含,逗号"和引号']


def test_the_header_is_neutralised_too():
    assert parse("".join(csv_chunks(["=bad"], [])))[0] == ["'=bad"]


def test_many_rows_come_in_several_chunks_lazily():
    consumed = []

    def rows():
        for n in range(5000):
            consumed.append(n)
            yield [n, f"目标{n}", D("2.1")]

    chunks = csv_chunks(["n", "name", "value"], rows())
    assert next(chunks).startswith(BOM)
    assert consumed == []  # the header goes out before any row is read
    rest = list(chunks)
    assert len(rest) > 1
    assert all(len(chunk) < 2 * 16 * 1024 for chunk in rest)
    parsed = parse(BOM + "n,name,value\r\n" + "".join(rest))
    assert len(parsed) == 5001
    assert parsed[-1] == ["4999", "目标4999", "2.1"]


def test_streaming_response_is_csv_with_a_utf8_filename():
    response = streaming_csv_response("完成情况 2021.csv", ["a"], [["=x"], [D("1.50")]])
    assert isinstance(response, StreamingHttpResponse)
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    disposition = response["Content-Disposition"]
    assert disposition.startswith('attachment; filename="2021.csv"; ')
    encoded = disposition.split("filename*=UTF-8''", 1)[1]
    assert unquote(encoded) == "完成情况 2021.csv"
    body = b"".join(response.streaming_content)
    assert body.startswith(b"\xef\xbb\xbf")
    assert body.decode("utf-8") == "\ufeffa\r\n'=x\r\n1.5\r\n"


@pytest.mark.parametrize(
    ("filename", "fallback"),
    [
        ("attainment.csv", "attainment.csv"),
        ("完成情况.csv", "export.csv"),
        ('evil"\r\nSet-Cookie: x.csv', "evil_Set-Cookie_x.csv"),
    ],
)
def test_content_disposition_cannot_be_broken_by_the_name(filename, fallback):
    header = content_disposition(filename)
    assert f'filename="{fallback}"' in header
    assert "\r" not in header and "\n" not in header
    assert unquote(header.split("filename*=UTF-8''", 1)[1]) == filename
