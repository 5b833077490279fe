/// `+ − × ÷`: the one arithmetic operator of the engine's kernels, its bound expressions, lineage and the workbook's
/// formulas (the query language's `BinaryOperator` maps its arithmetic cases onto it).
public enum ArithmeticOperator: String, Sendable, Hashable, CaseIterable {
    case add = "+", subtract = "-", multiply = "*", divide = "/"

    /// 0 for `+ −`, 1 for `× ÷`.
    public var precedence: Int { self == .add || self == .subtract ? 0 : 1 }
}

/// Arithmetic over columns of the same row, by column name, in the order it was computed: `growth = value /
/// last_year - 1` is `(value / last_year) - 1`. The engine records it as a column's lineage; a workbook writes it as
/// a live formula (`=D5/E5-1`). One tree for both, so that what is recorded is what is written.
///
/// Only what Excel computes the same way belongs here: numeric columns, finite constants, `+ − × ÷` and unary minus.
/// Floating-point addition is not associative, so a writer parenthesises the tree exactly as it stands.
public indirect enum FormulaTree: Hashable, Sendable, CustomStringConvertible {
    /// The cell of this numeric column in the same row.
    case column(String)
    /// A finite constant.
    case number(Double)
    case negate(FormulaTree)
    case binary(ArithmeticOperator, FormulaTree, FormulaTree)

    /// The columns read, each once, in order of first use.
    public var columns: [String] {
        var seen = Set<String>()
        var out: [String] = []
        func walk(_ e: FormulaTree) {
            switch e {
            case .column(let n): if seen.insert(n).inserted { out.append(n) }
            case .number: break
            case .negate(let x): walk(x)
            case .binary(_, let l, let r): walk(l); walk(r)
            }
        }
        walk(self)
        return out
    }

    /// The constants, for checking that each can be written exactly.
    public var numbers: [Double] {
        switch self {
        case .column: return []
        case .number(let d): return [d]
        case .negate(let x): return x.numbers
        case .binary(_, let l, let r): return l.numbers + r.numbers
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
        case .binary(let op, _, _): return op.precedence
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
