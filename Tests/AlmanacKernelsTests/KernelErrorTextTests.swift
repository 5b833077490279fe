import XCTest
import AlmanacCore
@testable import AlmanacKernels

/// Kernel errors are typed values; their sentences are written from the values (what the engine wraps).
final class KernelErrorTextTests: XCTestCase {
    func testKernelErrorsAreRenderedFromTheirValues() {
        XCTAssertEqual(KernelError.typeMismatch(.notANumber(role: "left operand", found: .text)).description, "left operand must be a number, not text")
        XCTAssertEqual(KernelError.typeMismatch(.constantNotANumber(role: "value", value: .text("a"))).description, "value must be a number, not a")
        XCTAssertEqual(KernelError.typeMismatch(.functionNeedsNumber(function: "sum", found: .bool)).description, "sum needs a number, not boolean")
        XCTAssertEqual(KernelError.typeMismatch(.periodColumnNeeded(by: .firstLast, found: nil)).description, "first/last need a period column")
        XCTAssertEqual(KernelError.typeMismatch(.periodColumnNeeded(by: .cagr, found: .int)).description, "cagr needs a period column, not integer")
        XCTAssertEqual(KernelError.typeMismatch(.expectedPeriodColumn(found: .text)).description, "expected a period column, not text")
        XCTAssertEqual(KernelError.typeMismatch(.incomparable(.period(.month), .text)).description, "cannot compare period(month) with text")
        XCTAssertEqual(KernelError.typeMismatch(.finerPeriodConstant(column: .year, constant: .month(2024, 3))).description,
                       "cannot compare period(year) with the finer month 2024-03")
        XCTAssertEqual(KernelError.typeMismatch(.cannotCombine([.text, .int])).description, "cannot combine text, integer")
        XCTAssertEqual(KernelError.typeMismatch(.unjoinable(.period(.year), .period(.month))).description, "cannot join period(year) with period(month)")
        XCTAssertEqual(KernelError.tooLarge(.pivotCells(rows: 10, columns: 20)).description, "pivot would have 10 rows × 20 columns")
        XCTAssertEqual(KernelError.tooLarge(.tableRows).description, "tables are limited to 2147483647 rows")
        XCTAssertEqual(KernelError.invalidArgument(.rollingWindow(0)).description, "rolling needs a window of at least 1 period, not 0")
        XCTAssertEqual(KernelError.invalidArgument(.joinKeyCount(left: 1, lookup: 2)).description, "join needs as many lookup keys as left keys (1 vs 2)")
        XCTAssertEqual(KernelError.lengthMismatch(expected: 3, found: 2).description, "expected 3 rows, found 2")
    }

    /// A kernel throws the typed case, with the values it met.
    func testAKernelThrowsTheTypedCase() {
        let text = Column(name: "t", storage: .text([0], TextDictionary(uniqueNFC: ["a"])))
        XCTAssertThrowsError(try AlmanacKernels.measure(text)) { e in
            XCTAssertEqual(e as? KernelError, .typeMismatch(.notANumber(role: "value", found: .text)))
        }
        let grid = try? SeriesGrid.build(seriesKeys: [], period: Column(name: "p", storage: .period([2020], .year)))
        XCTAssertNotNil(grid)
        guard let grid else { return }
        XCTAssertThrowsError(try TimeFunctions.rolling(Column(name: "x", storage: .float([1])), 0, grid: grid)) { e in
            XCTAssertEqual(e as? KernelError, .invalidArgument(.rollingWindow(0)))
        }
    }
}
