/// A calendar period: a year, a quarter, a month or a day, stored as one integer ordinal so that
/// "previous period" and "one year earlier" are integer arithmetic.
///
/// Ordinals: year → the year number; quarter → `year * 4 + (quarter - 1)`; month → `year * 12 + (month - 1)`;
/// day → days since 1970-01-01. Periods of different frequencies are never equal.
public struct Period: Hashable, Sendable, Comparable, CustomStringConvertible {
    public let frequency: Frequency
    public let ordinal: Int32

    @inlinable
    public init(frequency: Frequency, ordinal: Int32) {
        self.frequency = frequency
        self.ordinal = ordinal
    }

    public static func year(_ y: Int32) -> Period { Period(frequency: .year, ordinal: y) }
    public static func quarter(_ y: Int32, _ q: Int32) -> Period { Period(frequency: .quarter, ordinal: y * 4 + q - 1) }
    public static func month(_ y: Int32, _ m: Int32) -> Period { Period(frequency: .month, ordinal: y * 12 + m - 1) }
    public static func day(_ y: Int32, _ m: Int32, _ d: Int32) -> Period {
        Period(frequency: .day, ordinal: CivilDate.days(year: y, month: m, day: d))
    }

    /// Builds a month or quarter from parts, or nil when the part is out of range.
    public static func checked(year: Int64, month: Int64) -> Period? {
        guard (1...9999).contains(year), (1...12).contains(month) else { return nil }
        return .month(Int32(year), Int32(month))
    }
    public static func checked(year: Int64, quarter: Int64) -> Period? {
        guard (1...9999).contains(year), (1...4).contains(quarter) else { return nil }
        return .quarter(Int32(year), Int32(quarter))
    }

    /// The calendar year the period lies in.
    public var year: Int32 { PeriodMath.year(of: ordinal, frequency) }
    /// 1…4, the quarter the period lies in (a year has none: nil).
    public var quarterOfYear: Int32? { frequency == .year ? nil : PeriodMath.quarterOfYear(ordinal, frequency) }
    /// 1…12, for months and days.
    public var monthOfYear: Int32? {
        switch frequency {
        case .month: return PeriodMath.floorMod(ordinal, 12) + 1
        case .day: return CivilDate.civil(fromDays: ordinal).month
        default: return nil
        }
    }

    /// The period `n` steps later (earlier for negative n) at the same frequency.
    public func advanced(by n: Int32) -> Period { Period(frequency: frequency, ordinal: ordinal &+ n) }

    /// The same period one year earlier; nil for 29 February.
    public var oneYearEarlier: Period? {
        PeriodMath.yearEarlier(ordinal, frequency).map { Period(frequency: frequency, ordinal: $0) }
    }

    /// This period expressed at a coarser (or equal) frequency: `2024-10` as a quarter is `2024-Q4`.
    /// Returns nil when `target` is finer than the period.
    public func converted(to target: Frequency) -> Period? {
        PeriodMath.convert(ordinal, from: frequency, to: target).map { Period(frequency: target, ordinal: $0) }
    }

    /// The first and the last day of the period, as day numbers.
    public var dayRange: ClosedRange<Int32> { PeriodMath.dayRange(ordinal, frequency) }

    /// `2024`, `2024-Q3`, `2024-10`, `2024-10-15`.
    public var description: String { PeriodFormat.string(ordinal, frequency) }

    /// Orders by frequency first, then by ordinal (only same-frequency comparisons are meaningful).
    public static func < (a: Period, b: Period) -> Bool {
        a.frequency == b.frequency ? a.ordinal < b.ordinal : a.frequency < b.frequency
    }
}

/// Ordinal arithmetic shared by `Period` and the column kernels (which work on raw `Int32` ordinals).
public enum PeriodMath {
    @inlinable public static func floorDiv(_ a: Int32, _ b: Int32) -> Int32 {
        let q = a / b
        return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q
    }
    @inlinable public static func floorMod(_ a: Int32, _ b: Int32) -> Int32 { a - floorDiv(a, b) * b }

