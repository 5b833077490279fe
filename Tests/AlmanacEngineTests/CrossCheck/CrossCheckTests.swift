import AlmanacCore
import AlmanacDiagnostics
import AlmanacIO
import AlmanacTestSupport
import Foundation
import XCTest
@testable import AlmanacEngine
import Almanac
import AlmanacKernels
import AlmanacSyntax

/// Almanac against an independent engine: a generated trade table with gaps (20,000 rows, fixed seed) is queried
/// through `QueryEngine` (reading the CSV by path), the results written with `CSVWriter`, and
/// `scripts/crosscheck/crosscheck.py` recomputes each in DuckDB SQL and compares value by value.
/// Python 3 with DuckDB is required (CI installs scripts/requirements.txt): without it the test fails.
final class CrossCheckTests: XCTestCase {
    static let rows = 20_000
    static let seed: UInt64 = 2024

    /// Result name (the script's query of the same name) and the Almanac query; DATA is the CSV path.
    static let queries: [(name: String, text: String)] = [
        ("aggregate", "from \"DATA\"\naggregate value = sum(value_usd), rows = count() by province, flow, year = year(period)"),
        ("yoy_series", "from \"DATA\"\nderive growth = yoy(value_usd), before = lag(value_usd, 1), total = cumsum(value_usd)\nselect period, province, partner, flow, product, growth, before, total"),
        ("cagr", "from \"DATA\"\naggregate growth = cagr(value_usd) by province"),
        ("yoy_monthly", "from \"DATA\"\naggregate value = sum(value_usd) by province, flow, period\nderive growth = yoy(value), change = diff(value)"),
        ("yoy_matched", "from \"DATA\"\naggregate value = sum(value_usd) by province, flow, period\nderive growth = yoy(value, matched)"),
        ("ytd", "from \"DATA\"\nderive cumulative = ytd(value_usd)\nselect period, province, partner, flow, product, cumulative"),
        ("share", "from \"DATA\"\naggregate value = sum(value_usd) by province, period\nderive share = share(value)"),
        ("pivot_years", "from \"DATA\"\naggregate value = sum(value_usd) by province, year = year(period)\npivot year"),
    ]

    static var script: String {
        TestSupport.packageRoot.appendingPathComponent("scripts/crosscheck/crosscheck.py").path
    }

    /// Runs `python3 ARGS` through env; (exit status, stdout, stderr). Status 127: python3 not found.
    static func python(_ args: [String]) throws -> (status: Int32, out: String, err: String) {
        let r = try ChildProcess.run("/usr/bin/env", ["python3"] + args, timeout: 600)
        return (r.timedOut ? 124 : r.status, r.stdoutText, r.stderrText + (r.timedOut ? "\n[killed after 600 s]" : ""))
    }

    /// Fails the test (never skips) when python3 or duckdb is missing.
    func requirePythonWithDuckDB() throws -> Bool {
        let probe = try Self.python(["-c", "import duckdb; print(duckdb.__version__)"])
        if probe.status == 127 {
            XCTFail("cross-check needs python3 on PATH (with duckdb: pip install -r scripts/requirements.txt); not found")
            return false
        }
        guard probe.status == 0 else {
            XCTFail("cross-check needs the Python package duckdb: pip install -r scripts/requirements.txt\n\(probe.err)")
            return false
        }
        return true
    }

    /// Writes the sample and the Almanac results; returns (data path, results folder).
    func writeSampleAndResults() throws -> (String, URL) {
        let dir = TestSupport.temporaryDirectory("crosscheck")
        addTeardownBlock { try? FileManager.default.removeItem(at: dir) }
        let data = dir.appendingPathComponent("trade.csv").path
        try TradeSample(rows: Self.rows, seed: Self.seed).write(to: data)
        let results = dir.appendingPathComponent("almanac")
        try FileManager.default.createDirectory(at: results, withIntermediateDirectories: true)
        let engine = QueryEngine(catalog: Catalog(directory: dir.path, file: dir.appendingPathComponent("catalog.toml").path, datasets: [:]))
        for q in Self.queries {
            let text = q.text.replacingOccurrences(of: "DATA", with: data)
            let r: QueryResult
            do { r = try engine.run(text, name: "\(q.name).aq") } catch {
                XCTFail("\(q.name): \(Render.error(error))")
                continue
            }
            XCTAssertGreaterThan(r.table.rowCount, 0, q.name)
            try Data(CSVWriter.bytes(r.table)).write(to: results.appendingPathComponent("\(q.name).csv"))
        }
        return (data, results)
    }

    func testAlmanacAgreesWithDuckDB() throws {
        guard try requirePythonWithDuckDB() else { return }
        let (data, results) = try writeSampleAndResults()
        // The sample really has gaps: fewer rows than series × months.
        let loaded = try CSVReader.load(path: data).table
        XCTAssertEqual(loaded.rowCount, Self.rows)
        let run = try Self.python([Self.script, data, results.path])
        XCTAssertEqual(run.status, 0, "Almanac and DuckDB disagree:\n\(run.out)\n\(run.err)")
        XCTAssertTrue(run.out.contains("crosscheck: Almanac and DuckDB agree"), run.out)
        for q in Self.queries { XCTAssertTrue(run.out.contains("crosscheck: \(q.name):"), "\(q.name) not compared:\n\(run.out)") }
    }

    /// The check can fail: one changed growth figure and one dropped row are reported with a diff.
    func testCrossCheckReportsAMismatch() throws {
        guard try requirePythonWithDuckDB() else { return }
        let (data, results) = try writeSampleAndResults()
        let yoy = results.appendingPathComponent("yoy_series.csv")
        var lines = try String(contentsOf: yoy, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        // A row with a growth value (third column from the end): change it by 1%.
        func growthCell(_ line: String) -> String? {
            let c = line.split(separator: ",", omittingEmptySubsequences: false)
            return c.count >= 3 && !c[c.count - 3].isEmpty ? String(c[c.count - 3]) : nil
        }
        guard let i = lines.indices.dropFirst().first(where: { growthCell(lines[$0]) != nil }) else {
            return XCTFail("no growth value in yoy_series.csv")
        }
        var cells = lines[i].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        cells[cells.count - 3] = String(Double(cells[cells.count - 3])! * 1.01)
        lines[i] = cells.joined(separator: ",")
        try lines.joined(separator: "\n").write(to: yoy, atomically: true, encoding: .utf8)
        // Drop the last row of the share result.
        let share = results.appendingPathComponent("share.csv")
        var shareLines = try String(contentsOf: share, encoding: .utf8).split(separator: "\n").map(String.init)
        shareLines.removeLast()
        try (shareLines.joined(separator: "\n") + "\n").write(to: share, atomically: true, encoding: .utf8)

        let run = try Self.python([Self.script, data, results.path])
        XCTAssertEqual(run.status, 1, run.out + run.err)
        XCTAssertTrue(run.err.contains("mismatches between Almanac and DuckDB"), run.err)
        XCTAssertTrue(run.err.contains("yoy_series:") && run.err.contains("growth: Almanac"), run.err)
        XCTAssertTrue(run.err.contains("share: row") && run.err.contains("only in DuckDB"), run.err)
    }
}
