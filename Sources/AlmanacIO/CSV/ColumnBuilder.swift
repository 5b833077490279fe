import AlmanacCore

/// Accumulates one column of one chunk straight into typed buffers, a block of records at a time:
/// one tight loop per column kind (no per-field dispatch), values written through a pointer, validity in bulk.
struct ColumnBuilder {
    var kind: ColumnParsePlan.Kind
    let declared: Bool
    /// A column of percentages (`12,5%`): each value needs its `%` and is stored as the fraction it writes.
    let percent: Bool
    /// Values; only the buffer of the current kind holds any. The first `count` are set (null rows hold 0).
    let ints = ValueBuffer<Int64>()
    let floats = ValueBuffer<Double>()
    let bools = ValueBuffer<Bool>()
    /// Text codes (into `interner`), as narrow as the chunk's dictionary allows: one byte while it has at most 256
    /// values, then two, then four (`codeWidth`); fewer bytes to write, fault in and copy.
    let codes8 = ValueBuffer<UInt8>()
    let codes16 = ValueBuffer<UInt16>()
    let codes = ValueBuffer<Int32>()
    private(set) var codeWidth = 1
    /// Period ordinals.
    let ordinals = ValueBuffer<Int32>()
    var interner: ByteInterner
    var validity = ValidityBuilder()
    var count = 0
    /// Null markers (`NA`, `-`, …) read as null.
    var markerNulls = 0
    /// The first reason to re-read the column with another plan, and the file offset of its value.
    var change: (PlanChange, offset: Int)?
    /// A declared period column: values of a finer frequency read as the period holding them (a date in a declared
    /// month column is its month), how many, and the first.
    var coarsened = 0
    var firstCoarsened: (text: String, as: String, from: Frequency)?
    /// Periods off the fast path (`Quý III/2024`, `15/10/2024`, years, quarters) are parsed once per distinct text:
    /// `interner` (unused by period columns otherwise) gives the text's code, `periodMemo[code]` its ordinal
    /// (`memoUncached`: parsed every time, such as a value in error) and `periodMemoCoarse[code]` whether it was
    /// read as the coarser period holding it. Memoised up to `memoLimit` distinct texts.
    var periodMemo: [Int32] = []
    var periodMemoCoarse: [Bool] = []
    static let memoUncached = Int32.min
    static let memoLimit = 1 << 16
    /// A quoted field with its doubled quotes undone.
    let scratch = ValueBuffer<UInt8>()
    /// The block rows that are null, in order.
    let nullRows = ValueBuffer<Int32>()

    init(kind: ColumnParsePlan.Kind, declared: Bool, percent: Bool = false, capacity: Int) {
        self.kind = kind
        self.declared = declared
        self.percent = percent
        interner = ByteInterner(capacity: kind == .text ? 1024 : 1)
        switch kind {
        case .int: ints.resize(capacity)
        case .float: floats.resize(capacity)
        case .bool: bools.resize(capacity)
        case .text: codes8.resize(capacity)
        case .period: ordinals.resize(capacity)
        case .skip: break
        }
    }

    /// Appends column `c` of every record in the block; value errors are returned by block row.
    mutating func append(_ block: FieldBlock, column c: Int, ctx: ParseContext, errors: inout [ValueError]) {
        let rows = block.count
        guard rows > 0 else { return }
        let bounds = UnsafePointer(block.bounds + block.slot(0, c))
        let nulls = nullRows.reserve(rows, after: 0)
        var nullCount = 0
        switch kind {
        case .skip:
            return
        case .text:
            nullCount = appendText(rows, bounds, nulls, ctx: ctx, errors: &errors)
        case .int, .float:
            nullCount = appendNumbers(rows, bounds, nulls, ctx: ctx, errors: &errors)
        case .period(let freq, let order, let strict):
            nullCount = appendPeriods(rows, bounds, nulls, freq: freq, order: order, strict: strict, ctx: ctx, errors: &errors)
        case .bool:
            nullCount = appendBools(rows, bounds, nulls, ctx: ctx, errors: &errors)
        }
        // Validity in runs: a block without nulls is one bulk append.
        var at = 0
        for k in 0..<nullCount {
            let r = Int(nulls[k])
            validity.appendValid(count: r - at)
            validity.append(false)
            at = r + 1
        }
        validity.appendValid(count: rows - at)
        count += rows
    }

