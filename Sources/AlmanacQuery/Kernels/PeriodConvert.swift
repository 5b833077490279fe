import AlmanacCore

/// Period column conversions, e.g. a year key derived from a month column before grouping.
public enum PeriodConvert {
    /// The periods at a coarser (or equal) frequency: `2024-10` → `2024-Q4` or `2024`.
    /// - Throws: `KernelError.typeMismatch` when `column` is not a period column or `frequency` is finer.
    public static func convert(_ column: Column, to frequency: Frequency) throws -> Column {
        guard case .period(let o, let f) = column.storage else {
            throw KernelError.typeMismatch("expected a period column, not \(column.dataType)")
        }
        guard frequency <= f else { throw KernelError.typeMismatch("cannot convert period(\(f)) to the finer \(frequency)") }
        if frequency == f { return column }
        var validity = column.validity
        let out: [Int32]
        switch (f, frequency) {
        case (.month, .year): out = o.map { PeriodMath.floorDiv($0, 12) }
        case (.month, .quarter): out = o.map { PeriodMath.floorDiv($0, 3) }
        case (.quarter, .year): out = o.map { PeriodMath.floorDiv($0, 4) }
        default: out = try Comparison.convertOrdinals(o, from: f, to: frequency, &validity)
        }
        var meta = column.meta
        meta.role = .period
        return Column(name: column.name, storage: .period(out, frequency), validity: validity, meta: meta)
    }

    /// The calendar year of each period as an integer column.
    public static func year(_ column: Column) throws -> Column {
        let c = try convert(column, to: .year)
        guard case .period(let o, _) = c.storage else { return c }
        return Column(name: column.name, storage: .int(o.map(Int64.init)), validity: c.validity)
    }
}
