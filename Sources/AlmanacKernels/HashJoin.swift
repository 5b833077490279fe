import AlmanacCore

/// A left join's row mapping.
public struct LeftJoin: Sendable {
    /// For each left row, the matching lookup row, or −1.
    public let lookupRows: [Int32]
    /// Left rows without a match.
    public let unmatchedCount: Int

    /// The lookup table's `columns` laid out along the left rows (null where unmatched).
    public func gather(_ columns: [Column]) -> [Column] {
        columns.map { Gather.column($0, rows: lookupRows) }
    }
}

/// Left join of a table against a lookup table with unique keys.
public enum HashJoin {
    /// Matches each left row to the lookup row with equal keys.
    ///
    /// - Keys pair up by position (`leftKeys[k]` with `lookupKeys[k]`). Text matches by value across two
    ///   dictionaries (NFC; each lookup value is mapped into the left dictionary once); periods need the same
    ///   frequency and match by ordinal; integers by value, floats by value (−0.0 = 0.0); an integer key may
    ///   meet a float key (compared as floats).
    /// - A null key never matches (SQL). Lookup rows with null keys are ignored.
    /// - Throws: `KernelError.duplicateKey` naming the first key tuple found on two lookup rows (with how many
    ///   lookup rows share it); `.typeMismatch` for incompatible key types; `.lengthMismatch`.
    public static func left(leftKeys: [Column], lookupKeys: [Column]) throws -> LeftJoin {
        guard leftKeys.count == lookupKeys.count else {
            throw KernelError.invalidArgument(.joinKeyCount(left: leftKeys.count, lookup: lookupKeys.count))
        }
        let nl = leftKeys.first?.count ?? 0
        let nr = lookupKeys.first?.count ?? 0
        for c in leftKeys { try checkLength(c, nl) }
        for c in lookupKeys { try checkLength(c, nr) }
        try checkRowLimit(nl + nr)
        if leftKeys.isEmpty {
            guard nr <= 1 else {
                throw KernelError.duplicateKey(DuplicateKey(keyText: "()", rowCount: nr, rows: (0..<Int32(nr)).map { $0 }))
            }
            return LeftJoin(lookupRows: [Int32](repeating: nr == 1 ? 0 : -1, count: nl), unmatchedCount: nr == 1 ? 0 : nl)
        }
        // One key column per position over left rows then lookup rows, in one code space.
        var combined: [Column] = []
        var anyNull = [Bool](repeating: false, count: nl + nr)
        for (a, b) in zip(leftKeys, lookupKeys) {
            let c = try concatenate(a, b)
            for i in 0..<(nl + nr) where !c.validity.isValid(i) { anyNull[i] = true }
            combined.append(c)
        }
        let g = try Grouping.build(keys: combined, rowCount: nl + nr)
        var lookupOf = [Int32](repeating: -1, count: g.groupCount)
        for j in 0..<nr where !anyNull[nl + j] {
            let k = Int(g.groupIDs[nl + j])
            if lookupOf[k] >= 0 {
                var rows: [Int32] = []
                for r in 0..<nr where g.groupIDs[nl + r] == g.groupIDs[nl + j] { rows.append(Int32(r)) }
                let text = "(" + lookupKeys.map { $0.value(at: j).description }.joined(separator: ", ") + ")"
                throw KernelError.duplicateKey(DuplicateKey(keyText: text, rowCount: rows.count, rows: rows))
            }
            lookupOf[k] = Int32(j)
        }
        var out = [Int32](repeating: -1, count: nl)
        var unmatched = 0
        for i in 0..<nl {
            if !anyNull[i] { out[i] = lookupOf[Int(g.groupIDs[i])] }
            if out[i] < 0 { unmatched += 1 }
        }
        return LeftJoin(lookupRows: out, unmatchedCount: unmatched)
    }

    /// `a`'s rows followed by `b`'s, in one storage (text on a merged dictionary).
    package static func concatenate(_ a: Column, _ b: Column) throws -> Column {
        let validity = Validity(words: concatBits(a.validity, b.validity), count: a.count + b.count)
        let storage: ColumnStorage
        switch (a.storage, b.storage) {
        case (.text(let x, let d1), .text(let y, let d2)):
            let (union, map) = unionDictionary(d1, d2)
            storage = .text(x + remap(y, map), union)
        case (.period(let x, let f), .period(let y, let g)):
            guard f == g else { throw KernelError.typeMismatch(.unjoinable(.period(f), .period(g))) }
            storage = .period(x + y, f)
        case (.int(let x), .int(let y)): storage = .int(x + y)
        case (.bool(let x), .bool(let y)): storage = .bool(x + y)
        case (.float(let x), .float(let y)): storage = .float(x + y)
        case (.int(let x), .float(let y)): storage = .float(x.map(Double.init) + y)
        case (.float(let x), .int(let y)): storage = .float(x + y.map(Double.init))
        default: throw KernelError.typeMismatch(.unjoinable(a.dataType, b.dataType))
        }
        return Column(name: a.name, storage: storage, validity: validity)
    }

    package static func concatBits(_ a: Validity, _ b: Validity) -> [UInt64] {
        var w = a.words
        let n = a.count
        w.append(contentsOf: [UInt64](repeating: 0, count: wordCount(n + b.count) - w.count))
        let bw = b.words
        for j in 0..<b.count where bw[j >> 6] & (1 << UInt64(j & 63)) != 0 {
            let i = n + j
            w[i >> 6] |= 1 << UInt64(i & 63)
        }
        return w
    }
}
