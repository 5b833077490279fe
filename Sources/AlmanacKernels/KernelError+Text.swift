import AlmanacCore

/// The kernels' error sentences: the only place they are worded.
extension KernelError {
    public var description: String {
        switch self {
        case .lengthMismatch(let e, let f): return "expected \(e) rows, found \(f)"
        case .typeMismatch(let m): return m.description
        case .duplicatePeriod(let d): return "\(d.rowCount) rows share series row \(d.seriesRow) and period \(PeriodFormat.string(d.ordinal, d.frequency))"
        case .duplicateKey(let d): return "\(d.rowCount) rows share the key \(d.keyText)"
        case .tooLarge(let l): return l.description
        case .invalidArgument(let a): return a.description
        }
    }
}

extension KernelTypeMismatch: CustomStringConvertible {
    public var description: String {
        switch self {
        case .notANumber(let role, let t): return "\(role) must be a number, not \(t)"
        case .constantNotANumber(let role, let v): return "\(role) must be a number, not \(v)"
        case .functionNeedsNumber(let f, let t): return "\(f) needs a number, not \(t)"
        case .progressNeedsNumbers: return "progress needs numbers"
        case .expectedBoolean(let t): return "expected a boolean, not \(t)"
        case .constantNotBoolean(let v): return "expected a boolean, not \(v)"
        case .expectedText(let t): return "expected text, not \(t)"
        case .expectedTextColumn: return "expected a text column"
        case .expectedPeriodColumn(let t): return "expected a period column" + (t.map { ", not \($0)" } ?? "")
        case .periodColumnNeeded(let user, let t):
            let subject: String
            switch user {
            case .compare: subject = "compare needs"
            case .requiredGrowth: subject = "required_growth needs"
            case .cagr: subject = "cagr needs"
            case .firstLast: subject = "first/last need"
            case .timeFunctions: subject = "time functions need"
            }
            return "\(subject) a period column" + (t.map { ", not \($0)" } ?? "")
        case .incomparable(let a, let b): return "cannot compare \(a) with \(b)"
        case .incomparableConstant(let a, let v): return "cannot compare \(a) with \(v)"
        case .finerPeriodConstant(let f, let p): return "cannot compare \(DataType.period(f)) with the finer \(p.frequency) \(p)"
        case .lookForInText(let v): return "cannot look for \(v) in text"
        case .cannotCombine(let types): return "cannot combine \(types.map(\.description).joined(separator: ", "))"
        case .convertToFiner(let from, let to): return "cannot convert \(DataType.period(from)) to the finer \(to)"
        case .periodDifference(let a, let b): return "period − period needs two period columns of one frequency, not \(a) and \(b)"
        case .periodSteps(let t): return "a period moves by a whole number of periods, not \(t)"
        case .constantPeriodSteps(let v): return "a period moves by a whole number of periods, not \(v)"
        case .unjoinable(let a, let b): return "cannot join \(a) with \(b)"
        }
    }
}

extension KernelLimit: CustomStringConvertible {
    public var description: String {
        switch self {
        case .pivotCells(let rows, let columns): return "pivot would have \(rows) rows × \(columns) columns"
        case .tableRows: return "tables are limited to \(Int32.max) rows"
        case .unpivotRows(let rows, let columns): return "unpivot would make \(rows) rows × \(columns) columns; tables are limited to \(Int32.max) rows"
        }
    }
}

extension KernelArgument: CustomStringConvertible {
    public var description: String {
        switch self {
        case .yearOutOfRange(let y): return "year \(y) is out of range"
        case .rollingWindow(let n): return "rolling needs a window of at least 1 period, not \(n)"
        case .joinKeyCount(let l, let r): return "join needs as many lookup keys as left keys (\(l) vs \(r))"
        case .aggregateWithoutArgument: return "the aggregate has no argument"
        }
    }
}
