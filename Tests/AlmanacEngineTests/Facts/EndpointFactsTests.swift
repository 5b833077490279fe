import XCTest
import AlmanacCore
import AlmanacDiagnostics
import AlmanacSyntax
@testable import AlmanacEngine

/// Issue 11 items 6, 8 and 9: `cagr` says which periods it compares and why it is null, `progress`/`required_growth`
/// say which rows lack a target, a `where` that no row matches says so (with the value it probably meant), and a growth
/// that has no base at all because the data start after it says so. Each test keys on the typed fact, not its text.
///
/// Fixtures.monthly, by province and month (value):
///   Cao Bằng  2023-01 50 · 2023-02 0 · 2024-01 60 · 2024-02 30
///   Hà Giang  2023-01 100 · 2023-02 110 · 2023-03 120 · 2024-01 150 · 2024-03 180 · 2024-04 200
final class EndpointFactsTests: XCTestCase {
    func run(_ text: String, _ tables: [String: Table] = Fixtures.all) throws -> QueryResult {
        try QueryEngine(provider: InMemoryProvider(tables)).run(SourceFile(name: "q.aq", text: text))
    }

    func facts(_ r: QueryResult) -> [QueryFact] { r.facts.map(\.fact) }

    func number(_ r: QueryResult, _ column: String, where key: String, is value: String) -> Double? {
        guard let k = r.table.column(named: key), let c = r.table.column(named: column) else { return nil }
        for i in 0..<r.table.rowCount where k.value(at: i).description == value {
            if case .float(let d) = c.value(at: i) { return d }
            return nil
        }
        return nil
    }

    // MARK: cagr (item 6)

    /// Up to 2024-03 the table runs 2023-01 … 2024-03. Hà Giang runs the same: 100 → 180 over 14 months,
    /// (1.8)^(12/14) − 1. Cao Bằng ends in 2024-02: 50 → 30 over 13 months, (0.6)^(12/13) − 1 ≈ −0.375954 — other
    /// periods than the table's, said with Cao Bằng's own.
    func testCagrSaysWhichPeriodsItRunsBetweenWhenNotTheTables() throws {
        let r = try run("from monthly | where period <= 2024-03 | aggregate g = cagr(value) by province")
        XCTAssertEqual(facts(r), [.cagrSpan(call: "cagr(value)", groups: 1, of: 2, table: "2023-01 … 2024-03",
                                            examples: ["Cao Bằng: 2023-01 … 2024-02"])])
        XCTAssertEqual(try XCTUnwrap(number(r, "g", where: "province", is: "Cao Bằng")), Foundation.pow(0.6, 12.0 / 13) - 1, accuracy: 1e-12)
        XCTAssertEqual(try XCTUnwrap(number(r, "g", where: "province", is: "Hà Giang")), Foundation.pow(1.8, 12.0 / 14) - 1, accuracy: 1e-12)
        XCTAssertEqual(r.warnings.first?.vietnamese, r.facts.first?.fact.vietnamese, "the warning carries the Vietnamese rendering")
    }

    /// From 2023-02 on, Cao Bằng starts at 0: no rate grows from zero, so its cagr is null and the fact says so (its
    /// periods are not also listed as a span). Hà Giang 110 (2023-02) → 200 (2024-04), the table's own ends:
    /// (200/110)^(12/14) − 1 ≈ 0.669346, no fact.
    func testCagrFromAZeroStartIsNullAndSaysWhy() throws {
        let r = try run("from monthly | where period >= 2023-02 | aggregate g = cagr(value) by province")
        XCTAssertEqual(facts(r), [.cagrUndefined(call: "cagr(value)", groups: 1, of: 2, reason: .startNotPositive, examples: ["Cao Bằng: 2023-02 = 0"])])
        XCTAssertNil(number(r, "g", where: "province", is: "Cao Bằng"))
        XCTAssertEqual(try XCTUnwrap(number(r, "g", where: "province", is: "Hà Giang")), 0.669345636037646, accuracy: 1e-12)
    }

