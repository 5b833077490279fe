import XCTest
import AlmanacCore
@testable import AlmanacKernels

/// A key looked up from a period's ordinal (`KeyEncoder(ordinals:…)`) groups exactly as the computed key column
/// would, in every grouping strategy, nulls included.
final class KeyEncodingLookupTests: XCTestCase {
    func testLookupGroupsAsTheComputedColumn() throws {
        var rng = SplitMix(seed: 11)
        let n = 5000
        // Months 2019-01 … 2024-12 with one row in eight null; a null row's ordinal is garbage, in range or not.
        let lo = Int32(2019 * 12), hi = Int32(2024 * 12 + 11)
        var ords = [Int32](), valid = ValidityBuilder()
        for _ in 0..<n {
            let isNull = rng.next() % 8 == 0
            ords.append(isNull ? Int32(truncatingIfNeeded: Int64(rng.next() % 100_000)) - 50_000 : lo + Int32(rng.next() % UInt64(hi - lo + 1)))
            valid.append(!isNull)
        }
        let validity = valid.finish()
        // The year of each row, computed row by row (floor(ordinal / 12)), and the same through a lookup over the
        // range (the null entry last).
        let years: [Int64?] = (0..<n).map { validity.isValid($0) ? Int64(ords[$0] / 12) : nil }
        let computed = Column.ints("year", years)
        let values = Column.ints("year", (lo...hi).map { Int64($0 / 12) } + [nil])
        let lookup = try XCTUnwrap(KeyEncoder(ordinals: ords, validity: validity, lo: lo, values: values))
        XCTAssertEqual(lookup.cardinality, KeyEncoder(values).cardinality)
        let side = Column.texts("flow", (0..<n).map { _ in rng.next() % 3 == 0 ? "import" : "export" })
        let expected = try Grouping.build(keys: [side, computed])
        let encoders = [KeyEncoder(side), lookup]
        for g in [Grouping.build(encoders: encoders, rowCount: n), Grouping.direct(encoders, n, slots: 64),
                  Grouping.packed(encoders, n), Grouping.tuple(encoders, n)] {
            XCTAssertEqual(g.groupIDs, expected.groupIDs, "\(g.strategy)")
            XCTAssertEqual(g.firstRows, expected.firstRows, "\(g.strategy)")
        }
        // The key of a group comes back from its first row's entry: null rows take the null entry.
        for row in expected.firstRows.map(Int.init) {
            let entry = Int(lookup.lookupRow(row))
            XCTAssertEqual(values.value(at: entry), computed.value(at: row), "row \(row)")
        }
    }

    func testANonDenseKeyIsRefused() {
        let values = Column.floats("x", [0.5, 1.5, nil])
        XCTAssertNil(KeyEncoder(ordinals: [0, 1], validity: .allValid(2), lo: 0, values: values))
    }
}
