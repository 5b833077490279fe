/// Canonical text of periods: `2024`, `2024-Q3`, `2024-10`, `2024-10-15`.
public enum PeriodFormat {
    public static func string(_ ordinal: Int32, _ f: Frequency) -> String {
        switch f {
        case .year: return year(ordinal)
        case .quarter: return "\(year(PeriodMath.floorDiv(ordinal, 4)))-Q\(PeriodMath.floorMod(ordinal, 4) + 1)"
        case .month: return "\(year(PeriodMath.floorDiv(ordinal, 12)))-\(pad2(PeriodMath.floorMod(ordinal, 12) + 1))"
        case .day:
            let c = CivilDate.civil(fromDays: ordinal)
            return "\(year(c.year))-\(pad2(c.month))-\(pad2(c.day))"
        }
    }

    /// Years as four digits (0999), so that early periods read back as periods.
    @inline(__always) static func year(_ y: Int32) -> String {
        y >= 0 && y < 1000 ? String(repeating: "0", count: 4 - String(y).count) + String(y) : String(y)
    }

    @inline(__always) static func pad2(_ v: Int32) -> String { v < 10 ? "0\(v)" : String(v) }
}
