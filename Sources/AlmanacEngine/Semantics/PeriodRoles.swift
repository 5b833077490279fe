import AlmanacCore
import AlmanacKernels
import AlmanacSyntax

/// Which period column orders the series, step after step (issue 7: a table with exactly one period column has
/// that column as its period key, whether loaded or made by derive/select; with several, time functions ask).
///
/// The binder settles the choice once a table has one key and keeps it through the steps:
/// - a period made from the key alone (`derive y = year(period)`) is carried along (role `attribute`, `periodOf`
///   naming the key): it neither takes over nor splits the series (which would make every yoy null);
/// - one that refines a yearly key (`derive p = yq(year, quarter)`) takes over; the yearly column is carried along;
/// - one made independently of the key (`derive d = period(text)`) makes the choice ambiguous: both are marked
///   `period`, and time functions refuse, naming them;
/// - a catalog's declared period stays the key (it is marked); replacing the key (`derive period = ym(y, m)`)
///   keeps it the key.
/// Roles of period columns: `period` (the key, or a marked candidate), nil (an undeclared candidate), `attribute`
/// (carried along), `dimension` (a series key, such as a looked-up target year).
enum PeriodRoles {
    /// Marks the key when it is chosen by being the only candidate (so a period derived later never wins merely by
    /// being marked), and turns a carried-along period whose key is gone back into a candidate.
    static func settle(_ s: inout Schema) {
        for i in s.fields.indices {
            guard let base = s.fields[i].periodOf else { continue }
            if s.field(base)?.type.isPeriod != true { s.modify(i) { $0.periodOf = nil; $0.meta.role = .period } }
        }
        if let k = ColumnRole.periodKeyIndex(s.fields.map { ($0.meta.role, $0.type) }), s.fields[k].meta.role != .period {
            s.modify(k) { $0.meta.role = .period }
        }
    }

    static func settled(_ schema: Schema) -> Schema {
        var s = schema
        settle(&s)
        return s
    }

    /// Whether `e` reads nothing but the key (and columns carried along with it): a function of the key.
    static func isFunction(of key: String, _ e: BoundExpr, in schema: Schema) -> Bool {
        e.columns.allSatisfy { $0 == key || schema.field($0)?.periodOf == key }
    }

    /// `ym(K, m)` or `yq(K, q)` over a yearly key K: a finer period that determines K.
    static func refines(_ key: Schema.Field, _ e: BoundExpr) -> Bool {
        guard key.type == .period(.year), case .scalar(let f, let args, _, _) = e, f == .ym || f == .yq,
              case .column(let a0, _) = args[0] else { return false }
        return a0 == key.name
    }

    /// The role of a period column computed by `e` over `schema` (which holds the step's input), and the column it
    /// is carried along with. `refining` is true when it takes over from the key.
    static func role(of e: BoundExpr, in schema: Schema) -> (role: ColumnRole?, periodOf: String?, refining: Bool) {
        guard let key = schema.periodKey else {
            // No key: the only period (marked), or one more of several undeclared candidates (never the winner).
            let candidates = schema.fields.filter { $0.type.isPeriod && $0.meta.role != .attribute }
            return (candidates.isEmpty ? .period : nil, nil, false)
        }
        if refines(key, e) { return (.period, nil, true) }
        if isFunction(of: key.name, e, in: schema) { return (.attribute, key.name, false) }
        // Independent of the key: marked, so that the choice is ambiguous and time functions ask.
        return (.period, nil, false)
    }

    /// `derive name = e`: sets the column in `s` and settles the period roles. Returns the roles the step changed on
    /// other columns (for the executor, which applies them as it goes).
    @discardableResult
    static func derive(_ name: String, _ e: BoundExpr, unit: String?, in s: inout Schema) -> [String: ColumnRole?] {
        var field = Schema.Field(name: name, type: e.type ?? .float, meta: ColumnMeta(role: Binder.role(for: e), unit: unit))
        let existing = s.index(of: name)
        if let i = existing, e.type?.isNumeric == false || e.type == nil { field.meta.role = s.fields[i].meta.role }
        // Neither a period nor replacing one: the periods' roles stay (the common case, kept cheap for long derives).
        guard e.type?.isPeriod == true || existing.map({ s.fields[$0].type.isPeriod }) == true else {
            s.set(field)
            return [:]
        }
        let key = s.periodKey
        var changes: [String: ColumnRole?] = [:]
        if e.type?.isPeriod == true {
            if let key, key.name == name {
                field.meta.role = .period
            } else {
                let r = role(of: e, in: s)
                field.meta.role = r.role
                field.periodOf = r.periodOf
                if r.refining, let key, let k = s.index(of: key.name) {
                    s.modify(k) { $0.meta.role = .attribute; $0.periodOf = name }
                    changes[key.name] = .attribute
                    for j in s.fields.indices where s.fields[j].periodOf == key.name && j != k { s.modify(j) { $0.periodOf = name } }
                }
            }
        }
        // Replacing the key: what was carried along with it no longer follows it.
        if let key, key.name == name {
            for j in s.fields.indices where s.fields[j].periodOf == key.name {
                s.modify(j) { $0.periodOf = nil; $0.meta.role = .period }
                changes[s.fields[j].name] = .period
            }
        }
        s.set(field)
        let before = s.fields.map { ($0.name, $0.meta.role) }
        settle(&s)
        for (old, new) in zip(before, s.fields) where old.1 != new.meta.role && old.0 != name { changes[old.0] = new.meta.role }
        return changes
    }

