import XCTest
import AlmanacCore
import AlmanacDiagnostics
import AlmanacIO
import AlmanacTestSupport
@testable import AlmanacEngine
import Almanac

/// The example and helpers for the coverage tests (no tests of its own).
/// Growth over sums says what it compares: a row whose sum holds other series than its base's is warned (with each
/// period and what differs), and `matched` compares only the series on both sides. The example: two gates,
/// every gate grows 10% a year, but 2023-02 has gate A only and 2023-03 gate B only.
class CoverageTestCase: XCTestCase {
    static let gates = """
        period,gate,value
        2023-01,A,100
        2023-01,B,20
        2023-02,A,110
        2023-03,B,30
        2024-01,A,110
        2024-01,B,22
        2024-02,A,121
        2024-02,B,30
        2024-03,A,330
        2024-03,B,33

        """

    var engine: QueryEngine { QueryEngine(catalog: Catalog(directory: ".", file: "catalog.toml", datasets: [:])) }

    func run(_ steps: String, data: String = CoverageTestCase.gates) throws -> QueryResult {
        let path = TestSupport.writeTemporary(data, name: "gates.csv")
        return try engine.run("from \"\(path)\"\n" + steps)
    }

    func floats(_ r: QueryResult, _ column: String) -> [Double?] {
        TestSupport.values(r.table, column).map { v -> Double? in
            switch v { case .float(let d): return d; case .int(let i): return Double(i); default: return nil }
        }
    }

    func assertClose(_ a: [Double?], _ b: [Double?], file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(a.count, b.count, file: file, line: line)
        for (x, y) in zip(a, b) {
            switch (x, y) {
            case (nil, nil): continue
            case let (x?, y?): XCTAssertEqual(x, y, accuracy: 1e-12, "\(a) vs \(b)", file: file, line: line)
            default: XCTFail("\(a) vs \(b)", file: file, line: line)
            }
        }
    }

    func coverageFacts(_ r: QueryResult) -> [(rows: Int, dims: [String], matched: Bool, diffs: [CoverageDifference])] {
        r.facts.compactMap { f in
            if case let .coverageDiffers(_, rows, dims, matched, _, diffs, _) = f.fact { return (rows, dims, matched, diffs) }
            return nil
        }
    }
}

final class CoverageTests: CoverageTestCase {
    /// 2024-02: 151 / 110 − 1 = 37.3% (2023-02 sums A only); 2024-03: 363 / 30 − 1 = 1110% (2023-03 sums B only).
    /// Both are computed, and both are named with what each side sums.
    func testGrowthOverSumsOfDifferentSeriesIsComputedAndWarned() throws {
        let r = try run("aggregate v = sum(value) by period\nderive g = yoy(v)")
        assertClose(floats(r, "g"), [nil, nil, nil, 132.0 / 120 - 1, 151.0 / 110 - 1, 363.0 / 30 - 1])
        let facts = coverageFacts(r)
        XCTAssertEqual(facts.count, 1)
        XCTAssertEqual(facts[0].rows, 2)
        XCTAssertEqual(facts[0].dims, ["gate"])
        XCTAssertEqual(facts[0].diffs.map(\.period), ["2024-02", "2024-03"])
        XCTAssertEqual(facts[0].diffs[1].current, ["A", "B"])
        XCTAssertEqual(facts[0].diffs[1].base, ["B"])
        let w = try XCTUnwrap(r.warnings.first { $0.id.rawValue == "query.coverage-differs" })
        XCTAssertTrue(w.message.contains("yoy(v): 2 rows sum other series than their base (series by gate)"), w.message)
        XCTAssertTrue(w.message.contains("yoy(v, matched)"), "the like-for-like reading is offered: \(w.message)")
        XCTAssertEqual(w.notes, ["2024-02 sums gate A, B; 2023-02 sums A only", "2024-03 sums gate A, B; 2023-03 sums B only"])
        let vi = try XCTUnwrap(r.facts.first { $0.fact.id.rawValue == "query.coverage-differs" }).fact.vietnamese
        XCTAssertTrue(vi.message.contains("không phải so sánh cùng cơ cấu"), vi.message)
        XCTAssertEqual(vi.notes.last, "2024-03 gồm gate A, B; 2023-03 chỉ gồm B.")
    }

    /// With `matched` every month grows 10%, as every gate does: 2024-02 compares A only (121 / 110), 2024-03 B only
    /// (33 / 30). diff over 2023-02 (A) and 2023-01 (A, B) is A's: 110 − 100 = 10; 2023-03 (B) and 2023-02 (A) share no
    /// gate: null.
    func testMatchedComparesTheSeriesOnBothSides() throws {
        let r = try run("aggregate v = sum(value) by period\nderive g = yoy(v, matched), p = pop(v, matched), d = diff(v, matched)")
        assertClose(floats(r, "g"), [nil, nil, nil, 0.1, 0.1, 0.1])
        assertClose(floats(r, "d"), [nil, 10, nil, nil, 19, 212])
        assertClose(floats(r, "p"), [nil, 0.1, nil, nil, 151.0 / 132 - 1, 363.0 / 151 - 1])
        let facts = coverageFacts(r)
        XCTAssertEqual(facts.map(\.matched), [true, true, true])
        let w = try XCTUnwrap(r.warnings.first { $0.id.rawValue == "query.coverage-differs" && $0.message.hasPrefix("yoy") })
        XCTAssertTrue(w.message.contains("compare only the series present on both sides"), w.message)
        XCTAssertEqual(w.notes, ["gate B left out of 2024-02 (not in 2023-02)", "gate A left out of 2024-03 (not in 2023-03)"])
        let pop = try XCTUnwrap(r.warnings.first { $0.id.rawValue == "query.coverage-differs" && $0.message.hasPrefix("pop") })
        XCTAssertTrue(pop.notes.contains("2023-03 and 2023-02 have no gate in common (B; A): null"), "\(pop.notes)")
    }

