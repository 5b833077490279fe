import AlmanacCore
import Dispatch
import Foundation

/// A typed result buffer with its validity: what most kernels return. Slots of null rows hold an
/// unspecified value (usually zero) and must be read through `validity`.
public struct Masked<Element> {
    public var values: [Element]
    public var validity: Validity

    public init(values: [Element], validity: Validity) {
        self.values = values
        self.validity = validity
    }

    public var count: Int { values.count }

    /// The element at `row`, or nil when null (slow path: tests and display).
    public subscript(row: Int) -> Element? {
        guard row >= 0, row < values.count, validity.isValid(row) else { return nil }
        return values[row]
    }
}

extension Masked: Sendable where Element: Sendable {}

package extension Masked where Element == Double {
    /// A float column named `name`.
    public func column(_ name: String, meta: ColumnMeta = ColumnMeta()) -> Column {
        Column(name: name, storage: .float(values), validity: validity, meta: meta)
    }
}

package extension Masked where Element == Int64 {
    /// An integer column named `name`.
    public func column(_ name: String, meta: ColumnMeta = ColumnMeta()) -> Column {
        Column(name: name, storage: .int(values), validity: validity, meta: meta)
    }
}

package extension Masked where Element == Bool {
    /// A boolean column named `name`.
    public func column(_ name: String, meta: ColumnMeta = ColumnMeta()) -> Column {
        Column(name: name, storage: .bool(values), validity: validity, meta: meta)
    }
}

// MARK: - Internal helpers

@usableFromInline package let parallelThreshold = 1 << 17

/// The cores this machine has: how many chunks a parallel kernel splits its rows into.
package let coreCount = Swift.max(1, ProcessInfo.processInfo.activeProcessorCount)

/// Fewest rows worth a chunk of their own once a kernel runs in parallel.
@usableFromInline package let minChunkRows = 1 << 14

/// How many chunks `forEachChunk` splits `n` rows into: one below `threshold`, else one per core (never a chunk
/// under `minChunkRows`).
@inline(__always)
package func chunkCount(_ n: Int, maxChunks: Int = coreCount, threshold: Int = parallelThreshold) -> Int {
    if n < threshold || maxChunks < 2 { return 1 }
    return Swift.max(1, Swift.min(maxChunks, n / minChunkRows))
}

/// Runs `body(k, range)` for chunk `k` of `chunks` disjoint ascending row ranges covering 0..<n, in parallel.
/// One closure call per chunk, never per row; chunk `k` always covers the same rows for a given `n` and `chunks`.
@inline(__always)
package func forEachChunk(_ n: Int, chunks: Int, _ body: (Int, Range<Int>) -> Void) {
    if chunks < 2 {
        body(0, 0..<n)
        return
    }
    let size = (n + chunks - 1) / chunks
    DispatchQueue.concurrentPerform(iterations: chunks) { k in
        let lo = Swift.min(n, k * size)
        let hi = Swift.min(n, lo + size)
        body(k, lo..<hi)
    }
}

/// Runs `body` over up to `maxChunks` (by default every core) disjoint row ranges covering 0..<n, in parallel
/// when n is large. One closure call per chunk, never per row.
@inline(__always)
package func forEachChunk(_ n: Int, maxChunks: Int = coreCount, threshold: Int = parallelThreshold, _ body: (Range<Int>) -> Void) {
    let chunks = chunkCount(n, maxChunks: maxChunks, threshold: threshold)
    forEachChunk(n, chunks: chunks) { _, r in if !r.isEmpty { body(r) } }
}

/// Validity as words, or nil when every row is valid (lets loops skip the test).
@inline(__always)
package func validWords(_ v: Validity) -> [UInt64]? {
    if case .allValid = v.storage { return nil }
    return v.words
}

@inline(__always)
package func testBit(_ w: UnsafeBufferPointer<UInt64>, _ i: Int) -> Bool {
    w[i &>> 6] & (1 &<< UInt64(i & 63)) != 0
}

@inline(__always)
package func setBit(_ w: UnsafeMutableBufferPointer<UInt64>, _ i: Int) {
    w[i &>> 6] |= 1 &<< UInt64(i & 63)
}

/// Calls `body(i)` for each row `i` of `rows` whose bit is set in `words` (every row when `words` is nil: all
/// valid), in ascending order: the loop shape the aggregates, the series grid and the time kernels share. Once
/// inlined there is no closure call per row; a word of 64 valid rows runs as a plain loop, a word with nulls jumps
/// from set bit to set bit, and an all-null word is skipped whole.
@inline(__always)
package func forEachValid(_ rows: Range<Int>, _ words: UnsafeBufferPointer<UInt64>?, _ body: (Int) -> Void) {
    guard let w = words else {
        for i in rows { body(i) }
        return
    }
    var i = rows.lowerBound
    let end = rows.upperBound
    while i < end {
        let shift = i & 63
        let wordEnd = Swift.min(i - shift + 64, end)
        var bits = w[i &>> 6] &>> UInt64(shift)
        let width = wordEnd - i
        if width < 64 { bits &= (1 &<< UInt64(width)) &- 1 }
        if bits == UInt64.max {
            while i < wordEnd { body(i); i += 1 }
            continue
        }
        while bits != 0 {
            body(i + bits.trailingZeroBitCount)
            bits &= bits &- 1
        }
        i = wordEnd
    }
}

