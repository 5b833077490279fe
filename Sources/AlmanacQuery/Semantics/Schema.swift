import AlmanacCore

/// What the binder knows of a table between steps: its columns' names, types and roles.
public struct Schema: Sendable {
    public struct Field: Sendable {
        public var name: String
        public var type: DataType
        public var meta: ColumnMeta
    }
    public var fields: [Field]

    public init(fields: [Field]) { self.fields = fields }

    /// The schema of a table.
    public init(_ table: Table) {
        fields = table.columns.map { Field(name: $0.name, type: $0.dataType, meta: $0.meta) }
    }

    public var names: [String] { fields.map(\.name) }

    public func field(_ name: String) -> Field? {
        fields.first { $0.name == name } ?? fields.first { $0.name.precomposedStringWithCanonicalMapping == name.precomposedStringWithCanonicalMapping }
    }

    /// Key fields, by the same rule as `Table.keyColumns`.
    public var keys: [Field] {
        fields.filter { f in
            if let r = f.meta.role { return r == .dimension || r == .period }
            switch f.type {
            case .text, .bool, .period: return true
            case .int, .float: return false
            }
        }
    }

    public var periodFields: [Field] { fields.filter { $0.type.isPeriod } }

    /// The period key: the only period field, or the only one whose role says so. Nil when there is none or the
    /// choice is ambiguous (e.g. `derive y = year(period)` adds a second period-role column): time functions must
    /// then refuse, not silently treat one of them as a series key (which makes every yoy null).
    public var periodKey: Field? {
        let ps = periodFields.filter { $0.meta.role != .attribute }
        if ps.count == 1 { return ps[0] }
        let marked = ps.filter { $0.meta.role == .period }
        return marked.count == 1 ? marked[0] : nil
    }

    /// Numeric fields that are not keys.
    public var measures: [Field] {
        let k = Set(keys.map(\.name))
        return fields.filter { !k.contains($0.name) && $0.type.isNumeric }
    }
}

extension Schema {
    /// Whether every field of `other` is here with the same type (names present in both).
    func hasSameTypes(as other: Schema) -> Bool {
        for f in other.fields {
            if let mine = field(f.name), mine.type != f.type { return false }
        }
        return true
    }
}
