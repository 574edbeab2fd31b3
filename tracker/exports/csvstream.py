"""Streaming CSV that Excel opens correctly and cannot be tricked by.

- UTF-8 with a byte order mark: without it Excel reads Chinese as mojibake.
- ``csv.writer`` over an iterator, flushed in chunks: an export of every
  target never sits in memory as one file (django-tables2's ``ExportMixin``
  builds it whole, docs/architecture.md section 5).
- Formula injection (OWASP "CSV Injection"): a text cell starting with ``=``,
  ``+``, ``-``, ``@``, tab, CR or LF gets a leading ``'`` so a spreadsheet
  shows it as text instead of running it. Numbers stay numbers: a Decimal is
  written as plain digits, and a text that is just a plain decimal number
  (``-4.5``, as the attainment rows carry their figures) is left alone,
  since a spreadsheet reads it as a number, never as a formula.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from datetime import date, datetime
from decimal import Decimal
from itertools import repeat
from urllib.parse import quote

from django.http import StreamingHttpResponse

from tracker.domain import format_decimal

__all__ = [
    "BOM",
    "CHUNK_SIZE",
    "content_disposition",
    "csv_cell",
    "csv_chunks",
    "format_cell",
    "streaming_csv_response",
]

BOM = "\ufeff"
# Characters per chunk: large enough that the per-chunk overhead vanishes,
# small enough that the first bytes reach the browser at once.
CHUNK_SIZE = 16 * 1024

_FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "\n")
_PLAIN_NUMBER = re.compile(r"-?[0-9]+(\.[0-9]+)?\Z")


def format_cell(value: object) -> str:
    """A value as plain text: figures as plain digits without float artefacts
    or trailing zeros (``7``, ``2.1``, ``1500``), dates ISO, booleans
    ``true``/``false``, None empty. No neutralisation: see ``csv_cell``.

    Floats are refused: figures are Decimals end to end (a float would print
    ``0.30000000000000004``), so a float here is a bug upstream.
    """
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Decimal):
        return format_decimal(value)
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        raise TypeError("CSV figures must be Decimal, not float: format them exactly first")
    if isinstance(value, datetime | date):
        return value.isoformat()
    return str(value)


def csv_cell(value: object) -> str:
    """``format_cell``, then a leading ``'`` on a text a spreadsheet would
    run as a formula; plain numbers (``-4.5``) stay numbers."""
    text = value if type(value) is str else format_cell(value)
    if text.startswith(_FORMULA_TRIGGERS) and not _PLAIN_NUMBER.match(text):
        return "'" + text
    return text


def _drain(buffer: io.StringIO) -> str:
    text = buffer.getvalue()
    buffer.seek(0)
    buffer.truncate()
    return text


def csv_chunks(
    header: Sequence[str],
    rows: Iterable[Sequence[object]],
    *,
    chunk_size: int = CHUNK_SIZE,
) -> Iterator[str]:
    """The CSV as text chunks: the first is the BOM and the header (sent
    before ``rows`` is even started, so a slow query still starts the
    download), then about ``chunk_size`` characters at a time."""
    # A StringIO, not a Python class: ``csv.writer`` calls ``write`` once a
    # row, and an export has 100,000 rows.
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([csv_cell(name) for name in header])
    yield BOM + _drain(buffer)
    writerow, tell, triggers = writer.writerow, buffer.tell, _FORMULA_TRIGGERS
    for row in rows:
        # ``csv_cell`` for each cell, unless every cell is text starting with
        # no trigger (most rows): that check runs in C (``map``), which
        # matters at four million cells an export.
        try:
            clean = not any(map(str.startswith, row, repeat(triggers)))
        except TypeError:  # a cell that is not text
            clean = False
        writerow(row if clean else [csv_cell(value) for value in row])
        if tell() >= chunk_size:
            yield _drain(buffer)
    if tell():
        yield _drain(buffer)


def _fold(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^A-Za-z0-9_-]+", "_", ascii_text).strip("_")


def _ascii_fallback(filename: str) -> str:
    """A plain-ASCII name for clients that ignore ``filename*``."""
    stem, dot, extension = filename.rpartition(".")
    if not dot:
        stem, extension = filename, ""
    stem, extension = _fold(stem) or "export", _fold(extension)
    return f"{stem}.{extension}" if extension else stem


def content_disposition(filename: str) -> str:
    """``attachment`` with an ASCII fallback and the RFC 5987 UTF-8 name, so
    ``完成情况.csv`` arrives as itself (and no quote or newline in the name
    can break the header)."""
    return (
        f'attachment; filename="{_ascii_fallback(filename)}"; '
        f"filename*=UTF-8''{quote(filename, safe='')}"
    )


def streaming_csv_response(
    filename: str, header: Sequence[str], rows: Iterable[Sequence[object]]
) -> StreamingHttpResponse:
    """A download that streams ``rows`` as CSV (see ``csv_chunks``)."""
    response = StreamingHttpResponse(
        csv_chunks(header, rows), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = content_disposition(filename)
    return response
