import AlmanacIO
import AlmanacSQL
import AlmanacTestSupport
import Foundation
import XCTest
import Almanac

/// The duckdb dialect's SQL run in DuckDB against Almanac's own result: a generated monthly table with gaps (missing
/// months), null and zero values, and provinces spelled in NFC on some rows and NFD on others. Every figure of every
/// result is compared (to 1e-9, nulls included) by scripts/crosscheck/sql_crosscheck.py; sorted results row for row.
final class SQLCrossCheckTests: XCTestCase {
    /// Name, query (DATA is the CSV path), whether the row order is defined.
    static let queries: [(name: String, text: String, ordered: Bool)] = [
        ("growth", "from \"DATA\"\nderive g = yoy(value_usd), p = pop(value_usd), l = lag(value_usd, 12), d = diff(value_usd)", false),
        ("running", "from \"DATA\"\nderive c = cumsum(value_usd), y = ytd(value_usd), r = rolling(value_usd, 3)", false),
        ("cross_section", "from \"DATA\"\nderive s = share(value_usd), k = rank(value_usd)", false),
        ("aggregate", "from \"DATA\"\naggregate total = sum(value_usd), mean = avg(value_usd), lo = min(value_usd), hi = max(value_usd), rows = count(), n = count(value_usd), med = median(value_usd) by province, year = year(period)", false),
        ("quarterly", "from \"DATA\"\naggregate v = sum(value_usd) by province, flow, q = quarter(period)\nderive g = yoy(v), y = ytd(v), c = diff(v)", false),
        ("yearly", "from \"DATA\"\naggregate v = sum(value_usd) by province, year = year(period)\nderive g = yoy(v), s = share(v), k = rank(v)", false),
        // Like-for-like growth over sums of flows (and months) that differ from their base's: over those on both sides.
        ("matched", "from \"DATA\"\nwhere not (flow = \"import\" and year(period) = 2023)\naggregate v = sum(value_usd), n = count() by province, year = year(period)\nderive g = yoy(v, matched), d = diff(n, matched), q = pop(v, matched)", false),
        // Growth of year-to-date totals whose windows hold other months than their base's (the gaps): null, or with
        // `matched` over the months in both windows; last year's total kept. Over quarterly sums too.
        ("windows", "from \"DATA\"\nderive y = ytd(value_usd)\nderive g = yoy(y), w = yoy(y, matched), l = lag(y, 12)", false),
        // Time functions of time functions: the inner ones computed first (yoy(ytd(x)) still compares windows).
        ("nested", "from \"DATA\"\nderive g = yoy(ytd(value_usd)), w = yoy(ytd(value_usd / 1000), matched), s = share(rolling(value_usd, 3)), t = share(rolling(value_usd, 2)), d = diff(cumsum(value_usd)) * 2", false),
        ("quarterly_windows", "from \"DATA\"\nwhere not (province = \"Huế\" and period >= 2022-04 and period <= 2022-06)\naggregate v = sum(value_usd) by province, q = quarter(period)\nderive y = ytd(v), g = yoy(y)", false),
        // Matched, each month of the windows over the flows and months it has in common with a year earlier.
        ("quarterly_windows_matched", "from \"DATA\"\nwhere not (flow = \"import\" and period >= 2023-04 and period <= 2023-08)\naggregate v = sum(value_usd) by province, q = quarter(period)\nderive y = ytd(v)\nderive g = yoy(y, matched), p = yoy(y)", false),
        ("pipeline", "from \"DATA\"\nwhere flow = \"export\" and value_usd > 100\nderive half = value_usd / 2, g = yoy(value_usd)\nselect period, province, half, g\nsort province, period desc\ntake 40", true),
        ("sorted", "from \"DATA\"\nderive m = value_usd * 2\nsort value_usd desc, province, period, flow", true),
        ("functions", "from \"DATA\"\nderive r1 = round(value_usd, 1), r2 = round(value_usd / 7, 2), r3 = round(value_usd, -2), a = abs(value_usd - 200), c = coalesce(value_usd, 0), i = if(flow = \"export\", value_usd, -value_usd), lo = lower(province), up = upper(province), has = contains(province, \"NỘI\"), st = startswith(province, \"h\"), m = month(period)", false),
        // fold() over NFC and NFD spellings, upper case and đ/Đ: every spelling of a province is one group.
        ("folded", "from \"DATA\"\nwhere fold(province) = \"hue\" or fold(province) = fold(\"ĐÀ NẴNG\") or fold(upper(province)) = \"ha noi\"\nderive f = fold(province), g = fold(\"Bắc Ninh\")\naggregate n = count(), v = sum(value_usd) by f, g", false),
        ("targets", "from \"DATA\"\nderive idx = index(value_usd, 2022-01), pr = progress(value_usd, 300), rg = required_growth(value_usd, 500, 2030)", false),
        ("period_aggregates", "from \"DATA\"\naggregate f = first(value_usd), l = last(value_usd), g = cagr(value_usd), n = count() by province, flow", false),
        ("period_parts", "from \"DATA\"\naggregate n = count() by province, flow\nderive p = ym(2020 + if(n > 40, 1, 0), if(n > 42, 12, 3)), q = yq(2021, if(n > 40, 1, 2)), y = period(1990 + n)", false),
        ("join", "from \"DATA\"\njoin \"LOOKUP\" on province\nderive reached = progress(value_usd, target)", false),
        ("compare", "from \"DATA\"\ncompare 2021..2022 vs 2023..2024", false),
        ("in_lists", "from \"DATA\"\nwhere province not in (\"Huế\", null) and period in (2021, 2022-Q3, 2023-05) or period >= 2024-Q2 and period = 2024 or period in 2022..2022 and flow = \"import\"", false),
        // Matched ranges: a series whose ranges sum other flows (month by month when aligned) sums those in both.
        ("compare_matched", "from \"DATA\"\nwhere not (flow = \"import\" and period >= 2024-02 and period <= 2024-03)\naggregate v = sum(value_usd), n = count() by province, period\ncompare 2023-01..2023-06 vs 2024-01..2024-06 matched", false),
        ("compare_matched_lengths", "from \"DATA\"\nwhere not (flow = \"import\" and province = \"Huế\" and year(period) = 2022)\naggregate v = sum(value_usd) by province, period\ncompare 2021..2021 vs 2022-01..2022-06 matched", false),
        ("compare_yearly", "from \"DATA\"\naggregate v = sum(value_usd) by province, year = year(period)\ncompare 2021..2021 vs 2024..2024", false),
        ("unpivot", "from \"DATA\"\nderive twice = value_usd * 2\nunpivot value_usd, twice into measure, amount", false),
        ("unpivot_years", "from \"DATA\"\nwhere flow = \"export\"\nderive `2021` = value_usd, `2022` = value_usd / 2\nsort province, period\nunpivot `2021`, `2022` into year, v keep nulls", true),
    ]

