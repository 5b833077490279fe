#!/usr/bin/env bash
# Installs what Almanac needs on Debian/Ubuntu, skipping what is already there.
#   scripts/install-deps.sh         build and run: libxlsxwriter, libedit, libexpat, zlib, libpq, pkg-config
#   scripts/install-deps.sh --test  also the test clients: tmux, LibreOffice (headless), PostgreSQL 15 (throwaway clusters), a Java runtime (for Spark), and Python's duckdb/pandas/openpyxl/python-calamine/pyspark
set -euo pipefail
cd "$(dirname "$0")/.."
packages=(libxlsxwriter-dev libedit-dev libexpat1-dev zlib1g-dev libpq-dev pkg-config)
if [ "${1:-}" = "--test" ]; then packages+=(tmux libreoffice-calc-nogui postgresql default-jre-headless); fi
missing=()
for p in "${packages[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
if [ ${#missing[@]} -gt 0 ]; then
  sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"
  echo "installing: ${missing[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
if [ "${1:-}" = "--test" ]; then
  python3 -c "import duckdb, pandas, openpyxl, python_calamine, pyspark" 2>/dev/null || scripts/install-python-deps.sh
fi
