import Foundation
import AlmanacCore

/// Checks each total row against the sum of the rows it totals: the data rows that agree with it on every key it
/// does not total. A total row marked in `province` totals the rows of its period (and of its other keys: flow,
/// product); one marked in both `province` and `product` totals the rows of its period, whatever their province and
/// product; a key the total row leaves empty (a blank code beside `Tổng cộng`) is totalled over too.
///
/// Figures differ "beyond rounding" when they differ by more than half a unit of their last written decimal per
/// figure added (the parts and the total each rounded once): with one decimal and four parts, by more than 0.25.
enum TotalRowCheck {
    struct Result {
        var checked = 0
        var mismatches: [(row: Int, measure: Int, total: Double, sum: Double, parts: Int, decimals: Int)] = []
    }

    static func check(_ table: Table, _ found: TotalRowFilter.Found) -> Result {
        let cols = table.columns
        let keys = cols.indices.filter { ColumnRole.isKey(role: cols[$0].meta.role, type: cols[$0].dataType) }.prefix(64).map { $0 }
        let measures = cols.indices.filter { !keys.contains($0) && cols[$0].dataType.isNumeric && cols[$0].meta.role != .attribute }
        guard !measures.isEmpty else { return Result() }
        let n = table.rowCount
        var isTotal = [Bool](repeating: false, count: n)
        for r in found.rows { isTotal[r] = true }
        // Which keys each total row totals over: its marked columns and its empty keys.
        var masks: [UInt64] = []
        for (t, r) in found.rows.enumerated() {
            var m: UInt64 = 0
            for (j, c) in keys.enumerated() {
                if let b = found.columns.firstIndex(of: c), found.patterns[t] & (1 << UInt64(b)) != 0 { m |= 1 << UInt64(j) }
                else if isEmpty(cols[c], r) { m |= 1 << UInt64(j) }
            }
            masks.append(m)
        }
        var result = Result()
        let dataRows = (0..<n).filter { !isTotal[$0] }
        for mask in Set(masks).sorted() {
            let totals = found.rows.indices.filter { masks[$0] == mask }.map { found.rows[$0] }
            let fixed = keys.indices.filter { mask & (1 << UInt64($0)) == 0 }.map { keys[$0] }
            // Group ids: the totals' fixed key values, column by column; a data row keeps up only while its values
            // are some total's.
            var group = [Int32](repeating: 0, count: n)
            var alive = dataRows
            for c in fixed {
                var ids: [Pair: Int32] = [:]
                for r in totals {
                    let p = Pair(group[r], code(cols[c], r))
                    if let g = ids[p] { group[r] = g } else { let g = Int32(ids.count); ids[p] = g; group[r] = g }
                }
                var next: [Int] = []
                next.reserveCapacity(alive.count)
                for r in alive {
                    if let g = ids[Pair(group[r], code(cols[c], r))] { group[r] = g; next.append(r) }
                }
                alive = next
            }
            let groups = Int((totals.map { group[$0] }.max() ?? 0) + 1)
            for m in measures {
                var sums = [Double](repeating: 0, count: groups)
                var counts = [Int](repeating: 0, count: groups)
                var decimals = [Int](repeating: 0, count: groups)
                let col = cols[m]
                for r in alive {
                    guard let v = number(col, r) else { continue }
                    let g = Int(group[r])
                    sums[g] += v
                    counts[g] += 1
                    if col.dataType == .float && decimals[g] < maxDecimals { decimals[g] = max(decimals[g], Self.decimals(v)) }
                }
                for r in totals {
                    guard let total = number(col, r) else { continue }
                    let g = Int(group[r])
                    guard counts[g] > 0 else { continue }
                    result.checked += 1
                    let d = max(decimals[g], col.dataType == .float ? Self.decimals(total) : 0)
                    let tolerance = 0.5 * pow(10, -Double(d)) * Double(counts[g] + 1) + 1e-9 * max(1, abs(total))
                    if abs(total - sums[g]) > tolerance {
                        result.mismatches.append((r, m, total, sums[g], counts[g], d))
                    }
                }
            }
        }
        result.mismatches.sort { ($0.row, $0.measure) < ($1.row, $1.measure) }
        return result
    }

    /// A pair of (group so far, key code) for the group maps.
    struct Pair: Hashable {
        var group: Int32
        var code: Int64
        init(_ g: Int32, _ c: Int64) { group = g; code = c }
    }

    /// A key's value at a row as one integer (nulls apart from every value).
    static func code(_ c: Column, _ r: Int) -> Int64 {
        guard c.validity.isValid(r) else { return Int64.min }
        switch c.storage {
        case .text(let codes, _): return Int64(codes[r])
        case .period(let o, _): return Int64(o[r])
        case .int(let v): return v[r] == Int64.min ? Int64.min + 1 : v[r]
        case .bool(let b): return b[r] ? 1 : 0
        case .float(let v): return Int64(bitPattern: v[r].bitPattern)
        }
    }

    /// A key left empty (null, or blank text).
    static func isEmpty(_ c: Column, _ r: Int) -> Bool {
        guard c.validity.isValid(r) else { return true }
        if case .text(let codes, let d) = c.storage { return d.values[Int(codes[r])].allSatisfy { $0 == " " || $0 == "\t" } }
        return false
    }

    static func number(_ c: Column, _ r: Int) -> Double? {
        guard c.validity.isValid(r) else { return nil }
        switch c.storage {
        case .int(let v): return Double(v[r])
        case .float(let v): return v[r].isFinite ? v[r] : nil
        default: return nil
        }
    }

    static let maxDecimals = 6

    /// The decimals a figure is written with: the fewest (at most 6) that give it back.
    static func decimals(_ v: Double) -> Int {
        var scale = 1.0
        for d in 0..<maxDecimals {
            let x = v * scale
            if abs(x - x.rounded()) <= 16 * x.ulp { return d }
            scale *= 10
        }
        return maxDecimals
    }
}
