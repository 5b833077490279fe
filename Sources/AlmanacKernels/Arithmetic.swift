import AlmanacCore
import Foundation

/// Elementwise arithmetic over integer and float columns and scalars.
///
/// - A row is null when either operand is null (validity intersection).
/// - int ± × int stays `Int64`; if any row overflows, the whole result is computed in `Double` instead.
/// - int ÷ int and anything with a float give `Double`.
/// - Division by zero gives null; any non-finite result (inf, NaN) gives null.
public enum Arithmetic {
    /// `a op b` over `count` rows. The result column is unnamed (name it with `renamed`).
    /// - Throws: `KernelError.typeMismatch` for a non-numeric operand; `.lengthMismatch`.
    public static func apply(_ op: ArithmeticOperator, _ a: Operand, _ b: Operand, count: Int) throws -> Column {
        let l = try NumericSide(a, count, "left operand")
        let r = try NumericSide(b, count, "right operand")
        let validity = l.validity(count).intersection(r.validity(count))
        if l.isInt && r.isInt && op != .divide,
           case .ints(let x, let sx, _) = l, case .ints(let y, let sy, _) = r,
           let v = intOp(op, x, sx, y, sy, count) {
            return Column(name: "", storage: .int(v), validity: validity)
        }
        let (x, sx) = l.doubles, (y, sy) = r.doubles
        var out = [Double](repeating: 0, count: count)
        x.withUnsafeBufferPointer { x in
            y.withUnsafeBufferPointer { y in
                out.withUnsafeMutableBufferPointer { o in
                    forEachChunk(count) { rg in
                        switch op {
                        case .add: for i in rg { o[i] = x[i &* sx] + y[i &* sy] }
                        case .subtract: for i in rg { o[i] = x[i &* sx] - y[i &* sy] }
                        case .multiply: for i in rg { o[i] = x[i &* sx] * y[i &* sy] }
                        case .divide: for i in rg { o[i] = x[i &* sx] / y[i &* sy] }
                        }
                    }
                }
            }
        }
        var valid = validity.words
        return Column(name: "", storage: .float(out), validity: finishDoubles(&out, valid: &valid))
    }

    /// Int64 results, or nil on any overflow.
    package static func intOp(_ op: ArithmeticOperator, _ x: [Int64], _ sx: Int, _ y: [Int64], _ sy: Int, _ count: Int) -> [Int64]? {
        var overflow = false
        let out = x.withUnsafeBufferPointer { x in
            y.withUnsafeBufferPointer { y in
                [Int64](unsafeUninitializedCapacity: count) { o, m in
                    var any = false
                    switch op {
                    case .add: for i in 0..<count { let (v, f) = x[i &* sx].addingReportingOverflow(y[i &* sy]); o[i] = v; any = any || f }
                    case .subtract: for i in 0..<count { let (v, f) = x[i &* sx].subtractingReportingOverflow(y[i &* sy]); o[i] = v; any = any || f }
                    case .multiply: for i in 0..<count { let (v, f) = x[i &* sx].multipliedReportingOverflow(by: y[i &* sy]); o[i] = v; any = any || f }
                    case .divide: for i in 0..<count { o[i] = 0 }
                    }
                    overflow = any
                    m = count
                }
            }
        }
        return overflow ? nil : out
    }

    /// `round(x, digits)`: half away from zero at `digits` decimals (negative: tens, hundreds…).
    /// Integers stay integers (unchanged for `digits ≥ 0`). Non-finite results are null.
    public static func round(_ x: Column, digits: Int) throws -> Column {
        let d = Swift.max(-18, Swift.min(18, digits))
        switch x.storage {
        case .int(let v):
            if d >= 0 { return x.renamed("") }
            var p: Int64 = 1
            for _ in 0..<(-d) { p *= 10 }
            var valid = x.validity.words
            var out = [Int64](repeating: 0, count: v.count)
            valid.withUnsafeMutableBufferPointer { w in
                for i in 0..<v.count {
                    let q = v[i] / p, rem = v[i] % p
                    var r = q
                    if rem.magnitude * 2 >= p.magnitude { r += v[i] < 0 ? -1 : 1 }
                    let (m, o) = r.multipliedReportingOverflow(by: p)
                    if o { w[i &>> 6] &= ~(1 &<< UInt64(i & 63)) } else { out[i] = m }
                }
            }
            return Column(name: "", storage: .int(out), validity: Validity(words: valid, count: v.count))
        case .float(let v):
            let p = Foundation.pow(10.0, Double(Swift.abs(d)))
            var out = v.map { d >= 0 ? ($0 * p).rounded(.toNearestOrAwayFromZero) / p : ($0 / p).rounded(.toNearestOrAwayFromZero) * p }
            // Huge values whose scaling overflows are already integral: keep them.
            for i in 0..<out.count where !out[i].isFinite && v[i].isFinite { out[i] = v[i] }
            var valid = x.validity.words
            return Column(name: "", storage: .float(out), validity: finishDoubles(&out, valid: &valid))
        default:
            throw KernelError.typeMismatch(.functionNeedsNumber(function: "round", found: x.dataType))
        }
    }

    /// `abs(x)`: integers stay integers (`Int64.min` has no absolute value: null).
    public static func abs(_ x: Column) throws -> Column {
        try signed(x, "abs", int: { Swift.abs($0) }, float: { Swift.abs($0) })
    }

    /// Unary minus (integers: `Int64.min` gives null).
    public static func negate(_ x: Column) throws -> Column {
        try signed(x, "minus", int: { -$0 }, float: { -$0 })
    }

    /// A sign operation over a numeric column; `Int64.min`, which has no positive counterpart, becomes null.
    package static func signed(_ x: Column, _ what: String, int: (Int64) -> Int64, float: (Double) -> Double) throws -> Column {
        switch x.storage {
        case .int(let v):
            var valid = x.validity.words
            var out = [Int64](repeating: 0, count: v.count)
            valid.withUnsafeMutableBufferPointer { w in
                for i in 0..<v.count {
                    if v[i] == Int64.min { w[i &>> 6] &= ~(1 &<< UInt64(i & 63)) } else { out[i] = int(v[i]) }
                }
            }
            return Column(name: "", storage: .int(out), validity: Validity(words: valid, count: v.count))
        case .float(let v):
            return Column(name: "", storage: .float(v.map(float)), validity: x.validity)
        default:
            throw KernelError.typeMismatch(.functionNeedsNumber(function: what, found: x.dataType))
        }
    }
}
