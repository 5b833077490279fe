import Almanac
import AlmanacPostgres
import AlmanacTestSupport
import Foundation
import XCTest

/// The warnings of time functions over a database dataset are computed in the database (SQLFactStatements): the same
/// query over the same generated data with gaps — once from a CSV file, once from a table in the test PostgreSQL —
/// gives the same typed facts, the same English warnings in the terminal and the same Vietnamese lines on a workbook's
/// Notes sheet.
final class DatabaseFactsTests: XCTestCase {
    /// Three provinces × 36 months (2021-01 … 2023-12), generated with a seed: each province misses a few months
    /// (more than five gap periods in all, spread over the series), has a null and a zero; Huế in NFD on odd months.
    static let csv: String = {
        var rng = SeededGenerator(seed: 13)
        var out = "period,province,value_usd\n"
        for p in ["Hà Giang", "Huế", "Cà Mau"] {
            let missing = Set((0..<4).map { _ in Int.random(in: 1..<36, using: &rng) })
            let null = Int.random(in: 0..<36, using: &rng), zero = Int.random(in: 0..<36, using: &rng)
            for m in 0..<36 where !missing.contains(m) && !(p == "Cà Mau" && m < 2) {
                let name = p == "Huế" && m % 2 == 1 ? p.decomposedStringWithCanonicalMapping : p
                let v = m == null ? "" : m == zero ? "0" : String(Int.random(in: 50...500, using: &rng))
                out += "\(2021 + m / 12)-\(String(format: "%02d", m % 12 + 1)),\(name),\(v)\n"
            }
        }
        return out
    }()

    /// Queries with the dataset on the first line, so that their steps are at the same place for both datasets.
    static let queries = [
        "| derive g = yoy(value_usd), m = pop(value_usd), d = diff(value_usd), l = lag(value_usd, 3), n = lag(value_usd, -2)\n| derive y = ytd(value_usd), c = cumsum(value_usd), r = rolling(value_usd, 3)",
        "| where value_usd > 100\n| select period, province, g = 100 * yoy(value_usd), y = ytd(value_usd)",
        // A report for the data's first year: no base year exists.
        "| where year(period) = 2021\n| derive g = yoy(value_usd), l = lag(value_usd, 12)",
        "| aggregate v = sum(value_usd) by province, quarter = quarter(period)\n| derive g = yoy(v), q = pop(v), y = ytd(v)",
    ]

    func setUpData() throws -> URL {
        let url: String
        do { url = try PostgresCluster.shared() } catch {
            XCTFail("the database facts tests need a throwaway PostgreSQL cluster, which could not start: \(error)")
            throw error
        }
        let db = try PostgresConnection(url: url)
        try db.execute("DROP TABLE IF EXISTS facts_trade")
        try db.execute("CREATE TABLE facts_trade (period text, province text, value_usd double precision)")
        try db.copyIn("COPY facts_trade FROM STDIN (FORMAT csv, HEADER true)", data: Array(Self.csv.utf8))
        let dir = TestSupport.temporaryDirectory("db-facts")
        addTeardownBlock { try? FileManager.default.removeItem(at: dir) }
        try Self.csv.write(to: dir.appendingPathComponent("trade.csv"), atomically: true, encoding: .utf8)
        try """
            [datasets.trade]
            database = "\(url)"
            table = "facts_trade"
            period = "period"
            frequency = "month"
            dimensions = ["province"]
            [datasets.trade.measures]
            value_usd = { unit = "USD" }

            [datasets.trade_file]
            file = "trade.csv"
            period = "period"
            frequency = "month"
            dimensions = ["province"]
            [datasets.trade_file.measures]
            value_usd = { unit = "USD" }
            """.write(to: dir.appendingPathComponent("catalog.toml"), atomically: true, encoding: .utf8)
        return dir
    }

