import AlmanacCore
import AlmanacKernels
import AlmanacSyntax

/// What the binder knows of a table between steps: its columns' names, types and roles.
public struct Schema: Sendable {
    public struct Field: Sendable {
        public var name: String
        public var type: DataType
        public var meta: ColumnMeta
        /// A period column carried along with the period key it was made from (see `PeriodRoles`): the key's name.
        public var periodOf: String? = nil

        package init(name: String, type: DataType, meta: ColumnMeta, periodOf: String? = nil) {
            self.name = name
            self.type = type
            self.meta = meta
            self.periodOf = periodOf
        }
    }
    public private(set) var fields: [Field]
    /// Each name's position (Swift compares and hashes strings canonically, so NFC and NFD spellings meet).
    private var positions: [String: Int]
    /// After a pivot, before it runs: the columns it will make, known by their shape only (see `PivotOutputs`).
    var pivotOutputs: PivotOutputs? = nil

    public init(fields: [Field]) {
        self.fields = fields
        positions = Dictionary(fields.enumerated().map { ($1.name, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// The schema of a table.
    public init(_ table: Table) {
        self.init(fields: table.columns.map { Field(name: $0.name, type: $0.dataType, meta: $0.meta) })
    }

    public var names: [String] { fields.map(\.name) }

    public func index(of name: String) -> Int? { positions[name] }

    public func field(_ name: String) -> Field? {
        if let i = positions[name] { return fields[i] }
        return pivotOutputs?.field(named: name)
    }

    /// Replaces the field of the same name, or appends it.
    public mutating func set(_ field: Field) {
        if let i = positions[field.name] { fields[i] = field } else { positions[field.name] = fields.count; fields.append(field) }
    }

    /// Changes a field in place; its name stays.
    public mutating func modify(_ i: Int, _ body: (inout Field) -> Void) {
        let name = fields[i].name
        body(&fields[i])
        fields[i].name = name
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
