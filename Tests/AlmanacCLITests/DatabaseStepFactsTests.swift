import Almanac
import AlmanacPostgres
import AlmanacSQL
import AlmanacTestSupport
import Foundation
import XCTest

/// The warnings of a join (lookup rows not found), of `progress`/`required_growth` (rows without a target) and of an
/// aggregate's `cagr` (groups over other periods than the table's, groups with no growth) are computed in the database
/// too (SQLCompiler+StepFactChecks.swift): the same query over the same generated data — once in a catalog whose
/// `trade` and `targets` are CSV files, once in a catalog whose `trade` and `targets` are tables in the test
/// PostgreSQL — gives the same typed facts at the same places, the same English warnings in the terminal and the same
/// Vietnamese lines on a workbook's Notes sheet.
final class DatabaseStepFactsTests: XCTestCase {
    /// Seven provinces × 2021-01 … 2023-12, month by month with the provinces in a shuffled order (a group's first
    /// row is not where its key sorts): An Giang whole but for one random month, Bạc Liêu from 2021-07 (a late
    /// start), Cà Mau starting at zero, Đồng Nai with a value in one month only, Hà Giang until 2023-06 (an early
    /// end), Huế with rows but no value, Kon Tum ending below zero; values from a seeded generator.
    static let trade: String = {
        var rng = SeededGenerator(seed: 2)
        var out = "period,province,value_usd\n"
        let gap = Int.random(in: 1..<35, using: &rng)
        for m in 0..<36 {
            for p in provinces.shuffled(using: &rng) {
                var v = String(Int.random(in: 50...500, using: &rng))
                switch p {
                case "An Giang": if m == gap { continue }
                case "Bạc Liêu": if m < 6 { continue }
                case "Cà Mau": if m == 0 { v = "0" }
                case "Đồng Nai":
                    if !(12..<24).contains(m) { continue }
                    if m != 17 { v = "" }
                case "Hà Giang": if m >= 30 { continue }
                case "Huế":
                    if m >= 12 { continue }
                    v = ""
                default: if m == 35 { v = "-40" }
                }
                out += "\(2021 + m / 12)-\(String(format: "%02d", m % 12 + 1)),\(p),\(v)\n"
            }
        }
        return out
    }()

    static let provinces = ["An Giang", "Bạc Liêu", "Cà Mau", "Đồng Nai", "Hà Giang", "Huế", "Kon Tum"]

    /// A plan per province: Bạc Liêu's is zero, Cà Mau's is empty, Huế and Kon Tum have none; Hà Giang is written
    /// in NFD (it still matches).
    static let targets = "province,target\nAn Giang,5000\nBạc Liêu,0\nCà Mau,\nĐồng Nai,3000\n\("Hà Giang".decomposedStringWithCanonicalMapping),4000\n"

    static let queries = [
        "from trade\n| join targets on province\n| derive reached = progress(value_usd, target), needed = required_growth(value_usd, target, 2030)",
        "from trade\n| aggregate growth = cagr(value_usd) by province",
        // cagr per province and year: the groups are named with their year; progress after an aggregate has no period.
        "from trade\n| aggregate growth = cagr(value_usd), v = sum(value_usd) by province, year = year(period)",
        "from trade\n| aggregate v = sum(value_usd) by province\n| join targets on province\n| derive reached = progress(v, target)",
        "from trade\n| where value_usd > 100\n| join targets on province\n| select period, province, reached = progress(value_usd, target)",
    ]