    /// Where every month holds the same gates, or the aggregate keeps the gate, nothing is said.
    func testLikeForLikeSumsSayNothing() throws {
        let complete = "period,gate,value\n2023-01,A,1\n2023-01,B,2\n2024-01,A,3\n2024-01,B,4\n"
        let r = try run("aggregate v = sum(value) by period\nderive g = yoy(v, matched), h = yoy(v)", data: complete)
        XCTAssertTrue(coverageFacts(r).isEmpty)
        assertClose(floats(r, "g"), [nil, 7.0 / 3 - 1])
        assertClose(floats(r, "h"), floats(r, "g"))
        let kept = try run("aggregate v = sum(value) by period, gate\nderive g = yoy(v)")
        XCTAssertTrue(coverageFacts(kept).isEmpty, "each row is one gate's: nothing summed away")
    }

    /// Coverage follows the rows through a filter and a sort between the aggregate and the growth.
    func testCoverageFollowsFiltersAndSorts() throws {
        let r = try run("aggregate v = sum(value) by period\nwhere period != 2024-01\nsort period desc\nderive g = yoy(v, matched)")
        XCTAssertEqual(TestSupport.values(r.table, "period").map(\.description), ["2024-03", "2024-02", "2023-03", "2023-02", "2023-01"])
        assertClose(floats(r, "g"), [0.1, 0.1, nil, nil, nil])
    }

    /// A sum over months compares the months it holds: 2024 has two months of export, 2023 one, said as months
    /// (no series differ, so `matched` is not offered).
    func testSumsOfOtherNumbersOfMonthsAreSaid() throws {
        let data = "period,flow,value\n2023-01,export,10\n2024-01,export,11\n2024-02,export,12\n"
        let r = try run("aggregate v = sum(value) by year = year(period), flow\nderive g = yoy(v)", data: data)
        let facts = coverageFacts(r)
        XCTAssertEqual(facts.count, 1)
        XCTAssertEqual(facts[0].dims, [])
        XCTAssertEqual(facts[0].diffs.first?.currentPeriods, 2)
        XCTAssertEqual(facts[0].diffs.first?.basePeriods, 1)
        let w = try XCTUnwrap(r.warnings.first { $0.id.rawValue == "query.coverage-differs" })
        XCTAssertTrue(w.message.contains("sums another number of months than its base"), w.message)
        XCTAssertFalse(w.message.contains("matched"), w.message)
    }

    /// lag and index over sums are checked too (a warning; they have no like-for-like reading).
    func testLagAndIndexOverSumsAreChecked() throws {
        let r = try run("aggregate v = sum(value) by period\nderive l = lag(v, 12), i = index(v, 2023-01)")
        let texts = r.warnings.filter { $0.id.rawValue == "query.coverage-differs" }.map(\.message)
        XCTAssertTrue(texts.contains { $0.hasPrefix("lag(v, 12): 2 rows") }, "\(texts)")
        // index against 2023-01 (A, B): 2023-02 (A) and 2023-03 (B) differ.
        XCTAssertTrue(texts.contains { $0.hasPrefix("index(v, 2023-01): 2 rows") }, "\(texts)")
    }

    /// `matched` needs the parts of a sum: over an average it is an error naming the measure; its second argument
    /// can only be the word.
    func testMatchedNeedsASumAndTheWord() throws {
        XCTAssertThrowsError(try run("aggregate v = avg(value) by period\nderive g = yoy(v, matched)")) { e in
            let d = (e as? DiagnosticError)?.diagnostics.first
            XCTAssertEqual(d?.id, RuntimeFailure.matchedMeasure.id)
            XCTAssertTrue(d?.message.contains("'v' is not one") ?? false, d?.message ?? "\(e)")
        }
        XCTAssertThrowsError(try run("aggregate v = sum(value) by period\nderive g = yoy(v, 1)")) { e in
            let d = (e as? DiagnosticError)?.diagnostics.first
            XCTAssertEqual(d?.id, TypeMismatch.functionArgument.id)
            XCTAssertEqual(d?.message(as: TypeMismatchMessage.self), .matchedArgument(function: .yoy))
        }
        // A scaled sum is still a sum: matched works on it.
        let r = try run("aggregate v = sum(value) / 1e3 by period\nderive g = yoy(v, matched)")
        assertClose(floats(r, "g"), [nil, nil, nil, 0.1, 0.1, 0.1])
    }
}
