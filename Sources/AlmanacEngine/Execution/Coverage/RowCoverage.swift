import AlmanacCore
import AlmanacKernels

/// What each row of an aggregated table holds: the sub-series it summed (the combinations of the dimensions the
/// aggregate summed away, such as the gates under a province-month) and how many finer periods (10 of 12 months).
///
/// Made by `AggregateOperator` when a function reaching across periods follows (see `CoverageNeeds`), carried by the
/// executor through the steps that keep rows (a filter, sort or take renumbers them; a derive or select keeps them)
/// and ended by those that make new rows (pivot, compare, join never changes rows). The series functions consult it
/// to tell a like-for-like comparison from one whose two sides sum different series.
///
/// Storage is compressed rows: the members of aggregated row `r` are `members[offsets[r] ..< offsets[r + 1]]`,
/// ascending sub-series ids; a filter only changes `rows` (current row → aggregated row), never the members.
struct RowCoverage: Sendable {
    /// The dimensions summed away, in the input's order (`gate`).
    let dimensions: [String]
    /// The values of those dimensions, one row per sub-series id (for naming them in a warning).
    let memberKeys: MemberKeys
    let offsets: [Int32]
    let members: [Int32]
    /// Distinct finer periods per aggregated row, and their frequency (nil when the aggregate kept the period key).
    let finerPeriods: [Int32]?
    let finerFrequency: Frequency?
    /// Per additive output column (`sum(x)`, `count()`, `sum(x) / 1e6`): its value per member, aligned with
    /// `members` (NaN where null). What `matched` sums over the members present on both sides.
    var memberValues: [String: [Double]]
    /// The aggregated row of each current row (nil: the identity).
    var rows: [Int32]?

    /// Rows of the current table.
    var rowCount: Int { rows?.count ?? (offsets.count - 1) }

    @inline(__always)
    func aggregated(_ row: Int) -> Int { rows.map { Int($0[row]) } ?? row }

    /// The member range of current row `row` in `members`.
    @inline(__always)
    func range(_ row: Int) -> Range<Int> {
        let r = aggregated(row)
        return Int(offsets[r])..<Int(offsets[r + 1])
    }

    /// Whether two current rows sum the same sub-series and the same number of finer periods.
    @inline(__always)
    func same(_ a: Int, _ b: Int) -> Bool {
        let ra = aggregated(a), rb = aggregated(b)
        if ra == rb { return true }
        if let f = finerPeriods, f[ra] != f[rb] { return false }
        return sameMembers(a, b)
    }

    /// Whether two current rows sum the same sub-series (whatever their finer periods).
    @inline(__always)
    func sameMembers(_ a: Int, _ b: Int) -> Bool {
        let ra = aggregated(a), rb = aggregated(b)
        if ra == rb { return true }
        let la = Int(offsets[ra]), ha = Int(offsets[ra + 1]), lb = Int(offsets[rb]), hb = Int(offsets[rb + 1])
        guard ha - la == hb - lb else { return false }
        return members.withUnsafeBufferPointer { m in
            var i = la, j = lb
            while i < ha {
                if m[i] != m[j] { return false }
                i += 1
                j += 1
            }
            return true
        }
    }

    /// The coverage after a filter, sort or take kept `kept` (rows of the current table, in their new order).
    func gathering(_ kept: [Int32]) -> RowCoverage {
        var c = self
        c.rows = kept.map { Int32(aggregated(Int($0))) }
        return c
    }

    /// The coverage after a step that keeps (or reorders) the aggregated rows; nil once a step makes new rows.
    func after(_ update: LineageUpdate) -> RowCoverage? {
        switch update {
        case .unchanged: return self
        case .gathered(let rows): return gathering(rows)
        case .cleared: return nil
        case .assigned(let list): return replacing(list.map(\.name))
        case .selected(let passedThrough, _): return keeping(passedThrough)
        case .steps(let list):
            var c: RowCoverage? = self
            for u in list { c = c?.after(u) }
            return c
        }
    }

