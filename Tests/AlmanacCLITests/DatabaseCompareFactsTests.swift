import Almanac
import AlmanacPostgres
import AlmanacSQL
import AlmanacEngine
import AlmanacTestSupport
import Foundation
import XCTest

/// The warnings of a `compare` (series with no rows in a range, series with only some of its periods) and of
/// `index(x, BASE)` (series without a usable base value), and over an aggregate's rows the members a compare's ranges
/// sum (`coverageDiffers`), are computed in the database too
/// (SQLCompiler+CompareFacts.swift): the same query over the same generated data — once in a catalog whose `trade` is
/// a CSV file, once in a catalog whose `trade` is a table in the test PostgreSQL — gives the same typed facts at the
/// same places, the same English warnings in the terminal and the same Vietnamese lines on a workbook's Notes sheet.
final class DatabaseCompareFactsTests: XCTestCase {
    /// Eight provinces × two flows × 2022-01 … 2024-12, month by month with the series in a shuffled order (a
    /// series' first row is not where its key sorts): An Giang's exports miss one random month of 2024, Bạc Liêu starts
    /// in 2024-01 (no rows in 2023, none at 2023-03), Cà Mau has 0 at 2023-03, Đồng Nai ends in 2023-12 (no rows in
    /// 2024), Hà Giang has no value at 2023-03 and its imports stop after 2023-06, Huế has rows in 2022 only, Kon Tum
    /// misses every fifth month, Lào Cai is whole; values from a seeded generator.
    static let trade: String = {
        var rng = SeededGenerator(seed: 13)
        var out = "period,province,flow,value_usd\n"
        let gap = Int.random(in: 24..<36, using: &rng)
        let series = provinces.flatMap { p in ["exports", "imports"].map { (p, $0) } }
        for m in 0..<36 {
            for (p, flow) in series.shuffled(using: &rng) {
                var v = String(Int.random(in: 50...500, using: &rng))
                switch p {
                case "An Giang": if m == gap && flow == "exports" { continue }
                case "Bạc Liêu": if m < 24 { continue }
                case "Cà Mau": if m == 14 { v = "0" }
                case "Đồng Nai": if m >= 24 { continue }
                case "Hà Giang":
                    if m == 14 { v = "" }
                    if flow == "imports" && m >= 18 { continue }
                case "Huế": if m >= 12 { continue }
                case "Kon Tum": if m % 5 == 0 { continue }
                default: break
                }
                out += "\(2022 + m / 12)-\(String(format: "%02d", m % 12 + 1)),\(p),\(flow),\(v)\n"
            }
        }
        return out
    }()

    static let provinces = ["An Giang", "Bạc Liêu", "Cà Mau", "Đồng Nai", "Hà Giang", "Huế", "Kon Tum", "Lào Cai"]

    static let queries = [
        "from trade\n| compare 2023..2023 vs 2024..2024",
        // Ranges of different lengths, after a filter that leaves some months out.
        "from trade\n| where value_usd > 100\n| compare 2022-01..2022-12 vs 2024-07..2024-12",
        // One series (no series keys left): the table is the example.
        "from trade\n| where province = \"Kon Tum\" and flow = \"exports\"\n| select period, value_usd\n| compare 2023-01..2023-06 vs 2024-01..2024-06",
        "from trade\n| derive i = index(value_usd, 2023-03)",
        "from trade\n| where flow = \"imports\"\n| select period, province, i = index(value_usd, 2023-03)",
        "from trade\n| where flow = \"exports\"\n| derive i = index(value_usd, 2024-01)\n| compare 2023-07..2023-12 vs 2024-07..2024-12",
        // Over an aggregate's rows, whether both ranges sum the same flows (month by month when the ranges are aligned).
        "from trade\n| aggregate v = sum(value_usd) by province, period\n| compare 2023-01..2023-06 vs 2024-01..2024-06",
        "from trade\n| aggregate v = sum(value_usd) by province, period\n| where v > 0\n| compare 2023..2023 vs 2024-07..2024-12",
        "from trade\n| aggregate v = sum(value_usd) by province, year = year(period)\n| compare 2023..2023 vs 2024..2024",
        // One series of (province, flow) members.
        "from trade\n| aggregate v = sum(value_usd) by period\n| compare 2023-01..2023-03 vs 2024-01..2024-03",
        // Matched: the differing series summed over the members in both ranges (in the statement itself).
        "from trade\n| aggregate v = sum(value_usd), n = count() by province, period\n| compare 2023-01..2023-06 vs 2024-01..2024-06 matched",
        "from trade\n| aggregate v = sum(value_usd) by period\n| compare 2023..2023 vs 2024-01..2024-09 matched",
    ]