    /// Cao Bằng's only row left is 2023-01: one period, no growth. Hà Giang 2023-01 100 → 2024-04 200, 15 months:
    /// 2^(12/15) − 1 ≈ 0.741101.
    func testCagrOverASinglePeriodIsNullAndSaysWhy() throws {
        let r = try run("from monthly | where period = 2023-01 or province = \"Hà Giang\" | aggregate g = cagr(value) by province")
        XCTAssertEqual(facts(r), [.cagrUndefined(call: "cagr(value)", groups: 1, of: 2, reason: .singlePeriod, examples: ["Cao Bằng: 2023-01"])])
        XCTAssertEqual(try XCTUnwrap(number(r, "g", where: "province", is: "Hà Giang")), Foundation.pow(2, 0.8) - 1, accuracy: 1e-12)
    }

    /// Without `by`, one group over one period: the example is the period alone.
    func testCagrOfAWholeTableOfOnePeriod() throws {
        let r = try run("from monthly | where period = 2023-01 | aggregate g = cagr(value)")
        XCTAssertEqual(facts(r), [.cagrUndefined(call: "cagr(value)", groups: 1, of: 1, reason: .singlePeriod, examples: ["2023-01"])])
        XCTAssertTrue(r.warnings[0].message.contains("the only period with a value is 2023-01"), r.warnings[0].message)
    }

    /// a has rows but no value (2020, 2021 empty); b 10 (2020) → 40 (2022): √4 − 1 = 1. Without `by`, a table whose only
    /// rows are empty says so without a group's name.
    func testCagrOfAGroupWithNoValueIsNullAndSaysWhy() throws {
        let t = T.table(.texts("k", ["a", "a", "b", "b"]), T.years([2020, 2021, 2020, 2022]), .floats("value", [nil, nil, 10, 40]))
        let r = try run("from t | aggregate g = cagr(value) by k", ["t": t])
        XCTAssertEqual(facts(r), [.cagrUndefined(call: "cagr(value)", groups: 1, of: 2, reason: .noValues, examples: ["a"])])
        XCTAssertEqual(try XCTUnwrap(number(r, "g", where: "k", is: "b")), 1, accuracy: 1e-12)
        let whole = try run("from t | where k = \"a\" | aggregate g = cagr(value)", ["t": t])
        XCTAssertEqual(facts(whole), [.cagrUndefined(call: "cagr(value)", groups: 1, of: 1, reason: .noValues, examples: [])])
        XCTAssertEqual(whole.warnings.first?.message, "cagr(value): no row has a value, so the result is null")
        // Over no rows at all, nothing to say of cagr (the filter that emptied the table says so).
        XCTAssertFalse(facts(try run("from t | where k = \"z\" | aggregate g = cagr(value)", ["t": t])).contains {
            if case .cagrUndefined = $0 { return true } else { return false }
        })
    }

    /// a: 10 (2020) → −5 (2022): an end below zero has no rate, null. b: 10 → 40 over two years: √4 − 1 = 1.
    func testCagrToANegativeEndIsNullAndSaysWhy() throws {
        let t = T.table(.texts("k", ["a", "a", "b", "b"]), T.years([2020, 2022, 2020, 2022]), .floats("value", [10, -5, 10, 40]))
        let r = try run("from t | aggregate g = cagr(value) by k", ["t": t])
        XCTAssertEqual(facts(r), [.cagrUndefined(call: "cagr(value)", groups: 1, of: 2, reason: .endNegative, examples: ["a: 2022 = -5"])])
        XCTAssertNil(number(r, "g", where: "k", is: "a"))
        XCTAssertEqual(try XCTUnwrap(number(r, "g", where: "k", is: "b")), 1, accuracy: 1e-12)
    }

    /// Hà Giang alone: its first and last periods are the table's (2023-01, 2024-04), its start positive: nothing to say.
    func testCagrOverTheTablesOwnEndsSaysNothing() throws {
        let r = try run("from monthly | where province = \"Hà Giang\" | aggregate g = cagr(value) by province")
        XCTAssertEqual(facts(r), [])
    }

    // MARK: progress, required_growth (item 6)

