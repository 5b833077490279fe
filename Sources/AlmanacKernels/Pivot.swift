import AlmanacCore

/// The wide layout of a pivot.
public struct PivotResult: Sendable {
    /// Row-key columns, then one column per (measure, pivot value).
    public var table: Table
    /// The distinct pivot values in output order (as values, for headers and reports).
    public var pivotValues: [Value]
    /// Rows skipped because their pivot value was null.
    public var nullPivotRows: Int
}

/// Long → wide: one output row per distinct row-key tuple, one column per distinct pivot value.
public enum Pivot {
    /// Largest output grid (rows × pivot values) accepted.
    public static let maxCells = 64 << 20

    /// Pivots `values` by `pivot` with one output row per distinct `rowKeys` tuple.
    ///
    /// - Output rows are in order of first appearance of their key tuple (like `Grouping`); sort afterwards
    ///   if another order is wanted.
    /// - Output columns follow the pivot values in sorted order: periods by ordinal, text in Vietnamese
    ///   collation, numbers numerically, false before true. Rows with a null pivot value are skipped
    ///   (counted in `nullPivotRows`).
    /// - Columns are named by the pivot value's text (`2020`, `2021-Q3`, `Hà Nội`); with several measures
    ///   `measure_value` (`export_2020`). Cells with no row are null; a measure keeps its type.
    /// - Throws: `KernelError.duplicateKey` when two rows share (row key, pivot value) — aggregate first;
    ///   `.tooLarge` past `maxCells`; `TableError.duplicateColumn` when a generated name collides with a key.
    public static func pivot(rowKeys: [Column], pivot: Column, values: [Column]) throws -> PivotResult {
        let n = pivot.count
        try checkRowLimit(n)
        for c in rowKeys + values { try checkLength(c, n) }
        let rows = try Grouping.build(keys: rowKeys, rowCount: n)
        let pv = pivot.validity
        let cols = try Grouping.build(keys: [pivot], rowCount: n)
        // Distinct non-null pivot values in sorted order.
        let reps = Gather.column(pivot, rows: cols.firstRows)
        let order = try Sorting.sortedIndices([SortColumn(reps)], rowCount: reps.count)
        var position = [Int32](repeating: -1, count: cols.groupCount)
        var distinct: [Value] = []
        for g in order where reps.validity.isValid(Int(g)) {
            position[Int(g)] = Int32(distinct.count)
            distinct.append(reps.value(at: Int(g)))
        }
        let p = distinct.count
        let (cellsCount, overflow) = rows.groupCount.multipliedReportingOverflow(by: Swift.max(p, 1))
        guard !overflow, cellsCount <= maxCells else {
            throw KernelError.tooLarge(.pivotCells(rows: rows.groupCount, columns: p))
        }
        var cells = [Int32](repeating: -1, count: cellsCount)
        var nullRows = 0
        for i in 0..<n {
            guard pv.isValid(i) else { nullRows += 1; continue }
            let pos = Int(position[Int(cols.groupIDs[i])])
            if pos < 0 { nullRows += 1; continue }
            let cell = Int(rows.groupIDs[i]) * p + pos
            if cells[cell] >= 0 {
                var dupRows: [Int32] = []
                for j in 0..<n where rows.groupIDs[j] == rows.groupIDs[i] && cols.groupIDs[j] == cols.groupIDs[i] {
                    dupRows.append(Int32(j))
                }
                let parts = rowKeys.map { $0.value(at: i).description } + [pivot.value(at: i).description]
                throw KernelError.duplicateKey(DuplicateKey(keyText: "(" + parts.joined(separator: ", ") + ")",
                                                            rowCount: dupRows.count, rows: dupRows))
            }
            cells[cell] = Int32(i)
        }
        var out = rows.keyColumns(rowKeys)
        let names = distinct.map(\.description)
        for m in values {
            for (k, name) in names.enumerated() {
                let picks = (0..<rows.groupCount).map { cells[$0 * p + k] }
                out.append(Gather.column(m, rows: picks).renamed(values.count > 1 ? "\(m.name)_\(name)" : name))
            }
        }
        return PivotResult(table: try Table(columns: out), pivotValues: distinct, nullPivotRows: nullRows)
    }
}
