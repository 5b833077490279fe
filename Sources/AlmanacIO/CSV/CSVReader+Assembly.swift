import Foundation
import Dispatch
import AlmanacCore

/// Assembly: the chunks' column buffers joined into one column each, text dictionaries merged by remapping codes.
extension CSVReader {
    // MARK: Assembly

    /// One assembled column and what the report needs from it.
    final class AssembledSlot: @unchecked Sendable {
        var column: Column?
        var markerNulls = 0
    }

    /// Builds the table from the chunks, columns in parallel (each column's chunk buffers are copied into one
    /// array and freed as they go); the report is filled in afterwards, in column order.
    static func assemble(_ parsed: ParsedChunks, names: [String], plans: [ColumnParsePlan], report: inout LoadReport) throws -> Table {
        let sinks = parsed.parsers
        defer { for s in sinks { for b in s.builders { b.releaseValues() } } }
        // Widest first, so the last column started is a small one.
        func width(_ i: Int) -> Int {
            switch plans[i].kind { case .int, .float: return 8; case .bool: return 1; default: return 4 }
        }
        let order = names.indices.filter { plans[$0].kind != .skip }.sorted { width($0) > width($1) || (width($0) == width($1) && $0 < $1) }
        let slots = names.indices.map { _ in AssembledSlot() }
        DispatchQueue.concurrentPerform(iterations: order.count) { j in
            let i = order[j]
            slots[i].markerNulls = sinks.reduce(0) { $0 + $1.builders[i].markerNulls }
            slots[i].column = assembleColumn(sinks, i, name: names[i], plan: plans[i])
        }
        var columns: [Column] = []
        for i in names.indices {
            guard let column = slots[i].column else { continue }
            if let n = plans[i].note { report.notes[names[i]] = n }
            if slots[i].markerNulls > 0 { report.markerNulls[names[i]] = slots[i].markerNulls }
            if let n = column.meta.inferenceNote { report.notes[names[i]] = n }
            columns.append(column)
        }
        return try Table(columns: columns)
    }

    /// Column `i` from every chunk: values, validity and meaning.
    static func assembleColumn(_ sinks: [ChunkParser], _ i: Int, name: String, plan: ColumnParsePlan) -> Column {
        var meta = ColumnMeta(inferenceNote: plan.note)
        // Percentages are stored as fractions: a ratio, shown as a percentage.
        if plan.percent { meta.unit = "ratio" }
        let validity = concatValidity(sinks.map { $0.builders[i].validity.finish() })
        let storage: ColumnStorage
        switch plan.kind {
        case .int where !sinks.contains { $0.builders[i].kind == .float }:
            storage = .int(concat(sinks, i) { $0.ints })
        case .int, .float:
            storage = .float(concatFloats(sinks, i))
        case .skip:
            preconditionFailure("skipped columns are not assembled")
        case .bool:
            storage = .bool(concat(sinks, i) { $0.bools })
        case .text:
            storage = mergeText(sinks, i)
        case .period(let f, _, _):
            let coarsened = sinks.reduce(0) { $0 + $1.builders[i].coarsened }
            if let first = sinks.lazy.compactMap({ $0.builders[i].firstCoarsened }).first {
                let unit = first.from == .day ? "date" : first.from.description
                meta.inferenceNote = (meta.inferenceNote ?? "") + "; \(NumberFormatting.grouped(Int64(coarsened))) \(unit)\(coarsened == 1 ? "" : "s") read as the \(f) holding \(coarsened == 1 ? "it" : "each") (such as '\(first.text)' as \(first.as))"
            }
            let ords = concat(sinks, i) { $0.ordinals }
            // A declared day column stays daily; an inferred one gets the coarsest frequency its dates allow.
            if f == .day && !plan.declared {
                let (freq, converted, why) = FrequencyRefinement.coarsest(days: ords, validity: validity)
                storage = .period(converted, freq)
                meta.inferenceNote = (meta.inferenceNote ?? "") + "; " + why
            } else {
                storage = .period(ords, f)
            }
        }
        return Column(name: name, storage: storage, validity: validity, meta: meta)
    }

    /// One column's values from every chunk, in order, in one array; frees the chunks' buffers.
    static func concat<T>(_ sinks: [ChunkParser], _ i: Int, _ buffer: (ColumnBuilder) -> ValueBuffer<T>) -> [T] {
        let counts = sinks.map { $0.builders[i].count }
        let total = counts.reduce(0, +)
        guard total > 0 else { for s in sinks { s.builders[i].releaseValues() }; return [] }
        return [T](unsafeUninitializedCapacity: total) { out, n in
            var at = 0
            for k in sinks.indices {
                if counts[k] > 0 { (out.baseAddress! + at).initialize(from: buffer(sinks[k].builders[i]).base!, count: counts[k]) }
                sinks[k].builders[i].releaseValues()
                at += counts[k]
            }
            n = total
        }
    }

