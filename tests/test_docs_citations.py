"""Tests and docstrings cite the project's own docs, and what they cite is
written there.

A reader of the repository has ``docs/`` and ``README.md``; a design note
kept outside it (the product owner's design file, the seed folder beside
it) is not there to check. So: no source, test, fixture or doc names a file
outside the repository (no exceptions: the rules those files cited are
written in ``docs/``); every ``docs/<name>.md`` cited exists; and a section
cited by number (``section 5``) or by title (``"Outcome review"``) is a
heading of that file.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SCANNED = ("tracker", "config", "tests", "fixtures", "docs", "migrations", "benchmarks", ".ci")
SUFFIXES = {".py", ".toml", ".md", ".html", ".txt", ".csv", ""}
# Built from parts so that this file does not match itself.
OUTSIDE = re.compile("DESIGN" + r"\.md|shared/" + "seeds|/work/" + "shared")
CITATION = re.compile(
    r"docs/(?P<doc>[\w.-]+\.md)`*(?:,?\s+section\s+(?P<number>\d+[a-z]?)"
    r"|,?\s+\(?[\"“](?P<title>[^\"”\n]+)[\"”])?"
)
LINK = re.compile(r"\]\((?P<target>[\w./-]+\.md)(?:#[^)]*)?\)")


def _files() -> list[Path]:
    found = []
    for name in SCANNED:
        for path in sorted((ROOT / name).rglob("*")):
            if path.is_file() and path.suffix in SUFFIXES and "__pycache__" not in path.parts:
                found.append(path)
    return found + [ROOT / "README.md"]


def _relative(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


def _headings(doc: Path) -> list[str]:
    return [
        line.lstrip("#").strip()
        for line in doc.read_text(encoding="utf-8").splitlines()
        if line.startswith("#")
    ]


def test_nothing_cites_a_file_outside_the_repository():
    offending = sorted(
        f"{_relative(path)}:{number}: {line.strip()}"
        for path in _files()
        if path != Path(__file__).resolve()
        for number, line in enumerate(
            path.read_text(encoding="utf-8", errors="replace").splitlines(), 1
        )
        if OUTSIDE.search(line)
    )
    assert offending == []


def _citations():
    for path in _files():
        text = path.read_text(encoding="utf-8", errors="replace")
        # Docstrings and comments wrap: read each file as one line of words.
        flat = re.sub(r"\s*\n\s*(?:#\s*)?", " ", text)
        for match in CITATION.finditer(flat):
            yield _relative(path), match.group("doc"), match.group("number"), match.group("title")


CITATIONS = sorted(set(_citations()), key=str)


def test_citations_were_found():
    assert len(CITATIONS) > 20


@pytest.mark.parametrize(("source", "doc", "number", "title"), CITATIONS)
def test_a_cited_doc_and_section_exist(source, doc, number, title):
    path = ROOT / "docs" / doc
    assert path.exists(), f"{source} cites docs/{doc}, which does not exist"
    headings = _headings(path)
    if number:
        assert any(h.startswith(f"{number}.") for h in headings), (
            f"{source}: docs/{doc} section {number}"
        )
    if title:
        assert any(title in h for h in headings), f'{source}: docs/{doc} "{title}"'


def test_links_between_docs_resolve():
    broken = [
        f"{_relative(path)} -> {match.group('target')}"
        for path in [*(ROOT / "docs").glob("*.md"), ROOT / "README.md"]
        for match in LINK.finditer(path.read_text(encoding="utf-8"))
        if not (path.parent / match.group("target")).exists()
    ]
    assert broken == []
