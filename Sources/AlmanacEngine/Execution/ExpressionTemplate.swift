import AlmanacCore
import AlmanacKernels
import AlmanacSyntax

/// Arithmetic over columns of the same row, by column name, as a derived column was computed:
/// `growth = value / last_year - 1` is `(value / last_year) - 1`. A workbook writes it as a live formula
/// (`=D5/E5-1`) when the columns it reads are still in the result under the same names.
///
/// Only what Excel computes the same way is recorded: numeric columns, finite numeric constants, `+ − × ÷`
/// and unary minus. The tree keeps the order of evaluation exactly as the engine applied it (floating-point
/// addition is not associative), so a writer must parenthesise it as it stands.
public indirect enum ExpressionTemplate: Sendable, Hashable, CustomStringConvertible {
    public enum Operator: String, Sendable, Hashable {
        case add = "+", subtract = "-", multiply = "*", divide = "/"
    }

    /// A numeric column of the same row.
    case column(String)
    /// A finite constant (an integer constant only when a Double holds it exactly).
    case number(Double)
    case negate(ExpressionTemplate)
    case binary(Operator, ExpressionTemplate, ExpressionTemplate)

    /// The template of a bound expression: nil when it uses anything else (functions, time functions, periods,
    /// text, null), reads no column, or is a bare column (a copy is not arithmetic).
    init?(_ e: BoundExpr) {
        if case .column = e { return nil }
        guard let t = Self.build(e), !t.columns.isEmpty else { return nil }
        self = t
    }

    private static func build(_ e: BoundExpr) -> ExpressionTemplate? {
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
            let o: Operator
            switch op {
            case .add: o = .add
            case .subtract: o = .subtract
            case .multiply: o = .multiply
            case .divide: o = .divide
            }
            return .binary(o, l, r)
        case .negate(let a, let type):
            guard type.isNumeric, let x = build(a) else { return nil }
            return .negate(x)
        default:
            return nil
        }
    }

    /// The columns read.
    public var columns: Set<String> {
        switch self {
        case .column(let n): return [n]
        case .number: return []
        case .negate(let x): return x.columns
        case .binary(_, let l, let r): return l.columns.union(r.columns)
        }
    }

    /// The expression as the query language writes it, parenthesised where the tree needs it:
    /// `value / last_year - 1`, `a - (b - c)`.
    public var description: String { text(0) }

    private var precedence: Int {
        switch self {
        case .column: return 3
        case .number(let d): return d < 0 ? 2 : 3
        case .negate: return 2
        case .binary(let op, _, _): return op == .add || op == .subtract ? 0 : 1
        }
    }

    private func text(_ context: Int) -> String {
        let s: String
        switch self {
        case .column(let n):
            s = n.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) && !(n.first?.isNumber ?? true) ? n : "`\(n)`"
        case .number(let d):
            s = d == d.rounded() && Swift.abs(d) < 1e15 ? String(Int64(d)) : "\(d)"
        case .negate(let x):
            s = "-" + x.text(3)
        case .binary(let op, let l, let r):
            let p = precedence
            // Left-associative: a right operand of the same precedence keeps its parentheses.
            s = l.text(p) + " \(op.rawValue) " + r.text(p + 1)
        }
        return precedence < context ? "(\(s))" : s
    }
}
