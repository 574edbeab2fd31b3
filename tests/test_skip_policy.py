"""``tests/skip_policy.py``: with ``--strict-skips`` (CI), a skip or xfail
that ``tests/allowed-skips.txt`` does not list fails the run."""

import pytest

from tests.skip_policy import ALLOWED, allowed_skips, unlisted

SKIPPING = """
import pytest

def test_runs():
    pass

def test_skips():
    pytest.skip("Chromium is not installed")

@pytest.mark.xfail(reason="known bug")
def test_expected_to_fail():
    assert False
"""


def _run(pytester, *options):
    pytester.makepyfile(test_skipping=SKIPPING)
    return pytester.runpytest("-p", "no:django", "-p", "tests.skip_policy", *options)


def test_an_unlisted_skip_fails_a_strict_run(pytester):
    result = _run(pytester, "--strict-skips")
    assert result.ret == pytest.ExitCode.TESTS_FAILED
    result.stdout.fnmatch_lines(
        [
            "*skips not allowed*",
            "test_skipping.py::test_expected_to_fail: xfail: known bug",
            "test_skipping.py::test_skips: Skipped: Chromium is not installed",
        ]
    )


def test_without_the_option_a_skip_is_only_reported(pytester):
    assert _run(pytester).ret == pytest.ExitCode.OK


def test_listed_skips_pass_and_every_entry_needs_a_reason(tmp_path):
    listed = tmp_path / "allowed.txt"
    listed.write_text(
        "# comment\n\ntest_skipping.py::test_skips :: Chromium cannot run here  # why\n",
        encoding="utf-8",
    )
    allowed = allowed_skips(listed)
    assert allowed == {"test_skipping.py::test_skips": "Chromium cannot run here"}
    skipped = {"test_skipping.py::test_skips": "x", "test_other.py::test_a": "y"}
    assert unlisted(skipped, allowed) == {"test_other.py::test_a": "y"}
    listed.write_text("test_skipping.py::test_skips\n", encoding="utf-8")
    with pytest.raises(pytest.UsageError, match="allowed.txt:1"):
        allowed_skips(listed)


def test_the_projects_allow_list_reads_and_every_entry_has_a_reason():
    assert all(reason for reason in allowed_skips(ALLOWED).values())