    /// 2024 totals (Fixtures.trade): Cao Bằng import 4 M and Lào Cai export 0.5 M find no row in flow_targets, so
    /// their progress is null: 2 rows, none of them with a zero target.
    func testProgressWithoutATargetSaysWhichRows() throws {
        let r = try run("from trade | where period >= 2024-01 | aggregate v = sum(value_usd) by province, flow | join flow_targets on province, flow | derive reached = progress(v, target)")
        XCTAssertEqual(facts(r).filter { if case .targetMissing = $0 { return true } else { return false } },
                       [.targetMissing(call: "progress(v, target)", rows: 2, zeroTargets: 0, periods: [])])
    }

    /// a 2024: 50 of 100 → 0.5; a 2025: target 0 → null (counted as a zero target); b 2024: no target → null.
    /// required_growth(value, target, 2030) divides by nothing but a missing target: b alone.
    func testATargetOfZeroIsToldApartFromAMissingOne() throws {
        let t = T.table(.texts("k", ["a", "a", "b"]), T.years([2024, 2025, 2024]), .floats("value", [50, 60, 70]),
                        .floats("target", [100, 0, nil]))
        let r = try run("from t | derive p = progress(value, target), rg = required_growth(value, target, 2030)", ["t": t])
        XCTAssertEqual(facts(r), [.targetMissing(call: "progress(value, target)", rows: 2, zeroTargets: 1, periods: ["2024", "2025"]),
                                  .targetMissing(call: "required_growth(value, target, 2030)", rows: 1, zeroTargets: 0, periods: ["2024"])])
    }

    // MARK: A filter that matches nothing (item 8)

    func testAFilterOnAValueNoRowHasSuggestsTheAccentedOne() throws {
        for typed in ["Ha Giang", "HA GIANG", "ha giang"] {
            let r = try run("from monthly | where province = \"\(typed)\"")
            XCTAssertEqual(r.table.rowCount, 0)
            XCTAssertEqual(facts(r), [.filterNoMatch(column: "province", value: typed, suggestions: ["Hà Giang"])], typed)
        }
        // A typo beyond accents still finds the closest value (one edit from "ha giang").
        XCTAssertEqual(facts(try run("from monthly | where province = \"Ha Giangg\"")),
                       [.filterNoMatch(column: "province", value: "Ha Giangg", suggestions: ["Hà Giang"])])
        // Nothing close: said, without a guess.
        XCTAssertEqual(facts(try run("from monthly | where province = \"Lào Cai\"")),
                       [.filterNoMatch(column: "province", value: "Lào Cai", suggestions: [])])
    }

    /// The value in NFD (a + combining grave) is the value: no fact, Hà Giang's 6 rows.
    func testAFilterInAnotherNormalFormMatches() throws {
        let r = try run("from monthly | where province = \"Ha\u{0300} Giang\"")
        XCTAssertEqual(r.table.rowCount, 6)
        XCTAssertEqual(facts(r), [])
    }

    /// In a list, each literal is checked: "cao bang" keeps nothing by itself, Hà Giang's 6 rows stay.
    func testAFilterListSaysWhichValueMatchesNothing() throws {
        let r = try run("from monthly | where province in (\"Hà Giang\", \"cao bang\")")
        XCTAssertEqual(r.table.rowCount, 6)
        XCTAssertEqual(facts(r), [.filterNoMatch(column: "province", value: "cao bang", suggestions: ["Cao Bằng"])])
    }

    /// A value the rows had before an earlier filter is not there any more: `where province = "Cao Bằng"` after
    /// keeping Hà Giang keeps nothing, and says so, although the text dictionary still holds it.
    func testAValueFilteredAwayEarlierCountsAsAbsent() throws {
        let r = try run("from monthly | where province = \"Hà Giang\" | where province = \"Cao Bằng\"")
        XCTAssertEqual(facts(r), [.filterNoMatch(column: "province", value: "Cao Bằng", suggestions: [])])
    }

    /// After a filter that kept nothing, the next one has no rows to match: only the first is said.
    func testOnlyTheFilterThatEmptiedTheTableIsSaid() throws {
        let r = try run("from monthly | where province = \"Ha Noi\" | where province = \"Cao Bằng\"")
        XCTAssertEqual(facts(r), [.filterNoMatch(column: "province", value: "Ha Noi", suggestions: [])])
    }