    /// Pipelines with a pivot, compiled in two phases (the pivot column's values read first in the engine that runs
    /// the statement): text, year and NFC/NFD province values, several measures, steps on top of the new columns.
    static let pivotQueries: [(name: String, text: String, ordered: Bool)] = [
        ("pivot_flows", "from \"DATA\"\naggregate v = sum(value_usd) by province, year = year(period), flow\npivot flow\nderive r = export / import", false),
        ("pivot_years", "from \"DATA\"\naggregate v = sum(value_usd), n = count() by province, year = year(period)\npivot year values v\nderive g = `2024` / `2021` - 1\nsort g desc, province", true),
        ("pivot_provinces", "from \"DATA\"\nwhere flow = \"export\"\nselect period, province, value_usd\npivot province\nderive s = `Hà Nội` + `Huế`\nsort period", true),
        ("pivot_measures", "from \"DATA\"\naggregate v = sum(value_usd), n = count(value_usd) by flow, year = year(period)\npivot flow\nsort year", true),
    ]

    /// Every cross-checked query.
    static var allQueries: [(name: String, text: String, ordered: Bool)] { queries + pivotQueries }

    /// The lookup of the join query: Huế in NFD (the data has it in NFC on even months), Bắc Ninh absent (its rows
    /// find nothing), one target of zero (progress is null there).
    static let lookupSample = "province,region,target\nHà Nội,Bắc,4000\n\("Huế".decomposedStringWithCanonicalMapping),Trung,0\nĐà Nẵng,Trung,2500\n"

    /// A query's text over the data and the lookup at these paths.
    static func text(_ q: String, data: String, lookup: String) -> String {
        q.replacingOccurrences(of: "LOOKUP", with: lookup).replacingOccurrences(of: "DATA", with: data)
    }

    /// About 4 provinces × 2 flows × 48 months, with one month in seven missing, one value in eleven empty and one
    /// in thirteen zero; Huế is written in NFD on odd months.
    static func sample() -> String {
        var out = "period,province,flow,value_usd\n"
        let provinces = ["Hà Nội", "Huế", "Đà Nẵng", "Bắc Ninh"]
        var i = 0
        for (pi, province) in provinces.enumerated() {
            for (fi, flow) in ["export", "import"].enumerated() {
                for m in 0..<48 {
                    i += 1
                    let h = (pi * 131 + fi * 37 + m * 17) % 97
                    if h % 7 == 0 { continue }
                    let name = province == "Huế" && m % 2 == 1 ? province.decomposedStringWithCanonicalMapping : province
                    let value = h % 11 == 0 ? "" : h % 13 == 0 ? "0" : String(Double(50 + (h * 37 + m * 11) % 400) + 0.25)
                    out += "\(2021 + m / 12)-\(m % 12 + 1 < 10 ? "0" : "")\(m % 12 + 1),\(name),\(flow),\(value)\n"
                }
            }
        }
        return out
    }

