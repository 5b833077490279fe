import Foundation
import AlmanacCore
import AlmanacIO
@testable import AlmanacReports

/// Hand-built tables standing in for query results.
enum Fixtures {
    /// 22 months of Hà Giang trade, 2023-01 … 2024-10 without 2023-06 (a gap), with USD and billion-VND
    /// money, a count, a year-on-year growth (null where the year-earlier month is missing), a ratio with a
    /// zero denominator, a month-on-month difference, and text that looks like formulas.
    static func tradeMonths() -> (table: Table, hints: [String: FormulaHint]) {
        var months: [Period] = []
        for y: Int32 in [2023, 2024] {
            for m: Int32 in 1...12 where !(y == 2023 && m == 6) && !(y == 2024 && m > 10) { months.append(.month(y, m)) }
        }
        let n = months.count  // 21
        var value: [Double?] = []
        var vnd: [Double?] = []
        var delegations: [Int64?] = []
        for i in 0..<n {
            value.append(i == 7 ? nil : 12_000_000 + Double(i) * 250_000.5 + (i % 3 == 0 ? -1_500_000 : 0))
            vnd.append(i == 7 ? nil : 300 + Double(i) * 17.3)
            delegations.append(i == 4 ? 0 : Int64(3 + i % 5))
        }
        // Year-on-year growth: base row = the same month a year earlier, if present.
        var base: [Int32] = []
        var growth: [Double?] = []
        for (i, p) in months.enumerated() {
            let b = months.firstIndex(of: p.advanced(by: -12)).map(Int32.init) ?? -1
            base.append(b)
            if b >= 0, let v = value[i], let bv = value[Int(b)], bv != 0 { growth.append(v / bv - 1) } else { growth.append(nil) }
        }
        // Month-on-month difference over the previous row.
        var prev: [Int32] = [-1]
        var change: [Double?] = [nil]
        for i in 1..<n {
            prev.append(Int32(i - 1))
            if let v = value[i], let pv = value[i - 1] { change.append(v - pv) } else { change.append(nil) }
        }
        // VND per delegation: null where the denominator is zero.
        var perDelegation: [Double?] = []
        for i in 0..<n {
            if let v = vnd[i], let d = delegations[i], d != 0 { perDelegation.append(v / Double(d)) } else { perDelegation.append(nil) }
        }
        var notes = [String?](repeating: nil, count: n)
        notes[0] = "=SUM(A1:A3)"
        notes[1] = "+84 912 345 678"
        notes[2] = "@tỉnh"
        notes[3] = "Hà Giang, Việt Nam"
        let decomposed = "Ha\u{0300} Giang"  // NFD spelling of "Hà Giang"
        let table = try! Table(columns: [
            .periods("period", months, frequency: .month, meta: ColumnMeta(role: .period, label: "Kỳ")),
            .texts("province", (0..<n).map { $0 % 2 == 0 ? decomposed : "Hà Giang" }, meta: ColumnMeta(role: .dimension, label: "Tỉnh")),
            .floats("value", value, meta: ColumnMeta(role: .measure, unit: "USD", label: "Kim ngạch (USD)")),
            .floats("value_vnd", vnd, meta: ColumnMeta(role: .measure, unit: "billion VND", label: "Kim ngạch (tỷ đồng)")),
            .ints("delegations", delegations, meta: ColumnMeta(role: .measure, unit: "delegations", label: "Đoàn")),
            .floats("growth", growth, meta: ColumnMeta(role: .measure, unit: "ratio", label: "Tăng trưởng so với cùng kỳ")),
            .floats("change", change, meta: ColumnMeta(role: .measure, unit: "USD", label: "Thay đổi so với tháng trước")),
            .floats("per_delegation", perDelegation, meta: ColumnMeta(role: .measure, unit: "billion VND")),
            .texts("note", notes),
        ])
        let hints: [String: FormulaHint] = [
            "growth": .growth(value: "value", baseRow: base),
            "change": .difference(value: "value", baseRow: prev),
            "per_delegation": .ratio(numerator: "value_vnd", denominator: "delegations"),
        ]
        return (table, hints)
    }

