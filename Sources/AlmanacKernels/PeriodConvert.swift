import AlmanacCore

/// Period column conversions, e.g. a year key derived from a month column before grouping.
public enum PeriodConvert {
    /// The periods at a coarser (or equal) frequency: `2024-10` → `2024-Q4` or `2024`.
    /// - Throws: `KernelError.typeMismatch` when `column` is not a period column or `frequency` is finer.
    public static func convert(_ column: Column, to frequency: Frequency) throws -> Column {
        guard case .period(let o, let f) = column.storage else {
            throw KernelError.typeMismatch(.expectedPeriodColumn(found: column.dataType))
        }
        guard frequency <= f else { throw KernelError.typeMismatch(.convertToFiner(from: f, to: frequency)) }
        if frequency == f { return column }
        var validity = column.validity
        let out: [Int32]
        switch (f, frequency) {
        case (.month, .year): out = floorDivided(o, 12)
        case (.month, .quarter): out = floorDivided(o, 3)
        case (.quarter, .year): out = floorDivided(o, 4)
        default: out = try Comparison.convertOrdinals(o, from: f, to: frequency, &validity)
        }
        var meta = column.meta
        meta.role = .period
        return Column(name: column.name, storage: .period(out, frequency), validity: validity, meta: meta)
    }

    /// `floorDiv(o[i], d)` for every ordinal (`d` > 0), on every core.
    @inline(__always)
    package static func floorDivided(_ o: [Int32], _ d: Int32) -> [Int32] {
        let n = o.count
        return o.withUnsafeBufferPointer { src in
            [Int32](unsafeUninitializedCapacity: n) { out, m in
                forEachChunk(n) { r in
                    for i in r {
                        let x = src[i], q = x / d
                        out[i] = (x < 0 && q &* d != x) ? q &- 1 : q
                    }
                }
                m = n
            }
        }
    }

    /// The calendar year of each period as an integer column.
    public static func year(_ column: Column) throws -> Column {
        let c = try convert(column, to: .year)
        guard case .period(let o, _) = c.storage else { return c }
        return Column(name: column.name, storage: .int(o.map(Int64.init)), validity: c.validity)
    }
}

package extension PeriodConvert {
    /// `later − earlier` for two period columns of one frequency: how many periods apart, as integers (`2022 − 2015`
    /// is 7, `2024-03 − 2023-10` is 5); null where either side is.
    /// - Throws: `KernelError.typeMismatch` unless both are period columns of the same frequency and length.
    public static func steps(from earlier: Column, to later: Column) throws -> Column {
        guard case .period(let a, let fa) = later.storage, case .period(let b, let fb) = earlier.storage, fa == fb, a.count == b.count else {
            throw KernelError.typeMismatch(.periodDifference(later.dataType, earlier.dataType))
        }
        var out = [Int64](repeating: 0, count: a.count)
        for i in 0..<a.count { out[i] = Int64(a[i]) - Int64(b[i]) }
        return Column(name: "", storage: .int(out), validity: later.validity.intersection(earlier.validity))
    }
}

package extension PeriodConvert {
    /// `period + n` / `period − n`: each period moved `n` steps of its own frequency (`2024-10 − 12` is `2023-10`,
    /// `2024-Q1 − 1` is `2023-Q4`). A row is null where either side is null or the result falls outside years 1…9999.
    /// - Throws: `KernelError.typeMismatch` when `periods` is not a period column or `steps` not integers.
    public static func shift(_ periods: Column, by steps: Operand, subtract: Bool) throws -> Column {
        guard case .period(let o, let f) = periods.storage else {
            throw KernelError.typeMismatch(.expectedPeriodColumn(found: periods.dataType))
        }
        let n = o.count
        let stepAt: (Int) -> Int64?
        switch steps {
        case .scalar(.int(let k)): stepAt = { _ in k }
        case .scalar(.null): stepAt = { _ in nil }
        case .column(let c):
            guard case .int(let v) = c.storage, c.count == n else {
                throw KernelError.typeMismatch(.periodSteps(found: c.dataType))
            }
            stepAt = { c.validity.isValid($0) ? v[$0] : nil }
        case .scalar(let v):
            throw KernelError.typeMismatch(.constantPeriodSteps(value: v))
        }
        // Ordinals of 1 January of year 1 … 31 December 9999 at this frequency.
        let bounds: ClosedRange<Int64>
        switch f {
        case .year: bounds = 1...9999
        case .quarter: bounds = 4...(9999 * 4 + 3)
        case .month: bounds = 12...(9999 * 12 + 11)
        case .day: bounds = Int64(CivilDate.days(year: 1, month: 1, day: 1))...Int64(CivilDate.days(year: 9999, month: 12, day: 31))
        }
        var out = [Int32](repeating: 0, count: n)
        var valid = ValidityBuilder(reservingCapacity: n)
        for i in 0..<n {
            guard periods.validity.isValid(i), let k = stepAt(i) else { valid.append(false); continue }
            let (d, overflow) = subtract ? Int64(o[i]).subtractingReportingOverflow(k) : Int64(o[i]).addingReportingOverflow(k)
            guard !overflow, bounds.contains(d) else {
                valid.append(false)
                continue
            }
            out[i] = Int32(d)
            valid.append(true)
        }
        var meta = periods.meta
        meta.unit = nil
        return Column(name: "", storage: .period(out, f), validity: valid.finish(), meta: meta)
    }
}
