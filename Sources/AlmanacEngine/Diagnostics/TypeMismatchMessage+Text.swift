import AlmanacCore
import AlmanacDiagnostics

/// The type errors' English: the only place they are worded.
extension TypeMismatchMessage {
    public var message: String {
        switch self {
        case .aggregateOfNull(let f): return "\(f) of null"
        case .sumNeedsNumbers(let t): return "sum needs numbers, found \(Self.describe(t))"
        case .aggregateNeedsNumbers(let f, let t): return "\(f) needs numbers, found \(Self.describe(t))"
        case .mixedBranches(let f, let a, let b): return "\(f) mixes \(Self.describe(a)) and \(Self.describe(b))"
        case .finerThanArgument(let f, let from): return "\(f)() of a \(from?.description ?? "?") would be finer than its argument"
        case .finerPeriodConstant(let f, let p): return "cannot compare a period (\(f)) with the finer \(p.frequency) \(p)"
        case .finerRangeBound(let p, let f): return "the bound \(p) is finer than the table's \(f)s"
        case .periodPartOutOfRange(_, let part, let n):
            return "\(part) \(NumberFormatting.plain(n)) does not exist (\(part)s are 1–\(part == .month ? 12 : 4))"
        case .notAPeriod(let text): return "'\(text)' is not a period"
        case .periodArgument(let t): return "period() needs an integer year or text such as 2024-10, found \(Self.describe(t))"
        case .notAYearToCompare(let y, let f): return "\(y) is not a year to compare a period (\(f)) with"
        case .targetYearNotAYear(let y): return "the target year \(y) is not a year"
        case .indexBaseNotAYear(let y): return "index base \(y) is not a year"
        case .indexBaseFrequency(let base, let f): return "index base \(base) is a \(base.frequency); this series is \(f)ly"
        case .periodDifference(let a, let b): return "cannot subtract a period (\(b)) from a period (\(a)): they count different steps"
        case .periodShiftOutOfRange(let start, let op, let steps): return "\(start) \(op.rawValue) \(steps) falls outside the years 1 to 9999"
        case .parameterNotAPeriod(let name, let raw, let why): return "parameter '$\(name)' = '\(raw)': \(why)"
        case .numericTarget(let f, let t): return "\(f) needs a numeric target, found \(Self.describe(t))"
        case .rollingWindow: return "rolling needs at least 1 period"
        case .seriesNeedsNumbers(let f, let t): return "\(f) needs numbers, found \(Self.describe(t))"
        case .functionArgument(let f, let i, let what, let t): return "\(f) needs \(what) as argument \(i), found \(Self.describe(t))"
        case .matchedArgument(let f): return "\(f)'s second argument can only be the word matched"
        case .wholeNumber(_, let what): return "\(what) must be a whole number"
        case .pivotValuesNotNumbers(let name, let t): return "pivot values must be numbers; '\(name)' holds \(t)"
        case .pivotNoValues: return "pivot needs a numeric column to spread"
        case .takeCountTooLarge: return "take needs a count below 2,147,483,648"
        case .compareNeedsMeasure: return "compare needs a numeric column to sum"
        case .emptyRange: return "the range starts after it ends"
        case .joinKeyTypes(let key, let l, _, let lookupKey, let r, let lookup, _):
            return "cannot join \(l) '\(key)' with \(r) '\(lookupKey)' of '\(lookup)'"
        case .unitsDiffer(let op, let a, let b): return "cannot \(op.rawValue) \(Self.named(a)) and \(Self.named(b)): their units differ"
        case .unpivotUnits(let a, let b):
            return "unpivot would put values of different units in one column: " + [a, b].map { "'\($0.column ?? "")' is in \($0.unit)" }.joined(separator: ", ")
        case .unpivotMixedTypes(let a, let ta, let b, let tb): return "unpivot cannot put '\(a)' (\(ta)) and '\(b)' (\(tb)) in one column"
        case .negation(let t): return "cannot negate \(Self.describe(t))"
        case .comparison(let a, let b, _): return "cannot compare \(Self.describe(a)) with \(Self.describe(b))"
        case .constantTexts(let x, let y, let always, _):
            return "comparing two texts written in the query (\"\(x)\" and \"\(y)\") is always \(always)"
        case .arithmetic(let op, let a, let b, _): return "cannot \(Self.verb(op)) \(Self.describe(a)) and \(Self.describe(b))"
        case .nullComparison: return "a comparison with null is never true"
        case .condition(let what, let t, _): return "'\(what)' needs a true/false condition, found \(Self.describe(t))"
        }
    }

