import XCTest
@testable import AlmanacCore

final class PeriodFromPartsTests: XCTestCase {
    func floats(_ name: String, _ v: [Double]) -> Column {
        Column(name: name, storage: .float(v), validity: .allValid(v.count))
    }

    func testAHugeWholeYearIsOutOfRangeNotFractional() {
        let q = floats("quarter", [1])
        for (year, shown) in [(2024e12, "2024000000000000"), (2.024e303, "2.024e+303"), (Double.infinity, "infinity")] {
            XCTAssertThrowsError(try PeriodFromParts.build(name: "p", year: floats("year", [year]), part: q, frequency: .quarter)) { e in
                XCTAssertEqual((e as? PeriodFromParts.PartError)?.message, "year \(shown) is out of range (years are 1–9999)")
            }
        }
        XCTAssertThrowsError(try PeriodFromParts.build(name: "p", year: floats("year", [2024.5]), part: q, frequency: .quarter)) { e in
            XCTAssertEqual((e as? PeriodFromParts.PartError)?.message, "year 2024.5 is not a whole number")
        }
        XCTAssertThrowsError(try PeriodFromParts.build(name: "p", year: floats("year", [2024]), part: floats("quarter", [1e12]), frequency: .quarter)) { e in
            XCTAssertEqual((e as? PeriodFromParts.PartError)?.message, "quarter 1000000000000 does not exist (quarters are 1–4)")
        }
    }

    func testBadRowsAreNullAndListedInRowOrderWithTheirColumn() throws {
        let year = Column(name: "y", storage: .int([2024, 0, 2024, 2024]), validity: .allValid(4))
        let month = Column(name: "m", storage: .int([1, 13, 13, 2]), validity: .allValid(4))
        let (c, errors) = try PeriodFromParts.buildSettingBadRowsNull(name: "p", year: year, part: month, frequency: .month)
        XCTAssertEqual(errors.map(\.row), [1, 2])
        XCTAssertEqual(errors.map(\.columnName), ["y", "m"], "the year's problem first on a row with two")
        XCTAssertEqual((0..<4).map { c.value(at: $0) }, [.period(.month(2024, 1)), .null, .null, .period(.month(2024, 2))])
    }
}
