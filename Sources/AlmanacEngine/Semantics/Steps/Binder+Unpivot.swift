import AlmanacCore
import AlmanacDiagnostics
import AlmanacSyntax

extension Binder {
    /// ``unpivot `2019`, `2020` into year, arrivals`` / `unpivot all except province into year, arrivals`: the columns
    /// become rows. The names column is a period when every name spells one of the same frequency (the period key
    /// when the table has none), else text; the values take the widest type of the columns and their unit when they
    /// share one.
    mutating func bindUnpivot(_ u: UnpivotStep, input: NodeID, schema: Schema) throws -> PlanNode {
        let columns = try unpivotColumns(u, schema: schema)
        let gone = Set(columns.map(\.name))
        let kept = schema.fields.filter { !gone.contains($0.name) }
        let nameColumn = u.nameColumn.name.nfc, valueColumn = u.valueColumn.name.nfc
        for new in [u.nameColumn, u.valueColumn] where kept.contains(where: { $0.name == new.name }) {
            throw DiagnosticError(.unpivotNameTaken(new.name, span: new.span))
        }
        if nameColumn == valueColumn { throw DiagnosticError(.duplicateOutput(valueColumn, span: u.valueColumn.span)) }

        let valueType = try unpivotValueType(columns, span: u.span)
        let units = Set(columns.map(\.meta.unit))
        if units.count > 1, !units.contains(nil) {
            let shown = columns.prefix(2).map { UnitOperand(column: $0.name, unit: $0.meta.unit ?? "") }
            throw DiagnosticError(.typeMismatch(.unpivotUnits(first: shown[0], second: shown[1]), span: u.span))
        }
        let unit = units.count == 1 ? units.first! : nil

        // The names: a period when every one spells a period of one frequency.
        let parsed = columns.map { PeriodParser.parseName($0.name) }
        let periods = parsed.compactMap { if case .period(let p) = $0 { return p } else { return nil } }
        let frequencies = Set(periods.map(\.frequency))
        let namesArePeriods = periods.count == columns.count && frequencies.count == 1
        if !namesArePeriods, !periods.isEmpty {
            // Some names are periods, not all (or not of one frequency): the column stays text, and the reader is told.
            let odd = zip(columns, parsed).first { if case .period = $0.1 { return false } else { return true } }?.0
            let reason: UnpivotNames = odd.map { o in .notAPeriod(name: o.name, periods: zip(columns, parsed).compactMap { c, p in
                if case .period = p { return c.name } else { return nil } }.prefix(3).map { $0 }) }
                ?? .mixedFrequencies(frequencies.sorted().map(\.description))
            warnings.append(LocatedFact(.unpivotNamesText(column: nameColumn, reason: reason), span: u.nameColumn.span).diagnostic)
        }
        var fields = kept
        let nameType: DataType = namesArePeriods ? .period(periods[0].frequency) : .text
        // A period of names becomes the period key when the table has none; a text one is a series key.
        let hasKey = Schema(fields: kept).periodKey != nil
        let nameRole: ColumnRole = namesArePeriods && !hasKey ? .period : .dimension
        fields.append(Schema.Field(name: nameColumn, type: nameType, meta: ColumnMeta(role: nameRole)))
        let valueRole: ColumnRole = valueType.isNumeric ? .measure : .attribute
        let label = columns.allSatisfy { $0.meta.label == columns[0].meta.label } ? columns[0].meta.label : nil
        fields.append(Schema.Field(name: valueColumn, type: valueType, meta: ColumnMeta(role: valueRole, unit: unit, label: label)))
        return .unpivot(UnpivotNode(input: input, columns: columns.map(\.name), kept: kept.map(\.name), nameColumn: nameColumn, valueColumn: valueColumn,
                                    periods: namesArePeriods ? periods : nil, valueType: valueType, keepNulls: u.keepNulls,
                                    schema: PeriodRoles.settled(Schema(fields: fields)), span: u.span))
    }

