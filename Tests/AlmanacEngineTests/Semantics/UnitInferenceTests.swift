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

    /// Plain arithmetic keeps units (issue: `value_usd / 2` stays USD), scales move them, differences of ratios are
    /// points, a figure over its own value some periods earlier is a multiple.
    func testUnitsSurvivePlainArithmetic() throws {
        let value = Schema.Field(name: "value", type: .float, meta: ColumnMeta(role: .measure, unit: "USD"))
        let share = Schema.Field(name: "share", type: .float, meta: ColumnMeta(role: .measure, unit: "ratio"))
        let last = Schema.Field(name: "last", type: .float, meta: ColumnMeta(role: .measure, unit: "ratio"))
        let arrivals = Schema.Field(name: "arrivals", type: .int, meta: ColumnMeta(role: .measure, unit: "arrivals"))
        let schema = Schema(fields: [value, share, last, arrivals])
        let v = BoundExpr.column("value", .float), s = BoundExpr.column("share", .float), l = BoundExpr.column("last", .float)
        let a = BoundExpr.column("arrivals", .int)
        func unit(_ e: BoundExpr) -> String? { UnitInference.unit(of: e, in: schema) }
        func k(_ d: Double) -> BoundExpr { .literal(.float(d), .float) }
        XCTAssertEqual(unit(.arithmetic(.divide, v, k(2), .float)), "USD")
        XCTAssertEqual(unit(.arithmetic(.multiply, v, k(1.1), .float)), "USD")
        XCTAssertEqual(unit(.arithmetic(.multiply, k(1.1), v, .float)), "USD")
        XCTAssertEqual(unit(.arithmetic(.divide, v, k(1e3), .float)), "thousand USD")
        XCTAssertEqual(unit(.arithmetic(.divide, v, k(1e9), .float)), "billion USD")
        XCTAssertEqual(unit(.arithmetic(.multiply, .arithmetic(.divide, v, k(1e6), .float), k(1e6), .float)), "USD")
        XCTAssertEqual(unit(.arithmetic(.divide, a, k(2), .float)), "arrivals")
        XCTAssertEqual(unit(.arithmetic(.subtract, s, l, .float)), "pp", "a change in a share is in points")
        XCTAssertEqual(unit(.time(.diff, [s], TimeConstants(), .float, SourceSpan.point(SourceFile(name: "q", text: ""), at: 0))), "pp")
        XCTAssertEqual(unit(.time(.diff, [v], TimeConstants(), .float, SourceSpan.point(SourceFile(name: "q", text: ""), at: 0))), "USD")
        var twelve = TimeConstants()
        twelve.steps = 12
        let lagged = BoundExpr.time(.lag, [v], twelve, .float, SourceSpan.point(SourceFile(name: "q", text: ""), at: 0))
        XCTAssertEqual(unit(.arithmetic(.divide, v, lagged, .float)), "times")
        XCTAssertEqual(unit(.arithmetic(.subtract, .arithmetic(.divide, v, lagged, .float), .literal(.int(1), .int), .float)), "ratio")
        XCTAssertNil(unit(.arithmetic(.multiply, s, k(100), .float)), "a ratio times 100 is no longer a ratio")
    }

    func testHalfAnAmountPlusAnotherCurrencyIsAUnitError() throws {
        let value = Schema.Field(name: "value_usd", type: .float, meta: ColumnMeta(role: .measure, unit: "USD"))
        let vnd = Schema.Field(name: "vnd_bn", type: .float, meta: ColumnMeta(role: .measure, unit: "billion VND"))
        let schema = Schema(fields: [value, vnd])
        let half = BoundExpr.arithmetic(.divide, .column("value_usd", .float), .literal(.int(2), .int), .float)
        let span = SourceSpan.point(SourceFile(name: "q", text: ""), at: 0)
        XCTAssertThrowsError(try UnitCheck.check(.add, half, .column("vnd_bn", .float), in: schema, calls: [], span: span)) { e in
            XCTAssertEqual((e as? DiagnosticError)?.ids, [TypeMismatch.units.id])
        }
    }
}

