import XCTest
import AlmanacCore
import AlmanacDiagnostics
import AlmanacIO
import AlmanacTestSupport
@testable import AlmanacEngine
import Almanac

/// Year-to-date growth compares windows holding the same months; `compare` ranges the same series; the cells a
/// warning concerns are marked for the workbook.
final class WindowAndCompareCoverageTests: CoverageTestCase {
    /// 2023 has January and March only. ytd of 2024-03 sums Jan–Mar (330), its base Jan + Mar (220): not alike, so
    /// null, and named. With matched: Jan + Mar on both sides, (110 + 130) / (100 + 120) − 1 = 1/11. 2024-01 compares
    /// January with January: 10% either way. 2024-02 has no 2023-02 row: null either way (a missing base).
    func testYearToDateGrowthComparesTheSameMonths() throws {
        let data = "period,value\n2023-01,100\n2023-03,120\n2024-01,110\n2024-02,90\n2024-03,130\n"
        let r = try run("derive g = yoy(ytd(value)), m = yoy(ytd(value), matched)", data: data)
        assertClose(floats(r, "g"), [nil, nil, 0.1, nil, nil])
        assertClose(floats(r, "m"), [nil, nil, 0.1, nil, 240.0 / 220 - 1])
        let windows = r.facts.compactMap { f -> (Int, Bool, [WindowDifference])? in
            if case let .windowsDiffer(_, rows, matched, _, diffs, _) = f.fact { return (rows, matched, diffs) }
            return nil
        }
        XCTAssertEqual(windows.map(\.0), [1, 1])
        XCTAssertEqual(windows.map(\.1), [false, true])
        XCTAssertEqual(windows[0].2.first?.current, ["2024-01", "2024-02", "2024-03"])
        XCTAssertEqual(windows[0].2.first?.base, ["2023-01", "2023-03"])
        let w = try XCTUnwrap(r.warnings.first { $0.id.rawValue == "query.windows-differ" })
        XCTAssertTrue(w.message.contains("yoy(ytd(value)): 1 row's window holds other periods than its base's; its result is null"), w.message)
        XCTAssertTrue(w.message.contains("yoy(ytd(value), matched)"), w.message)
        XCTAssertEqual(r.marks["g"]?.keys.sorted(), [4])
    }

    /// Over sums of gates, each month of the two windows is checked: ytd 2024-02 (A, B in both months) against
    /// 2023-02 (Jan A, B; Feb A only) differs, and matched sums each month over the gates in both:
    /// 2024-02: (132 + 121) / (120 + 110) − 1 = 0.1; 2024-03: (132 + 121 + 33) / (120 + 110 + 30) − 1 = 0.1.
    func testYearToDateGrowthOverSumsChecksEachMonth() throws {
        let r = try run("aggregate v = sum(value) by period\nderive g = yoy(ytd(v)), m = yoy(ytd(v), matched)")
        assertClose(floats(r, "g"), [nil, nil, nil, 0.1, 283.0 / 230 - 1, 646.0 / 260 - 1])
        assertClose(floats(r, "m"), [nil, nil, nil, 0.1, 0.1, 0.1])
        let facts = coverageFacts(r)
        XCTAssertEqual(facts.map(\.rows), [2, 2])
        // The months that differ, each once, in order.
        XCTAssertEqual(facts[0].diffs.map(\.period), ["2024-02", "2024-03"])
    }

    /// Ranges of one length are aligned month by month: Jan–Mar 2024 against Jan–Mar 2023 differs in February (B
    /// only in 2024) and March (A only in 2024). Matched: base 120 + 110 + 30 = 260, current 132 + 121 + 33 = 286,
    /// growth 0.1. Unmatched: 646 / 260 − 1, warned, and its change and growth cells marked.
    func testCompareRangesSumTheSameSeries() throws {
        let plain = try run("aggregate v = sum(value) by period\ncompare 2023-01..2023-03 vs 2024-01..2024-03")
        assertClose(floats(plain, "v_growth"), [646.0 / 260 - 1])
        let fact = try XCTUnwrap(coverageFacts(plain).first)
        XCTAssertEqual(fact.diffs.first?.onlyCurrent, ["B (2024-02)", "A (2024-03)"])
        XCTAssertEqual(plain.marks["v_growth"]?.keys.sorted(), [0])
        XCTAssertEqual(plain.marks["v_change"]?.keys.sorted(), [0])
        XCTAssertTrue(plain.warnings.contains { $0.message.contains("compare 2023-01..2023-03 vs 2024-01..2024-03 matched compares only") })

        let matched = try run("aggregate v = sum(value) by period\ncompare 2023-01..2023-03 vs 2024-01..2024-03 matched")
        assertClose(floats(matched, "v_base"), [260])
        assertClose(floats(matched, "v_current"), [286])
        assertClose(floats(matched, "v_change"), [26])
        assertClose(floats(matched, "v_growth"), [0.1])
        XCTAssertEqual(coverageFacts(matched).first?.matched, true)
    }

    /// The marked cells follow the rows: after a sort, 2024-03 is the first row; each note says what differs, in
    /// Vietnamese. A column replaced by a plain value loses its marks.
    func testMarksFollowTheRowsAndSayWhatDiffers() throws {
        let r = try run("aggregate v = sum(value) by period\nderive g = yoy(v), h = yoy(v)\nsort period desc\nderive h = v * 2")
        XCTAssertEqual(r.marks["g"]?.keys.sorted(), [0, 1])
        XCTAssertEqual(r.marks["g"]?[0], "Không cùng cơ cấu với kỳ gốc: 2024-03 gồm gate A, B; 2023-03 chỉ gồm B.")
        XCTAssertNil(r.marks["h"])
        let dropped = try run("aggregate v = sum(value) by period\nderive g = yoy(v)\nselect period, v")
        XCTAssertTrue(dropped.marks.isEmpty)
    }

    /// A year-to-date column a derive made keeps what it totals: a later `yoy(y)` compares windows as `yoy(ytd(x))`
    /// does, and `lag(y, 12)` keeps last year's total (2023-03's Jan + Mar, 220) with a warning and a marked cell.
    /// Replaced by another value, the column is a plain one again.
    func testYearToDateColumnsKeepWhatTheyTotal() throws {
        let data = "period,value\n2023-01,100\n2023-03,120\n2024-01,110\n2024-02,90\n2024-03,130\n"
        let r = try run("derive y = ytd(value)\nderive g = yoy(y), l = lag(y, 12)", data: data)
        assertClose(floats(r, "g"), [nil, nil, 0.1, nil, nil])
        assertClose(floats(r, "l"), [nil, nil, 100, nil, 220])
        let lag = r.facts.contains { f in
            if case let .windowsDiffer(call, rows, _, suggestion, _, nulled) = f.fact { return call == "lag(y, 12)" && rows == 1 && suggestion == nil && !nulled }
            return false
        }
        XCTAssertTrue(lag, "\(r.facts.map(\.fact))")
        XCTAssertTrue(r.warnings.contains { $0.message == "lag(y, 12): 1 row's window holds other periods than its base's; a growth over it would not compare alike" },
                      "\(r.warnings.map(\.message))")
        XCTAssertEqual(r.marks["l"]?.keys.sorted(), [4])
        XCTAssertEqual(r.marks["g"]?.keys.sorted(), [4])
        let replaced = try run("derive y = ytd(value)\nderive y = value\nderive g = yoy(y)", data: data)
        assertClose(floats(replaced, "g"), [nil, nil, 0.1, nil, 130.0 / 120 - 1])
        XCTAssertFalse(replaced.warnings.contains { $0.id.rawValue == "query.windows-differ" })
    }
}
