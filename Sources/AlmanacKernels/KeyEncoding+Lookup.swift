import AlmanacCore

extension KeyEncoder {
    /// Encodes rows by a key that is a function of one period column (`year(period)`, `quarter(period)`…) without
    /// computing that key row by row: `values` holds the key for each ordinal of `lo...lo + values.count − 2` and,
    /// last, for a null period; each row's code is looked up from its ordinal. The codes are those of
    /// `KeyEncoder(values)`, so grouping by the lookup groups exactly as grouping by the computed key column would.
    /// Returns nil when that encoding is not dense (then the caller computes the column instead).
    package init?(ordinals: [Int32], validity: Validity, lo: Int32, values: Column) {
        let inner = KeyEncoder(values)
        guard inner.dense, values.count >= 1 else { return nil }
        kind = .lookup
        count = ordinals.count
        int32s = ordinals
        valid = validWords(validity)
        base = Int64(lo)
        cardinality = inner.cardinality
        lut = (0..<values.count).map { UInt32(truncatingIfNeeded: inner.code($0)) }
        // Null rows (and any ordinal outside the range, which only a null row can hold) take the last entry's code.
        nullCode = UInt64(lut[values.count - 1])
    }

    /// The lookup entry of an ordinal: its offset from `base`, or the null entry when outside the range.
    @inline(__always)
    package func lookupIndex(_ ordinal: Int32) -> Int {
        Int(truncatingIfNeeded: Swift.min(UInt64(bitPattern: Int64(ordinal) &- base), UInt64(lut.count - 1)))
    }

    /// The entry of `values` that row `i` takes (its ordinal's, or the null entry for a null row).
    package func lookupRow(_ i: Int) -> Int32 {
        if let vw = valid, vw[i &>> 6] & (1 &<< UInt64(i & 63)) == 0 { return Int32(truncatingIfNeeded: lut.count - 1) }
        return Int32(truncatingIfNeeded: lookupIndex(int32s[i]))
    }
}
