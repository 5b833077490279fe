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
        fields.filter { ColumnRole.isKey(role: $0.meta.role, type: $0.type) }
    }

    public var periodFields: [Field] { fields.filter { $0.type.isPeriod } }

    /// The period key: the only period field, or the only one whose role says so. Nil when there is none or the
    /// choice is ambiguous (e.g. `derive y = year(period)` adds a second period-role column): time functions must
    /// then refuse, not silently treat one of them as a series key (which makes every yoy null).
    public var periodKey: Field? {
        ColumnRole.periodKeyIndex(fields.map { ($0.meta.role, $0.type) }).map { fields[$0] }
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