    /// `fold` compares typed names: "HA GIANG" folds to "ha giang", as Hà Giang does (6 rows); "cao bang" to Cao
    /// Bằng's 4 rows.
    func testFoldMatchesNamesTypedWithoutAccents() throws {
        XCTAssertEqual(try run("from monthly | where fold(province) = fold(\"HA GIANG\")").table.rowCount, 6)
        XCTAssertEqual(try run("from monthly | where fold(province) = \"cao bang\"").table.rowCount, 4)
        let r = try run("from monthly | derive f = fold(province) | aggregate n = count() by f")
        XCTAssertEqual(Set((0..<r.table.rowCount).map { r.table.columns[0].value(at: $0).description }), ["cao bang", "ha giang"])
    }

    // MARK: No base year (item 9)

    /// Fixtures.monthly from 2024-01 on, as a source of its own: Cao Bằng 2024-01 60, 2024-02 30; Hà Giang 2024-01
    /// 150, 2024-03 180, 2024-04 200. Every row's base (2023-01 … 2023-04) lies before the data: no row of yoy or lag
    /// has one — 5 rows, bases 2023-01, 2023-02, 2023-03, 2023-04, all before the source's first day (2024-01-01).
    static let late = T.table(.texts("province", ["Cao Bằng", "Cao Bằng", "Hà Giang", "Hà Giang", "Hà Giang"]),
                              T.months(["2024-01", "2024-02", "2024-01", "2024-03", "2024-04"]), .floats("value", [60, 30, 150, 180, 200]))

    func testAGrowthWithNoBaseAtAllSaysNoBaseYearExists() throws {
        let r = try run("from late | derive g = yoy(value), before = lag(value, 12)", ["late": Self.late])
        let bases = ["2023-01", "2023-02", "2023-03", "2023-04"].map(T.month)
        XCTAssertEqual(facts(r), [.baseBeforeData(call: "yoy(value)", rows: 5, base: .yearEarlier, missing: bases),
                                  .baseBeforeData(call: "lag(value, 12)", rows: 5, base: .yearEarlier, missing: bases)],
                       "no base is before the data, not a gap in it")
        XCTAssertTrue(r.warnings[0].message.contains("no data for 4 periods from 2023-01 to 2023-04"), r.warnings[0].message)
    }

    /// A base the data have but the query's own filter left out (the report for a month after the data:
    /// `where period = 2025-01 or period = 2024-01`) is not "no base year": Fixtures.monthly starts in 2023-01.
    func testABaseFilteredAwayIsNotABaseBeforeTheData() throws {
        let r = try run("from monthly | where period >= 2024-01 | derive g = yoy(value)")
        XCTAssertFalse(facts(r).contains { if case .baseBeforeData = $0 { return true } else { return false } }, "\(facts(r))")
    }

    /// Over the whole table the first year has no base either, but 2024-01 and 2024-03 (Hà Giang) have one: the
    /// start of a history is expected and stays unsaid (the only fact is the gap at Hà Giang 2024-04 and Cao Bằng's zero).
    func testTheStartOfALongerHistoryIsNotABaseYearWarning() throws {
        let r = try run("from monthly | derive g = yoy(value)")
        XCTAssertFalse(facts(r).contains { if case .baseBeforeData = $0 { return true } else { return false } }, "\(facts(r))")
    }

    // MARK: What a load noted (item 9: the Notes list it)

    /// A provider whose source comes with a load warning and error cells, as a workbook's would: the scan and the
    /// join pass them on as facts, error cells by column in name order.
    final class NotingProvider: TableProvider, @unchecked Sendable {
        let base = InMemoryProvider(Fixtures.all)
        var datasetNames: [String] { base.datasetNames }
        func resolve(_ name: String, quoted: Bool) -> SourceResolution { base.resolve(name, quoted: quoted) }
        func schema(of source: SourceHandle) throws -> Schema { try base.schema(of: source) }
        func load(_ source: SourceHandle, columns: Set<String>?) throws -> SourceTable {
            var t = try base.load(source, columns: columns)
            if ["monthly", "flow_targets"].contains(source.displayName) {
                t.loadWarnings = ["book.xlsx, sheet 'A': cell C2 has a formula but no saved value (read as empty): open and save it in Excel"]
                t.errorCells = ["value": 2, "province": 1, "unused": 0]
            }
            return t
        }
    }

