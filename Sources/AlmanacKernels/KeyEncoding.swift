import AlmanacCore

/// How one key column turns into unsigned integer codes for grouping, joins and series.
///
/// Dense encodings (text, bool, periods, integers with a small range) map every row into `0..<cardinality`,
/// nulls included (nulls take the last code), so several columns combine by mixed radix or bit packing.
/// Wide encodings (floats, integers with a huge range) use the 64-bit pattern and keep nulls apart
/// through the validity.
package struct KeyEncoder {
    package enum Kind { case int, float, bool, text, period, lookup }

    package let kind: Kind
    package let count: Int
    package var ints: [Int64] = []
    package var floats: [Double] = []
    package var bools: [Bool] = []
    package var int32s: [Int32] = []
    /// Validity words, nil when all rows are valid.
    package let valid: [UInt64]?
    /// Subtracted from ints/ordinals in dense mode.
    package var base: Int64 = 0
    /// Whether codes lie in 0..<cardinality (nulls included).
    package var dense = true
    /// Number of codes, the null code included when there are nulls (dense mode only).
    package var cardinality: UInt64 = 1
    /// The code of a null row (dense mode).
    package var nullCode: UInt64 = 0
    /// Text: the dictionary size; codes outside 0..<textCount are read as null.
    package var textCount: Int32 = 0
    /// Lookup: the code of each ordinal `base + k` at `k`, and the null code last (see `init(ordinals:…)`).
    package var lut: [UInt32] = []

    /// Integer ranges up to this size are encoded densely.
    package static let denseIntRange: UInt64 = 1 << 40

    package init(_ column: Column) {
        count = column.count
        let vw = validWords(column.validity)
        valid = vw
        let hasNulls = column.validity.hasNulls
        switch column.storage {
        case .bool(let b):
            kind = .bool
            bools = b
            nullCode = 2
            cardinality = hasNulls ? 3 : 2
        case .text(let c, let d):
            kind = .text
            int32s = c
            textCount = Int32(truncatingIfNeeded: Swift.min(d.count, Int(Int32.max)))
            // Codes out of range count as null, so reserve the null slot whenever one may appear.
            var bad = hasNulls
            if !bad {
                let tc = textCount
                // The largest code read as unsigned (negative codes are huge): one vectorised pass, no branch.
                let top = KeyEncoder.largestUnsigned(c)
                bad = !c.isEmpty && top >= UInt32(bitPattern: tc)
            }
            nullCode = UInt64(textCount)
            cardinality = UInt64(textCount) + (bad ? 1 : 0)
        case .period(let o, _):
            kind = .period
            int32s = o
            let (lo, hi, any) = KeyEncoder.range32(o, vw)
            base = any ? Int64(lo) : 0
            let span = any ? UInt64(Int64(hi) - Int64(lo) + 1) : 0
            nullCode = span
            cardinality = span + (hasNulls ? 1 : 0)
        case .int(let v):
            kind = .int
            ints = v
            let (lo, hi, any) = KeyEncoder.range64(v, vw)
            let width = UInt64(bitPattern: hi &- lo)  // exact as unsigned
            if !any {
                nullCode = 0
                cardinality = 1
            } else if width < KeyEncoder.denseIntRange {
                base = lo
                nullCode = width + 1
                cardinality = width + 1 + (hasNulls ? 1 : 0)
            } else {
                dense = false
            }
        case .float(let v):
            kind = .float
            floats = v
            dense = false
        }
        if cardinality == 0 { cardinality = 1 }
    }

    package static func range32(_ o: [Int32], _ vw: [UInt64]?) -> (Int32, Int32, Bool) { range(o, vw) }

    package static func range64(_ o: [Int64], _ vw: [UInt64]?) -> (Int64, Int64, Bool) { range(o, vw) }

    /// Smallest and largest valid value (`vw`: validity words, nil = all valid), and whether there was any.
    @inline(__always)
    package static func range<T: FixedWidthInteger>(_ o: [T], _ vw: [UInt64]?) -> (T, T, Bool) {
        var lo = T.max, hi = T.min, any = false
        o.withUnsafeBufferPointer { p in
            if let vw = vw {
                forEachValid(0..<p.count, vw) { i in
                    let x = p[i]; any = true
                    if x < lo { lo = x }
                    if x > hi { hi = x }
                }
            } else {
                // Every core takes a chunk; the chunks' extremes are combined after.
                let chunks = chunkCount(p.count)
                var los = [T](repeating: T.max, count: chunks), his = [T](repeating: T.min, count: chunks)
                los.withUnsafeMutableBufferPointer { lp in
                    his.withUnsafeMutableBufferPointer { hp in
                        forEachChunk(p.count, chunks: chunks) { k, r in
                            var l = T.max, h = T.min
                            for i in r { let x = p[i]; l = Swift.min(l, x); h = Swift.max(h, x) }
                            lp[k] = l; hp[k] = h
                        }
                    }
                }
                lo = los.min() ?? T.max
                hi = his.max() ?? T.min
                any = p.count > 0
            }
        }
        return (lo, hi, any)
    }

    /// The largest of `codes` read as unsigned (a negative code is huge), on every core; 0 when empty.
    package static func largestUnsigned(_ codes: [Int32]) -> UInt32 {
        let chunks = chunkCount(codes.count)
        var tops = [UInt32](repeating: 0, count: chunks)
        codes.withUnsafeBufferPointer { p in
            tops.withUnsafeMutableBufferPointer { tp in
                forEachChunk(p.count, chunks: chunks) { k, r in
                    var t: UInt32 = 0
                    for i in r { t = Swift.max(t, UInt32(bitPattern: p[i])) }
                    tp[k] = t
                }
            }
        }
        return tops.max() ?? 0
    }

    /// Bits a dense code needs (0 for a single code); 64 for wide columns (plus the caller's null concern).
    package var bitWidth: Int {
        if !dense { return 64 }
        return cardinality <= 1 ? 0 : 64 - (cardinality - 1).leadingZeroBitCount
    }

    /// Whether a wide column has nulls that its 64-bit code cannot tell apart.
    package var wideWithNulls: Bool { !dense && valid != nil }

    @inline(__always)
    package static func floatBits(_ x: Double) -> UInt64 {
        if x == 0 { return 0 }           // -0.0 and 0.0 are one key
        if x.isNaN { return 0x7FF8_0000_0000_0000 }
        return x.bitPattern
    }

    /// The code of one row (random access; used for equality checks and small loops).
    @inline(__always)
    package func code(_ i: Int) -> UInt64 {
        if let vw = valid, vw[i &>> 6] & (1 &<< UInt64(i & 63)) == 0 { return dense ? nullCode : 0 }
        switch kind {
        case .bool: return bools[i] ? 1 : 0
        case .text:
            let c = int32s[i]
            return (c >= 0 && c < textCount) ? UInt64(c) : nullCode
        case .period: return UInt64(bitPattern: Int64(int32s[i]) &- base)
        case .int: return dense ? UInt64(bitPattern: ints[i] &- base) : UInt64(bitPattern: ints[i])
        case .float: return KeyEncoder.floatBits(floats[i])
        case .lookup: return UInt64(lut[lookupIndex(int32s[i])])
        }
    }

    /// Whether row `i` is valid (text codes out of range count as null).
    @inline(__always)
    package func isValid(_ i: Int) -> Bool {
        if let vw = valid, vw[i &>> 6] & (1 &<< UInt64(i & 63)) == 0 { return false }
        if kind == .text { let c = int32s[i]; return c >= 0 && c < textCount }
        if kind == .lookup { return code(i) != nullCode }
        return true
    }

    /// `out[k] = out[k] &* 1 &+ code(lo + k) &* multiplier` for the rows `lo..<lo+out.count`:
    /// the accumulation step of both mixed-radix and bit-packed keys. One plain loop per kind (no closure per row).
    package func accumulate(into out: UnsafeMutableBufferPointer<UInt64>, from lo: Int, multiplier m: UInt64) {
        let n = out.count
        let nullC = dense ? nullCode : 0
        switch kind {
        case .bool:
            bools.withUnsafeBufferPointer { p in
                let q = UnsafeBufferPointer(rebasing: p[lo..<(lo + n)])
                for k in 0..<n { out[k] = out[k] &+ (q[k] ? m : 0) }
            }
        case .text:
            let tc = UInt32(bitPattern: textCount), nc = nullCode
            int32s.withUnsafeBufferPointer { p in
                let q = UnsafeBufferPointer(rebasing: p[lo..<(lo + n)])
                for k in 0..<n {
                    let c = UInt32(bitPattern: q[k])
                    out[k] = out[k] &+ (c < tc ? UInt64(c) : nc) &* m
                }
            }
        case .period:
            let b = base
            int32s.withUnsafeBufferPointer { p in
                let q = UnsafeBufferPointer(rebasing: p[lo..<(lo + n)])
                for k in 0..<n { out[k] = out[k] &+ UInt64(bitPattern: Int64(q[k]) &- b) &* m }
            }
        case .int:
            let b = dense ? base : 0
            ints.withUnsafeBufferPointer { p in
                let q = UnsafeBufferPointer(rebasing: p[lo..<(lo + n)])
                for k in 0..<n { out[k] = out[k] &+ UInt64(bitPattern: q[k] &- b) &* m }
            }
        case .float:
            floats.withUnsafeBufferPointer { p in
                let q = UnsafeBufferPointer(rebasing: p[lo..<(lo + n)])
                for k in 0..<n { out[k] = out[k] &+ KeyEncoder.floatBits(q[k]) &* m }
            }
        case .lookup:
            let b = base, top = UInt64(lut.count - 1)
            int32s.withUnsafeBufferPointer { p in
                lut.withUnsafeBufferPointer { t in
                    let q = UnsafeBufferPointer(rebasing: p[lo..<(lo + n)])
                    for k in 0..<n {
                        let j = Swift.min(UInt64(bitPattern: Int64(q[k]) &- b), top)
                        out[k] = out[k] &+ UInt64(t[Int(truncatingIfNeeded: j)]) &* m
                    }
                }
            }
        }
        // Null rows: take back what was added and add the null code instead.
        guard let vw = valid else { return }
        vw.withUnsafeBufferPointer { w in
            forEachValidInverse(lo..<(lo + n), w) { i in
                let k = i &- lo
                out[k] = out[k] &- code(unmasked: i) &* m &+ nullC &* m
            }
        }
    }

    /// The code row `i` would have if it were valid (what `accumulate`'s plain loop added for it).
    @inline(__always)
    package func code(unmasked i: Int) -> UInt64 {
        switch kind {
        case .bool: return bools[i] ? 1 : 0
        case .text:
            let c = UInt32(bitPattern: int32s[i])
            return c < UInt32(bitPattern: textCount) ? UInt64(c) : nullCode
        case .period: return UInt64(bitPattern: Int64(int32s[i]) &- base)
        case .int: return UInt64(bitPattern: ints[i] &- (dense ? base : 0))
        case .float: return KeyEncoder.floatBits(floats[i])
        case .lookup: return UInt64(lut[lookupIndex(int32s[i])])
        }
    }
}

/// Calls `body(i)` for each row of `rows` whose bit is clear in `w` (the null rows), skipping all-valid words.
@inline(__always)
package func forEachValidInverse(_ rows: Range<Int>, _ w: UnsafeBufferPointer<UInt64>, _ body: (Int) -> Void) {
    var i = rows.lowerBound
    let end = rows.upperBound
    while i < end {
        let shift = i & 63
        let wordEnd = Swift.min(i - shift + 64, end)
        var bits = ~w[i &>> 6] &>> UInt64(shift)
        let width = wordEnd - i
        if width < 64 { bits &= (1 &<< UInt64(width)) &- 1 }
        while bits != 0 {
            body(i + bits.trailingZeroBitCount)
            bits &= bits &- 1
        }
        i = wordEnd
    }
}
