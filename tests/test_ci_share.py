"""The split of CI's vendor-independent work between its two suites
(tests/ci_share.py): every test runs in at least one suite, database tests
in both, browser tests in one suite (SQLite, but for the English 200 %
zoom pass: PostgreSQL)."""

from __future__ import annotations

import pytest

from tests.ci_share import SHARES, shares_of


def test_a_database_test_runs_on_both_databases():
    assert shares_of("tests/test_x.py::test_y", uses_database=True, browser=False) == SHARES


def test_a_test_without_a_database_runs_once_on_sqlite():
    assert shares_of("tests/domain/test_x.py::test_y", uses_database=False, browser=False) == (
        "sqlite",
    )


def test_browser_tests_run_once_the_zoom_pass_on_postgresql():
    ids = [f"tests/browser/test_a.py::test_page[case-{n}]" for n in range(40)]
    chosen = {shares_of(nodeid, uses_database=True, browser=True) for nodeid in ids}
    assert chosen == {("sqlite",)}
    zoomed = "tests/browser/test_accessibility.py::test_x[planner-en-1366-zoom200]"
    assert shares_of(zoomed, uses_database=True, browser=True) == ("postgresql",)
    chinese = "tests/browser/test_accessibility.py::test_x[planner-zh-hans-1366-zoom200]"
    assert shares_of(chinese, uses_database=True, browser=True) == ("sqlite",)


@pytest.mark.parametrize("share", SHARES)
def test_a_suite_deselects_what_the_other_runs(pytester, monkeypatch, share):
    pytester.makeconftest('pytest_plugins = ["tests.ci_share"]')
    pytester.makepyfile(
        test_mixed="""
        import pytest

        def test_plain():
            pass

        @pytest.mark.django_db
        def test_with_database():
            pass
        """
    )
    monkeypatch.setenv("TRACKER_CI_SHARE", share)
    result = pytester.runpytest("-p", "no:django", "--collect-only", "-q")
    if share == "sqlite":
        result.stdout.fnmatch_lines(["*2 tests collected*"])
    else:
        result.stdout.fnmatch_lines(["*1/2 tests collected (1 deselected)*"])
