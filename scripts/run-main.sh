#!/usr/bin/env bash
# The main job: builds Almanac and exports this month's report workbook from the bundled data.
#   scripts/run-main.sh [--param period=2024-10]
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
swift build -c release --product almanac
.build/release/almanac export Workbooks/monthly-report.toml "$@"