    public var hint: String? {
        switch self {
        case .aggregateOfNull(let f): return "give it a column, e.g. \(f)(value)"
        case .sumNeedsNumbers: return "count() counts rows; count(x) counts non-null values"
        case .aggregateNeedsNumbers(let f, let t):
            return t == .text || t?.isPeriod == true
                ? "\(f) works on numbers; count(x) counts the values, min(x) and max(x) take the first and last in order"
                : "\(f) works on numbers, e.g. \(f)(value)"
        case .mixedBranches:
            return "every result needs the same kind of value: e.g. if(c, \"a\", \"b\") or if(c, 1, 2); quote a number to use it as text"
        case .finerThanArgument(let f, _):
            return "\(f)() makes a coarser period: year() of months or quarters, quarter() of months, month() of days"
        case .finerPeriodConstant(let f, let p): return Self.writeA(f, p.converted(to: f))
        case .finerRangeBound(let p, let f): return Self.writeA(f, p.converted(to: f))
        case .periodPartOutOfRange(let f, _, _):
            let d = FunctionCatalog.definition(named: f.rawValue)
            return "usage: \(d?.signature ?? "\(f)(…)"), e.g. \(d?.example ?? "")"
        case .notAPeriod: return Self.periodForms
        case .periodArgument: return "e.g. period(year) for a column of years; ym(year, month) builds months from two columns"
        case .notAYearToCompare: return "years run from 1 to 9999"
        case .targetYearNotAYear: return "write a year such as 2030"
        case .indexBaseNotAYear: return "write a year such as 2015 or a period such as 2015-01"
        case .indexBaseFrequency(let base, let f):
            let suggestion = base.frequency < f
                ? Period.day(1970, 1, 1).advanced(by: base.dayRange.lowerBound).converted(to: f)
                : base.converted(to: f)
            return suggestion.map { "write the base as a \(f), e.g. \($0)" } ?? "write the base as a \(f)"
        case .periodDifference: return "convert the finer one first, e.g. year(p) - year(q)"
        case .periodShiftOutOfRange: return "a period moves by whole periods of its own frequency: 2024-10 - 12 is 2023-10"
        case .parameterNotAPeriod: return "give a period such as 2024-10, 2024-Q3 or 2024"
        case .numericTarget(let f, _), .wholeNumber(let f, _): return "e.g. \(FunctionCatalog.definition(named: f.rawValue)?.example ?? "\(f)(…)")"
        case .rollingWindow: return "e.g. rolling(value, 12) sums the last 12 periods"
        case .seriesNeedsNumbers(let f, _), .functionArgument(let f, _, _, _): return FunctionCatalog.definition(named: f.rawValue)?.usage
        case .matchedArgument(let f): return "write \(f)(x, matched) to compare only the series present on both sides, or \(f)(x)"
        case .pivotValuesNotNumbers(let name, _): return "count it first: aggregate n = count(\(name)) by …, then pivot … values n"
        case .pivotNoValues(let column): return "name it: pivot \(column) values …"
        case .takeCountTooLarge: return "to keep every row, leave the take step out"
        case .compareNeedsMeasure: return "add one, e.g. derive rows = 1, to compare counts"
        case .emptyRange(let lower, let upper): return "write the earlier bound first: \(upper)..\(lower)"
        case .joinKeyTypes(let key, let l, _, _, let r, _, _):
            guard let a = l.frequency, let b = r.frequency else { return "both sides of a join key need the same kind of values" }
            return a > b ? "make the \(a)s \(b)s first, e.g. derive \(key) = \(b == .year ? "year" : b == .quarter ? "quarter" : "month")(\(key))"
                         : "join a lookup of \(a)s instead: one \(a) cannot match \(b)s one to one"
        case .unitsDiffer(_, let a, let b): return Self.unitHint(a.unit, b.unit)
        case .unpivotUnits: return "convert them to one unit first (derive …), or unpivot each unit separately"
        case .unpivotMixedTypes: return "unpivot columns of one kind of value: numbers with numbers, text with text"
        case .negation: return "'-' works on numbers; for a condition write 'not'"
        case .comparison(let a, let b, let misread):
            switch misread {
            case .textNamesColumn(let name)?: return Self.textNamesColumnHint(name)
            case .parameterText(let name, let raw, let wanted)?:
                let (kind, example) = wanted.isPeriod ? ("a period", "2024-10") : ("a number", "1000")
                return "the parameter $\(name) is '\(raw)', which is not \(kind): pass one such as --param \(name)=\(example)"
            case nil:
                if a.isPeriod && b == .text || b.isPeriod && a == .text { return "write periods without quotes: 2024-10, 2024-Q3, 2024" }
                if a.isNumeric && b == .text || b.isNumeric && a == .text { return "write numbers without quotes (1000), text in double quotes (\"Hà Giang\")" }
                return "compare values of one kind: numbers with numbers, text with \"text\", periods with 2024-10"
            }
        case .constantTexts(_, _, _, let named):
            return named.map(Self.textNamesColumnHint) ?? "compare a column with a text, e.g. province = \"Hà Giang\""
        case .arithmetic(_, let l, let r, let named):
            if let named { return Self.textNamesColumnHint(named) }
            let a = l ?? r, b = r ?? l
            if a == .text || b == .text { return "text is not a number; if the column holds numbers, declare its type in the catalog" }
            if a?.isPeriod == true || b?.isPeriod == true { return "a period moves by a whole number of its own periods (period - 12); year(p), quarter(p) convert it" }
            return "true/false is not a number; if(c, 1, 0) turns it into one"
        case .nullComparison: return "use 'is null' or 'is not null'"
        case .condition(let what, let t, let column):
            let name = column.map { $0.contains(" ") ? "`\($0)`" : $0 } ?? "value"
            let lead = what == "where" ? "where " : ""
            switch t {
            case .text?: return "compare it: e.g. \(lead)\(name) = \"Hà Giang\", or \(lead)\(name) is not null"
            case .period?: return "compare it: e.g. \(lead)\(name) >= 2024-01"
            default: return "compare it: e.g. \(lead)\(name) > 0, or \(lead)\(name) is not null"
            }
        }
    }

