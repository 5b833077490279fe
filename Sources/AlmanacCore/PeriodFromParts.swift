/// Builds month or quarter periods from a year column and a month/quarter column (`ym`, `yq`, and the
/// catalog's `period = ["year", "month"]`).
public enum PeriodFromParts {
    /// A part that is not a whole number in range, with the row it is on (0-based).
    public struct PartError: Error, Equatable, CustomStringConvertible {
        public var row: Int
        public var message: String
        public var description: String { message }
    }

    /// `year`: integers, integral floats or yearly periods; `part`: months 1–12 or quarters 1–4 (integers or integral floats).
    /// A null in either gives null.
    public static func build(name: String, year: Column, part: Column, frequency: Frequency) throws -> Column {
        precondition(frequency == .month || frequency == .quarter)
        let n = year.count
        let years = try wholeNumbers(year, what: "year")
        let parts = try wholeNumbers(part, what: frequency == .month ? "month" : "quarter")
        var out = [Int32](repeating: 0, count: n)
        var valid = ValidityBuilder(reservingCapacity: n)
        let limit: Int64 = frequency == .month ? 12 : 4
        for r in 0..<n {
            guard let y = years[r], let p = parts[r] else { valid.append(false); continue }
            guard (1...9999).contains(y) else { throw PartError(row: r, message: "year \(y) is out of range") }
            guard (1...limit).contains(p) else {
                throw PartError(row: r, message: frequency == .month ? "month \(p) does not exist (months are 1–12)" : "quarter \(p) does not exist (quarters are 1–4)")
            }
            out[r] = Int32(y) * Int32(limit) + Int32(p) - 1
            valid.append(true)
        }
        return Column(name: name, storage: .period(out, frequency), validity: valid.finish(), meta: ColumnMeta(role: .period))
    }

    static func wholeNumbers(_ c: Column, what: String) throws -> [Int64?] {
        var out = [Int64?](repeating: nil, count: c.count)
        for r in 0..<c.count where c.validity.isValid(r) {
            switch c.storage {
            case .int(let v): out[r] = v[r]
            case .float(let v):
                guard v[r] == v[r].rounded(), abs(v[r]) < 1e9 else { throw PartError(row: r, message: "\(what) \(v[r]) is not a whole number") }
                out[r] = Int64(v[r])
            case .period(let o, .year): out[r] = Int64(o[r])
            default: throw PartError(row: r, message: "the \(what) column '\(c.name)' holds \(c.dataType) values, not whole numbers")
            }
        }
        return out
    }
}
