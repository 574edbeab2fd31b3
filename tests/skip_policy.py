"""A skipped test is a failing test unless its skip is listed with a reason.

With ``--strict-skips`` (CI passes it: ``.ci/run``), a run that skips (or
xfails) any test not listed in ``tests/allowed-skips.txt`` fails, and the
summary names each one with its reason. Locally, skips are reported as
usual (``-ra``): Chromium may be missing on a developer's machine.

``tests/allowed-skips.txt``: one entry a line, ``<test id or prefix> :: <reason>``
(spaces around the ``::``); ``#`` starts a comment. An entry without a reason is refused.
"""

from __future__ import annotations

from pathlib import Path

import pytest

ALLOWED = Path(__file__).with_name("allowed-skips.txt")


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--strict-skips",
        action="store_true",
        help=f"fail the run on any skip or xfail not listed in {ALLOWED.name}",
    )


def allowed_skips(path: Path = ALLOWED) -> dict[str, str]:
    """``{test id or prefix: reason}`` from the allow-list file."""
    allowed = {}
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        entry = line.split("#", 1)[0].strip()
        if not entry:
            continue
        # Test ids hold "::" themselves: the reason follows the last " :: ".
        test, _, reason = (part.strip() for part in entry.rpartition(" :: "))
        if not test or not reason:
            raise pytest.UsageError(f"{path.name}:{number}: write '<test id> :: <reason>'")
        allowed[test] = reason
    return allowed


def unlisted(skipped: dict[str, str], allowed: dict[str, str]) -> dict[str, str]:
    """The skips no entry covers (an entry covers a test id it starts)."""
    return {
        test: reason
        for test, reason in skipped.items()
        if not any(test.startswith(prefix) for prefix in allowed)
    }


class SkipPolicy:
    def __init__(self, allowed: dict[str, str]) -> None:
        self.allowed = allowed
        self.skipped: dict[str, str] = {}

    @pytest.hookimpl
    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        if report.skipped:
            reason = getattr(report, "wasxfail", None)
            if reason is None and isinstance(report.longrepr, tuple):
                reason = report.longrepr[2]
            self.skipped[report.nodeid] = (
                f"xfail: {reason}" if hasattr(report, "wasxfail") else str(reason)
            )

    def refused(self) -> dict[str, str]:
        return unlisted(self.skipped, self.allowed)

    @pytest.hookimpl(trylast=True)
    def pytest_sessionfinish(self, session: pytest.Session, exitstatus: int) -> None:
        if self.refused() and session.exitstatus == pytest.ExitCode.OK:
            session.exitstatus = pytest.ExitCode.TESTS_FAILED

    @pytest.hookimpl
    def pytest_terminal_summary(self, terminalreporter) -> None:
        refused = self.refused()
        if refused:
            terminalreporter.section("skips not allowed (tests/allowed-skips.txt)", red=True)
            for test, reason in sorted(refused.items()):
                terminalreporter.line(f"{test}: {reason}")


def pytest_configure(config: pytest.Config) -> None:
    if config.getoption("--strict-skips"):
        config.pluginmanager.register(SkipPolicy(allowed_skips()), "tracker-skip-policy")
