/// Which values of a column are present. Cheap special cases (all valid, all null) let kernels skip
/// the bitmap entirely; otherwise one bit per row, 1 = valid.
public struct Validity: Sendable, Equatable {
    public enum Storage: Sendable, Equatable {
        case allValid
        case allNull
        case bitmap([UInt64], nullCount: Int)
    }

    public private(set) var storage: Storage
    public let count: Int

    public static func allValid(_ count: Int) -> Validity { Validity(storage: .allValid, count: count) }
    public static func allNull(_ count: Int) -> Validity { Validity(storage: .allNull, count: count) }

    init(storage: Storage, count: Int) {
        self.storage = storage
        self.count = count
    }

    /// Builds validity from a bitmap of `count` bits, collapsing to the special cases when it can.
    public init(words: [UInt64], count: Int) {
        var valid = 0
        let full = count / 64
        for w in 0..<min(full, words.count) { valid += words[w].nonzeroBitCount }
        if count % 64 != 0, full < words.count {
            let mask: UInt64 = (1 << UInt64(count % 64)) - 1
            valid += (words[full] & mask).nonzeroBitCount
        }
        self.count = count
        if valid == count { storage = .allValid }
        else if valid == 0 { storage = .allNull }
        else { storage = .bitmap(words, nullCount: count - valid) }
    }

    /// Builds validity from per-row flags.
    public init<S: Sequence>(flags: S) where S.Element == Bool {
        var words: [UInt64] = []
        var n = 0
        for f in flags {
            if n % 64 == 0 { words.append(0) }
            if f { words[n / 64] |= 1 << UInt64(n % 64) }
            n += 1
        }
        self.init(words: words, count: n)
    }

    @inlinable
    public func isValid(_ i: Int) -> Bool {
        switch storage {
        case .allValid: return true
        case .allNull: return false
        case .bitmap(let w, _): return w[i >> 6] & (1 << UInt64(i & 63)) != 0
        }
    }

    public var nullCount: Int {
        switch storage {
        case .allValid: return 0
        case .allNull: return count
        case .bitmap(_, let n): return n
        }
    }

    public var hasNulls: Bool { nullCount > 0 }

    /// The validity of the rows picked by `indices` (in that order).
    public func gathering(_ indices: UnsafeBufferPointer<Int32>) -> Validity {
        switch storage {
        case .allValid: return .allValid(indices.count)
        case .allNull: return .allNull(indices.count)
        case .bitmap(let w, _):
            var out = [UInt64](repeating: 0, count: (indices.count + 63) / 64)
            w.withUnsafeBufferPointer { src in
                for (k, r) in indices.enumerated() {
                    let i = Int(r)
                    if src[i >> 6] & (1 << UInt64(i & 63)) != 0 { out[k >> 6] |= 1 << UInt64(k & 63) }
                }
            }
            return Validity(words: out, count: indices.count)
        }
    }

    /// Rows valid in both.
    public func intersection(_ other: Validity) -> Validity {
        precondition(count == other.count)
        switch (storage, other.storage) {
        case (.allValid, _): return other
        case (_, .allValid): return self
        case (.allNull, _), (_, .allNull): return .allNull(count)
        case (.bitmap(let a, _), .bitmap(let b, _)):
            return Validity(words: zip(a, b).map { $0 & $1 }, count: count)
        }
    }

    /// The bitmap as words (materialising the special cases).
    public var words: [UInt64] {
        switch storage {
        case .allValid:
            var w = [UInt64](repeating: ~0, count: (count + 63) / 64)
            if count % 64 != 0 { w[w.count - 1] = (1 << UInt64(count % 64)) - 1 }
            return w
        case .allNull: return [UInt64](repeating: 0, count: (count + 63) / 64)
        case .bitmap(let w, _): return w
        }
    }
}

/// Accumulates validity while a column is built; allocates a bitmap only once a null appears.
public struct ValidityBuilder: Sendable {
    var words: [UInt64] = []
    var sawNull = false
    public internal(set) var count = 0

    public init() {}

    public init(reservingCapacity n: Int) { words.reserveCapacity((n + 63) / 64) }

    public mutating func append(_ valid: Bool) {
        if !valid && !sawNull {
            sawNull = true
            words = [UInt64](repeating: ~0, count: (count + 63) / 64)
            if count % 64 != 0 { words[words.count - 1] = (1 << UInt64(count % 64)) - 1 }
        }
        if sawNull {
            if count % 64 == 0 { words.append(0) }
            if valid { words[count >> 6] |= 1 << UInt64(count & 63) }
        }
        count += 1
    }

    /// Appends `n` valid flags at once (a word at a time once a bitmap exists; a counter bump before).
    public mutating func appendValid(count n: Int) {
        guard n > 0 else { return }
        guard sawNull else { count += n; return }
        var left = n
        // Fill the partial last word, then whole words.
        let used = count & 63
        if used != 0 {
            let take = min(left, 64 - used)
            let bits: UInt64 = take == 64 ? ~0 : ((1 << UInt64(take)) - 1) << UInt64(used)
            words[words.count - 1] |= bits
            count += take
            left -= take
        }
        if left > 0 {
            let full = left >> 6, rest = left & 63
            words.append(contentsOf: repeatElement(~0 as UInt64, count: full))
            if rest != 0 { words.append((1 << UInt64(rest)) - 1) }
            count += left
        }
    }

    /// The flag of row `i` (`i < count`).
    public func isValid(_ i: Int) -> Bool {
        !sawNull || words[i >> 6] & (1 << UInt64(i & 63)) != 0
    }

    public func finish() -> Validity {
        sawNull ? Validity(words: words, count: count) : .allValid(count)
    }
}

extension ValidityBuilder {
    /// Drops the flags after the first `n`.
    public mutating func truncate(to n: Int) {
        guard n < count else { return }
        if !words.isEmpty {
            words.removeLast(words.count - (n + 63) / 64)
            if n % 64 != 0 { words[words.count - 1] &= (1 << UInt64(n % 64)) - 1 }
        }
        count = n
    }
}
