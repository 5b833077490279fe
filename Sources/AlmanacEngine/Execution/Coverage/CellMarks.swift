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
