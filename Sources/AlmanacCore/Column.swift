/// The typed, contiguous storage of a column. Text is codes into a dictionary; periods are ordinals.
/// Slots of null rows hold a zero (or any value) and are ignored through the validity.
public enum ColumnStorage: Sendable {
    case int([Int64])
    case float([Double])
    case bool([Bool])
    case text([Int32], TextDictionary)
    case period([Int32], Frequency)

    public var count: Int {
        switch self {
        case .int(let v): return v.count
        case .float(let v): return v.count
        case .bool(let v): return v.count
        case .text(let c, _): return c.count
        case .period(let o, _): return o.count
        }
    }

    public var dataType: DataType {
        switch self {
        case .int: return .int
        case .float: return .float
        case .bool: return .bool
        case .text: return .text
        case .period(_, let f): return .period(f)
        }
    }
}

/// A named column: storage, validity and meaning.
public struct Column: Sendable {
    public var name: String
    public var storage: ColumnStorage
    public var validity: Validity
    public var meta: ColumnMeta

    public init(name: String, storage: ColumnStorage, validity: Validity? = nil, meta: ColumnMeta = ColumnMeta()) {
        self.name = name
        self.storage = storage
        self.validity = validity ?? .allValid(storage.count)
        self.meta = meta
        precondition(self.validity.count == storage.count, "validity and storage lengths differ")
    }

    public var count: Int { storage.count }
    public var dataType: DataType { storage.dataType }
    public var nullCount: Int { validity.nullCount }

    /// The value at a row (slow path: display and tests).
    public func value(at row: Int) -> Value {
        guard validity.isValid(row) else { return .null }
        switch storage {
        case .int(let v): return .int(v[row])
        case .float(let v): return .float(v[row])
        case .bool(let v): return .bool(v[row])
        case .text(let c, let d): return .text(d.values[Int(c[row])])
        case .period(let o, let f): return .period(Period(frequency: f, ordinal: o[row]))
        }
    }

    /// The rows picked by `indices`, in that order.
    public func gathering(_ indices: [Int32]) -> Column {
        indices.withUnsafeBufferPointer { idx in
            func pick<T>(_ v: [T]) -> [T] {
                v.withUnsafeBufferPointer { src in
                    [T](unsafeUninitializedCapacity: idx.count) { out, n in
                        for k in 0..<idx.count { (out.baseAddress! + k).initialize(to: src[Int(idx[k])]) }
                        n = idx.count
                    }
                }
            }
            let s: ColumnStorage
            switch storage {
            case .int(let v): s = .int(pick(v))
            case .float(let v): s = .float(pick(v))
            case .bool(let v): s = .bool(pick(v))
            case .text(let c, let d): s = .text(pick(c), d)
            case .period(let o, let f): s = .period(pick(o), f)
            }
            return Column(name: name, storage: s, validity: validity.gathering(idx), meta: meta)
        }
    }

    /// A renamed copy.
    public func renamed(_ newName: String) -> Column {
        var c = self
        c.name = newName
        return c
    }
}

extension Column {
    /// A column of integers (nil = null).
    public static func ints(_ name: String, _ values: [Int64?], meta: ColumnMeta = ColumnMeta()) -> Column {
        Column(name: name, storage: .int(values.map { $0 ?? 0 }), validity: Validity(flags: values.map { $0 != nil }), meta: meta)
    }
    /// A column of floats (nil = null).
    public static func floats(_ name: String, _ values: [Double?], meta: ColumnMeta = ColumnMeta()) -> Column {
        Column(name: name, storage: .float(values.map { $0 ?? 0 }), validity: Validity(flags: values.map { $0 != nil }), meta: meta)
    }
    /// A column of booleans (nil = null).
    public static func bools(_ name: String, _ values: [Bool?], meta: ColumnMeta = ColumnMeta()) -> Column {
        Column(name: name, storage: .bool(values.map { $0 ?? false }), validity: Validity(flags: values.map { $0 != nil }), meta: meta)
    }
    /// A dictionary-encoded text column (nil = null); values are normalised to NFC.
    public static func texts(_ name: String, _ values: [String?], meta: ColumnMeta = ColumnMeta()) -> Column {
        var b = TextDictionaryBuilder()
        let codes = values.map { $0.map { b.code(for: $0) } ?? 0 }
        return Column(name: name, storage: .text(codes, b.finish()), validity: Validity(flags: values.map { $0 != nil }), meta: meta)
    }
    /// A period column of one frequency (nil = null).
    public static func periods(_ name: String, _ values: [Period?], frequency: Frequency, meta: ColumnMeta = ColumnMeta()) -> Column {
        precondition(values.allSatisfy { $0 == nil || $0!.frequency == frequency }, "mixed frequencies")
        var m = meta
        if m.role == nil { m.role = .period }
        return Column(name: name, storage: .period(values.map { $0?.ordinal ?? 0 }, frequency),
                      validity: Validity(flags: values.map { $0 != nil }), meta: m)
    }
}
