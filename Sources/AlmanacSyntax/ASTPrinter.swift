/// Prints syntax trees as compact s-expressions, one step per line. Used by the golden tests
/// and by `almanac explain`. Spans are not printed.
///
/// ```
/// (from trade)
/// (where (and (= province "Hà Giang") (>= period 2019-01)))
/// (aggregate value=(/ (sum value_usd) 1000000.0) rows=(count) (by year=(year period) flow))
/// (sort (desc year) (asc flow))
/// (take 10)
/// ```
///
/// Columns print as bare names (`` `giá trị` `` when not a plain identifier, a backtick inside
/// doubled); calls as `(name args…)`; operators as `(op lhs rhs)`; special forms as `(in x a b)`,
/// `(not-in x (.. lo hi))`, `(between x lo hi)`, `(not-between …)`, `(is-null x)`,
/// `(is-not-null x)`. An unpivot prints as `(unpivot (columns a b) (into name value))`, `(all-except k …)` or `(all)`
/// for its columns and ` keep-nulls` at the end when asked. Integers print without a decimal point and floats always with one (or
/// an exponent), so `1` and `1.0` stay distinguishable. Periods print as written (`2019-01`);
/// a subtraction prints as `(- 2019 1)`. A quoted `from` source prints as a string
/// (`(from "data/trade.csv")`) since it may be a path; every other name prints as a name.
public enum ASTPrinter {
    public static func print(_ pipeline: Pipeline) -> String {
        pipeline.steps.map(print).joined(separator: "\n")
    }

    public static func print(_ step: Step) -> String {
        switch step {
        case .from(let s):
            let sheet = s.sheet.map { " (sheet \(string($0.name)))" } ?? ""
            return "(from \(s.source.quoted ? string(s.source.name) : name(s.source.name))\(sheet))"
        case .where(let s):
            return "(where \(print(s.condition)))"
        case .derive(let s):
            return "(derive \(s.assignments.map(print).joined(separator: " ")))"
        case .select(let s):
            return "(select \(s.items.map(print).joined(separator: " ")))"
        case .aggregate(let s):
            var parts = s.measures.map(print)
            if !s.groupBy.isEmpty { parts.append("(by \(s.groupBy.map(print).joined(separator: " ")))") }
            return "(aggregate \(parts.joined(separator: " ")))"
        case .sort(let s):
            let keys = s.keys.map { "(\($0.descending ? "desc" : "asc") \(print($0.expr)))" }
            return "(sort \(keys.joined(separator: " ")))"
        case .take(let s):
            return "(take \(s.count))"
        case .pivot(let s):
            var text = "(pivot \(name(s.column.name))"
            if !s.values.isEmpty { text += " (values \(s.values.map { name($0.name) }.joined(separator: " ")))" }
            return text + ")"
        case .join(let s):
            return "(join \(name(s.dataset.name)) (on \(s.keys.map { name($0.name) }.joined(separator: " "))))"
        case .compare(let s):
            return "(compare \(print(s.baseline)) \(print(s.comparison))\(s.matched ? " matched" : ""))"
        case .unpivot(let s):
            let columns: String
            switch s.columns {
            case .listed(let names): columns = "(columns \(names.map { name($0.name) }.joined(separator: " ")))"
            case .allExcept(let names): columns = names.isEmpty ? "(all)" : "(all-except \(names.map { name($0.name) }.joined(separator: " ")))"
            }
            return "(unpivot \(columns) (into \(name(s.nameColumn.name)) \(name(s.valueColumn.name)))\(s.keepNulls ? " keep-nulls" : ""))"
        }
    }

    public static func print(_ assignment: Assignment) -> String {
        "\(name(assignment.name))=\(print(assignment.expr))"
    }

    public static func print(_ item: ColumnItem) -> String {
        guard let expr = item.expr else { return name(item.name) }
        return "\(name(item.name))=\(print(expr))"
    }

    public static func print(_ range: RangeExpr) -> String {
        "(.. \(print(range.lower)) \(print(range.upper)))"
    }

    public static func print(_ expr: Expr) -> String {
        switch expr.kind {
        case .literal(let literal): return print(literal)
        case .column(let column): return name(column)
        case .parameter(let parameter): return "$" + parameter
        case .unary(let op, let operand): return "(\(op.rawValue) \(print(operand)))"
        case .binary(let op, let lhs, let rhs): return "(\(op.rawValue) \(print(lhs)) \(print(rhs)))"
        case .call(let function, _, let arguments):
            return "(" + ([function] + arguments.map(print)).joined(separator: " ") + ")"
        case .inList(let value, let list, let negated):
            return "(\(negated ? "not-in" : "in") \(([value] + list).map(print).joined(separator: " ")))"
        case .inRange(let value, let range, let negated):
            return "(\(negated ? "not-in" : "in") \(print(value)) \(print(range)))"
        case .between(let value, let lower, let upper, let negated):
            return "(\(negated ? "not-between" : "between") \(print(value)) \(print(lower)) \(print(upper)))"
        case .isNull(let value, let negated):
            return "(\(negated ? "is-not-null" : "is-null") \(print(value)))"
        }
    }

    public static func print(_ literal: Literal) -> String {
        switch literal {
        case .int(let value): return String(value)
        case .float(let value): return value.description
        case .string(let value): return string(value)
        case .bool(let value): return value ? "true" : "false"
        case .null: return "null"
        case .period(let text): return text
        }
    }

    /// A name as it would be written in a query: bare when possible, else in backticks.
    public static func name(_ name: String) -> String {
        if QuerySyntax.isPlainIdentifier(name) { return name }
        var out = "`"
        for scalar in name.unicodeScalars {
            switch scalar {
            case "`": out += "``"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    out += "\\u{\(String(scalar.value, radix: 16, uppercase: true))}"
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "`"
    }

    /// A string literal with the query language's escapes.
    public static func string(_ value: String) -> String {
        var out = "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            case "\0": out += "\\0"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    out += "\\u{\(String(scalar.value, radix: 16, uppercase: true))}"
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}
