"""The scorer of benchmarks/extraction/ runs and gives the figures that
docs/extraction.md reports (change both together), and the readers it
scores are plain Python (no ORM loaded)."""

import subprocess
import sys
from pathlib import Path

from benchmarks.extraction.labels import load
from benchmarks.extraction.score import score_outcomes, score_targets

ROOT = Path(__file__).resolve().parents[1]


PARTS = ("dev", "test", "fresh", "fresh2", "fresh3", "fresh4")


def test_figures_in_docs_extraction_md():
    labels = load()
    outcomes = score_outcomes(labels, False, PARTS)
    assert outcomes == {
        "dev": (29, 30, 30),
        "test": (28, 28, 29),
        "fresh": (28, 29, 30),
        "fresh2": (24, 26, 24),
        "fresh3": (36, 40, 40),
        "fresh4": (20, 37, 40),
    }
    targets, fields = score_targets(labels, misses=False)
    assert targets == {"dev": [23, 23, 23, 23], "test": [9, 9, 9, 9]}
    assert fields["dev"]["units"] == 23 and fields["test"]["units"] == 9
    doc = (ROOT / "docs" / "extraction.md").read_text(encoding="utf-8")
    for figure in (
        "0.97 (29/30)",
        "1.00 (28/28) / 0.97 (28/29)",
        "0.97 (28/29) / 0.93 (28/30)",
        "0.92 (24/26) / 1.00 (24/24)",
        "0.90 (36/40) / 0.90 (36/40)",
        "0.54 (20/37) / 0.50 (20/40)",
        "1.00 (23/23)",
        "1.00 (9/9)",
    ):
        assert figure in doc


def test_the_readers_load_no_orm():
    code = (
        "import sys, tracker.domain.reading; "
        "bad = [m for m in sys.modules if m.split('.')[0] in ('django', 'sqlalchemy')]; "
        "print(bad); sys.exit(1 if bad else 0)"
    )
    result = subprocess.run(  # noqa: S603 - fixed arguments
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr
