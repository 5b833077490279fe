import XCTest
import AlmanacCore
import AlmanacDiagnostics
@testable import AlmanacEngine
import Almanac
import AlmanacTestSupport
import AlmanacKernels
import AlmanacSyntax

/// Units flow through computations so reports format them: money scales, ratios of like quantities, growth rates.
final class UnitInferenceTests: XCTestCase {
    func testUnitsOfComputedColumns() throws {
        let value = Schema.Field(name: "value", type: .float, meta: ColumnMeta(role: .measure, unit: "USD"))
        let base = Schema.Field(name: "base", type: .float, meta: ColumnMeta(role: .measure, unit: "USD"))
        let arrivals = Schema.Field(name: "arrivals", type: .int, meta: ColumnMeta(role: .measure, unit: "arrivals"))
        let schema = Schema(fields: [value, base, arrivals])
        let v = BoundExpr.column("value", .float), b = BoundExpr.column("base", .float), a = BoundExpr.column("arrivals", .int)
        func unit(_ e: BoundExpr) -> String? { UnitInference.unit(of: e, in: schema) }
        XCTAssertEqual(unit(.arithmetic(.divide, v, .literal(.float(1e6), .float), .float)), "million USD")
        XCTAssertEqual(unit(.arithmetic(.divide, v, b, .float)), "ratio", "a share of like quantities")
        XCTAssertEqual(unit(.arithmetic(.subtract, .arithmetic(.divide, v, b, .float), .literal(.int(1), .int), .float)), "ratio", "growth")
        XCTAssertEqual(unit(.arithmetic(.subtract, v, b, .float)), "USD")
        XCTAssertNil(unit(.arithmetic(.divide, v, a, .float)), "USD per arrival has no unit of ours")
        XCTAssertNil(unit(.arithmetic(.add, v, a, .float)))
    }
}
