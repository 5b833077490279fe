/// How often a period series ticks. Ordered from coarsest to finest.
public enum Frequency: UInt8, Sendable, Hashable, Comparable, CaseIterable, CustomStringConvertible {
    case year = 0, quarter = 1, month = 2, day = 3

    /// Periods in one calendar year, or `nil` for days (whose count varies).
    public var periodsPerYear: Int32? {
        switch self {
        case .year: return 1
        case .quarter: return 4
        case .month: return 12
        case .day: return nil
        }
    }

    /// The English name used in the CLI and in `describe`.
    public var description: String {
        switch self {
        case .year: return "year"
        case .quarter: return "quarter"
        case .month: return "month"
        case .day: return "day"
        }
    }

    /// Parses `year`, `quarter`, `month`, `day` (and the adjectives `yearly`, `annual`, `quarterly`, `monthly`, `daily`).
    public init?(name: String) {
        switch name.lowercased() {
        case "year", "yearly", "annual", "y": self = .year
        case "quarter", "quarterly", "q": self = .quarter
        case "month", "monthly", "m": self = .month
        case "day", "daily", "d", "date": self = .day
        default: return nil
        }
    }

    public static func < (a: Frequency, b: Frequency) -> Bool { a.rawValue < b.rawValue }
}