    /// The bytes of a field: in the file, or (a quoted field with doubled quotes) undone into `scratch`.
    /// Static so that the column loops (mutating) do not copy the builder to call it.
    @inline(__always)
    static func field(_ s: Int, _ e: Int, _ base: UnsafePointer<UInt8>, _ scratch: ValueBuffer<UInt8>) -> (UnsafePointer<UInt8>, Int) {
        if e & FieldBlock.escapedFlag == 0 { return (base + s, e &- s) }
        return unescape(base + s, (e & ~FieldBlock.escapedFlag) - s, scratch)
    }

    @inline(never)
    static func unescape(_ p: UnsafePointer<UInt8>, _ n: Int, _ scratch: ValueBuffer<UInt8>) -> (UnsafePointer<UInt8>, Int) {
        let out = scratch.reserve(max(n, 1), after: 0)
        var i = 0, k = 0
        while i < n { out[k] = p[i]; k += 1; i += p[i] == UInt8(ascii: "\"") ? 2 : 1 }
        return (UnsafePointer(out), k)
    }

    // MARK: Column loops (each returns how many rows it left null, listed in `nulls`)

    /// The text loop's state across code widths: the last value (consecutive rows often repeat one; its bytes are in
    /// the file) and its code, and the nulls so far.
    private struct TextState {
        var lastP: UnsafePointer<UInt8>
        var lastN = -1
        var lastCode: Int32 = 0
        var nullCount = 0
        /// A code too wide for the buffer, for the row the loop stopped at.
        var pending: Int32 = 0
    }

    mutating func appendText(_ rows: Int, _ bounds: UnsafePointer<Int>, _ nulls: UnsafeMutablePointer<Int32>,
                                     ctx: ParseContext, errors: inout [ValueError]) -> Int {
        var state = TextState(lastP: ctx.fileBase)
        var r = 0
        while true {
            switch codeWidth {
            case 1: r = textRows(codes8.reserve(rows, after: count), from: r, rows, bounds, nulls, &state, ctx: ctx, errors: &errors)
            case 2: r = textRows(codes16.reserve(rows, after: count), from: r, rows, bounds, nulls, &state, ctx: ctx, errors: &errors)
            default: r = textRows(codes.reserve(rows, after: count), from: r, rows, bounds, nulls, &state, ctx: ctx, errors: &errors)
            }
            if r == rows { return state.nullCount }
            // Row r's code needs wider codes: widen, write it, go on.
            widenCodes(upTo: count + r, to: state.pending <= Int32(UInt16.max) ? 2 : 4, reserving: rows - r)
            switch codeWidth {
            case 2: codes16.base![count + r] = UInt16(state.pending)
            default: codes.base![count + r] = state.pending
            }
            let e = bounds[2 &* r &+ 1]
            if e & FieldBlock.escapedFlag == 0 {
                state.lastP = ctx.fileBase + bounds[2 &* r]; state.lastN = e &- bounds[2 &* r]; state.lastCode = state.pending
            }
            r += 1
        }
    }

    /// Text rows from `r0` into codes of type `T`; returns `rows`, or the row whose code does not fit (in `state.pending`).
    @inline(__always)
    private func textRows<T: FixedWidthInteger>(_ out: UnsafeMutablePointer<T>, from r0: Int, _ rows: Int, _ bounds: UnsafePointer<Int>,
                                                _ nulls: UnsafeMutablePointer<Int32>, _ state: inout TextState,
                                                ctx: ParseContext, errors: inout [ValueError]) -> Int {
        let base = ctx.fileBase, scratch = self.scratch, interner = self.interner
        let limit = Int32(truncatingIfNeeded: Int(T.max))
        var lastP = state.lastP, lastN = state.lastN, lastCode = state.lastCode, nullCount = state.nullCount
        defer { state.lastP = lastP; state.lastN = lastN; state.lastCode = lastCode; state.nullCount = nullCount }
        var r = r0
        while r < rows {
            let s = bounds[2 &* r], e = bounds[2 &* r &+ 1]
            if e == s { out[r] = 0; nulls[nullCount] = Int32(r); nullCount &+= 1; r &+= 1; continue }
            let escaped = e & FieldBlock.escapedFlag != 0
            let (p, n) = ColumnBuilder.field(s, e, base, scratch)
            if n == lastN && !escaped && ByteInterner.equal(p, lastP, n) { out[r] = T(truncatingIfNeeded: lastCode); r &+= 1; continue }
            var isNew = false
            let code = interner.intern(p, n, isNew: &isNew)
            if isNew, let bad = UTF8Validation.firstInvalid(UnsafeBufferPointer(start: p, count: n), from: 0, to: n) {
                out[r] = 0; nulls[nullCount] = Int32(r); nullCount &+= 1
                errors.append(ValueError(row: r, message: "invalid UTF-8 at byte offset \(s + bad) (byte 0x\(String(p[bad], radix: 16, uppercase: true))); save the file as UTF-8"))
                r &+= 1
                continue
            }
            if code > limit { state.pending = code; return r }
            out[r] = T(truncatingIfNeeded: code)
            if !escaped { lastP = p; lastN = n; lastCode = code }
            r &+= 1
        }
        return rows
    }