    /// A number column in which some chunk met a decimal: chunks still holding integers are converted while copied.
    static func concatFloats(_ sinks: [ChunkParser], _ i: Int) -> [Double] {
        let counts = sinks.map { $0.builders[i].count }
        let total = counts.reduce(0, +)
        guard total > 0 else { for s in sinks { s.builders[i].releaseValues() }; return [] }
        return [Double](unsafeUninitializedCapacity: total) { out, n in
            var at = 0
            for k in sinks.indices {
                let b = sinks[k].builders[i], c = counts[k]
                if c > 0 {
                    let dst = out.baseAddress! + at
                    if b.kind == .int {
                        let src = b.ints.base!
                        for r in 0..<c { (dst + r).initialize(to: Double(src[r])) }
                    } else {
                        dst.initialize(from: b.floats.base!, count: c)
                    }
                }
                b.releaseValues()
                at += c
            }
            n = total
        }
    }

    static func concatValidity(_ parts: [Validity]) -> Validity {
        if parts.count == 1 { return parts[0] }
        let total = parts.reduce(0) { $0 + $1.count }
        if parts.allSatisfy({ $0.nullCount == 0 }) { return .allValid(total) }
        // Word at a time: each part's bitmap shifted into place.
        var words = [UInt64](repeating: 0, count: (total + 63) / 64)
        var at = 0
        for p in parts where p.count > 0 {
            let src: [UInt64]
            switch p.storage {
            case .allNull: at += p.count; continue
            case .allValid: src = p.words
            case .bitmap(let w, _): src = w
            }
            let shift = UInt64(at & 63)
            var w = at >> 6
            let full = p.count >> 6, rest = p.count & 63
            for k in 0...full {
                var bits = k < src.count ? src[k] : 0
                if k == full {
                    if rest == 0 { break }
                    bits &= (1 << UInt64(rest)) - 1
                }
                words[w] |= bits << shift
                if shift != 0 && w + 1 < words.count { words[w + 1] |= bits >> (64 - shift) }
                w += 1
            }
            at += p.count
        }
        return Validity(words: words, count: total)
    }

    /// Merges chunk dictionaries into one (remapping codes), then normalises values to NFC, merging spellings.
    static func mergeText(_ sinks: [ChunkParser], _ i: Int) -> ColumnStorage {
        // The dictionaries first (no rows touched): chunk 0's interner becomes the master.
        let master = sinks[0].builders[i].interner
        var remaps: [[Int32]?] = [nil]   // nil: codes stay as they are
        for k in sinks.indices.dropFirst() {
            let local = sinks[k].builders[i].interner
            remaps.append((0..<local.count).map { c in
                local.withBytes(c) { b in b.baseAddress.map { master.intern($0, b.count) } ?? master.intern(UnsafePointer(bitPattern: 1)!, 0) }
            })
        }
        // NFC: distinct byte strings that normalise to the same text become one value.
        var values: [String] = []
        var index: [String: Int32] = [:]
        var nfc = [Int32](repeating: 0, count: master.count)
        var merged = false
        for c in 0..<master.count {
            var s = master.string(c)
            if s.utf8.contains(where: { $0 >= 0x80 }) { s = s.nfc }
            if let existing = index[s] { nfc[c] = existing; merged = true; continue }
            let code = Int32(values.count)
            index[s] = code
            values.append(s)
            nfc[c] = code
        }
        if merged { remaps = remaps.map { r in r.map { $0.map { nfc[Int($0)] } } ?? nfc } }
        // Then the rows, each chunk's codes through its remap, in one pass.
        let counts = sinks.map { $0.builders[i].count }
        let total = counts.reduce(0, +)
        let codes = [Int32](unsafeUninitializedCapacity: total) { out, n in
            var at = 0
            for k in sinks.indices {
                let b = sinks[k].builders[i]
                let dst = out.baseAddress! + at
                if let remap = remaps[k] {
                    if remap.isEmpty {
                        dst.initialize(repeating: 0, count: b.count)   // no values in this chunk: every row is null
                    } else {
                        remap.withUnsafeBufferPointer { m in b.copyCodes(to: dst, remap: m.baseAddress!) }
                    }
                } else {
                    b.copyCodes(to: dst, remap: nil)
                }
                b.releaseValues()
                at += b.count
            }
            n = total
        }
        return .text(codes, TextDictionary(uniqueNFC: values))
    }
}