/// `forEachValid` over validity words held in an array (nil: all valid).
@inline(__always)
package func forEachValid(_ rows: Range<Int>, _ words: [UInt64]?, _ body: (Int) -> Void) {
    guard let words else {
        for i in rows { body(i) }
        return
    }
    words.withUnsafeBufferPointer { w in forEachValid(rows, w, body) }
}

package extension Optional where Wrapped == [UInt64] {
    /// The words' buffer for the duration of `body`, or nil when there are no words (all valid).
    @inline(__always)
    func withUnsafeBufferPointerIfPresent<R>(_ body: (UnsafeBufferPointer<UInt64>?) -> R) -> R {
        switch self {
        case .some(let words): return words.withUnsafeBufferPointer { body($0) }
        case .none: return body(nil)
        }
    }
}

/// Whether row `i` is valid in `w` (nil: every row is), for loops that visit rows out of order.
@inline(__always)
package func validBit(_ w: UnsafeBufferPointer<UInt64>?, _ i: Int) -> Bool {
    guard let w else { return true }
    return testBit(w, i)
}

/// Word count for `n` bits.
@inline(__always)
package func wordCount(_ n: Int) -> Int { (n + 63) >> 6 }

/// A zeroed bitmap for `n` rows; callers set valid bits, then `Validity(words:count:)` collapses it.
@inline(__always)
package func zeroWords(_ n: Int) -> [UInt64] { [UInt64](repeating: 0, count: wordCount(n)) }

/// Numeric column values as Doubles (ints converted), or nil for non-numeric storage.
package func doubleValues(_ s: ColumnStorage) -> [Double]? {
    switch s {
    case .float(let v): return v
    case .int(let v):
        return v.withUnsafeBufferPointer { src in
            [Double](unsafeUninitializedCapacity: src.count) { out, n in
                for i in 0..<src.count { out[i] = Double(src[i]) }
                n = src.count
            }
        }
    default: return nil
    }
}

/// A measure column as Doubles with validity, or a type error naming `role`.
package func measure(_ c: Column, _ role: String = "value") throws -> (values: [Double], validity: Validity) {
    guard let v = doubleValues(c.storage) else {
        throw KernelError.typeMismatch(.notANumber(role: role, found: c.dataType))
    }
    return (v, c.validity)
}

package func checkLength(_ c: Column, _ n: Int) throws {
    if c.count != n { throw KernelError.lengthMismatch(expected: n, found: c.count) }
}

package func checkRowLimit(_ n: Int) throws {
    if n > Int(Int32.max) { throw KernelError.tooLarge(.tableRows) }
}

/// Finalises Double results: rows not finite (inf, NaN) become null. `valid` is the candidate bitmap.
package func finishDoubles(_ values: inout [Double], valid: inout [UInt64]) -> Validity {
    let n = values.count
    values.withUnsafeMutableBufferPointer { v in
        valid.withUnsafeMutableBufferPointer { w in
            for i in 0..<n where !v[i].isFinite {
                v[i] = 0
                w[i &>> 6] &= ~(1 &<< UInt64(i & 63))
            }
        }
    }
    return Validity(words: valid, count: n)
}

/// Day ordinals the calendar code handles without overflow (years roughly −5800…+7800).
@inline(__always)
package func isSafeDay(_ o: Int32) -> Bool { o > -4_000_000 && o < 4_000_000 }

/// `PeriodMath.yearEarlier` guarded against ordinals the calendar arithmetic cannot take.
@inline(__always)
package func safeYearEarlier(_ o: Int32, _ f: Frequency) -> Int32? {
    switch f {
    case .day: return isSafeDay(o) ? PeriodMath.yearEarlier(o, f) : nil
    case .year: return o == Int32.min ? nil : o - 1
    case .quarter: return o < Int32.min + 4 ? nil : o - 4
    case .month: return o < Int32.min + 12 ? nil : o - 12
    }
}

/// `PeriodMath.startOfYear`, guarded like `safeYearEarlier`.
@inline(__always)
package func safeStartOfYear(_ o: Int32, _ f: Frequency) -> Int32? {
    if f == .day && !isSafeDay(o) { return nil }
    return PeriodMath.startOfYear(o, f)
}

/// `PeriodMath.year(of:)`, guarded.
@inline(__always)
package func safeYear(_ o: Int32, _ f: Frequency) -> Int32? {
    if f == .day && !isSafeDay(o) { return nil }
    return PeriodMath.year(of: o, f)
}

/// `PeriodMath.convert`, guarded.
@inline(__always)
package func safeConvert(_ o: Int32, from: Frequency, to: Frequency) -> Int32? {
    if from == .day && to != .day && !isSafeDay(o) { return nil }
    return PeriodMath.convert(o, from: from, to: to)
}