    /// `select`: `fields` are the outputs built from `input`; `sources` gives, for each output that passes a column
    /// through (renamed or not), the input column's name; `exprs` the expression of each output.
    static func select(_ fields: [Schema.Field], exprs: [BoundExpr], input: Schema) -> Schema {
        var out = fields
        var renamed: [String: String] = [:]
        for (i, e) in exprs.enumerated() { if case .column(let src, _) = e { renamed[src] = out[i].name } }
        for (i, e) in exprs.enumerated() {
            if case .column = e {
                // Passed through: carried along with the same column under its new name.
                out[i].periodOf = out[i].periodOf.flatMap { renamed[$0] }
                if fields[i].periodOf != nil && out[i].periodOf == nil { out[i].meta.role = .period }
                continue
            }
            guard e.type?.isPeriod == true else { continue }
            let r = role(of: e, in: input)
            out[i].meta.role = r.role
            out[i].periodOf = r.periodOf.flatMap { renamed[$0] }
            if r.periodOf != nil && out[i].periodOf == nil { out[i].meta.role = .period }
            if r.refining, let key = input.periodKey, let newKeyName = renamed[key.name], let k = out.firstIndex(where: { $0.name == newKeyName }) {
                out[k].meta.role = .attribute
                out[k].periodOf = out[i].name
            }
        }
        var s = Schema(fields: out)
        settle(&s)
        return s
    }

    /// `aggregate … by`: the output key fields. A period key passed through stays the key; other period keys that
    /// are functions of it are carried along; any other period key is marked (several make time functions ask).
    static func aggregateKeys(_ fields: [Schema.Field], exprs: [BoundExpr], input: Schema) -> [Schema.Field] {
        var out = fields
        let key = input.periodKey
        let keyKept = key.map { k in exprs.contains { if case .column(let n, _) = $0 { return n == k.name } else { return false } } } ?? false
        for (i, e) in exprs.enumerated() where out[i].type.isPeriod {
            out[i].periodOf = nil
            out[i].meta.role = .period
            guard let key, keyKept else { continue }
            if case .column(let n, _) = e, n == key.name { continue }
            if isFunction(of: key.name, e, in: input) {
                out[i].meta.role = .attribute
                out[i].periodOf = key.name
            }
        }
        return out
    }
}

extension Table {
    /// The table with the roles the binder settled for its columns (a loaded column has none of its own).
    func withRoles(of schema: Schema) -> Table {
        withRoles { schema.field($0)?.meta.role }
    }

    /// The table with the roles `schema` gives the named columns (those a step set: the others already have theirs),
    /// at the cost of those names only.
    func withRoles(of schema: Schema, only names: some Sequence<String>) -> Table {
        var t = self
        for name in names {
            guard let i = t.index(of: name), let r = schema.field(name)?.meta.role, r != t.columns[i].meta.role else { continue }
            t.setRole(name, r)
        }
        return t
    }

    /// The table with the given columns' roles changed.
    func withRoles(_ roles: [String: ColumnRole?]) -> Table {
        withRoles { roles[$0] }
    }

    /// `role(name)`: nil to leave a column as it is, `.some(r)` to give it role r.
    private func withRoles(_ role: (String) -> ColumnRole??) -> Table {
        var cols = columns
        var changed = false
        for i in cols.indices {
            guard let r = role(cols[i].name), r != cols[i].meta.role else { continue }
            cols[i].meta.role = r
            changed = true
        }
        return changed ? ((try? Table(columns: cols)) ?? self) : self
    }
}
