import AlmanacCore

/// One row whose sum does not hold what its base row's holds (the first few of a `coverageDiffers` fact): the
/// sub-series each side sums (`2024-03 sums gates A, B; 2023-03 sums B only`) and their finer periods.
public struct CoverageDifference: Hashable, Sendable {
    /// The row's period and its base's: `2024-03`, `2023-03`.
    public var period: String
    public var basePeriod: String
    /// The row's series (its keys besides the period), `(Cao Bằng, export)`; nil when the table is one series.
    public var series: String?
    /// What each side sums: the first few members by name, and how many in all.
    public var current: [String]
    public var currentCount: Int
    public var base: [String]
    public var baseCount: Int
    /// The members on one side only: the first few, and how many.
    public var onlyCurrent: [String]
    public var onlyCurrentCount: Int
    public var onlyBase: [String]
    public var onlyBaseCount: Int
    /// The finer periods each side sums, when they differ (10 and 12 months), and their unit.
    public var currentPeriods: Int?
    public var basePeriods: Int?
    public var periodUnit: Frequency?

    public init(period: String, basePeriod: String, series: String? = nil, current: [String], currentCount: Int, base: [String], baseCount: Int,
                onlyCurrent: [String], onlyCurrentCount: Int, onlyBase: [String], onlyBaseCount: Int,
                currentPeriods: Int? = nil, basePeriods: Int? = nil, periodUnit: Frequency? = nil) {
        self.period = period
        self.basePeriod = basePeriod
        self.series = series
        self.current = current
        self.currentCount = currentCount
        self.base = base
        self.baseCount = baseCount
        self.onlyCurrent = onlyCurrent
        self.onlyCurrentCount = onlyCurrentCount
        self.onlyBase = onlyBase
        self.onlyBaseCount = onlyBaseCount
        self.currentPeriods = currentPeriods
        self.basePeriods = basePeriods
        self.periodUnit = periodUnit
    }

    /// Whether the members differ (not only the finer periods).
    public var membersDiffer: Bool { onlyCurrentCount > 0 || onlyBaseCount > 0 }
    /// Whether the two sides sum no member in common (a like-for-like growth of them is null).
    public var sharesNone: Bool { onlyCurrentCount == currentCount && onlyBaseCount == baseCount }
}

/// One row of a growth of running totals whose window holds other periods than its base's (`yoy(ytd(x))` of
/// 2024-03 sums 2024-01 … 2024-03, its base 2023-01 and 2023-03 only).
public struct WindowDifference: Hashable, Sendable {
    public var period: String
    public var basePeriod: String
    public var series: String?
    /// The periods each window holds (with a value), in order.
    public var current: [String]
    public var base: [String]

    public init(period: String, basePeriod: String, series: String? = nil, current: [String], base: [String]) {
        self.period = period
        self.basePeriod = basePeriod
        self.series = series
        self.current = current
        self.base = base
    }
}
