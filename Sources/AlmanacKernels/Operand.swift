import AlmanacCore

/// An argument of an elementwise kernel: a column, or one value applied to every row.
public enum Operand: Sendable {
    case column(Column)
    case scalar(Value)

    /// The operand's type; nil for a null scalar (it fits any type).
    public var dataType: DataType? {
        switch self {
        case .column(let c): return c.dataType
        case .scalar(let v): return v.dataType
        }
    }

    package var isNullScalar: Bool { if case .scalar(.null) = self { return true } else { return false } }

    /// The column, or the scalar repeated `count` times (materialised: for the few kernels that need it).
    package func materialized(_ count: Int) throws -> Column {
        switch self {
        case .column(let c):
            try checkLength(c, count)
            return c
        case .scalar(let v):
            switch v {
            case .null: return Column(name: "", storage: .int([Int64](repeating: 0, count: count)), validity: .allNull(count))
            case .int(let x): return Column(name: "", storage: .int([Int64](repeating: x, count: count)))
            case .float(let x): return Column(name: "", storage: .float([Double](repeating: x, count: count)))
            case .bool(let x): return Column(name: "", storage: .bool([Bool](repeating: x, count: count)))
            case .text(let s):
                let d = TextDictionary(uniqueNFC: [s.nfc])
                return Column(name: "", storage: .text([Int32](repeating: 0, count: count), d))
            case .period(let p):
                return Column(name: "", storage: .period([Int32](repeating: p.ordinal, count: count), p.frequency))
            }
        }
    }
}

/// A numeric operand as a buffer and a stride (0 for a scalar, 1 for a column).
package enum NumericSide {
    case ints([Int64], stride: Int, validity: Validity?)
    case floats([Double], stride: Int, validity: Validity?)

    package init(_ op: Operand, _ count: Int, _ role: String) throws {
        switch op {
        case .column(let c):
            try checkLength(c, count)
            switch c.storage {
            case .int(let v): self = .ints(v, stride: 1, validity: c.validity)
            case .float(let v): self = .floats(v, stride: 1, validity: c.validity)
            default: throw KernelError.typeMismatch(.notANumber(role: role, found: c.dataType))
            }
        case .scalar(let v):
            switch v {
            case .int(let x): self = .ints([x], stride: 0, validity: nil)
            case .float(let x): self = .floats([x], stride: 0, validity: nil)
            case .null: self = .ints([0], stride: 0, validity: .allNull(count))
            default: throw KernelError.typeMismatch(.constantNotANumber(role: role, value: v))
            }
        }
    }

    package var isInt: Bool { if case .ints = self { return true } else { return false } }

    /// Validity over `count` rows.
    package func validity(_ count: Int) -> Validity {
        switch self {
        case .ints(_, _, let v), .floats(_, _, let v): return v ?? .allValid(count)
        }
    }

    /// Values as Doubles (a scalar stays one element) and the stride.
    package var doubles: ([Double], Int) {
        switch self {
        case .floats(let v, let s, _): return (v, s)
        case .ints(let v, let s, _): return (doubleValues(.int(v)) ?? [], s)
        }
    }
}
