"""The package's contract: plain Python, and the same words as the app."""

import subprocess
import sys
from pathlib import Path

import pytest

import tracker.domain as domain
from tracker.domain import vocab

ROOT = Path(__file__).resolve().parents[2]


def test_importing_the_rules_loads_no_orm():
    code = (
        "import sys, tracker.domain; "
        "bad = [m for m in sys.modules if m.split('.')[0] in ('django', 'sqlalchemy')]; "
        "print(bad); sys.exit(1 if bad else 0)"
    )
    result = subprocess.run(  # noqa: S603 - fixed arguments
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_public_api_is_exported():
    for name in domain.__all__:
        assert hasattr(domain, name), name


@pytest.mark.parametrize(
    ("ours", "theirs"),
    [
        ("COMPARATORS", "COMPARATORS"),
        ("QUALIFIERS", "QUALIFIERS"),
        ("DIRECTIONS", "DIRECTIONS"),
        ("COMMITMENTS", "COMMITMENTS"),
        ("GROWTH_PATHS", "GROWTH_PATHS"),
        ("ROLES", "ASSIGNMENT_ROLES"),
        ("GRADES", "GRADES"),
        ("STATUSES", "STATUSES"),
    ],
)
def test_words_match_the_stored_vocabulary(ours, theirs):
    stored = pytest.importorskip("tracker.vocabulary")
    assert set(getattr(vocab, ours)) == set(getattr(stored, theirs))
