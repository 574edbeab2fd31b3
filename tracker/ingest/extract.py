"""From a file's bytes (or a paste) to the document's text.

Each format has one well-kept reader: the standard codecs for .txt,
inscriptis for .html (a layout-aware HTML-to-text converter: tables and
lists stay readable, scripts and styles go), python-docx for .docx
(paragraphs and tables in document order; headers and footers are page
furniture and are left out) and pypdf for .pdf (pages joined by a line end).
The type is taken from the file name's suffix and checked against the
content, so a renamed file says what it is rather than yielding garbage.
"""

from __future__ import annotations

import hashlib
import io
import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from importlib.metadata import version
from pathlib import PurePath
from typing import IO

from tracker.ingest.errors import ExtractionError
from tracker.ingest.normalise import normalise

__all__ = ["SUPPORTED_SUFFIXES", "Extracted", "extract_file", "extract_pasted"]


@dataclass(frozen=True)
class Extracted:
    """The text and how it was obtained (for the person and the audit trail).

    ``source_format`` is ``txt``, ``html``, ``docx``, ``pdf`` or ``pasted``;
    ``extractor`` names the library and version; ``normalised`` lists the
    normalisations that changed the text; ``notes`` are codes with
    parameters worth showing (``("pages_without_text", "3, 5")``).
    """

    text: str
    source_format: str
    source_name: str = ""
    source_sha256: str = ""
    extractor: str = ""
    encoding: str = ""
    normalised: tuple[str, ...] = ()
    notes: tuple[tuple[str, str], ...] = field(default=())


def _decode(data: bytes, declared: str | None = None) -> tuple[str, str]:
    """Text and the encoding used: a BOM wins, then a declared charset, then
    strict UTF-8, then GB18030 (a superset of GBK/GB2312, which Chinese
    government sites still serve); never a lossy guess."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data.decode("utf-8-sig"), "UTF-8 (BOM)"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16"), "UTF-16"
    candidates = [declared] if declared else []
    candidates += ["utf-8", "gb18030"]
    for encoding in candidates:
        try:
            return data.decode(encoding), encoding.upper()
        except (LookupError, UnicodeDecodeError):
            continue
    raise ExtractionError("undecodable")


def _read_txt(data: bytes) -> tuple[str, str, str, tuple]:
    text, encoding = _decode(data)
    return text, "Python codecs", encoding, ()


_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_-]+)""", re.IGNORECASE)


def _read_html(data: bytes) -> tuple[str, str, str, tuple]:
    from inscriptis import get_text

    declared = _CHARSET.search(data[:4096])
    text, encoding = _decode(data, declared.group(1).decode("ascii") if declared else None)
    return get_text(text), f"inscriptis {version('inscriptis')}", encoding, ()


def _read_docx(data: bytes) -> tuple[str, str, str, tuple]:
    import docx
    from docx.table import Table

    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise ExtractionError("unreadable", kind=".docx", detail="not a ZIP package")
    try:
        document = docx.Document(io.BytesIO(data))
    except (KeyError, ValueError, zipfile.BadZipFile) as error:
        raise ExtractionError("unreadable", kind=".docx", detail=str(error)) from error
    lines: list[str] = []
    for block in document.iter_inner_content():
        if isinstance(block, Table):
            for row in block.rows:
                cells: list[str] = []
                for cell in row.cells:
                    if not cells or cell.text != cells[-1]:  # merged cells repeat
                        cells.append(cell.text)
                lines.append("\t".join(cells))
        else:
            lines.append(block.text)
    return "\n".join(lines), f"python-docx {version('python-docx')}", "", ()


def _read_pdf(data: bytes) -> tuple[str, str, str, tuple]:
    from pypdf import PdfReader
    from pypdf.errors import DependencyError, FileNotDecryptedError, PdfReadError

    if not data.lstrip()[:5].startswith(b"%PDF"):
        raise ExtractionError("unreadable", kind=".pdf", detail="no %PDF header")
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            # An empty user password opens files that only restrict printing
            # or copying; anything else needs a password we do not have.
            raise ExtractionError("pdf_encrypted")
        pages = [page.extract_text() or "" for page in reader.pages]
    except (FileNotDecryptedError, DependencyError) as error:
        raise ExtractionError("pdf_encrypted") from error
    except (PdfReadError, ValueError, KeyError) as error:
        raise ExtractionError("unreadable", kind=".pdf", detail=str(error)) from error
    if not any(page.strip() for page in pages):
        raise ExtractionError("pdf_no_text_layer", pages=len(pages))
    blank = [str(number) for number, page in enumerate(pages, start=1) if not page.strip()]
    notes = (("pages_without_text", "、".join(blank)),) if blank else ()
    return "\n".join(pages), f"pypdf {version('pypdf')}", "", notes


_READERS: dict[str, Callable[[bytes], tuple[str, str, str, tuple]]] = {
    ".txt": _read_txt,
    ".html": _read_html,
    ".htm": _read_html,
    ".docx": _read_docx,
    ".pdf": _read_pdf,
}
SUPPORTED_SUFFIXES: tuple[str, ...] = tuple(_READERS)


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MB"


def extract_file(*, name: str, size: int, stream: IO[bytes], max_bytes: int) -> Extracted:
    """Read an uploaded file into text, or raise ``ExtractionError``.

    The suffix and the size are checked before a byte is read.
    """
    suffix = PurePath(name).suffix.lower()
    reader = _READERS.get(suffix)
    if reader is None:
        raise ExtractionError("wrong_extension", suffix=suffix or name)
    if size > max_bytes:
        raise ExtractionError("too_large", size=_megabytes(size), limit=_megabytes(max_bytes))
    if size == 0:
        raise ExtractionError("empty_file")
    data = stream.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise ExtractionError("too_large", size=_megabytes(len(data)), limit=_megabytes(max_bytes))
    if not data:
        raise ExtractionError("empty_file")
    raw, extractor, encoding, notes = reader(data)
    text, applied = normalise(raw)
    if not text.strip():
        raise ExtractionError("no_text")
    return Extracted(
        text=text,
        source_format={".htm": "html"}.get(suffix, suffix.lstrip(".")),
        source_name=PurePath(name).name,
        source_sha256=hashlib.sha256(data).hexdigest(),
        extractor=extractor,
        encoding=encoding,
        normalised=applied,
        notes=notes,
    )


def extract_pasted(text: str) -> Extracted:
    """A pasted text, normalised the same way as a file's."""
    normal, applied = normalise(text)
    if not normal.strip():
        raise ExtractionError("no_text")
    return Extracted(text=normal, source_format="pasted", normalised=applied)
