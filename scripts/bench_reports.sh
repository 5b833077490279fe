#!/usr/bin/env bash
# Measures SheetWriter (AlmanacReports) against the plain-C libxlsxwriter baseline on the same cells:
# wall time of the write (open → saved) and peak RSS. Not part of the tests.
#
#   scripts/bench_reports.sh [ROWS ...]        (default: 200000 1000000; constant-memory mode)
#
# Builds the package's modules in release mode, compiles scripts/bench_sheetwriter.swift against them
# and scripts/xlsx_c_baseline.c with cc, both into $TMPDIR (default /tmp), then runs each size three times.
set -euo pipefail
cd "$(dirname "$0")/.."
out="${TMPDIR:-/tmp}/almanac-bench"
mkdir -p "$out"
swift build -c release --target AlmanacReports >/dev/null
rel=.build/release
toml=$(dirname "$(find .build/checkouts/TOMLKit -name module.modulemap -path '*CTOML*' | head -1)")
objects=()
for t in AlmanacCore AlmanacIO AlmanacXLSX AlmanacReports AlmanacDiagnostics TOMLKit CTOML; do
    while IFS= read -r o; do objects+=("$o"); done < <(find "$rel/$t.build" -name '*.o')
done
swiftc -O -o "$out/bench_sheetwriter" scripts/bench_sheetwriter.swift -I "$rel/Modules" \
    -Xcc -fmodule-map-file=Sources/CXlsxWriter/module.modulemap -Xcc -fmodule-map-file="$toml/module.modulemap" \
    "${objects[@]}" -lxlsxwriter -lstdc++
cc -O2 -o "$out/xlsx_c_baseline" scripts/xlsx_c_baseline.c $(pkg-config --cflags --libs xlsxwriter)
sizes=("$@")
[ ${#sizes[@]} -eq 0 ] && sizes=(200000 1000000)
for n in "${sizes[@]}"; do
    for run in 1 2 3; do
        /usr/bin/time -f "  c      peak_rss_kb=%M" "$out/xlsx_c_baseline" "$n" "$out/c-$n.xlsx" | sed 's/^/  c      /'
        /usr/bin/time -f "  swift  peak_rss_kb=%M" "$out/bench_sheetwriter" "$n" "$out/swift-$n.xlsx" | sed 's/^/  swift  /'
    done
done
