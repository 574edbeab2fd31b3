"""The package's contract: plain Python, speaking the one vocabulary of stored words."""

import subprocess
import sys
from pathlib import Path

import tracker.domain as domain
from tracker import vocabulary

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


def test_the_vocabulary_is_plain_python():
    # The domain imports it, so it must not pull in the app or an ORM.
    code = (
        "import sys, tracker.vocabulary; "
        "bad = [m for m in sys.modules if m.split('.')[0] in ('django', 'sqlalchemy') "
        "or (m.startswith('tracker.') and m != 'tracker.vocabulary')]; "
        "print(bad); sys.exit(1 if bad else 0)"
    )
    result = subprocess.run(  # noqa: S603 - fixed arguments
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_there_is_one_vocabulary_module():
    # The words used to be restated in tracker/domain/vocab.py and kept equal
    # by a test; now there is one home, and every tuple comes from its type.
    assert not (ROOT / "tracker" / "domain" / "vocab.py").exists()
    for name in vocabulary.__all__:
        value = getattr(vocabulary, name)
        if isinstance(value, tuple):
            assert value and len(set(value)) == len(value), name
