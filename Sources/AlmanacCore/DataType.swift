/// The type of a column or expression.
public enum DataType: Hashable, Sendable, CustomStringConvertible {
    case int
    case float
    case bool
    case text
    case period(Frequency)

    public var isNumeric: Bool { self == .int || self == .float }
    public var isPeriod: Bool { if case .period = self { return true } else { return false } }
    public var frequency: Frequency? { if case .period(let f) = self { return f } else { return nil } }

    public var description: String {
        switch self {
        case .int: return "integer"
        case .float: return "number"
        case .bool: return "boolean"
        case .text: return "text"
        case .period(let f): return "period(\(f))"
        }
    }
}

/// One cell's value, for display, tests and the few paths that are not hot (never inside kernels).
public enum Value: Hashable, Sendable, CustomStringConvertible {
    case null
    case int(Int64)
    case float(Double)
    case bool(Bool)
    case text(String)
    case period(Period)

    public var isNull: Bool { self == .null }

    /// The value's type; nil for null.
    public var dataType: DataType? {
        switch self {
        case .null: return nil
        case .int: return .int
        case .float: return .float
        case .bool: return .bool
        case .text: return .text
        case .period(let p): return .period(p.frequency)
        }
    }

    /// The value as a Double when numeric.
    public var number: Double? {
        switch self {
        case .int(let v): return Double(v)
        case .float(let v): return v
        default: return nil
        }
    }

    public var description: String {
        switch self {
        case .null: return "null"
        case .int(let v): return String(v)
        case .float(let v): return NumberFormatting.plain(v)
        case .bool(let v): return v ? "true" : "false"
        case .text(let s): return s
        case .period(let p): return p.description
        }
    }
}