    /// The columns that become rows: those listed, or all but those kept; each known, none twice, no key among them,
    /// and at least one column left to tell the rows apart.
    func unpivotColumns(_ u: UnpivotStep, schema: Schema) throws -> [Schema.Field] {
        var seen = Set<String>()
        var named: [Schema.Field] = []
        let refs: [NameRef]
        switch u.columns {
        case .listed(let r): refs = r
        case .allExcept(let r): refs = r
        }
        for ref in refs {
            guard let f = schema.field(ref.name) else { throw unknownColumn(ref.name, span: ref.span, candidates: schema.names, schema: schema) }
            guard seen.insert(f.name).inserted else { throw DiagnosticError(.duplicateOutput(f.name, span: ref.span)) }
            named.append(f)
        }
        let columns: [Schema.Field]
        switch u.columns {
        case .listed:
            columns = named
        case .allExcept:
            columns = schema.fields.filter { !seen.contains($0.name) }
            guard !columns.isEmpty else { throw DiagnosticError(.unpivotNothing(span: u.span)) }
        }
        guard columns.count < schema.fields.count else {
            throw DiagnosticError(.unpivotEverything(span: u.span, keys: schema.keys.map(\.name)))
        }
        let allText = columns.allSatisfy { $0.type == .text }
        for (i, c) in columns.enumerated() where Self.isUnpivotKey(c, allText: allText) {
            let span: SourceSpan
            if case .listed(let r) = u.columns { span = r[i].span } else { span = u.span }
            var listed = false
            if case .listed = u.columns { listed = true }
            throw DiagnosticError(.unpivotKey(c.name, span: span, listed: listed))
        }
        return columns
    }

    /// Whether a column tells the rows apart rather than holding values: a declared key or period, any period, and
    /// text or booleans without a role, except text named like a period (a year column read as text because of a
    /// stray word) and text unpivoted only with other text.
    static func isUnpivotKey(_ c: Schema.Field, allText: Bool) -> Bool {
        if c.meta.role == .dimension || c.meta.role == .period || c.type.isPeriod { return true }
        guard c.meta.role == nil else { return false }
        switch c.type {
        case .bool: return true
        case .text:
            if allText { return false }
            if case .period = PeriodParser.parseName(c.name) { return false }
            return true
        case .int, .float, .period: return false
        }
    }

    /// The widest type of the columns: integers among decimals are decimals, text among numbers is read as numbers
    /// (decimals) cell by cell when the step runs; other mixes are an error.
    func unpivotValueType(_ columns: [Schema.Field], span: SourceSpan) throws -> DataType {
        let types = Set(columns.map(\.type))
        if types.count == 1 { return columns[0].type }
        if types.allSatisfy(\.isNumeric) { return .float }
        if types.allSatisfy({ $0.isNumeric || $0 == .text }) { return .float }
        let a = columns[0]
        let b = columns.first { $0.type != a.type }!
        throw DiagnosticError(.typeMismatch(.unpivotMixedTypes(first: a.name, firstType: a.type, other: b.name, otherType: b.type), span: span))
    }
}

extension Diagnostic {
    static func unpivotNameTaken(_ name: String, span: SourceSpan) -> Diagnostic {
        .error("query.duplicate-name", "unpivot: '\(name)' is already a column the step keeps", span: span,
               hints: ["give the new column another name, or rename the old one first (select \(name)_old = \(name), …)"])
    }

    static func unpivotNothing(span: SourceSpan) -> Diagnostic {
        .error("query.unpivot-columns", "unpivot has no column to turn into rows: 'all except' names every column", span: span,
               hints: ["keep only the columns that tell the rows apart: unpivot all except province into year, value"])
    }

    static func unpivotEverything(span: SourceSpan, keys: [String]) -> Diagnostic {
        let example = keys.first.map { "unpivot all except \($0) into …" } ?? "unpivot all except COLUMN into …"
        return .error("query.unpivot-columns", "unpivot would turn every column into rows, leaving nothing to tell them apart", span: span,
                      hints: ["keep the columns that identify a row: \(example)"])
    }

    static func unpivotKey(_ name: String, span: SourceSpan, listed: Bool) -> Diagnostic {
        .error("query.unpivot-columns", "unpivot: '\(name)' is a key that tells the rows apart, not a column of values", span: span,
                      hints: [listed ? "leave it out of the list: its value goes to every new row"
                                     : "keep it: unpivot all except \(name.contains(" ") ? "`\(name)`" : name), … into …"])
    }
}