    /// Moves the first `n` codes to a wider buffer (2 or 4 bytes a code) with room for `extra` more.
    mutating func widenCodes(upTo n: Int, to width: Int, reserving extra: Int) {
        func copy<S: FixedWidthInteger, D: FixedWidthInteger>(_ from: ValueBuffer<S>, _ to: ValueBuffer<D>) {
            let d = to.reserve(n + extra, after: 0)
            if let src = from.base { for k in 0..<n { d[k] = D(truncatingIfNeeded: src[k]) } }
            from.release()
        }
        switch (codeWidth, width) {
        case (1, 2): copy(codes8, codes16)
        case (1, _): copy(codes8, codes)
        default: copy(codes16, codes)
        }
        codeWidth = width
    }

    /// The codes of the first `count` rows, widened to `Int32` while copied: `out[r] = remap[code of r]`, or the
    /// code itself without a remap.
    func copyCodes(to out: UnsafeMutablePointer<Int32>, remap: UnsafePointer<Int32>?) {
        @inline(__always) func copy<T: FixedWidthInteger>(_ src: UnsafeMutablePointer<T>?) {
            guard let src else { return }
            if let m = remap {
                for r in 0..<count { (out + r).initialize(to: m[Int(src[r])]) }
            } else {
                for r in 0..<count { (out + r).initialize(to: Int32(truncatingIfNeeded: src[r])) }
            }
        }
        switch codeWidth {
        case 1: copy(codes8.base)
        case 2: copy(codes16.base)
        default: copy(codes.base)
        }
    }

    mutating func appendNumbers(_ rows: Int, _ bounds: UnsafePointer<Int>, _ nulls: UnsafeMutablePointer<Int32>,
                                        ctx: ParseContext, errors: inout [ValueError]) -> Int {
        if kind == .int { _ = ints.reserve(rows, after: count) } else { _ = floats.reserve(rows, after: count) }
        let base = ctx.fileBase, fileCount = ctx.fileCount
        // Percentages never take the fast path: a plain number among them is a reason to re-read.
        let fast = ctx.fastNumbers && !percent, mark = ctx.style.decimalMark
        var nullCount = 0
        var r = 0
        return NumberParsing.powersOfTen.withUnsafeBufferPointer { pow10Buffer in
            let pow10 = pow10Buffer.baseAddress!
            while r < rows {
                // Fast: plain fields of the common shapes, straight into the buffer of the column's kind.
                if fast {
                    var v: UInt64 = 0
                    if kind == .int {
                        let out = ints.base! + count
                        while r < rows {
                            let s = bounds[2 &* r], e = bounds[2 &* r &+ 1]
                            let n = e &- s      // an escaped field's flag makes this huge: not a marker, and rejected below
                            if e & FieldBlock.escapedFlag != 0 || ctx.isMarker(base + s, n) { break }
                            if NumberParsing.fastParse(base + s, n, readable: fileCount &- s, decimalMark: mark, powersOfTen: pow10, value: &v) != NumberParsing.fastInt { break }
                            out[r] = Int64(bitPattern: v)
                            r &+= 1
                        }
                    } else {
                        let out = floats.base! + count
                        while r < rows {
                            let s = bounds[2 &* r], e = bounds[2 &* r &+ 1]
                            let n = e &- s
                            if e & FieldBlock.escapedFlag != 0 || ctx.isMarker(base + s, n) { break }
                            let tag = NumberParsing.fastParse(base + s, n, readable: fileCount &- s, decimalMark: mark, powersOfTen: pow10, value: &v)
                            if tag == NumberParsing.fastFloat { out[r] = Double(bitPattern: v) }
                            else if tag == NumberParsing.fastInt { out[r] = Double(Int64(bitPattern: v)) }
                            else { break }
                            r &+= 1
                        }
                    }
                    if r == rows { break }
                }
                // Slow: one row through the general path.
                appendNumberSlowly(r, rows, bounds, nulls, &nullCount, ctx: ctx, errors: &errors)
                r &+= 1
            }
            return nullCount
        }
    }