    func testWhatALoadNotedBecomesFactsOfTheQuery() throws {
        let r = try QueryEngine(provider: NotingProvider()).run(SourceFile(name: "q.aq", text: "from monthly | take 1"))
        XCTAssertEqual(facts(r), [
            .loadWarnings(source: "monthly", messages: ["book.xlsx, sheet 'A': cell C2 has a formula but no saved value (read as empty): open and save it in Excel"]),
            .errorCells(source: "monthly", columns: ["province", "value"], counts: [1, 2]),
        ])
        let joined = try QueryEngine(provider: NotingProvider()).run(SourceFile(name: "q.aq", text: "from trade | join flow_targets on province, flow"))
        XCTAssertTrue(facts(joined).contains(.errorCells(source: "flow_targets", columns: ["province", "value"], counts: [1, 2])), "the lookup's load too: \(facts(joined))")
    }

    // MARK: Renderings

    static let samples: [QueryFact] = [
        .cagrSpan(call: "cagr(value)", groups: 2, of: 5, table: "2015 … 2024", examples: ["Hà Giang: 2017 … 2022"]),
        .cagrSpan(call: "cagr(value)", groups: 1, of: 1, table: "2015 … 2024", examples: ["2017 … 2022"]),
        .cagrUndefined(call: "cagr(value)", groups: 3, of: 5, reason: .startNotPositive, examples: ["Cao Bằng: 2015 = 0"]),
        .cagrUndefined(call: "cagr(value)", groups: 1, of: 1, reason: .endNegative, examples: ["2024 = -5"]),
        .cagrUndefined(call: "cagr(value)", groups: 2, of: 4, reason: .singlePeriod, examples: ["a: 2020"]),
        .cagrUndefined(call: "cagr(value)", groups: 1, of: 3, reason: .noValues, examples: ["a"]),
        .cagrUndefined(call: "cagr(value)", groups: 1, of: 1, reason: .noValues, examples: []),
        .targetMissing(call: "progress(v, target)", rows: 3, zeroTargets: 1, periods: ["2024"]),
        .filterNoMatch(column: "province", value: "Ha Giang", suggestions: ["Hà Giang"]),
        .baseBeforeData(call: "yoy()", rows: 4, base: .yearEarlier, missing: [T.month("2014-06")]),
        .loadWarnings(source: "book.xlsx", messages: ["book.xlsx, sheet 'A': cell C2 has a formula but no saved value (read as empty): open and save it in Excel"]),
        .errorCells(source: "book.xlsx", columns: ["value"], counts: [3]),
    ]

    func testEveryNewFactHasBothRenderings() {
        for f in Self.samples {
            XCTAssertFalse(f.english.isEmpty, "\(f)")
            let vi = f.vietnamese
            XCTAssertFalse(vi.message.isEmpty, "\(f)")
            XCTAssertNotEqual(vi.message, f.english)
            XCTAssertFalse(vi.message.contains(" rows") || vi.message.contains(" groups") || vi.message.contains(" the "), "no English left: \(vi.message)")
            XCTAssertGreaterThanOrEqual(vi.notes.count, f.englishNotes.count, "\(f.id): every note in Vietnamese too")
            XCTAssertNotEqual(f.id.rawValue, "query.fact", "\(f) has its own id")
        }
        // The values are in both renderings.
        let base = QueryFact.baseBeforeData(call: "lag(value, 12)", rows: 4, base: .yearEarlier, missing: [T.month("2014-06")])
        XCTAssertTrue(base.english.contains("2014-06") && base.english.contains("4 rows"), base.english)
        XCTAssertTrue(base.vietnamese.message.contains("2014-06") && base.vietnamese.message.contains("cùng kỳ năm trước"), base.vietnamese.message)
        let filter = QueryFact.filterNoMatch(column: "province", value: "Ha Giang", suggestions: ["Hà Giang"])
        XCTAssertTrue(filter.vietnamese.message.contains("\"Hà Giang\""), filter.vietnamese.message)
    }
}