    /// The coverage once these columns changed value (their member values no longer hold).
    func replacing(_ names: some Sequence<String>) -> RowCoverage {
        var c = self
        for n in names { c.memberValues[n] = nil }
        return c
    }

    /// The coverage after a select: member values follow the columns passed through under their own name.
    func keeping(_ names: Set<String>) -> RowCoverage {
        var c = self
        c.memberValues = memberValues.filter { names.contains($0.key) }
        return c
    }

    /// A member's name as a reader knows it: `A`, or `(A, x)` over several dimensions.
    func memberName(_ id: Int32) -> String {
        let texts = memberKeys.values(id).map(\.description)
        return texts.count == 1 ? texts[0] : "(" + texts.joined(separator: ", ") + ")"
    }
}

/// How a sub-series id names its dimensions' values: a row of columns gathered one per id, or a mixed-radix code
/// over the dimensions' encodings (what an aggregate with few enough combinations makes, without a grouping).
enum MemberKeys: Sendable {
    case gathered([Column])
    case slots(MemberSlots)

    func values(_ id: Int32) -> [Value] {
        switch self {
        case .gathered(let columns): return columns.map { $0.value(at: Int(id)) }
        case .slots(let s): return s.values(Int(id))
        }
    }

    /// Every id is below this.
    var idLimit: Int {
        switch self {
        case .gathered(let columns): return columns.first?.count ?? 1
        case .slots(let s): return s.width
        }
    }
}

extension RowCoverage {
    /// The sums, over the members of `row` and `base` present (and non-null) on both sides, of `values` on each
    /// side: what a like-for-like growth compares. Nil when no member is on both sides.
    @inline(__always)
    func matchedSums(_ values: [Double], row: Int, base: Int) -> (current: Double, base: Double)? {
        let a = range(row), b = range(base)
        return members.withUnsafeBufferPointer { m in
            values.withUnsafeBufferPointer { v in
                var i = a.lowerBound, j = b.lowerBound
                var cur = 0.0, old = 0.0, any = false
                while i < a.upperBound && j < b.upperBound {
                    if m[i] < m[j] { i += 1 } else if m[i] > m[j] { j += 1 } else {
                        let x = v[i], y = v[j]
                        if !x.isNaN && !y.isNaN { cur += x; old += y; any = true }
                        i += 1
                        j += 1
                    }
                }
                return any ? (cur, old) : nil
            }
        }
    }

    /// The members of `row` absent from `base`, and of `base` absent from `row`, each with its full count (for a
    /// warning's few examples: called for a handful of rows only).
    /// One merge of the two sorted member lists: no set, no allocation beyond the few ids kept.
    func differences(row: Int, base: Int, limit: Int) -> (onlyRow: [Int32], onlyRowCount: Int, onlyBase: [Int32], onlyBaseCount: Int) {
        let a = range(row), b = range(base)
        var onlyA: [Int32] = [], onlyB: [Int32] = []
        var countA = 0, countB = 0
        var i = a.lowerBound, j = b.lowerBound
        while i < a.upperBound || j < b.upperBound {
            if j == b.upperBound || (i < a.upperBound && members[i] < members[j]) {
                if onlyA.count < limit { onlyA.append(members[i]) }
                countA += 1
                i += 1
            } else if i == a.upperBound || members[j] < members[i] {
                if onlyB.count < limit { onlyB.append(members[j]) }
                countB += 1
                j += 1
            } else {
                i += 1
                j += 1
            }
        }
        return (onlyA, countA, onlyB, countB)
    }

    /// How many sub-series a row sums.
    func memberCount(_ row: Int) -> Int { range(row).count }

    func memberIDs(_ row: Int) -> [Int32] { Array(members[range(row)]) }

    func finerCount(_ row: Int) -> Int? { finerPeriods.map { Int($0[aggregated(row)]) } }
}
