import AlmanacCore
import AlmanacKernels

/// A grouping key computed from one period column alone (`year = year(period)`, `q = quarter(period)`): the table has
/// few distinct periods and many rows, so the key is computed once per period of the column's range instead of once
/// per row, rows are encoded through that lookup (`KeyEncoder(ordinals:…)`), and the key column is built for the
/// groups only. The values are those the expression gives row by row: it is evaluated by the same evaluator, over
/// a column holding each ordinal of the range once and a null.
struct DerivedPeriodKey {
    let encoder: KeyEncoder
    /// The key for each ordinal of the range, then for a null period.
    let values: Column

    /// Ranges wider than this, or tables with fewer rows per distinct period, are computed row by row.
    static let largestRange = 1 << 20

    /// The lookup for `expr` over `input`, or nil when the key is not such a function (or the lookup would not pay).
    static func make(_ expr: BoundExpr, over input: Table) -> DerivedPeriodKey? {
        if case .column = expr { return nil }
        guard !expr.hasTimeFunction, !expr.needsWholeSeries, expr.columns.count == 1, let name = expr.columns.first,
              let source = input.column(named: name), case .period(let ords, let freq) = source.storage else { return nil }
        let (lo, hi, any) = KeyEncoder.range32(ords, validWords(source.validity))
        guard any else { return nil }
        let span = Int(hi) - Int(lo) + 1
        guard span < largestRange, (span + 1) * 4 <= input.rowCount else { return nil }
        var range = (0..<span).map { Int32(truncatingIfNeeded: Int(lo) + $0) }
        range.append(0)
        var valid = ValidityBuilder(reservingCapacity: span + 1)
        valid.appendValid(count: span)
        valid.append(false)
        let column = Column(name: name, storage: .period(range, freq), validity: valid.finish(), meta: source.meta)
        guard let table = try? Table(columns: [column]) else { return nil }
        var ev = ExprEvaluator(table: table)
        guard let values = try? ev.column(expr), values.count == span + 1,
              let encoder = KeyEncoder(ordinals: ords, validity: source.validity, lo: lo, values: values) else { return nil }
        return DerivedPeriodKey(encoder: encoder, values: values)
    }

    /// The key of each group, from the group's first row.
    func keyColumn(firstRows: [Int32]) -> Column {
        Gather.column(values, rows: firstRows.map { encoder.lookupRow(Int($0)) })
    }
}

/// One key of an aggregate: a column computed row by row, or a key looked up from a period column.
enum GroupKey {
    case computed(Column)
    case derived(DerivedPeriodKey)

    var encoder: KeyEncoder {
        switch self {
        case .computed(let c): return KeyEncoder(c)
        case .derived(let d): return d.encoder
        }
    }

    /// The key's value for each group, from the group's first row.
    func column(firstRows: [Int32]) -> Column {
        switch self {
        case .computed(let c): return Gather.column(c, rows: firstRows)
        case .derived(let d): return d.keyColumn(firstRows: firstRows)
        }
    }
}