    /// Two data directories with the same dataset names: `db` (a table in the test PostgreSQL) and `file` (a CSV file).
    func setUpData() throws -> (db: URL, file: URL) {
        let url: String
        do { url = try PostgresCluster.shared() } catch {
            XCTFail("the database compare facts tests need a throwaway PostgreSQL cluster, which could not start: \(error)")
            throw error
        }
        let connection = try PostgresConnection(url: url)
        try connection.execute("DROP TABLE IF EXISTS compare_facts_trade")
        try connection.execute("CREATE TABLE compare_facts_trade (period text, province text, flow text, value_usd double precision)")
        try connection.copyIn("COPY compare_facts_trade FROM STDIN (FORMAT csv, HEADER true)", data: Array(Self.trade.utf8))
        let root = TestSupport.temporaryDirectory("db-compare-facts")
        addTeardownBlock { try? FileManager.default.removeItem(at: root) }
        let db = root.appendingPathComponent("db"), file = root.appendingPathComponent("file")
        for dir in [db, file] { try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true) }
        try Self.trade.write(to: file.appendingPathComponent("trade.csv"), atomically: true, encoding: .utf8)
        func catalog(_ trade: String) -> String {
            """
            [datasets.trade]
            \(trade)
            period = "period"
            frequency = "month"
            dimensions = ["province", "flow"]
            [datasets.trade.measures]
            value_usd = { unit = "USD" }
            """
        }
        try catalog("database = \"\(url)\"\ntable = \"compare_facts_trade\"").write(to: db.appendingPathComponent("catalog.toml"), atomically: true, encoding: .utf8)
        try catalog("file = \"trade.csv\"").write(to: file.appendingPathComponent("catalog.toml"), atomically: true, encoding: .utf8)
        return (db, file)
    }

    func testTheDatabaseGivesTheFilesCompareAndIndexFacts() throws {
        let (dbDir, fileDir) = try setUpData()
        let dbEngine = QueryEngine(catalog: try Catalog.load(dataDirectory: dbDir.path))
        let fileEngine = QueryEngine(catalog: try Catalog.load(dataDirectory: fileDir.path))
        var all: [QueryFact] = []
        for q in Self.queries {
            let db = try dbEngine.run(q), file = try fileEngine.run(q)
            XCTAssertFalse(file.facts.isEmpty, q)
            XCTAssertEqual(db.facts.map(\.fact), file.facts.map(\.fact), q)
            XCTAssertEqual(db.facts.map { $0.span.map { "\($0)" } }, file.facts.map { $0.span.map { "\($0)" } }, q)
            XCTAssertEqual(db.warnings.map(\.message), file.warnings.map(\.message), q)
            XCTAssertEqual(db.warnings.map(\.notes), file.warnings.map(\.notes), q)
            XCTAssertEqual(db.warnings.map { $0.vietnamese?.message }, file.warnings.map { $0.vietnamese?.message }, q)
            all += file.facts.map(\.fact)
            // A compare of an aggregate's ranges is checked in the database, not said unchecked.
            XCTAssertFalse(db.facts.contains { if case .coverageUnchecked = $0.fact { return true } else { return false } }, q)
            // In the terminal: the same warnings, word for word.
            let dbCLI = try CLIRunner.run(["query", q, "--format", "csv", "--data-dir", dbDir.path], in: dbDir)
            let fileCLI = try CLIRunner.run(["query", q, "--format", "csv", "--data-dir", fileDir.path], in: fileDir)
            XCTAssertEqual(dbCLI.status, 0, dbCLI.stderr)
            XCTAssertTrue(dbCLI.stderr.contains("warning"), dbCLI.stderr)
            XCTAssertEqual(dbCLI.stderr, fileCLI.stderr, q)
        }
        // Every kind of fact these statements compute occurs.
        XCTAssertEqual(Set(all.map { "\($0)".prefix { $0 != "(" } }.map(String.init)), ["compareEmpty", "comparePartial", "indexBaseMissing", "coverageDiffers"])
        // 2023 against 2024: Bạc Liêu's two series have no rows in 2023; Đồng Nai's two, Hà Giang's imports and
        // Huế's two none in 2024 (Huế none in 2023 either); named in key order, not in the order their rows come.
        XCTAssertTrue(all.contains { f in
            guard case .compareEmpty(let ranges, let examples) = f else { return false }
            return ranges.map { "\($0.series) \($0.range)" } == ["4 2023-01..2023-12", "5 2024-01..2024-12"]
                && examples == ["(Bạc Liêu, exports)", "(Bạc Liêu, imports)", "(Đồng Nai, exports)"]
        }, "\(all)")
        // Hà Giang's imports have 6 of 2023's months, Kon Tum's 9 or 10; An Giang's exports miss a month of 2024.
        XCTAssertTrue(all.contains { if case .comparePartial(let ranges, "(Hà Giang, imports)", 6, 12) = $0 { return ranges.count == 2 } else { return false } }, "\(all)")
        // Without series keys the table is the one series.
        XCTAssertTrue(all.contains { if case .comparePartial(_, nil, let present, 6) = $0 { return present > 0 } else { return false } }, "\(all)")
        // At 2023-03: Bạc Liêu (no row), Cà Mau (zero), Hà Giang (no value), Huế (no row), two flows each.
        XCTAssertTrue(all.contains(.indexBaseMissing(call: "index(value_usd, 2023-03)", series: 8, base: "2023-03",
                                                     examples: ["(Bạc Liêu, exports)", "(Bạc Liêu, imports)", "(Cà Mau, exports)"])), "\(all)")
        // In a select after a filter, the series are still the input's (a province and its one flow).
        XCTAssertTrue(all.contains(.indexBaseMissing(call: "index(value_usd, 2023-03)", series: 4, base: "2023-03",
                                                     examples: ["(Bạc Liêu, imports)", "(Cà Mau, imports)", "(Hà Giang, imports)"])), "\(all)")
        // Over an aggregate's rows: each compare whose ranges sum other flows says so, in the database too.
        let coverage = all.compactMap { f -> (call: String, differences: [CoverageDifference])? in
            if case .coverageDiffers(let call, _, _, false, _, let d, _) = f { return (call, d) } else { return nil }
        }
        XCTAssertEqual(coverage.map(\.call), ["compare 2023-01..2023-06 vs 2024-01..2024-06", "compare 2023-01..2023-12 vs 2024-07..2024-12",
                                               "compare 2023 vs 2024", "compare 2023-01..2023-03 vs 2024-01..2024-03"])
        // Hà Giang's imports stop after 2023-06: aligned month by month, each month of 2023 has them.
        XCTAssertEqual(coverage.first?.differences.first?.series, "(Hà Giang)")
        XCTAssertEqual(coverage.first?.differences.first?.onlyBase.first, "imports (2023-01)")
        XCTAssertEqual(coverage.dropFirst().first?.differences.first?.onlyBase, ["imports"])
        // Summed over every province and flow: members of two dimensions, by position then name.
        XCTAssertEqual(coverage.last?.differences.first?.series, nil)
        XCTAssertEqual(coverage.last?.differences.first?.onlyCurrent.first, "(Bạc Liêu, exports) (2024-01)")
        XCTAssertEqual(coverage.last?.differences.first?.onlyBase.first, "(Hà Giang, imports) (2023-01)")
    }

    /// The duckdb dialect's fact statements, run in DuckDB (the Python package) over the same CSV file, give the
    /// facts the local engine gives for them.
    func testDuckDBGivesTheFilesCompareAndIndexFacts() throws {
        let probe = try ChildProcess.run("/usr/bin/env", ["python3", "-c", "import duckdb"], timeout: 120)
        guard probe.status == 0 else {
            XCTFail("the DuckDB compare facts check needs python3 with duckdb (scripts/install-python-deps.sh)\n\(probe.stderrText)")
            return
        }
        let (_, fileDir) = try setUpData()
        let engine = QueryEngine(catalog: try Catalog.load(dataDirectory: fileDir.path))
        let compiler = SQLCompiler(dialect: DuckDBDialect()) { h in .csvFile(fileDir.appendingPathComponent(h.displayName + ".csv").path) }
        var compared = 0
        for (i, q) in Self.queries.enumerated() {
            let local = try engine.run(q)
            let plan = try engine.check(SourceFile(name: "<query>", text: q))
            _ = try compiler.compile(plan)
            let statements = try compiler.factStatements(plan)
            XCTAssertFalse(statements.statements.isEmpty, q)
            let results = try statements.statements.enumerated().map { j, sql in
                try Self.duckDBColumns(sql, file: fileDir.appendingPathComponent("facts\(i)_\(j).sql"))
            }
            let facts = statements.facts(results)
            XCTAssertFalse(local.facts.isEmpty, q)
            XCTAssertEqual(facts.map(\.fact), local.facts.map(\.fact), q)
            XCTAssertEqual(facts.map { $0.span.map { "\($0)" } }, local.facts.map { $0.span.map { "\($0)" } }, q)
            compared += facts.count
        }
        XCTAssertGreaterThanOrEqual(compared, 8)
    }

    /// The result of one statement in DuckDB, as columns typed as DuckDB typed them (integers, numbers or text).
    static func duckDBColumns(_ sql: String, file: URL) throws -> [Column] {
        try sql.write(to: file, atomically: true, encoding: .utf8)
        // Each column's kind ("int", "float" or "text", from its values), then its values as text, one JSON array a line.
        let script = """
            import duckdb, json, sys
            rel = duckdb.connect().sql(open(sys.argv[1], encoding="utf-8").read())
            rows = rel.fetchall()
            for j in range(len(rel.columns)):
                values = [r[j] for r in rows]
                kinds = {type(v).__name__ for v in values if v is not None}
                kind = "int" if kinds <= {"int"} else "text" if kinds <= {"str"} else "float"
                print(json.dumps([kind] + [None if v is None else str(v) for v in values], ensure_ascii=False))
            """
        let run = try ChildProcess.run("/usr/bin/env", ["python3", "-c", script, file.path], timeout: 300)
        guard run.status == 0 else { throw ChildProcessFailure("DuckDB failed:\n\(run.stderrText)\n\(sql)") }
        return try run.stdoutText.split(separator: "\n").enumerated().map { j, line in
            guard let cells = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [Any], let kind = cells.first as? String else {
                throw ChildProcessFailure("DuckDB gave a result the test cannot read: \(line)")
            }
            let values = cells.dropFirst().map { $0 as? String }
            switch kind {
            case "int": return .ints("c\(j)", values.map { $0.flatMap { Int64($0) } })
            case "text": return .texts("c\(j)", values)
            default: return .floats("c\(j)", values.map { $0.flatMap { Double($0) } })
            }
        }
    }

    func testAWorkbooksNotesSayTheSameForTheDatabase() throws {
        let (dbDir, fileDir) = try setUpData()
        var notes: [[String: [String]]] = []
        for dir in [fileDir, dbDir] {
            var sheets = ""
            for (i, q) in Self.queries.enumerated() {
                try q.write(to: dir.appendingPathComponent("q\(i).aq"), atomically: true, encoding: .utf8)
                sheets += "\n[[sheets]]\nname = \"Bảng \(i)\"\nquery = \"q\(i).aq\"\n"
            }
            try ("title = \"Kiểm tra\"\noutput = \"w.xlsx\"\n" + sheets).write(to: dir.appendingPathComponent("w.toml"), atomically: true, encoding: .utf8)
            let out = dir.appendingPathComponent("w.xlsx")
            let r = try CLIRunner.run(["export", "w.toml", "-o", out.path, "--data-dir", dir.path], in: dir)
            XCTAssertEqual(r.status, 0, r.stderr)
            notes.append(try warningsBySheet(out))
        }
        for i in Self.queries.indices {
            let file = try XCTUnwrap(notes[0]["Bảng \(i)"], "\(notes[0].keys.sorted())"), db = try XCTUnwrap(notes[1]["Bảng \(i)"], "\(notes[1].keys.sorted())")
            XCTAssertFalse(file.isEmpty || file == ["Không có"], "\(file)")
            // The same lines, coverage and the cells' orange fill included.
            XCTAssertEqual(db, file, Self.queries[i])
        }
    }

    /// The warning lines of each data sheet on the Notes sheet (`Ghi chú`): the `Cảnh báo` row and the unlabelled
    /// rows under it.
    func warningsBySheet(_ file: URL) throws -> [String: [String]] {
        var out: [String: [String]] = [:]
        var current: String?
        var inWarnings = false
        for row in try WorkbookFixtures.calamine(file, sheet: "Ghi chú") {
            let heading = ((row.first ?? nil) as? String)?.precomposedStringWithCanonicalMapping
            guard row.count > 1, let text = (row[1] as? String)?.precomposedStringWithCanonicalMapping else { continue }
            if heading == "Trang tính" { current = text; inWarnings = false; continue }
            if heading == "Cảnh báo" { inWarnings = true } else if heading != nil { inWarnings = false }
            if inWarnings, let current { out[current, default: []].append(text) }
        }
        return out
    }
}
