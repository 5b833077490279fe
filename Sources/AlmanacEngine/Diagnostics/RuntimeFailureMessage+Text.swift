import AlmanacCore
import AlmanacKernels
import AlmanacDiagnostics

/// The run-time errors' English: the only place they are worded.
extension RuntimeFailureMessage {
    public var message: String {
        switch self {
        case .internal(let what): return what
        case .pivotEmpty: return "pivot: no rows to spread into columns; the steps before it left none"
        case .pivotShape(let e, _): return "pivot: \(e)"
        case .pivotNameClash(let column, let value): return "pivot: a value of '\(column)' is '\(value)', which is already a column of the result"
        case .aggregateKernel(let f, let e): return "\(f.rawValue): \(e)"
        case .joinDuplicateKey(let lookup, let key, let rows):
            return "join: '\(lookup)' has \(rows) rows for the key \(key); a lookup needs one row per key"
        case .joinKernel(let e): return "join: \(e)"
        case .filterCondition: return "where needs a true/false condition"
        case .seriesKernel(let f, let e): return "\(f)(): \(e)"
        case .periodParts(let f, let e): return "\(f): \(e.message) (row \(e.row + 1))"
        case .periodNotAYear(let v, let row): return "period(): \(v) is not a year (row \(row + 1))"
        case .periodNoValueParses(let expression): return "period(): no value of \(expression) is a period"
        case .periodWrongFrequency(let text, let row, let f): return "period(): '\(text)' (row \(row + 1)) is not a \(f)"
        case .periodNeedsYearOrText: return "period() needs a year or text"
        case .indexBaseFrequency(let base, let f, _): return "index base \(base) is a \(base.frequency); this series is \(f)ly"
        case .unpivotNotANumber(let column, let text, let row, let keys, let source, let place):
            var at = keys.isEmpty ? "in row \(row + 1)" : "where " + keys.map { "\($0.name) = \($0.value)" }.joined(separator: ", ")
            if let source, let place { at += " (\(source), \(place.english))" }
            return "unpivot: '\(column)' holds '\(text)' \(at), which is not a number, while the other columns hold numbers"
        case .unpivotShape(let e): return "unpivot: \(e)"
        case .matchedMeasure(let call, let measure):
            return "\(call): matched compares the series present on both sides, so it needs a sum made by an aggregate; \(measure.map { "'\($0)'" } ?? "this measure") is not one"
        }
    }

    public var hint: String? {
        switch self {
        case .internal, .aggregateKernel, .joinKernel, .seriesKernel, .periodParts, .periodNotAYear, .periodWrongFrequency,
             .periodNeedsYearOrText:
            return nil
        case .pivotEmpty: return "check the filters and parameters (is the period within the data?)"
        case .pivotShape(_, let column): return "aggregate first so that each row key has one value per \(column)"
        case .pivotNameClash: return "change the value or rename the column with derive before the pivot"
        case .joinDuplicateKey(let lookup, _, _): return "remove the duplicates from '\(lookup)', or join on more columns"
        case .filterCondition: return "compare something, e.g. where value > 0"
        case .periodNoValueParses: return TypeMismatchMessage.periodForms
        case .indexBaseFrequency(_, let f, let example): return "write the base as a \(f), e.g. \(example)"
        case .unpivotNotANumber:
            return "make that cell a number or empty in the source, load leniently (--lenient) to set such cells aside, or unpivot the text columns on their own"
        case .unpivotShape: return "filter or aggregate the rows first"
        case .matchedMeasure(let call, _):
            return call.hasPrefix("compare")
                ? "compare sums straight from the aggregate, e.g. aggregate v = sum(value) by year | compare 2015..2019 vs 2020..2022 matched"
                : "compare a sum straight from the aggregate, e.g. aggregate v = sum(value) by period | derive g = yoy(v, matched)"
        }
    }

    public var notes: [String] {
        if case .internal = self { return ["this is a bug in Almanac rather than in the query; please report it with the query"] }
        return []
    }
}
