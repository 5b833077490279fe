import AlmanacCore

/// Finds total rows: rows one of whose text keys says it is a total (`Tổng cộng`, `Total`: `TotalWords`). Each
/// distinct value of a dictionary is read once; the per-row pass only looks a code up in a table of flags, and runs
/// only for the columns some value of which is a total word.
enum TotalRowFilter {
    /// What a table's total rows are.
    struct Found {
        /// The columns (indices into the table) whose values mark totals; bit `b` of a pattern is `columns[b]`.
        var columns: [Int]
        /// The rows set aside, ascending, with the columns that say each is a total.
        var rows: [Int]
        var patterns: [UInt64]
        /// The values that marked them, in order of first appearance.
        var words: [String]
    }

    /// The total rows of a table, or nil when it has none. A column every value of which is a total word (a
    /// `phạm vi` column that says `Tổng` on every row) marks nothing: those rows are the table. Neither does a
    /// set of marks that would leave no row standing.
    static func find(_ table: Table) -> Found? {
        let cols = table.columns
        var columns: [Int] = []
        var flags: [[Bool]] = []
        for (i, c) in cols.enumerated() where ColumnRole.isKey(role: c.meta.role, type: c.dataType) && columns.count < 64 {
            guard case .text(_, let d) = c.storage else { continue }
            var f = [Bool](repeating: false, count: d.count)
            var any = false
            for (k, v) in d.values.enumerated() where TotalWords.isTotal(v) { f[k] = true; any = true }
            if any { columns.append(i); flags.append(f) }
        }
        guard !columns.isEmpty else { return nil }
        let n = table.rowCount
        var pattern = [UInt64](repeating: 0, count: n)
        var kept: [Int] = []
        for (b, i) in columns.enumerated() {
            guard case .text(let codes, _) = cols[i].storage else { continue }
            let f = flags[b], validity = cols[i].validity
            let bit = UInt64(1) << UInt64(kept.count)
            var marked = 0
            codes.withUnsafeBufferPointer { cp in
                f.withUnsafeBufferPointer { fp in
                    for r in 0..<n {
                        let c = Int(cp[r])
                        if c >= 0 && c < fp.count && fp[c] && validity.isValid(r) { pattern[r] |= bit; marked += 1 }
                    }
                }
            }
            if marked == n - validity.nullCount {
                // Every value says total: the column marks nothing.
                for r in 0..<n { pattern[r] &= ~bit }
                continue
            }
            kept.append(i)
        }
        let rows = (0..<n).filter { pattern[$0] != 0 }
        guard !rows.isEmpty, rows.count < n else { return nil }
        var words: [String] = [], seen = Set<String>()
        for r in rows {
            for (b, i) in kept.enumerated() where pattern[r] & (1 << UInt64(b)) != 0 {
                guard case .text(let codes, let d) = cols[i].storage else { continue }
                let w = d.values[Int(codes[r])]
                if seen.insert(w).inserted { words.append(w) }
            }
        }
        return Found(columns: kept, rows: rows, patterns: rows.map { pattern[$0] }, words: words)
    }
}
