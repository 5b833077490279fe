import AlmanacCore

/// How the full parse reads one column, decided from the sample (or declared).
struct ColumnParsePlan: Sendable {
    enum Kind: Sendable, Equatable {
        case skip
        case int
        case float
        case bool
        case text
        /// Periods of one frequency. `strict`: a value that does not parse is an error (time header or declared);
        /// otherwise the column falls back to text.
        case period(Frequency, DayOrder, strict: Bool)
    }
    var kind: Kind
    /// Why the type was chosen, for `describe`.
    var note: String?
    /// A declared type: never re-read as another.
    var declared: Bool = false
    /// A number column written as percentages (`12,5%`): every value needs its `%`, and is read divided by 100.
    var percent: Bool = false
}

/// A reason to re-read a column with another plan, found during the full parse.
enum PlanChange: Sendable, Equatable {
    case toText(reason: String)
    case toDayOrder(DayOrder)
}