    /// Two data directories with the same dataset names: `db` (tables in the test PostgreSQL) and `file` (CSV files).
    func setUpData() throws -> (db: URL, file: URL) {
        let url: String
        do { url = try PostgresCluster.shared() } catch {
            XCTFail("the database step facts tests need a throwaway PostgreSQL cluster, which could not start: \(error)")
            throw error
        }
        let connection = try PostgresConnection(url: url)
        try connection.execute("DROP TABLE IF EXISTS step_facts_trade")
        try connection.execute("CREATE TABLE step_facts_trade (period text, province text, value_usd double precision)")
        try connection.copyIn("COPY step_facts_trade FROM STDIN (FORMAT csv, HEADER true)", data: Array(Self.trade.utf8))
        try connection.execute("DROP TABLE IF EXISTS step_facts_targets")
        try connection.execute("CREATE TABLE step_facts_targets (province text, target double precision)")
        try connection.copyIn("COPY step_facts_targets FROM STDIN (FORMAT csv, HEADER true)", data: Array(Self.targets.utf8))
        let root = TestSupport.temporaryDirectory("db-step-facts")
        addTeardownBlock { try? FileManager.default.removeItem(at: root) }
        let db = root.appendingPathComponent("db"), file = root.appendingPathComponent("file")
        for dir in [db, file] { try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true) }
        try Self.trade.write(to: file.appendingPathComponent("trade.csv"), atomically: true, encoding: .utf8)
        try Self.targets.write(to: file.appendingPathComponent("targets.csv"), atomically: true, encoding: .utf8)
        func catalog(trade: String, targets: String) -> String {
            """
            [datasets.trade]
            \(trade)
            period = "period"
            frequency = "month"
            dimensions = ["province"]
            [datasets.trade.measures]
            value_usd = { unit = "USD" }

            [datasets.targets]
            \(targets)
            dimensions = ["province"]
            [datasets.targets.measures]
            target = { unit = "USD" }
            """
        }
        try catalog(trade: "database = \"\(url)\"\ntable = \"step_facts_trade\"", targets: "database = \"\(url)\"\ntable = \"step_facts_targets\"\nfrequency = \"year\"")
            .write(to: db.appendingPathComponent("catalog.toml"), atomically: true, encoding: .utf8)
        try catalog(trade: "file = \"trade.csv\"", targets: "file = \"targets.csv\"")
            .write(to: file.appendingPathComponent("catalog.toml"), atomically: true, encoding: .utf8)
        return (db, file)
    }

    func testTheDatabaseGivesTheFilesJoinTargetAndCagrFacts() throws {
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
            XCTAssertEqual(db.warnings.map { $0.vietnamese?.message }, file.warnings.map { $0.vietnamese?.message }, q)
            all += file.facts.map(\.fact)
            // In the terminal: the same warnings, word for word.
            let dbCLI = try CLIRunner.run(["query", q, "--format", "csv", "--data-dir", dbDir.path], in: dbDir)
            let fileCLI = try CLIRunner.run(["query", q, "--format", "csv", "--data-dir", fileDir.path], in: fileDir)
            XCTAssertEqual(dbCLI.status, 0, dbCLI.stderr)
            XCTAssertTrue(dbCLI.stderr.contains("warning"), dbCLI.stderr)
            XCTAssertEqual(dbCLI.stderr, fileCLI.stderr, q)
        }
        // Every kind of fact these statements compute occurs, each case the data were made for.
        XCTAssertEqual(Set(all.map { "\($0)".prefix { $0 != "(" } }.map(String.init)), ["joinUnmatched", "targetMissing", "cagrSpan", "cagrUndefined"])
        let reasons = Set(all.compactMap { f -> String? in if case .cagrUndefined(_, _, _, let r, _) = f { return "\(r)" } else { return nil } })
        XCTAssertEqual(reasons, ["startNotPositive", "endNegative", "singlePeriod", "noValues"])
        // Huế's 12 rows and Kon Tum's 36 find no plan; after the aggregate, their two groups.
        XCTAssertTrue(all.contains(.joinUnmatched(rows: 48, dataset: "targets", keys: ["province"])), "\(all)")
        XCTAssertTrue(all.contains(.joinUnmatched(rows: 2, dataset: "targets", keys: ["province"])), "\(all)")
        XCTAssertTrue(all.contains { if case .targetMissing(let call, _, let zeros, let periods) = $0 { return call.hasPrefix("progress") && zeros > 0 && !periods.isEmpty } else { return false } }, "\(all)")
        XCTAssertTrue(all.contains { if case .targetMissing(let call, _, 0, let periods) = $0 { return call.hasPrefix("required_growth") && !periods.isEmpty } else { return false } }, "\(all)")
        // After an aggregate by province there is no period to name.
        XCTAssertTrue(all.contains { if case .targetMissing(_, _, _, let periods) = $0 { return periods.isEmpty } else { return false } }, "\(all)")
        // The examples name groups in the order the result lists them, not in the order their first rows come.
        XCTAssertTrue(all.contains(.cagrSpan(call: "cagr(value_usd)", groups: 2, of: 7, table: "2021-01 … 2023-12",
                                             examples: ["Bạc Liêu: 2021-07 … 2023-12", "Hà Giang: 2021-01 … 2023-06"])), "\(all)")
    }

    /// The duckdb dialect's fact statements, run in DuckDB (the Python package) over the same CSV files, give the
    /// facts the local engine gives for them.
    func testDuckDBGivesTheFilesJoinTargetAndCagrFacts() throws {
        let probe = try ChildProcess.run("/usr/bin/env", ["python3", "-c", "import duckdb"], timeout: 120)
        guard probe.status == 0 else {
            XCTFail("the DuckDB step facts check needs python3 with duckdb (scripts/install-python-deps.sh)\n\(probe.stderrText)")
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
        XCTAssertGreaterThanOrEqual(compared, 10)
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
