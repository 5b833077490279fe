import AlmanacCore
import AlmanacKernels

/// How a computed column relates to others of the same result, so a workbook can write it as a live formula.
public enum ColumnLineage: Sendable {
    /// value / value at `baseRows[r]` − 1 (−1: no base row in the result).
    case growth(of: String, baseRows: [Int32])
    /// value − value at `baseRows[r]`.
    case difference(of: String, baseRows: [Int32])
    /// numerator / denominator, on the same row.
    case ratio(numerator: String, denominator: String)
    /// Arithmetic over columns of the same row (`value / last_year - 1`).
    case expression(FormulaTree)
}

extension ColumnLineage {
    /// The columns the formula reads.
    public var columnsRead: Set<String> {
        switch self {
        case .growth(let of, _), .difference(let of, _): return [of]
        case .ratio(let n, let d): return [n, d]
        case .expression(let t): return Set(t.columns)
        }
    }

    func reads(_ column: String) -> Bool { columnsRead.contains(column) }
}

/// How a step changes what the executor knows of the result's formulas.
enum LineageUpdate {
    /// Same rows, same columns.
    case unchanged
    /// The rows kept, in their new order (a filter, sort or take): base rows are renumbered, a base row left out is -1.
    case gathered([Int32])
    /// New columns whose relation to the others is unknown (aggregate, pivot, compare end every formula).
    case cleared
    /// Columns set in order by a derive or join, each with its formula (or nil); setting one ends the formulas that
    /// read it (d = diff(value); value = value * 2).
    case assigned([(name: String, lineage: ColumnLineage?)])
    /// A select: the columns passed through unchanged under their own name keep their formulas, plus the same-row
    /// arithmetic it computed; a formula survives only if every column it reads is passed through.
    case selected(passedThrough: Set<String>, expressions: [String: ColumnLineage])
    /// Several of the above, in order (an unpivot keeps some columns, then repeats their rows).
    indirect case steps([LineageUpdate])
}

/// The formulas known for the columns of the current table, as the steps change it. A reverse index (column →
/// the formulas that read it) lets a derive end the formulas over a column it replaces without looking at the
/// others, so a step costs in proportion to the columns it sets.
struct LineageMap {
    private(set) var columns: [String: ColumnLineage] = [:]
    /// For each column read by some formula: the names of those formulas.
    private var readers: [String: Set<String>] = [:]

    private mutating func remove(_ name: String) {
        guard let old = columns.removeValue(forKey: name) else { return }
        for c in old.columnsRead {
            readers[c]?.remove(name)
            if readers[c]?.isEmpty == true { readers[c] = nil }
        }
    }

    private mutating func insert(_ name: String, _ l: ColumnLineage) {
        columns[name] = l
        for c in l.columnsRead { readers[c, default: []].insert(name) }
    }

    private mutating func rebuildReaders() {
        readers = [:]
        for (name, l) in columns { for c in l.columnsRead { readers[c, default: []].insert(name) } }
        WorkCounters.lineageVisits.add(columns.count, ordering: .relaxed)
    }

    mutating func apply(_ update: LineageUpdate) {
        switch update {
        case .unchanged:
            break
        case .cleared:
            columns = [:]
            readers = [:]
        case .gathered(let rows):
            guard !columns.isEmpty else { return }
            // Only the formulas with base rows change, in place; the columns they read stay.
            let size = rows.reduce(0) { max($0, Int($1) + 1) }
            var newIndex = [Int32](repeating: -1, count: size)
            for (k, r) in rows.enumerated() { newIndex[Int(r)] = Int32(k) }
            func remap(_ base: [Int32]) -> [Int32] {
                rows.map { r in
                    let b = base[Int(r)]
                    return b < 0 || Int(b) >= newIndex.count ? -1 : newIndex[Int(b)]
                }
            }
            WorkCounters.lineageVisits.add(columns.count, ordering: .relaxed)
            for (name, l) in columns {
                switch l {
                case .growth(let of, let b): columns[name] = .growth(of: of, baseRows: remap(b))
                case .difference(let of, let b): columns[name] = .difference(of: of, baseRows: remap(b))
                case .ratio, .expression: break
                }
            }
        case .assigned(let list):
            for (name, l) in list {
                remove(name)
                if let l { insert(name, l) }
                // A formula over the column's old value (including `value = value * 2` itself) no longer holds.
                if let stale = readers[name] {
                    WorkCounters.lineageVisits.add(stale.count, ordering: .relaxed)
                    for r in stale { remove(r) }
                }
            }
        case .steps(let updates):
            for u in updates { apply(u) }
        case .selected(let passedThrough, let expressions):
            var kept = columns.filter { passedThrough.contains($0.key) }
            for (k, v) in expressions { kept[k] = v }
            columns = kept.filter { $0.value.columnsRead.isSubset(of: passedThrough) }
            rebuildReaders()
        }
    }
}
