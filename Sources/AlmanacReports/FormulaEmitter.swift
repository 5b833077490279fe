import Foundation
import AlmanacCore
import AlmanacXLSX

/// A computed column written as formulas over other cells of the row (and a base row), with the
/// column's own value cached; plain values wherever the formula cannot stand (see `FormulaHint`).
final class FormulaEmitter: CellEmitter {
    enum Resolved {
        case growth(value: NumericSource, letters: String, base: [Int32])
        case difference(value: NumericSource, letters: String, base: [Int32])
        case ratio(numerator: NumericSource, numeratorLetters: String, denominator: NumericSource, denominatorLetters: String)
        case expression(Compiled)
    }

    /// A `FormulaExpression` with its columns' numbers and letters; constants non-negative with their formula text.
    indirect enum Compiled {
        case cell(NumericSource, letters: String)
        case number(Double, text: String)
        case negate(Compiled)
        case binary(FormulaExpression.Operator, Compiled, Compiled)

        /// The formula text for one row (without `=`), its value computed as Excel will, and its precedence
        /// (0: + −, 1: × ÷, 2: unary minus, 3: a cell or constant). Nil when a cell is empty, a divisor is zero or
        /// a step is not finite.
        func render(_ row: Int, _ here: String) -> (text: String, value: Double, precedence: Int)? {
            switch self {
            case let .cell(source, letters):
                guard let v = source.value(row) else { return nil }
                return (letters + here, v, 3)
            case let .number(v, text):
                return (text, v, 3)
            case let .negate(x):
                guard let (t, v, p) = x.render(row, here) else { return nil }
                return ("-" + (p < 3 ? "(" + t + ")" : t), -v, 2)
            case let .binary(op, l, r):
                guard let (lt, lv, lp) = l.render(row, here), let (rt, rv, rp) = r.render(row, here) else { return nil }
                let p = op == .add || op == .subtract ? 0 : 1
                let v: Double
                switch op {
                case .add: v = lv + rv
                case .subtract: v = lv - rv
                case .multiply: v = lv * rv
                case .divide:
                    guard rv != 0 else { return nil }
                    v = lv / rv
                }
                guard v.isFinite else { return nil }
                // The tree's order stands: a right operand of the same precedence, and a negation on the right, keep
                // their parentheses (a + (b + c) is not always (a + b) + c in floating point; no "C5--D5").
                let left = lp < p ? "(" + lt + ")" : lt
                let right = rp <= p || rp == 2 ? "(" + rt + ")" : rt
                return (left + op.rawValue + right, v, p)
            }
        }
    }

    let own: NumericSource
    let resolved: Resolved
    let firstDataRow: Int
    let shape: DisplayText.NumberShape
    private(set) var formulaCells = 0
    /// Rows whose referenced cells held numbers but whose formula did not reproduce the column's value.
    private(set) var mismatchedCells = 0

    init(sheet: XLSXWorksheet, col: Int, format: XLSXFormat?, own: NumericSource, resolved: Resolved,
         firstDataRow: Int, numberFormat: NumberFormat?) {
        self.own = own
        self.resolved = resolved
        self.firstDataRow = firstDataRow
        self.shape = DisplayText.shape(of: numberFormat)
        super.init(sheet: sheet, col: col, format: format)
    }

    static func agrees(_ a: Double, _ b: Double) -> Bool {
        abs(a - b) <= 1e-9 * max(1, abs(a), abs(b))
    }

    /// The formula for `row` and the value it computes, or nil when a referenced cell is empty or a denominator is zero.
    func formula(_ row: Int, _ excelRow: Int) -> (String, Double)? {
        let here = String(excelRow + 1)
        switch resolved {
        case let .growth(value, letters, base), let .difference(value, letters, base):
            let b = Int(base[row])
            guard b >= 0, b < base.count, b != row, let v = value.value(row), let bv = value.value(b) else { return nil }
            let baseRef = letters + String(firstDataRow + b + 1)
            if case .growth = resolved {
                guard bv != 0 else { return nil }
                return ("=" + letters + here + "/" + baseRef + "-1", v / bv - 1)
            }
            return ("=" + letters + here + "-" + baseRef, v - bv)
        case let .ratio(n, nl, d, dl):
            guard let nv = n.value(row), let dv = d.value(row), dv != 0 else { return nil }
            return ("=" + nl + here + "/" + dl + here, nv / dv)
        case let .expression(compiled):
            guard let (text, value, _) = compiled.render(row, here) else { return nil }
            return ("=" + text, value)
        }
    }

    override func emit(_ row: Int, _ excelRow: Int) throws {
        guard let cached = own.value(row) else {
            if own.mask.isValid(row) { nonFiniteCells += 1 }
            return
        }
        if let (text, computed) = formula(row, excelRow) {
            if computed.isFinite, Self.agrees(computed, cached) {
                formulaCells += 1
                try sheet.writeFormula(text, cachedNumber: cached, row: excelRow, col: col, format: format)
                return
            }
            mismatchedCells += 1
        }
        try sheet.write(number: cached, row: excelRow, col: col, format: format)
    }

    override func display(_ row: Int) -> String? {
        own.value(row).map { DisplayText.number($0, shape) }
    }
}
