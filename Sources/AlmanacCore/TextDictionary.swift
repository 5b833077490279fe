import Foundation

/// The distinct strings of a text column, in NFC, each once. Columns store `Int32` codes into it.
/// Immutable once built; shared between columns and tables that reuse the same values.
public final class TextDictionary: @unchecked Sendable {
    /// The distinct values, all NFC, no two equal.
    public let values: [String]
    private let index: [String: Int32]
    private let rankLock = NSLock()
    private var cachedRanks: [Int32]?

    /// Builds a dictionary from values that must already be distinct and NFC.
    public init(uniqueNFC values: [String]) {
        self.values = values
        var index: [String: Int32] = [:]
        index.reserveCapacity(values.count)
        for (i, v) in values.enumerated() { index[v] = Int32(i) }
        self.index = index
    }

    public var count: Int { values.count }

    /// The code of a value (any normalisation form), or nil.
    public func code(of value: String) -> Int32? {
        if let c = index[value] { return c }
        let nfc = value.nfc
        return index[nfc]
    }

    /// Rank of each code in Vietnamese alphabetical order (computed once, then cached): sorting rows
    /// by text becomes sorting by integer rank.
    public var collationRanks: [Int32] {
        rankLock.lock()
        defer { rankLock.unlock() }
        if let r = cachedRanks { return r }
        let order = VietnameseCollation.sortedIndices(values)
        var ranks = [Int32](repeating: 0, count: values.count)
        for (rank, code) in order.enumerated() { ranks[code] = Int32(rank) }
        cachedRanks = ranks
        return ranks
    }
}

/// Assigns codes to strings as a column is built (the slow, general path; the CSV reader has a byte-level one).
public struct TextDictionaryBuilder {
    private var values: [String] = []
    private var index: [String: Int32] = [:]

    public init() {}

    /// The code for `value`, adding it if new. NFC and NFD spellings get the same code.
    public mutating func code(for value: String) -> Int32 {
        if let c = index[value] { return c }
        let nfc = value.nfc
        if let c = index[nfc] { index[value] = c; return c }
        let c = Int32(values.count)
        values.append(nfc)
        index[nfc] = c
        if nfc != value { index[value] = c }
        return c
    }

    public func finish() -> TextDictionary { TextDictionary(uniqueNFC: values) }
}
