"""axe-core in the browser tests: the WCAG 2.1 A and AA rules, results kept.

axe-core comes inside the ``axe-playwright-python`` package (its bundled
``axe.min.js``), installed with the test dependencies: nothing is fetched
while the tests run. Only the rules tagged for WCAG 2.0/2.1 levels A and AA
run (the standard in docs/accessibility.md); axe's best-practice rules are
advice, not the standard, and would make the test fail on taste.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from axe_playwright_python.base import AXE_SCRIPT

WCAG_21_AA = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa")
OPTIONS = {
    "runOnly": {"type": "tag", "values": list(WCAG_21_AA)},
    # Violations fail the test; "incomplete" (needs review) goes to the
    # artefacts for the person doing the manual checks.
    "resultTypes": ["violations", "incomplete"],
}


def prepare(context: Any) -> None:
    """Load axe into every page of a browser context as the page opens: the
    script is sent once per context, not once per check (a second or more
    over a whole matrix)."""
    context.add_init_script(AXE_SCRIPT)


def check(page: Any) -> dict[str, Any]:
    """axe's results for the page as it is now."""
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.evaluate(AXE_SCRIPT)
    return page.evaluate("options => axe.run(document, options)", OPTIONS)


def save(results: dict[str, Any], path: Path) -> None:
    """The violations and the needs-review items, as JSON (a test artefact)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    kept = {
        "url": results.get("url"),
        "axe": results.get("testEngine", {}).get("version"),
        "timestamp": results.get("timestamp"),
        "rules": list(WCAG_21_AA),
        "violations": results["violations"],
        "incomplete": results["incomplete"],
    }
    path.write_text(json.dumps(kept, ensure_ascii=False, indent=1), encoding="utf-8")


def describe(where: str, violations: list[dict[str, Any]]) -> list[str]:
    """One readable line per violating node: page, rule, element, reason."""
    lines = []
    for violation in violations:
        for node in violation["nodes"]:
            checks = node.get("any", []) + node.get("all", []) + node.get("none", [])
            reason = checks[0]["message"] if checks else violation["help"]
            lines.append(
                f"{where}: {violation['id']} ({violation['impact']}) "
                f"{' '.join(map(str, node['target']))}: {reason}"
            )
    return lines