    func testTheDatabaseGivesTheFilesFactsAndWarnings() throws {
        let dir = try setUpData()
        let engine = QueryEngine(catalog: try Catalog.load(dataDirectory: dir.path))
        var kinds = Set<String>()
        for steps in Self.queries {
            let db = try engine.run("from trade     \n" + steps)
            let file = try engine.run("from trade_file\n" + steps)
            XCTAssertFalse(file.facts.isEmpty, steps)
            // Coverage (which series and months each sum holds, issue 11) is computed in memory only: the database
            // run says that it was not checked wherever the file run checks it, and the other facts are the same.
            XCTAssertEqual(db.facts.contains { if case .coverageUnchecked = $0.fact { return true } else { return false } },
                           file.facts.contains { Self.isCoverage($0.fact) }, steps)
            let dbFacts = db.facts.filter { !Self.isCoverage($0.fact) }, fileFacts = file.facts.filter { !Self.isCoverage($0.fact) }
            XCTAssertEqual(dbFacts.map(\.fact), fileFacts.map(\.fact), steps)
            // At the same step and call (line and column; the two queries' texts differ on their first line).
            XCTAssertEqual(dbFacts.map { $0.span.map { "\($0)" } }, fileFacts.map { $0.span.map { "\($0)" } }, steps)
            let dbWarnings = db.warnings.filter { !Self.coverageIDs.contains($0.id.rawValue) }, fileWarnings = file.warnings.filter { !Self.coverageIDs.contains($0.id.rawValue) }
            XCTAssertEqual(dbWarnings.map(\.message), fileWarnings.map(\.message), steps)
            XCTAssertEqual(dbWarnings.map { $0.vietnamese?.message }, fileWarnings.map { $0.vietnamese?.message }, steps)
            kinds.formUnion(fileFacts.map { "\($0.fact)".prefix { $0 != "(" } }.map(String.init))
            // In the terminal: the same warnings, word for word.
            let dbCLI = try CLIRunner.run(["query", "from trade     \n" + steps, "--format", "csv", "--data-dir", dir.path], in: dir)
            let fileCLI = try CLIRunner.run(["query", "from trade_file\n" + steps, "--format", "csv", "--data-dir", dir.path], in: dir)
            XCTAssertEqual(dbCLI.status, 0, dbCLI.stderr)
            XCTAssertTrue(dbCLI.stderr.contains("warning"), dbCLI.stderr)
            XCTAssertEqual(Self.withoutCoverage(dbCLI.stderr), Self.withoutCoverage(fileCLI.stderr), steps)
        }
        // Every kind of fact the database computes is exercised.
        XCTAssertEqual(kinds, ["growthGaps", "cumulativeGaps", "baseBeforeData"])
    }

    static let coverageIDs: Set<String> = ["query.coverage-differs", "query.windows-differ", "query.coverage-unchecked"]

    static func isCoverage(_ f: QueryFact) -> Bool {
        switch f {
        case .coverageDiffers, .windowsDiffer, .coverageUnchecked: return true
        default: return false
        }
    }

    /// A Notes line about coverage: the file's findings, their cells' colour, or the database's "not checked".
    static func isCoverageLine(_ line: String) -> Bool {
        line.contains("cơ cấu") || line.contains("Cơ sở dữ liệu đã tính")
    }

    /// The terminal's warnings without those about coverage (a warning runs from its `warning:` line to the next).
    static func withoutCoverage(_ stderr: String) -> String {
        var blocks: [String] = []
        for line in stderr.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("warning:") || blocks.isEmpty { blocks.append(String(line)) } else { blocks[blocks.count - 1] += "\n" + line }
        }
        let coverage = ["sum other series", "sums other series", "another number of", "the database computed sums", "window holds", "windows hold"]
        return blocks.filter { b in !coverage.contains { b.hasPrefix("warning:") && b.contains($0) } }.joined(separator: "\n")
    }

    func testAWorkbooksNotesSayTheSameForTheDatabase() throws {
        let dir = try setUpData()
        var sheets = ""
        for (i, steps) in Self.queries.enumerated() {
            for (name, dataset) in [("Tệp \(i)", "trade_file"), ("CSDL \(i)", "trade     ")] {
                try ("from \(dataset)\n" + steps).write(to: dir.appendingPathComponent("\(dataset.trimmingCharacters(in: .whitespaces))\(i).aq"), atomically: true, encoding: .utf8)
                sheets += "\n[[sheets]]\nname = \"\(name)\"\nquery = \"\(dataset.trimmingCharacters(in: .whitespaces))\(i).aq\"\n"
            }
        }
        try ("title = \"Kiểm tra\"\noutput = \"w.xlsx\"\n" + sheets).write(to: dir.appendingPathComponent("w.toml"), atomically: true, encoding: .utf8)
        let out = dir.appendingPathComponent("w.xlsx")
        let r = try CLIRunner.run(["export", "w.toml", "-o", out.path, "--data-dir", dir.path], in: dir)
        XCTAssertEqual(r.status, 0, r.stderr)
        let notes = try warningsBySheet(out)
        for i in Self.queries.indices {
            let file = try XCTUnwrap(notes["Tệp \(i)"], "\(notes.keys.sorted())"), db = try XCTUnwrap(notes["CSDL \(i)"])
            XCTAssertFalse(file.isEmpty || file == ["Không có"], "\(file)")
            XCTAssertEqual(db.filter { !Self.isCoverageLine($0) }, file.filter { !Self.isCoverageLine($0) }, Self.queries[i])
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
