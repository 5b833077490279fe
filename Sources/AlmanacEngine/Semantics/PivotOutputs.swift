import AlmanacCore
import AlmanacKernels
import AlmanacSyntax
import AlmanacDiagnostics

/// The columns a pivot will make, as far as they are known before it runs: their names come from the data, but
/// their shape does not. A pivot over a period makes columns named as periods of its frequency (`2020`, `2024-10`,
/// `2024-Q3`), over integers as integers, over booleans `true`/`false`, over text any text; with several values each
/// name is prefixed `measure_`. Each holds its value column's type and unit.
///
/// The binder checks the steps after a pivot against the remaining keys plus these: a name that fits the pattern
/// stands for a column of the value's type (the run binds it for real); a name that cannot be a pivot output is
/// unknown already, before any data is read.
struct PivotOutputs: Sendable {
    /// The pivoted column's name and type.
    var column: String
    var type: DataType
    /// The value columns spread, in order.
    var values: [Schema.Field]

    /// The column a pivot output of this name would be, or nil when no value of the pivoted column can make it.
    func field(named name: String) -> Schema.Field? {
        if values.count == 1 {
            return plausible(name) ? output(name, values[0]) : nil
        }
        for v in values where name.hasPrefix(v.name + "_") && plausible(String(name.dropFirst(v.name.count + 1))) {
            return output(name, v)
        }
        return nil
    }

    func output(_ name: String, _ value: Schema.Field) -> Schema.Field {
        Schema.Field(name: name, type: value.type, meta: ColumnMeta(role: .measure, unit: values.count == 1 ? value.meta.unit : nil))
    }

    /// Whether some value of the pivoted column prints as `text`.
    func plausible(_ text: String) -> Bool {
        switch type {
        case .period(let f):
            guard case .period(let p) = PeriodParser.parse(text), p.frequency == f else { return false }
            return Value.period(p).description == text
        case .int: return Int64(text).map { Value.int($0).description == text } ?? false
        case .float: return Double(text).map { Value.float($0).description == text } ?? false
        case .bool: return text == "true" || text == "false"
        case .text: return !text.isEmpty
        }
    }

    /// An unknown column's hint after a pivot: a close known name, or what the columns are.
    func hint(for name: String, known: [String]) -> String {
        if let m = Suggestions.closest(to: name, among: known) { return "did you mean '\(m)'?" }
        let made = values.count == 1 ? "named like \(example)" : "named like \(values[0].name)_\(example.components(separatedBy: ", ")[0])"
        let keys = known.isEmpty ? "" : "; the other columns: " + Suggestions.list(known)
        return "pivot \(column) makes columns \(made)\(keys)"
    }

    /// How the names look, for an unknown column's hint.
    var example: String {
        switch type {
        case .period(.year): return "2020, 2021"
        case .period(.quarter): return "2024-Q1, 2024-Q2"
        case .period(.month): return "2024-01, 2024-02"
        case .period(.day): return "2024-01-15"
        case .int: return "1, 2"
        case .float: return "1.5"
        case .bool: return "true, false"
        case .text: return "its values"
        }
    }
}
