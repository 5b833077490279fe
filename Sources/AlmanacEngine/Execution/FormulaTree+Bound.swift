import AlmanacCore
import AlmanacKernels
import AlmanacSyntax

/// The lineage of a derived column as `FormulaTree` (Core) records it: arithmetic over columns of the same row,
/// `growth = value / last_year - 1` is `(value / last_year) - 1`. A workbook writes it as a live formula
/// (`=D5/E5-1`) when the columns it reads are still in the result under the same names.
///
/// Only what Excel computes the same way is recorded: numeric columns, finite numeric constants, `+ − × ÷`
/// and unary minus. The tree keeps the order of evaluation exactly as the engine applied it (floating-point
/// addition is not associative), so a writer must parenthesise it as it stands.
extension FormulaTree {
    /// The template of a bound expression: nil when it uses anything else (functions, time functions, periods,
    /// text, null), reads no column, or is a bare column (a copy is not arithmetic).
    init?(_ e: BoundExpr) {
        if case .column = e { return nil }
        guard let t = Self.build(e), !t.columns.isEmpty else { return nil }
        self = t
    }

    private static func build(_ e: BoundExpr) -> FormulaTree? {
        switch e {
        case .column(let name, let type):
            return type.isNumeric ? .column(name) : nil
        case .literal(.int(let v), _):
            let d = Double(v)
            return Int64(exactly: d) == v ? .number(d) : nil
        case .literal(.float(let d), _):
            return d.isFinite ? .number(d) : nil
        case .arithmetic(let op, let a, let b, let type):
            guard type.isNumeric, let l = build(a), let r = build(b) else { return nil }
            return .binary(op, l, r)
        case .negate(let a, let type):
            guard type.isNumeric, let x = build(a) else { return nil }
            return .negate(x)
        default:
            return nil
        }
    }
}
