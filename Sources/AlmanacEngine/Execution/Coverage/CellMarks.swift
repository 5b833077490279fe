import AlmanacCore

/// Cells a warning concerns, by column (row → note), as the steps after the one that found them reorder, filter,
/// replace or drop what they hold.
enum CellMarks {
    static func after(_ update: LineageUpdate, _ marks: [String: [Int32: String]]) -> [String: [Int32: String]] {
        switch update {
        case .unchanged: return marks
        case .cleared: return [:]
        case .gathered(let rows):
            // New row k is old row rows[k].
            var out: [String: [Int32: String]] = [:]
            for (column, old) in marks {
                var new: [Int32: String] = [:]
                for (k, r) in rows.enumerated() where r >= 0 { if let note = old[r] { new[Int32(k)] = note } }
                if !new.isEmpty { out[column] = new }
            }
            return out
        case .assigned(let list):
            var out = marks
            for item in list { out[item.name] = nil }
            return out
        case .selected(let passedThrough, _): return marks.filter { passedThrough.contains($0.key) }
        case .steps(let list): return list.reduce(marks) { after($1, $0) }
        }
    }
}

/// Year-to-date columns and the columns they total (`TimeContext.runningTotals`), as later steps keep or replace them.
enum RunningTotals {
    static func after(_ update: LineageUpdate, _ totals: [String: String]) -> [String: String] {
        switch update {
        case .unchanged, .gathered: return totals
        case .cleared: return [:]
        case .assigned(let list):
            let names = Set(list.map(\.name))
            return totals.filter { !names.contains($0.key) && !names.contains($0.value) }
        case .selected(let passedThrough, _): return totals.filter { passedThrough.contains($0.key) && passedThrough.contains($0.value) }
        case .steps(let list): return list.reduce(totals) { after($1, $0) }
        }
    }

    /// The column a `ytd(x)` over a plain column totals.
    static func measure(of e: BoundExpr) -> String? {
        if case .time(.ytd, let args, _, _, _) = e, case .column(let name, _)? = args.first { return name }
        return nil
    }
}
