#!/usr/bin/env bash
# The project's test command (README): unit tests, then the saved-query check and the cross-checks.
set -euo pipefail
cd "$(dirname "$0")/.."
swift build
swift test