    /// One number by the general rules: null markers, quoted fields, every shape `NumberParsing.parse` knows, a
    /// decimal that turns an integer column into floats, and the values that are errors or reasons to re-read.
    @inline(never)
    mutating func appendNumberSlowly(_ r: Int, _ rows: Int, _ bounds: UnsafePointer<Int>, _ nulls: UnsafeMutablePointer<Int32>,
                                             _ nullCount: inout Int, ctx: ParseContext, errors: inout [ValueError]) {
        let s = bounds[2 &* r], e = bounds[2 &* r &+ 1]
        let (p, n) = ColumnBuilder.field(s, e, ctx.fileBase, scratch)
        let at = count + r
        var message: String? = nil
        if ctx.isMarker(p, n) {
            if n > 0 { markerNulls += 1 }
        } else {
            switch NumberParsing.parse(p, n, style: ctx.style) {
            case .int where percent, .float where percent:
                noteChange(.toText(reason: "'\(text(p, n))' has no % among percentages"), s)
            case .int(let v):
                if kind == .int { ints.base![at] = v } else { floats.base![at] = Double(v) }
                return
            case .percent(let d):
                if percent || (declared && kind == .float) { floats.base![at] = d; return }
                if declared { message = "'\(text(p, n))' is a percentage, not a number this column can hold" }
                else { noteChange(.toText(reason: "'\(text(p, n))' is a percentage among plain numbers"), s) }
            case .float(let d):
                // The first decimal in an integer column: the chunk's column becomes floats from here.
                if kind == .int { widen(upTo: at, reserving: rows - r) }
                floats.base![at] = d
                return
            case .keepText(let t):
                if declared {
                    if kind == .float, case .float(let d) = NumberParsing.slowParse(p, from: 0, to: n, negative: false, style: ctx.style) {
                        floats.base![at] = d
                        return
                    }
                    message = "'\(t)' is not a number this column can hold exactly"
                } else {
                    noteChange(.toText(reason: t.hasPrefix("0") || t.hasPrefix("-0") ? "leading zero in '\(t)'" : "more than 15 significant digits in '\(t)'"), s)
                }
            case .notANumber:
                let t = text(p, n)
                if declared { message = "'\(t)' is not a number" } else { noteChange(.toText(reason: "'\(t)' is not a number"), s) }
            }
        }
        if kind == .int { ints.base![at] = 0 } else { floats.base![at] = 0 }
        nulls[nullCount] = Int32(r); nullCount &+= 1
        if message != nil, let m = ColumnBuilder.invalidUTF8(p, n, offset: s) { message = m }
        if let m = message { errors.append(ValueError(row: r, message: m)) }
    }

    // MARK: Kind changes and removals

    /// Converts the first `n` integers to floats, with room for `extra` more; the column becomes a float column.
    mutating func widen(upTo n: Int, reserving extra: Int) {
        let f = floats.reserve(n + extra, after: 0)
        if let i = ints.base { for k in 0..<n { f[k] = Double(i[k]) } }
        ints.release()
        kind = .float
    }

    /// Frees the values (after assembly copied them).
    func releaseValues() {
        ints.release(); floats.release(); bools.release(); codes8.release(); codes16.release(); codes.release(); ordinals.release()
    }

    /// Drops the values after the first `n`.
    mutating func truncate(to n: Int) {
        guard count > n, kind != .skip else { return }
        validity.truncate(to: n)
        count = n
    }

    /// Removes the values at the given positions (sorted, all ≥ `from`): rows a lenient load rejected.
    mutating func remove(rows: [Int]) {
        guard !rows.isEmpty, kind != .skip else { return }
        let drop = Set(rows)
        let first = rows.min()!
        func compact<T>(_ b: ValueBuffer<T>) {
            guard let p = b.base else { return }
            var to = first
            for r in first..<count where !drop.contains(r) { p[to] = p[r]; to += 1 }
        }
        switch kind {
        case .int: compact(ints)
        case .float: compact(floats)
        case .bool: compact(bools)
        case .text: if codeWidth == 1 { compact(codes8) } else if codeWidth == 2 { compact(codes16) } else { compact(codes) }
        case .period: compact(ordinals)
        case .skip: return
        }
        var v = validity
        v.truncate(to: first)
        for r in first..<count where !drop.contains(r) { v.append(validity.isValid(r)) }
        validity = v
        count -= drop.count
    }
}
