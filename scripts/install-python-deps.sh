#!/usr/bin/env bash
# Installs the Python packages of the independent checks (scripts/requirements.txt: duckdb, pandas, openpyxl, python-calamine, pyspark) for
# python3. On Debian/Ubuntu it first installs python3 and pip when missing, and when pip refuses to install into
# the system Python ("externally-managed-environment", PEP 668) it installs again with --break-system-packages.
set -euo pipefail
cd "$(dirname "$0")/.."
sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"
if ! command -v python3 >/dev/null 2>&1 || ! python3 -m pip --version >/dev/null 2>&1; then
  echo "installing: python3-pip" >&2
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq --no-install-recommends python3 python3-pip >/dev/null
fi
pip=(python3 -m pip install -q --disable-pip-version-check -r scripts/requirements.txt)
if ! output=$("${pip[@]}" 2>&1); then
  if grep -q "externally-managed-environment" <<<"$output"; then
    echo "pip: the system Python is externally managed; installing with --break-system-packages" >&2
    "${pip[@]}" --break-system-packages
  else
    printf '%s\n' "$output" >&2
    exit 1
  fi
elif [ -n "$output" ]; then
  printf '%s\n' "$output" >&2
fi
