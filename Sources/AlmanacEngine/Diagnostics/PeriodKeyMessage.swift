import AlmanacCore
import AlmanacDiagnostics

/// A function or step that orders each series by period, over a table with no period column or several: typed like
/// the type errors, since a full load can change which columns are periods (the engine retries on these).
/// `function` is the call as written (`yoy()`) or the step (`compare`). Worded here only.
public enum PeriodKeyMessage: DiagnosticMessage {
    /// No period column; `available` are the integer columns whose names speak of time (year, tháng, …).
    case none(function: String, available: [String])
    /// Several period columns, none of them the key.
    case several(function: String, names: [String])

    public var id: DiagnosticID {
        switch self {
        case .none: return .needsPeriod
        case .several: return .severalPeriods
        }
    }

    public var message: String {
        switch self {
        case .none(let function, _): return "\(function) needs a period column to order each series; this table has none"
        case .several(let function, let names):
            return "\(function) needs one period column, and this table has \(names.count): \(names.joined(separator: ", "))"
        }
    }

    public var hint: String? {
        switch self {
        case .none(_, let available): return Self.periodHint(available)
        case .several(_, let names):
            return "say which orders the series: leave the other\(names.count > 2 ? "s" : "") out with select (e.g. keep '\(names.first ?? "")', leave out \(names.dropFirst().map { "'\($0)'" }.joined(separator: " and "))), or aggregate by the one to use"
        }
    }

    /// How to make a period from the integer columns whose names speak of time: `ym(year, month)` or
    /// `yq(year, quarter)` when the parts are there, `period(year)` for a year alone.
    static func periodHint(_ available: [String]) -> String {
        func named(_ words: [String]) -> String? {
            available.first { name in
                let n = name.nfc.lowercased()
                return words.contains { n.hasPrefix($0) }
            }
        }
        let year = named(TimeWords.year), month = named(TimeWords.month), quarter = named(TimeWords.quarter)
        switch (year, month, quarter) {
        case let (y?, m?, _): return "build it from the parts: derive period = ym(\(y), \(m))"
        case let (y?, nil, q?): return "build it from the parts: derive period = yq(\(y), \(q))"
        case let (y?, nil, nil): return "turn the year into a period: derive period = period(\(y))"
        case let (nil, m?, _): return "'\(m)' needs its year: derive period = ym(YEAR, \(m))"
        case let (nil, nil, q?): return "'\(q)' needs its year: derive period = yq(YEAR, \(q))"
        default: return available.isEmpty ? "load a dataset with a period column, or build one with ym(year, month)"
                                          : "turn a column into a period, e.g. derive period = period(\(available[0]))"
        }
    }
}