    func testDuckDBRunsTheSQLToAlmanacsFigures() throws {
        guard let (dir, run) = try writeAndCompare(corrupt: false) else { return }
        XCTAssertEqual(run.status, 0, "Almanac and DuckDB disagree:\n\(run.stdoutText)\n\(run.stderrText)")
        for q in Self.allQueries { XCTAssertTrue(run.stdoutText.contains("sql-crosscheck: \(q.name):"), "\(q.name) not compared:\n\(run.stdoutText)") }
        // The comparison saw real results: growth has a row per input row.
        let growth = try String(contentsOf: dir.appendingPathComponent("growth.csv"), encoding: .utf8)
        XCTAssertGreaterThan(growth.split(separator: "\n").count, 300)
        // The data really has gaps, nulls and zeros.
        let sample = Self.sample()
        XCTAssertLessThan(sample.split(separator: "\n").count - 1, 4 * 2 * 48)
        XCTAssertTrue(sample.contains(",\n") && sample.contains(",0\n"))
    }

    /// The comparison can fail: one growth figure changed by 1% and one null made a number are both reported.
    func testTheCrossCheckReportsAWrongFigure() throws {
        guard let (_, run) = try writeAndCompare(corrupt: true) else { return }
        XCTAssertEqual(run.status, 1, run.stdoutText + run.stderrText)
        XCTAssertTrue(run.stderrText.contains("growth: row"), run.stderrText)
    }

    /// Writes the sample, Almanac's results and the SQL, and runs the comparison; nil (after a failure) without duckdb.
    func writeAndCompare(corrupt: Bool) throws -> (URL, ChildResult)? {
        let probe = try ChildProcess.run("/usr/bin/env", ["python3", "-c", "import duckdb"], timeout: 120)
        guard probe.status == 0 else {
            XCTFail("the SQL cross-check needs python3 with duckdb (scripts/install-python-deps.sh)\n\(probe.stderrText)")
            return nil
        }
        let dir = TestSupport.temporaryDirectory("sql-crosscheck")
        addTeardownBlock { try? FileManager.default.removeItem(at: dir) }
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let data = dir.appendingPathComponent("trade.csv").path
        try Self.sample().write(toFile: data, atomically: true, encoding: .utf8)
        let lookup = dir.appendingPathComponent("provinces.csv").path
        try Self.lookupSample.write(toFile: lookup, atomically: true, encoding: .utf8)
        let engine = QueryEngine(catalog: Catalog(directory: dir.path, file: dir.appendingPathComponent("catalog.toml").path, datasets: [:]))
        let compiler = SQLCompiler(dialect: DuckDBDialect()) { h in .csvFile(String(h.key.dropFirst("file:".count))) }
        for q in Self.allQueries {
            let text = Self.text(q.text, data: data, lookup: lookup)
            let result = try engine.run(text, name: "\(q.name).aq")
            XCTAssertGreaterThan(result.table.rowCount, 0, q.name)
            try Data(CSVWriter.bytes(result.table)).write(to: dir.appendingPathComponent("\(q.name).csv"))
            let sql = try compiler.compile(try engine.check(.init(name: "\(q.name).aq", text: text)), engine: engine) { statement, _ in
                try SQLGoldenStepsPostgresTests.duckDBValues(statement, folder: dir)
            }
            try sql.write(to: dir.appendingPathComponent("\(q.name).sql"), atomically: true, encoding: .utf8)
            if q.ordered { try "".write(to: dir.appendingPathComponent("\(q.name).ordered"), atomically: true, encoding: .utf8) }
        }
        if corrupt {
            let url = dir.appendingPathComponent("growth.csv")
            try Self.corrupted(try String(contentsOf: url, encoding: .utf8)).write(to: url, atomically: true, encoding: .utf8)
        }
        let script = TestSupport.packageRoot.appendingPathComponent("scripts/crosscheck/sql_crosscheck.py").path
        let run = try ChildProcess.run("/usr/bin/env", ["python3", script, dir.path] + Self.allQueries.map(\.name), timeout: 600)
        return (dir, run)
    }

    /// The growth result with one figure of its last column (d) changed and one empty one filled.
    static func corrupted(_ csv: String) -> String {
        var lines = csv.split(separator: "\n").map(String.init)
        if let i = lines.indices.dropFirst().first(where: { !lines[$0].hasSuffix(",") }) {
            var cells = lines[i].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            cells[cells.count - 1] = String((Double(cells[cells.count - 1]) ?? 0) * 1.01 + 0.5)
            lines[i] = cells.joined(separator: ",")
        }
        if let j = lines.indices.dropFirst().first(where: { lines[$0].hasSuffix(",") }) { lines[j] += "1" }
        return lines.joined(separator: "\n") + "\n"
    }
}
