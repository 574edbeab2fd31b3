#!/usr/bin/env bash
# Mutation testing of the attainment rules (tracker/domain/) and the
# best-evidence SQL (tracker/analytics/evidence.py) against their own tests
# only (issue 14). Configuration: [tool.mutmut] in pyproject.toml (which
# modules are mutated, which tests run). Results: docs/testing.md section 6.
#
#   bash benchmarks/mutation.sh            # run (or resume) and list survivors
#   bash benchmarks/mutation.sh NAME...    # re-run only these mutants
#
# Bounded for a shared 2-core machine: one child process, niced, Hypothesis
# under its `mutation` profile (derandomized, 50 examples: a verdict
# reproduces), SQLite (the evidence SQL is the same Core query on both
# databases), only lines the selected tests cover. The whole run took about
# 35 minutes of one core on the development machine (under load). mutmut
# keeps its results in mutants/ (git-ignored): a second run re-tests only
# the mutants of changed functions.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-.venv/bin}
if ! "$PY/python" -c "import mutmut" 2>/dev/null; then
    "$PY/pip" install -q "mutmut>=3.3,<4"
fi
export HYPOTHESIS_PROFILE=mutation
unset DATABASE_URL
nice -n 10 "$PY/mutmut" run --max-children 1 "$@" || true
# Survivors and untested mutants, one a line (mutmut show NAME prints the diff).
"$PY/mutmut" results