    /// Columns computed by same-row arithmetic, as the engine computes them (null where an input is null, on a zero
    /// divisor and for non-finite results), with `FormulaHint.expression` hints: growth on last year's column, a
    /// percentage, a gap, a rescale, a negation, nested parentheses, a constant Excel cannot hold exactly (17
    /// digits) and a formula over a column that is not in the table.
    static func sameRow() -> (table: Table, hints: [String: FormulaHint]) {
        let a: [Double?] = [180.1, 50, 0, nil, 12.5, 3, 1_234_567.25]
        let b: [Double?] = [174.8, 0, 10, 5, 2.5, 4, 0.1]
        let c: [Int64?] = [1, 2, 3, 4, nil, 6, -7]
        let n = a.count
        func column(_ f: (Double, Double, Double?) -> Double?) -> [Double?] {
            (0..<n).map { i in
                guard let x = a[i], let y = b[i], let v = f(x, y, c[i].map(Double.init)), v.isFinite else { return nil }
                return v
            }
        }
        let inexact = 0.12345678901234568
        func col(_ s: String) -> FormulaTree { .column(s) }
        let hints: [String: FormulaHint] = [
            "growth": .expression(.binary(.subtract, .binary(.divide, col("a"), col("b")), .number(1))),
            "pct": .expression(.binary(.divide, .binary(.multiply, col("a"), .number(100)), col("b"))),
            "gap": .expression(.binary(.subtract, col("a"), col("b"))),
            "millions": .expression(.binary(.divide, col("a"), .number(1e6))),
            "neg_half": .expression(.binary(.multiply, .negate(.binary(.add, col("a"), col("b"))), .number(0.5))),
            "nested": .expression(.binary(.subtract, col("a"), .binary(.subtract, col("b"), col("c")))),
            "times_minus": .expression(.binary(.multiply, col("a"), .number(-1.5))),
            "inexact": .expression(.binary(.multiply, col("a"), .number(inexact))),
            "orphan": .expression(.binary(.divide, col("a"), col("gone"))),
        ]
        let table = try! Table(columns: [
            .floats("a", a), .floats("b", b), .ints("c", c),
            .floats("growth", column { x, y, _ in y == 0 ? nil : x / y - 1 }),
            .floats("pct", column { x, y, _ in y == 0 ? nil : x * 100 / y }),
            .floats("gap", column { x, y, _ in x - y }),
            .floats("millions", column { x, _, _ in x / 1e6 }),
            .floats("neg_half", column { x, y, _ in -(x + y) * 0.5 }),
            .floats("nested", column { x, y, z in z.map { x - (y - $0) } }),
            .floats("times_minus", column { x, _, _ in x * -1.5 }),
            .floats("inexact", column { x, _, _ in x * inexact }),
            .floats("orphan", column { x, _, _ in x / 7 }),
        ])
        return (table, hints)
    }

    /// Years, quarters, days, booleans, plain integers, a count without unit, a share by name, percent units.
    static func mixed() -> Table {
        try! Table(columns: [
            .periods("year", [.year(2022), .year(2023), nil, .year(2024)], frequency: .year),
            .periods("quarter", [.quarter(2024, 1), .quarter(2024, 3), .quarter(2024, 4), nil], frequency: .quarter),
            .periods("day", [.day(2024, 2, 29), nil, .day(1899, 12, 31), .day(2024, 10, 15)], frequency: .day),
            .bools("official", [true, false, nil, true]),
            .ints("nam", [2021, 2022, 2023, nil]),
            .ints("arrivals", [71_308, 2_200_000, nil, 9_800_000]),
            .floats("share", [0.715, 0.285, nil, 1]),
            .floats("rate_pct", [12.5, -3, nil, 0], meta: ColumnMeta(unit: "%")),
            .floats("aid", [703.8, 599.3, 92.96, nil], meta: ColumnMeta(unit: "billion VND", label: "Viện trợ (tỷ đồng)")),
        ])
    }

    /// A catalog entry, read the way the catalog reads it (so every field is what a real run would carry).
    static func dataset(_ name: String, synthetic: Bool) -> DatasetSpec {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("almanac-reports-catalog-\(UUID().uuidString)")
        try! FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try! Data("period,value\n2024-10,1\n".utf8).write(to: folder.appendingPathComponent("\(name).csv"))
        let toml = """
        [datasets.\(name)]
        file = "\(name).csv"
        title = "Kim ngạch xuất nhập khẩu theo tháng"
        source = "Báo Hà Giang, 2023-09-20"
        synthetic = \(synthetic)
        period = "period"
        [datasets.\(name).measures]
        value = { unit = "USD", label = "Kim ngạch (USD)" }
        """
        return try! Catalog.parse(toml, file: folder.appendingPathComponent("catalog.toml").path, directory: folder.path)
            .spec(named: name)
    }
}

/// A query runner that answers from hand-built results, keyed by the query's text.
final class FakeRunner: SheetQueryRunner {
    var results: [String: SheetResult] = [:]
    var failing: [String: Error] = [:]
    private(set) var calls: [(query: SourceText, parameters: [String: String])] = []

    func run(query: SourceText, parameters: [String: String]) throws -> SheetResult {
        calls.append((query, parameters))
        let key = query.text.trimmingCharacters(in: .whitespacesAndNewlines)
        if let e = failing[key] { throw e }
        guard let r = results[key] else { throw FakeQueryError(message: "no fake result for query '\(key)'") }
        return r
    }
}

struct FakeQueryError: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}
