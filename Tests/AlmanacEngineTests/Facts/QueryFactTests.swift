import XCTest
import AlmanacCore
import AlmanacDiagnostics
import AlmanacSyntax
@testable import AlmanacEngine

/// Facts are typed values: the English sentence for the terminal and the Vietnamese one for the Notes sheet are two
/// renderings of the same values, and every fact has both.
final class QueryFactTests: XCTestCase {
    static let samples: [QueryFact] = [
        .textNamesColumn(name: "tỉnh"),
        .rejectedRows(source: "trade", count: 7, lines: [3, 9], reasons: ["a number was expected", "too many fields"]),
        .joinUnmatched(rows: 1234, dataset: "targets", keys: ["province"]),
        .pivotNulls(rows: 2, column: "flow"),
        .compareEmpty(ranges: [RangeCoverage(series: 1, range: "2015..2019")], examples: ["(Hà Giang)"]),
        .comparePartial(ranges: [RangeCoverage(series: 3, range: "2020..2022", periods: 3)], example: "(Cao Bằng)", present: 2, of: 3),
        .incompleteStart(period: "2018", have: 1, of: 12, unit: .month, whole: .year, from: "2018-12"),
        .incompleteEnd(period: "2024", have: 10, of: 12, unit: .month, extentStart: nil, through: "2024-10"),
        .growthGaps(call: "yoy()", rows: 3, base: .yearEarlier, zeroCounts: true, periods: ["2024-02"]),
        .overflow(call: "pop()", rows: 1),
        .cumulativeGaps(call: "ytd()", rows: 4, of: 40),
        .indexBaseMissing(call: "index(value, 2015)", series: 2, base: "2015", examples: ["(Hà Giang)"]),
        .totalMismatch(source: "trade", count: 1, checked: 2, examples: [QueryFactTests.mismatch]),
        .unpivotNulls(cells: 3, column: "arrivals"),
        .unpivotRejected(source: "wide.csv", cells: 1, examples: ["line 3: 'Mar 2024' holds 'n/a'"]),
        .unpivotNamesText(column: "year", reason: .notAPeriod(name: "Tổng", periods: ["2019", "2020"])),
        .cagrSpan(call: "cagr(v)", groups: 1, of: 2, table: "2015..2024", examples: ["(Lào Cai) 2018..2024"]),
        .cagrUndefined(call: "cagr(v)", groups: 1, of: 2, reason: .startNotPositive, examples: ["(Cao Bằng)"]),
        .targetMissing(call: "progress(v, target)", rows: 2, zeroTargets: 0, periods: ["2024"]),
        .filterNoMatch(column: "province", value: "Ha Giang", suggestions: ["Hà Giang"]),
        .baseBeforeData(call: "yoy(v)", rows: 4, base: .yearEarlier, missing: [.month(2014, 6)]),
        .loadWarnings(source: "book.xlsx", messages: ["cell D7 has a formula but no saved value"]),
        .errorCells(source: "book.xlsx", columns: ["value"], counts: [2]),
    ]

    /// The 2024-02 total row of line 7 says 150; its two provinces sum to 140.
    static let mismatch = TotalMismatch(place: .line(7), label: "2024-02, Tổng cộng", measure: "value", total: 150, sum: 140, parts: 2, decimals: 0)

    func testEveryFactHasAVietnameseRenderingOfItsOwnValues() {
        // 23 kinds, 22 ids: the start and the end of an incomplete period share one.
        XCTAssertEqual(Set(Self.samples.map(\.id)).count, 22, "one sample per kind of fact")
        for f in Self.samples {
            let vi = f.vietnamese
            XCTAssertFalse(vi.message.isEmpty)
            XCTAssertNotEqual(vi.message, f.english, "\(f.id) is translated")
            XCTAssertFalse(vi.message.contains(" rows") || vi.message.contains(" series ") || vi.message.contains(" the "), "no English left: \(vi.message)")
            XCTAssertGreaterThanOrEqual(vi.notes.count, f.englishNotes.count, "\(f.id): every note in Vietnamese too")
        }
    }

    func testTheRenderingsCarryTheValues() {
        let f = QueryFact.growthGaps(call: "yoy()", rows: 12345, base: .yearEarlier, zeroCounts: true, periods: ["2024-02", "2024-05"])
        XCTAssertEqual(f.english, "yoy(): 12,345 rows have no value for the same period a year earlier (or it is zero); their result is null")
        XCTAssertEqual(f.vietnamese.message, "yoy(): 12.345 dòng không có số liệu của cùng kỳ năm trước (hoặc số liệu bằng 0); kết quả của các dòng này để trống")
        XCTAssertEqual(f.vietnamese.notes, ["Ví dụ ở kỳ 2024-02, 2024-05."])
        XCTAssertEqual(GrowthBase.lag(12, .month), .yearEarlier)
        XCTAssertEqual(GrowthBase.lag(-1, .month), .periodsLater(1, .month))
        XCTAssertEqual(QueryFact.growthGaps(call: "lag(v, 3)", rows: 1, base: .lag(3, .month), zeroCounts: false, periods: ["2024-04"]).vietnamese.message,
                       "lag(v, 3): 1 dòng không có số liệu của kỳ 3 tháng trước đó; kết quả của các dòng này để trống")
    }

    func testATotalThatDiffersFromItsPartsIsLocatedInBothLanguages() {
        let f = QueryFact.totalMismatch(source: "trade", count: 1, checked: 2, examples: [Self.mismatch])
        XCTAssertEqual(f.id, "query.total-mismatch")
        XCTAssertEqual(f.englishNotes, ["line 7 (2024-02, Tổng cộng): value = 150, but its 2 rows sum to 140 (off by +10)"])
        XCTAssertEqual(f.vietnamese.notes, ["dòng 7 (2024-02, Tổng cộng): value ghi 150 nhưng 2 dòng thành phần cộng lại bằng 140 (lệch +10)"])
        let decimals = TotalMismatch(place: .inFile("t.xlsx", .cell("C6")), label: "2024-01, Tổng số", measure: "value", total: 1531.5, sum: 1530.3, parts: 2, decimals: 1)
        XCTAssertEqual(QueryFact.totalMismatch(source: "t", count: 1, checked: 1, examples: [decimals]).vietnamese.notes,
                       ["t.xlsx ô C6 (2024-01, Tổng số): value ghi 1.531,5 nhưng 2 dòng thành phần cộng lại bằng 1.530,3 (lệch +1,2)"])
    }

    /// A run's facts are typed: a test keys on the case and its values, not on the text.
    func testARunReturnsTypedFactsAndTheirWarnings() throws {
        let engine = QueryEngine(provider: InMemoryProvider(Fixtures.all))
        let r = try engine.run(SourceFile(name: "q.aq", text: "from monthly | derive g = yoy(value)"))
        guard case .growthGaps(let call, let rows, let base, _, let periods)? = r.facts.first?.fact else { return XCTFail("a growth-gaps fact: \(r.facts)") }
        XCTAssertEqual(call, "yoy()")
        XCTAssertEqual(base, .yearEarlier)
        // Hà Giang 2024-04 (2023-04 missing) and Cao Bằng 2024-02 (its 2023-02 is zero): two rows.
        XCTAssertEqual(rows, 2)
        XCTAssertEqual(periods, ["2024-02", "2024-04"])
        XCTAssertEqual(r.warnings.first { $0.id == "query.growth-gaps" }?.vietnamese, r.facts.first?.fact.vietnamese)
    }
}
