#!/usr/bin/env bash
# The project's test command: installs what the tests need (if missing), builds, runs every test, then checks the
# saved queries against the catalog. Unit and golden tests, the DuckDB cross-check, the LibreOffice/openpyxl
# read-back of workbooks and the tmux-driven REPL test all run inside `swift test`.
set -uo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh --test || exit 1
# An import of a target that is not a declared dependency (an arrow pointing up) fails the build.
swift build --explicit-target-dependency-import-check error || exit 1
mkdir -p .build
# A hung test must fail the run with a message, not use up CI's time: the whole suite takes about two minutes here.
timeout --kill-after=30 2400 stdbuf -oL -eL swift test > .build/test-output.txt 2>&1
status=$?
[ "$status" -eq 124 ] && echo "swift test did not finish within 40 minutes and was stopped; the last test started:" >&2 \
  && grep "started at" .build/test-output.txt | tail -1 >&2
grep -E "error:|Test Case .* failed|Executed [0-9]+ tests" .build/test-output.txt | grep -v "^\s*$" | tail -40
summary=$(grep -E "^\s*Executed [0-9]+ tests" .build/test-output.txt | tail -1)
executed=$(echo "$summary" | sed -E 's/.*Executed ([0-9]+) tests.*/\1/')
failures=$(echo "$summary" | sed -E 's/.* ([0-9]+) failures?.*/\1/')
skipped=$(echo "$summary" | grep -oE '[0-9]+ tests? skipped' | grep -oE '^[0-9]+' || echo 0)
check_status=0
.build/debug/almanac check Queries/ || check_status=$?
if [ -z "$executed" ] || [ "$status" -ne 0 ] || [ "$check_status" -ne 0 ]; then
  echo "swift test exit $status, almanac check exit $check_status (full log: .build/test-output.txt)" >&2
  echo "${executed:-0} executed: $(( ${executed:-0} - ${failures:-0} - ${skipped:-0} )) passed, ${failures:-1} failed"
  exit 1
fi
echo "tests: $(( executed - failures - skipped )) passed, $failures failed, $skipped skipped"
