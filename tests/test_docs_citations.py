"""Tests and docstrings cite the project's own docs, and what they cite is
written there.

A reader of the repository has ``docs/`` and ``README.md``; a design note
kept outside it (the product owner's design file, the seed folder beside
it) is not there to check. So: no source, test, fixture or doc names a file
outside the repository, except the files in ``PENDING`` (being rewritten in
parallel; phase 2 of issue 14 moves them and empties the list); every
``docs/<name>.md`` cited exists; and a section cited by number (``section
5``) or by title (``"Outcome review"``) is a heading of that file.
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

PENDING = {
    # h9a (issue 9: measure kinds, grades, as-of, reason codes) rewrites these.
    "tracker/domain/evidence.py": "h9a",
    "tracker/domain/status.py": "h9a",
    "tracker/domain/periods.py": "h9a",
    "tracker/analytics/evidence.py": "h9a",
    "tracker/vocabulary.py": "h9a, h9b",
    "tracker/exports/attainment.py": "h9a (reason codes in the CSV)",
    "tracker/views/targets.py": "h9a (grades shown per figure)",
    "tests/domain/test_status.py": "h9a",
    "tests/test_pages_demo_question.py": "h9a (a later growth rate stops counting)",
    "docs/attainment.md": "h9a edits it; the intro and two Choice notes name the design file",
    "fixtures/plans/zz-2020-manufacturing.toml": "h9a (measure kinds on every target)",
    "fixtures/plans/zz-2024-reply-manufacturing.toml": "h9a (measure kinds on every target)",
    # h10 (version columns, delete auditing) rewrites the services.
    "tracker/services/outcomes.py": "h10",
    "tracker/services/targets.py": "h10",
    # h13 (figure reader) rewrites the phrase reader.
    "tracker/domain/phrases.py": "h13",
    # Every schema branch adds columns around this comment.
    "tracker/schema.py": "h9a, h9b, h10",
}


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
        if path != Path(__file__).resolve() and _relative(path) not in PENDING
        for number, line in enumerate(
            path.read_text(encoding="utf-8", errors="replace").splitlines(), 1
        )
        if OUTSIDE.search(line)
    )
    assert offending == []


def test_pending_files_still_exist():
    """A file that left the list of pending ones must leave ``PENDING`` too."""
    assert [name for name in PENDING if not (ROOT / name).exists()] == []


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
