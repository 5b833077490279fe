import AlmanacCore

/// The period shapes most files use, read without the general parser: `YYYY-MM` in month columns and
/// `YYYY-MM-DD` in day columns, and `dd/mm/yyyy` (or `mm/dd/yyyy`, by the column's day order) in day columns.
/// Anything else (or out of range) returns nil for the general parser to judge.
enum PeriodFastPath {
    /// `dd/mm/yyyy` or `mm/dd/yyyy` as days since 1970, or nil (another shape, or no such date).
    @inline(__always)
    static func slashedDay(_ p: UnsafePointer<UInt8>, _ n: Int, _ order: DayOrder) -> Int32? {
        guard n == 10, p[2] == UInt8(ascii: "/"), p[5] == UInt8(ascii: "/") else { return nil }
        let a0 = p[0] &- 0x30, a1 = p[1] &- 0x30, b0 = p[3] &- 0x30, b1 = p[4] &- 0x30
        let y0 = p[6] &- 0x30, y1 = p[7] &- 0x30, y2 = p[8] &- 0x30, y3 = p[9] &- 0x30
        guard a0 < 10, a1 < 10, b0 < 10, b1 < 10, y0 < 10, y1 < 10, y2 < 10, y3 < 10 else { return nil }
        let a = Int32(a0) * 10 + Int32(a1), b = Int32(b0) * 10 + Int32(b1)
        let y = Int32(y0) * 1000 + Int32(y1) * 100 + Int32(y2) * 10 + Int32(y3)
        let (d, m) = order == .dayFirst ? (a, b) : (b, a)
        guard y >= 1, m >= 1, m <= 12, CivilDate.isValid(year: y, month: m, day: d) else { return nil }
        return CivilDate.days(year: y, month: m, day: d)
    }

    @inline(__always)
    static func ordinal(_ p: UnsafePointer<UInt8>, _ n: Int, _ freq: Frequency) -> Int32? {
        switch freq {
        case .month:
            guard n == 7, p[4] == UInt8(ascii: "-") else { return nil }
        case .day:
            guard n == 10, p[4] == UInt8(ascii: "-"), p[7] == UInt8(ascii: "-") else { return nil }
        default:
            return nil
        }
        let y0 = p[0] &- 0x30, y1 = p[1] &- 0x30, y2 = p[2] &- 0x30, y3 = p[3] &- 0x30, m0 = p[5] &- 0x30, m1 = p[6] &- 0x30
        guard y0 < 10, y1 < 10, y2 < 10, y3 < 10, m0 < 10, m1 < 10 else { return nil }
        let y = Int32(y0) * 1000 + Int32(y1) * 100 + Int32(y2) * 10 + Int32(y3)
        let m = Int32(m0) * 10 + Int32(m1)
        guard y >= 1, m >= 1, m <= 12 else { return nil }
        if freq == .month { return y * 12 + m - 1 }
        let d0 = p[8] &- 0x30, d1 = p[9] &- 0x30
        guard d0 < 10, d1 < 10 else { return nil }
        let d = Int32(d0) * 10 + Int32(d1)
        guard CivilDate.isValid(year: y, month: m, day: d) else { return nil }
        return CivilDate.days(year: y, month: m, day: d)
    }
}