    /// Both sides of a join key, each where it is made.
    public var spannedNotes: [SpannedNote] {
        guard case .joinKeyTypes(let key, let l, let origin, let lookupKey, let r, let lookup, let lookupSpan) = self else { return [] }
        return (origin.map { [SpannedNote(message: "'\(key)' is a \(l) here", span: $0)] } ?? [])
            + [SpannedNote(message: "'\(lookup)' has '\(lookupKey)' as a \(r)", span: lookupSpan)]
    }

    /// A type as the messages name it: "an integer", "a period (month)"; "null" for the null constant.
    static func describe(_ t: DataType?) -> String {
        guard let t else { return "null" }
        switch t {
        case .int: return "an integer"
        case .float: return "a number"
        case .bool: return "a true/false value"
        case .text: return "text"
        case .period(let f): return "a period (\(f))"
        }
    }

    static let periodForms = "periods are written like 2024, 2024-Q3, 2024-10 or 2024-10-15"

    /// The hint for a text constant that names a column (here, and in the warning about one).
    static func textNamesColumnHint(_ name: String) -> String {
        "\"\(name)\" is text here; to name the column write `\(name)` in backticks"
    }

    static func verb(_ op: ArithmeticOperator) -> String {
        switch op {
        case .add: return "add"
        case .subtract: return "subtract"
        case .multiply: return "multiply"
        case .divide: return "divide"
        }
    }

    static func writeA(_ f: Frequency, _ example: Period?) -> String {
        example.map { "write a \(f), e.g. \($0)" } ?? "write a \(f)"
    }

    static func named(_ side: UnitOperand) -> String {
        side.column.map { "\($0) (\(side.unit))" } ?? side.unit
    }

    static func unitHint(_ a: String, _ b: String) -> String {
        if let x = Unit(named: a), let y = Unit(named: b), x.kind == .money, y.kind == .money {
            if x.currency != y.currency {
                return "convert one first, e.g. join exchange_rates and multiply the USD figure by vnd_per_usd (a ratio a / b needs no conversion)"
            }
            let (big, small) = x.scale > y.scale ? (x, y) : (y, x)
            let factor = NumberFormatting.grouped(Int64(big.scale / small.scale))
            return "convert the scale first: 1 \(big.name) is \(factor) \(small.name) (divide the \(small.name) figure by \(factor))"
        }
        return "'\(a)' and '\(b)' measure different things; relate them as a ratio (a / b), which is fine"
    }
}
