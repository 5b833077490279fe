import Foundation
import Almanac

/// `almanac-bench`: prints the figures behind Almanac's performance targets, with a peer's figure from the same run
/// where the peer is installed (pandas, DuckDB through python3).
///
///     swift run -c release almanac-bench load [--rows 6000000] [--file PATH]
///     swift run -c release almanac-bench query [--rows 6000000]
///     swift run -c release almanac-bench sql [--rows 6000000] [--repeats 1]   (QA, QB in a throwaway PostgreSQL 15)
///     swift run -c release almanac-bench xlsx [--rows 200000]
///     swift run -c release almanac-bench xlsx-read [--rows 1000000] [--repeats 3]
let args = Array(CommandLine.arguments.dropFirst())
func option(_ name: String) -> String? {
    guard let i = args.firstIndex(of: name), i + 1 < args.count else { return nil }
    return args[i + 1]
}
let command = args.first ?? "load"
let rows = Int(option("--rows") ?? "") ?? 6_000_000
let file = option("--file") ?? FileManager.default.temporaryDirectory.appendingPathComponent("almanac-bench-trade-v2-\(rows).csv").path

func ensureSample() throws {
    if !FileManager.default.fileExists(atPath: file) {
        let t0 = Date()
        let n = try TradeSample(rows: rows, seed: 42).write(to: file)
        print(String(format: "generated %d rows in %.2f s → %@", n, Date().timeIntervalSince(t0), file))
    }
}

switch command {
case "load":
    try ensureSample()
    try LoadBenchmark.run(file: file, repeats: Int(option("--repeats") ?? "") ?? 3)
case "xlsx":
    try XLSXBenchmark.run(sizes: option("--rows").map { [Int($0) ?? 200_000] } ?? [200_000, 1_000_000])
case "xlsx-once":
    try XLSXBenchmark.writeOnce(rows: rows, output: option("--out") ?? "/tmp/almanac-xlsx-once.xlsx")
case "xlsx-read":
    try XLSXReadBenchmark.run(rows: Int(option("--rows") ?? "") ?? 1_000_000, repeats: Int(option("--repeats") ?? "") ?? 3)
case "xlsx-read-once":
    try XLSXReadBenchmark.once(file: file)
case "query":
    try ensureSample()
    try QueryBenchmark.run(file: file, repeats: Int(option("--repeats") ?? "") ?? 3)
case "sql":
    try ensureSample()
    try SQLBenchmark.run(file: file, repeats: Int(option("--repeats") ?? "") ?? 1)
default:
    FileHandle.standardError.write(Data("usage: almanac-bench load|query|sql|xlsx|xlsx-read [--rows N] [--file PATH] [--repeats K]\n".utf8))
    exit(2)
}
