"""The scorer of benchmarks/extraction/ runs and gives the figures that
docs/extraction.md reports (change both together), and the readers it
scores are plain Python (no ORM loaded)."""

import subprocess
import sys
from pathlib import Path

from benchmarks.extraction.labels import PARTS, load
from benchmarks.extraction.score import score_outcomes, score_targets

ROOT = Path(__file__).resolve().parents[1]


# Right tops, tops and labelled pairs per part, as docs/extraction.md
# reports them ("Measured").
FIGURES = {
    "dev": (29, 30, 30),
    "test": (28, 28, 29),
    "fresh": (27, 30, 30),
    "fresh2": (24, 25, 24),
    "fresh3": (40, 40, 40),
    "fresh4": (37, 40, 40),
    "fresh5": (29, 30, 30),
    "fresh6": (30, 30, 30),
    "fresh7": (28, 29, 30),
    "fresh8": (29, 30, 30),
    "fresh9": (28, 29, 30),
    "fresh10": (29, 30, 30),
    "fresh11": (29, 30, 30),
    "fresh12": (29, 29, 30),
    "fresh13": (27, 28, 30),
    "fresh14": (30, 30, 30),
    "fresh15": (29, 30, 30),
    "fresh16": (25, 28, 30),
    "fresh17": (29, 30, 30),
    "fresh18": (28, 30, 30),
    "fresh19": (28, 29, 30),
    "fresh20": (30, 30, 30),
    "fresh21": (30, 30, 30),
    "fresh22": (27, 27, 30),
    "fresh23": (29, 30, 30),
    "fresh24": (30, 30, 30),
    "fresh25": (26, 29, 30),
    "fresh26": (29, 30, 30),
    "fresh27": (29, 30, 30),
    "fresh28": (23, 26, 30),
    "fresh29": (30, 30, 30),
    "fresh30": (30, 30, 30),
    "fresh31": (30, 30, 30),
    "fresh32": (29, 29, 30),
    "fresh33": (30, 30, 30),
    "fresh34": (30, 30, 30),
    "fresh35": (30, 30, 30),
    "fresh37": (27, 28, 30),
    "fresh36": (30, 30, 30),
    "fresh38": (30, 30, 30),
    "fresh39": (30, 30, 30),
    "fresh40": (27, 32, 30),
    "fresh41": (29, 30, 30),
    "fresh42": (29, 31, 30),
    "fresh43": (26, 30, 30),
    "fresh44": (29, 29, 30),
    "fresh45": (27, 30, 30),
    "fresh46": (28, 30, 30),
}


def _pair(right: int, proposed: int, labelled: int) -> str:
    return (
        f"{right / proposed:.2f} ({right}/{proposed}) / {right / labelled:.2f} ({right}/{labelled})"
    )


def test_figures_in_docs_extraction_md():
    labels = load()
    assert score_outcomes(labels, False, PARTS) == FIGURES
    targets, fields = score_targets(labels, misses=False)
    assert targets == {"dev": [23, 23, 23, 23], "test": [9, 9, 9, 9]}
    assert fields["dev"]["units"] == 23 and fields["test"]["units"] == 9
    doc = (ROOT / "docs" / "extraction.md").read_text(encoding="utf-8")
    for part, figures in FIGURES.items():
        assert f"| {part} |" in doc and _pair(*figures) in doc, part
    for figure in ("1.00 (23/23)", "1.00 (9/9)"):
        assert figure in doc


def test_text_laid_out_as_a_pdfs_reads_as_the_text():
    # Every text laid out as an official PDF's (28 characters a line, page
    # numbers; benchmarks/extraction/layout.py) gives dev's, test's and the
    # plans' figures unchanged (docs/extraction.md "Text laid out as lines").
    labels = load()
    wrapped = score_outcomes(labels, False, ("dev", "test"), width=28)
    assert wrapped == {part: FIGURES[part] for part in ("dev", "test")}
    targets, fields = score_targets(labels, misses=False, width=28)
    assert targets == {"dev": [23, 23, 23, 23], "test": [9, 9, 9, 9]}
    assert fields["dev"]["statement"] == 23 and fields["test"]["statement"] == 8


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
