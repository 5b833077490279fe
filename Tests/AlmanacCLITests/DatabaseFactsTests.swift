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
        // Quarters some of whose months are missing: sums of other numbers of months (coverage of finer periods).
        "| aggregate v = sum(value_usd) by province, quarter = quarter(period)\n| derive g = yoy(v), q = pop(v), y = ytd(v)",
        // Years summed over the provinces, Huế absent in 2022 and the data cut in October 2023: sums of other
        // provinces than their base's (2022 against 2021, 2023 against 2022), and an incomplete last year.
        "| where not (province = \"Huế\" and year(period) = 2022) and period <= 2023-10\n| aggregate v = sum(value_usd) by year = year(period)\n| derive g = yoy(v), d = diff(v), l = lag(v, 1)",
        // The data start in 2021-04: an incomplete first quarter and a growth over it.
        "| where period >= 2021-04\n| aggregate v = sum(value_usd) by province, year = year(period)\n| sort province\n| derive g = yoy(v)",
        // Like-for-like growth (`matched`) computed in the database: over the provinces on both sides, and (by
        // quarter) over the months' sums of each province.
        "| where not (province = \"Huế\" and year(period) = 2022) and period <= 2023-10\n| aggregate v = sum(value_usd), n = count() by year = year(period)\n| derive g = yoy(v, matched), d = diff(n, matched), p = pop(v)",
        "| aggregate v = sum(value_usd) / 1000 by province, quarter = quarter(period)\n| where province != \"Cà Mau\"\n| derive g = yoy(v, matched)",
        // An index of sums of other provinces than its base year's (Huế absent in 2022).
        "| where not (province = \"Huế\" and year(period) = 2022)\n| aggregate v = sum(value_usd) by year = year(period)\n| derive i = index(v, 2021)",
        // Growth of year-to-date totals whose windows hold other months than their base's (each province misses
        // a few): null, or over the months in both windows; last year's total kept, with its warning.
        "| where not (province = \"Huế\" and period = 2022-03)\n| derive y = ytd(value_usd)\n| derive g = yoy(y), w = yoy(y, matched), l = lag(y, 12)",
        // Year-to-date sums of the provinces: each month of a window checked against the same month a year earlier
        // (Huế absent in 2022-03: the windows of 2023-03 … 2023-12 hold a month of other provinces).
        "| where not (province = \"Huế\" and period = 2022-03)\n| aggregate v = sum(value_usd) by period\n| derive y = ytd(v)\n| derive g = yoy(y), l = lag(y, 12)",
        "| where not (province = \"Huế\" and period = 2022-03)\n| aggregate v = sum(value_usd) by period\n| derive y = ytd(v)\n| derive g = yoy(y, matched)",
        // Written inline: the inner call computed first, the warnings naming the call as written.
        "| derive g = yoy(ytd(value_usd)), w = yoy(ytd(value_usd / 1000), matched), s = share(rolling(value_usd, 3))",
        // A compare of monthly sums whose 2022 range lacks Huế.
        "| where not (province = \"Huế\" and year(period) = 2022)\n| aggregate v = sum(value_usd) by period\n| compare 2021..2021 vs 2022..2022",
    ]

    /// Queries whose coverage the database cannot check (a growth after a step that renamed the aggregate's period
    /// key, whose rows the statements cannot name): it says so.
    static let uncheckedQueries = [
        "| aggregate v = sum(value_usd) by period\n| select month = period, v\n| derive g = yoy(v)",
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
        for steps in Self.queries + Self.uncheckedQueries {
            let unchecked = Self.uncheckedQueries.contains(steps)
            let db = try engine.run("from trade     \n" + steps)
            let file = try engine.run("from trade_file\n" + steps)
            XCTAssertFalse(file.facts.isEmpty, steps)
            // Coverage (which series and months each sum holds) is computed in the database too; where a comparison
            // is one its statements cannot follow, the database run says that it was not checked, exactly where
            // the file run checks it.
            XCTAssertEqual(db.facts.contains { if case .coverageUnchecked = $0.fact { return true } else { return false } }, unchecked, steps)
            if unchecked { XCTAssertTrue(file.facts.contains { Self.isCoverage($0.fact) }, steps) }
            let keep = { (f: LocatedFact) in !unchecked || !Self.isCoverage(f.fact) }
            let dbFacts = db.facts.filter(keep), fileFacts = file.facts.filter(keep)
            XCTAssertEqual(dbFacts.map(\.fact), fileFacts.map(\.fact), steps)
            // At the same step and call (line and column; the two queries' texts differ on their first line).
            XCTAssertEqual(dbFacts.map { $0.span.map { "\($0)" } }, fileFacts.map { $0.span.map { "\($0)" } }, steps)
            let keepWarning = { (d: Diagnostic) in !unchecked || !Self.coverageIDs.contains(d.id.rawValue) }
            let dbWarnings = db.warnings.filter(keepWarning), fileWarnings = file.warnings.filter(keepWarning)
            XCTAssertEqual(dbWarnings.map(\.message), fileWarnings.map(\.message), steps)
            XCTAssertEqual(dbWarnings.map { $0.vietnamese?.message }, fileWarnings.map { $0.vietnamese?.message }, steps)
            // The same figures (rows in the same order after an aggregate; as a set otherwise).
            if !steps.contains("aggregate") { XCTAssertEqual(Self.rows(db.table).sorted(), Self.rows(file.table).sorted(), steps) }
            if steps.contains("ytd(value_usd)\n") {
                // The cells a workbook marks (windows of other months), on the rows with the same keys and period.
                XCTAssertFalse(file.marks.isEmpty, steps)
                XCTAssertEqual(Self.marksByRow(db), Self.marksByRow(file), steps)
            }
            if steps.contains("aggregate") {
                // An aggregate's rows come in the same order (by its keys, the period last) and with the same figures.
                XCTAssertEqual(Self.rows(db.table), Self.rows(file.table), steps)
                // The cells a workbook marks, with the same notes.
                if !unchecked { XCTAssertEqual(db.marks, file.marks, steps) }
            }
            kinds.formUnion(fileFacts.map { "\($0.fact)".prefix { $0 != "(" } }.map(String.init))
            // In the terminal: the same warnings, word for word.
            let dbCLI = try CLIRunner.run(["query", "from trade     \n" + steps, "--format", "csv", "--data-dir", dir.path], in: dir)
            let fileCLI = try CLIRunner.run(["query", "from trade_file\n" + steps, "--format", "csv", "--data-dir", dir.path], in: dir)
            XCTAssertEqual(dbCLI.status, 0, dbCLI.stderr)
            XCTAssertTrue(dbCLI.stderr.contains("warning"), dbCLI.stderr)
            XCTAssertEqual(unchecked ? Self.withoutCoverage(dbCLI.stderr) : dbCLI.stderr, unchecked ? Self.withoutCoverage(fileCLI.stderr) : fileCLI.stderr, steps)
        }
        // Every kind of fact the database computes is exercised.
        XCTAssertEqual(kinds, ["growthGaps", "cumulativeGaps", "baseBeforeData", "coverageDiffers", "incompleteStart", "incompleteEnd",
                               "windowsDiffer"])
    }

    /// The coverage facts of the two runs, in detail: both kinds (other provinces; other numbers of months) occur,
    /// with the members and months each side sums.
    func testTheDatabaseFindsSumsOfOtherSeriesAndMonths() throws {
        let dir = try setUpData()
        let engine = QueryEngine(catalog: try Catalog.load(dataDirectory: dir.path))
        let db = try engine.run("from trade\n" + Self.queries[4])
        var differences: [(dims: [String], rows: Int, first: CoverageDifference?)] = []
        for f in db.facts {
            if case .coverageDiffers(_, let rows, let dims, _, _, let d, _) = f.fact { differences.append((dims, rows, d.first)) }
        }
        // yoy, diff and lag each compare 2022 with 2021 (Huế on one side only) and 2023 (January–October) with 2022.
        XCTAssertEqual(differences.map(\.dims), [["province"], ["province"], ["province"]])
        XCTAssertEqual(differences.map(\.rows), [2, 2, 2])
        let first = try XCTUnwrap(differences.first?.first)
        XCTAssertEqual([first.period, first.basePeriod], ["2022", "2021"])
        XCTAssertEqual(first.onlyBase, ["Huế"])
        XCTAssertEqual(first.onlyCurrentCount, 0)
        XCTAssertEqual([first.currentCount, first.baseCount], [2, 3])
        // yoy(v, matched) of 2022, worked from the generated rows: 2022 sums Cà Mau and Hà Giang (Huế left out), so
        // 2021 is summed over those two only.
        var sums: [String: Double] = [:]
        for line in Self.csv.split(separator: "\n").dropFirst() {
            let f = line.split(separator: ",", omittingEmptySubsequences: false)
            guard f.count == 3, let v = Double(f[2]) else { continue }
            sums[f[0].prefix(4) + "/" + f[1].precomposedStringWithCanonicalMapping, default: 0] += v
        }
        let pair = { (y: String) in ["Cà Mau", "Hà Giang"].reduce(0.0) { $0 + (sums[y + "/" + $1] ?? 0) } }
        let matched = try engine.run("from trade\n" + Self.queries[6])
        let g = try XCTUnwrap(matched.table.column(named: "g")), years = try XCTUnwrap(matched.table.column(named: "year"))
        let row2022 = try XCTUnwrap((0..<matched.table.rowCount).first { years.value(at: $0) == .period(.year(2022)) })
        guard case .float(let g2022) = g.value(at: row2022) else { return XCTFail("no growth for 2022") }
        XCTAssertEqual(g2022, pair("2022") / pair("2021") - 1, accuracy: 1e-12)
        XCTAssertTrue(matched.facts.contains { if case .coverageDiffers(_, _, _, true, nil, _, _) = $0.fact { return true } else { return false } }, "\(matched.facts)")
        let quarters = try engine.run("from trade\n" + Self.queries[3]).facts.compactMap { f -> CoverageDifference? in
            if case .coverageDiffers(_, _, let dims, _, _, let d, _) = f.fact, dims.isEmpty { return d.first } else { return nil }
        }
        XCTAssertFalse(quarters.isEmpty)
        XCTAssertTrue(quarters.allSatisfy { $0.periodUnit == .month && $0.currentPeriods != $0.basePeriods && $0.series != nil }, "\(quarters)")
    }

    /// A table's rows as text, numbers to nine significant digits (the database sums in another order).
    static func rows(_ t: Table) -> [String] {
        (0..<t.rowCount).map { r in
            t.columns.map { c -> String in
                switch c.value(at: r) {
                case .float(let d): return String(format: "%.9g", d)
                case .int(let i): return String(format: "%.9g", Double(i))
                case let v: return v.description.precomposedStringWithCanonicalMapping
                }
            }.joined(separator: " | ")
        }
    }

    /// A result's cell notes by column and by the text of their row (its rows' order aside).
    static func marksByRow(_ r: QueryResult) -> [String: [String: String]] {
        let rows = Self.rows(r.table)
        return r.marks.mapValues { m in Dictionary(uniqueKeysWithValues: m.map { (rows[Int($0.key)], $0.value) }) }
    }

    static let coverageIDs: Set<String> = ["query.coverage-differs", "query.windows-differ", "query.coverage-unchecked"]

    static func isCoverage(_ f: QueryFact) -> Bool {
        switch f {
        case .coverageDiffers, .windowsDiffer, .coverageUnchecked: return true
        default: return false
        }
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
            // The same lines, coverage and its marked cells included.
            XCTAssertEqual(db, file, Self.queries[i])
            if Self.queries[i].contains("aggregate") { XCTAssertTrue(db.contains { $0.contains("ô tô nền cam") }, "\(db)") }
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