    @inlinable public static func year(of ordinal: Int32, _ f: Frequency) -> Int32 {
        switch f {
        case .year: return ordinal
        case .quarter: return floorDiv(ordinal, 4)
        case .month: return floorDiv(ordinal, 12)
        case .day: return CivilDate.civil(fromDays: ordinal).year
        }
    }

    @inlinable public static func quarterOfYear(_ ordinal: Int32, _ f: Frequency) -> Int32 {
        switch f {
        case .year: return 1
        case .quarter: return floorMod(ordinal, 4) + 1
        case .month: return floorMod(ordinal, 12) / 3 + 1
        case .day: return (CivilDate.civil(fromDays: ordinal).month - 1) / 3 + 1
        }
    }

    /// The ordinal one year earlier at the same frequency; nil for 29 February.
    @inlinable public static func yearEarlier(_ ordinal: Int32, _ f: Frequency) -> Int32? {
        switch f {
        case .year: return ordinal - 1
        case .quarter: return ordinal - 4
        case .month: return ordinal - 12
        case .day:
            let c = CivilDate.civil(fromDays: ordinal)
            if c.month == 2 && c.day == 29 { return nil }
            return CivilDate.days(year: c.year - 1, month: c.month, day: c.day)
        }
    }

    /// The ordinal of the first period of the same calendar year.
    @inlinable public static func startOfYear(_ ordinal: Int32, _ f: Frequency) -> Int32 {
        switch f {
        case .year: return ordinal
        case .quarter: return floorDiv(ordinal, 4) * 4
        case .month: return floorDiv(ordinal, 12) * 12
        case .day: return CivilDate.days(year: CivilDate.civil(fromDays: ordinal).year, month: 1, day: 1)
        }
    }

    /// Converts an ordinal to a coarser frequency; nil when `to` is finer than `from`.
    @inlinable public static func convert(_ ordinal: Int32, from: Frequency, to: Frequency) -> Int32? {
        if from == to { return ordinal }
        guard to < from else { return nil }
        switch (from, to) {
        case (.quarter, .year): return floorDiv(ordinal, 4)
        case (.month, .year): return floorDiv(ordinal, 12)
        case (.month, .quarter): return floorDiv(ordinal, 3)
        case (.day, _):
            let c = CivilDate.civil(fromDays: ordinal)
            switch to {
            case .year: return c.year
            case .quarter: return c.year * 4 + (c.month - 1) / 3
            default: return c.year * 12 + c.month - 1
            }
        default: return nil
        }
    }

    /// First and last day (day numbers) of a period.
    public static func dayRange(_ ordinal: Int32, _ f: Frequency) -> ClosedRange<Int32> {
        switch f {
        case .day: return ordinal...ordinal
        case .year:
            return CivilDate.days(year: ordinal, month: 1, day: 1)...CivilDate.days(year: ordinal, month: 12, day: 31)
        case .quarter:
            let y = floorDiv(ordinal, 4), q = floorMod(ordinal, 4)
            let m0 = q * 3 + 1, m1 = q * 3 + 3
            return CivilDate.days(year: y, month: m0, day: 1)...CivilDate.days(year: y, month: m1, day: CivilDate.daysInMonth(year: y, month: m1))
        case .month:
            let y = floorDiv(ordinal, 12), m = floorMod(ordinal, 12) + 1
            return CivilDate.days(year: y, month: m, day: 1)...CivilDate.days(year: y, month: m, day: CivilDate.daysInMonth(year: y, month: m))
        }
    }

    /// Length of a period in years (a month is 1/12): used by `cagr` for fractional years.
    @inlinable public static func yearsPerStep(_ f: Frequency) -> Double {
        switch f {
        case .year: return 1
        case .quarter: return 0.25
        case .month: return 1.0 / 12.0
        case .day: return 1.0 / 365.2425
        }
    }
}
