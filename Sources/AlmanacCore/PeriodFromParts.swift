/// Builds month or quarter periods from a year column and a month/quarter column (`ym`, `yq`, and the
/// catalog's `period = ["year", "month"]`).
public enum PeriodFromParts {
    /// A part that is not a whole number in range, with the row it is on (0-based) and the column it is in.
    public struct PartError: Error, Hashable, CustomStringConvertible {
        public var row: Int
        public var message: String
        /// The column holding the bad value (the year column or the month/quarter column).
        public var columnName: String
        public var description: String { message }

        public init(row: Int, message: String, columnName: String = "") {
            self.row = row
            self.message = message
            self.columnName = columnName
        }
    }

    /// `year`: integers, integral floats or yearly periods; `part`: months 1–12 or quarters 1–4 (integers or integral floats).
    /// A null in either gives null. Throws the first bad row's `PartError`.
    public static func build(name: String, year: Column, part: Column, frequency: Frequency) throws -> Column {
        let (column, errors) = try buildSettingBadRowsNull(name: name, year: year, part: part, frequency: frequency)
        if let first = errors.first { throw first }
        return column
    }

    /// As `build`, but a bad row is null in the result and listed among the errors (one per row, in row order), so a
    /// lenient load can set those rows aside. Throws only for a column whose type holds no whole numbers at all (text,
    /// booleans, a month period as a year).
    public static func buildSettingBadRowsNull(name: String, year: Column, part: Column, frequency: Frequency) throws -> (Column, [PartError]) {
        precondition(frequency == .month || frequency == .quarter)
        let n = year.count
        let partWord = frequency == .month ? "month" : "quarter"
        let limit: Int64 = frequency == .month ? 12 : 4
        let years = try wholeNumbers(year, what: "year", range: 1...9999)
        let parts = try wholeNumbers(part, what: partWord, range: 1...limit)
        var out = [Int32](repeating: 0, count: n)
        var valid = ValidityBuilder(reservingCapacity: n)
        var errors: [PartError] = []
        for r in 0..<n {
            // The year's problem first, as a reader reads the row.
            if case .failure(let why) = years[r] { errors.append(PartError(row: r, message: why.message, columnName: year.name)); valid.append(false); continue }
            if case .failure(let why) = parts[r] { errors.append(PartError(row: r, message: why.message, columnName: part.name)); valid.append(false); continue }
            guard case .success(let y?) = years[r], case .success(let p?) = parts[r] else { valid.append(false); continue }
            out[r] = Int32(y) * Int32(limit) + Int32(p) - 1
            valid.append(true)
        }
        return (Column(name: name, storage: .period(out, frequency), validity: valid.finish(), meta: ColumnMeta(role: .period)), errors)
    }

    /// Why a value is no part.
    struct Problem: Error, Equatable { var message: String }

    /// Each row's whole number (nil for null), or why it is none: not whole, or outside `range`.
    static func wholeNumbers(_ c: Column, what: String, range: ClosedRange<Int64>) throws -> [Result<Int64?, Problem>] {
        func outOfRange(_ text: String) -> Problem {
            Problem(message: what == "year" ? "year \(text) is out of range (years are 1–9999)"
                                            : "\(what) \(text) does not exist (\(what)s are \(range.lowerBound)–\(range.upperBound))")
        }
        func checked(_ v: Int64) -> Result<Int64?, Problem> { range.contains(v) ? .success(v) : .failure(outOfRange("\(v)")) }
        var out = [Result<Int64?, Problem>](repeating: .success(nil), count: c.count)
        for r in 0..<c.count where c.validity.isValid(r) {
            switch c.storage {
            case .int(let v): out[r] = checked(v[r])
            case .float(let v):
                let d = v[r]
                guard d == d.rounded() else { out[r] = .failure(Problem(message: "\(what) \(d) is not a whole number")); continue }
                // Whole but far beyond any year, month or quarter (1e12, inf): out of range, not "not whole".
                guard abs(d) < 1e15 else {
                    out[r] = .failure(outOfRange(!d.isFinite ? (d < 0 ? "-infinity" : "infinity") : abs(d) < 1e18 ? String(Int64(d)) : "\(d)"))
                    continue
                }
                out[r] = checked(Int64(d))
            case .period(let o, .year): out[r] = checked(Int64(o[r]))
            default:
                throw PartError(row: r, message: "the \(what) column '\(c.name)' holds \(c.dataType) values, not whole numbers", columnName: c.name)
            }
        }
        return out
    }
}
