import AlmanacCore
import AlmanacDiagnostics
import AlmanacKernels

/// Turns columns into rows: the kept columns repeat, the old names go into one new column and their values into
/// another (of the plan's type: integers become decimals beside decimals, text beside numbers is read as numbers).
struct UnpivotOperator {
    let node: UnpivotNode
    /// Where the input's rows came from, while they are a source's: names a bad cell's line or cell, and says
    /// whether the load was lenient (a bad cell is then set aside instead of stopping the query).
    var origin: RowOrigin? = nil

    func run(_ input: Table) throws -> OperatorOutput {
        let columns = try node.columns.map { try input.requiredColumn($0, for: "unpivot", span: node.span) }
        // Kept columns no later step reads may have been left unread (`ColumnPruning`).
        let kept = node.kept.compactMap { input.column(named: $0) }
        var bad: [BadCell] = []
        let values = try columns.enumerated().map { k, c in try converted(c, position: k, input, bad: &bad) }
        var layout: UnpivotLayout
        do {
            layout = try Unpivot.layout(validities: values.map(\.validity), rowCount: input.rowCount, keepNulls: node.keepNulls)
        } catch let e as KernelError {
            throw DiagnosticError(.runtime(.unpivotShape(e), span: node.span))
        }
        // Cells set aside as not numbers (lenient) are no rows, and not empty cells either.
        if !bad.isEmpty { layout = Unpivot.removing(Set(bad.map { $0.row * columns.count + $0.position }), columns: columns.count, from: layout, keepNulls: node.keepNulls) }
        var out = kept.map { $0.gathering(layout.rows) }
        out.append(nameColumn(layout.which))
        out.append(valueColumn(values, layout))
        // Roles and units as the binder settled them.
        for i in out.indices {
            if let f = node.schema.field(out[i].name) { out[i].meta.role = f.meta.role; out[i].meta.unit = f.meta.unit }
        }
        var facts: [LocatedFact] = []
        if layout.droppedNulls > 0 { facts.append(LocatedFact(.unpivotNulls(cells: layout.droppedNulls, column: node.valueColumn), span: node.span)) }
        var rejected: [RejectedRows] = []
        if let origin, !bad.isEmpty {
            let set = setAside(bad, origin)
            facts.append(LocatedFact(.unpivotRejected(source: origin.source.displayName, cells: set.count, examples: set.prefix(5).map(\.located)), span: node.span))
            rejected.append(RejectedRows(source: origin.source.displayName, rows: set.map(\.row)))
        }
        // The kept columns repeat row by row: their same-row formulas hold; formulas over the columns unpivoted end.
        let lineage = LineageUpdate.steps([.selected(passedThrough: Set(kept.map(\.name)), expressions: [:]), .gathered(layout.rows)])
        return OperatorOutput(table: try Table(columns: out), facts: facts, lineage: lineage, rejected: rejected)
    }

    /// The names column: a period per name, or the names as text (codes are the columns' positions).
    func nameColumn(_ which: [Int32]) -> Column {
        let meta = ColumnMeta(role: node.schema.field(node.nameColumn)?.meta.role)
        if let periods = node.periods, let f = periods.first?.frequency {
            let ordinals = periods.map(\.ordinal)
            return Column(name: node.nameColumn, storage: .period(Gather.pick(ordinals, which, 0), f), meta: meta)
        }
        let dictionary = TextDictionary(uniqueNFC: node.columns.map(\.nfc))
        return Column(name: node.nameColumn, storage: .text(which, dictionary), meta: meta)
    }

    /// The values column, gathered from the converted columns.
    func valueColumn(_ values: [Column], _ layout: UnpivotLayout) -> Column {
        let validities = values.map(\.validity)
        let storage: ColumnStorage
        let validity: Validity
        switch node.valueType {
        case .int:
            let (v, ok) = Unpivot.gather(values.map { if case .int(let x) = $0.storage { return x } else { return [] } }, validities: validities, layout: layout)
            (storage, validity) = (.int(v), ok)
        case .float:
            let (v, ok) = Unpivot.gather(values.map { if case .float(let x) = $0.storage { return x } else { return [] } }, validities: validities, layout: layout)
            (storage, validity) = (.float(v), ok)
        case .bool:
            let (v, ok) = Unpivot.gather(values.map { if case .bool(let x) = $0.storage { return x } else { return [] } }, validities: validities, layout: layout)
            (storage, validity) = (.bool(v), ok)
        case .period(let f):
            let (v, ok) = Unpivot.gather(values.map { if case .period(let x, _) = $0.storage { return x } else { return [] } }, validities: validities, layout: layout)
            (storage, validity) = (.period(v, f), ok)
        case .text:
            let (codes, dict) = Unpivot.unifiedCodes(values.map { if case .text(let c, let d) = $0.storage { return (c, d) } else { return ([], TextDictionary(uniqueNFC: [])) } })
            let (v, ok) = Unpivot.gather(codes, validities: validities, layout: layout)
            (storage, validity) = (.text(v, dict), ok)
        }
        return Column(name: node.valueColumn, storage: storage, validity: validity)
    }

    /// A column in the values' type: integers as decimals, text read as numbers (each distinct text once).
    func converted(_ c: Column, position: Int, _ input: Table, bad: inout [BadCell]) throws -> Column {
        guard c.dataType != node.valueType else { return c }
        switch (c.storage, node.valueType) {
        case (.int(let v), .float):
            return Column(name: c.name, storage: .float(v.map { Double($0) }), validity: c.validity)
        case (.text(let codes, let dict), .float):
            let numbers = dict.values.map(Self.number)
            var out = [Double](repeating: 0, count: codes.count)
            var flags = ValidityBuilder(reservingCapacity: codes.count)
            for r in 0..<codes.count {
                guard c.validity.isValid(r) else { flags.append(false); continue }
                switch numbers[Int(codes[r])] {
                case .number(let x): out[r] = x; flags.append(true)
                case .empty: flags.append(false)
                case .notANumber:
                    let text = dict.values[Int(codes[r])]
                    guard origin?.lenient == true else { throw notANumber(c, row: r, text: text, input) }
                    bad.append(BadCell(row: r, position: position, text: text))
                    flags.append(false)
                }
            }
            return Column(name: c.name, storage: .float(out), validity: flags.finish())
        default:
            throw DiagnosticError(.internalError("unpivot: '\(c.name)' holds \(c.dataType), not \(node.valueType) as the query was checked against", span: node.span))
        }
    }

    enum CellNumber { case number(Double), empty, notANumber }

    /// A text cell read as a number: digits with an optional sign, decimal point and exponent; blank is empty.
    static func number(_ text: String) -> CellNumber {
        let t = text.trimmingCharacters(in: .whitespaces)
        if t.isEmpty { return .empty }
        guard t.unicodeScalars.allSatisfy({ "0123456789+-.eE".unicodeScalars.contains($0) }), let x = Double(t), x.isFinite else { return .notANumber }
        return .number(x)
    }

    /// A text cell among numbers that is not one: its input row, its column's position, its text.
    struct BadCell { var row: Int, position: Int, text: String }

    /// The error for a text cell among numbers: the column, the row's keys, where it is in the source, the text.
    func notANumber(_ c: Column, row: Int, text: String, _ input: Table) -> DiagnosticError {
        let keys = input.keyColumns.filter { node.kept.contains($0.name) }
        let place = origin?.places([row], column: c.name)[row]
        return DiagnosticError(.runtime(.unpivotNotANumber(column: c.name, text: text, row: row, keys: keys.map { KeyValue(name: $0.name, value: $0.value(at: row)) },
                                                           source: place == nil ? nil : origin?.source.displayName, place: place), span: node.span))
    }

    /// Under a lenient load, the cells that are not numbers as rejected rows of the source, in source order: each
    /// located (a line, or a sheet's cell, in its reason), with the column and the text; and as a warning lists it.
    func setAside(_ bad: [BadCell], _ origin: RowOrigin) -> [(row: RejectedRow, located: String)] {
        var out: [(row: RejectedRow, located: String)] = []
        for (position, cells) in Dictionary(grouping: bad, by: \.position).sorted(by: { $0.key < $1.key }) {
            let column = node.columns[position]
            let places = origin.places(cells.map(\.row), column: column)
            for cell in cells {
                let place = places[cell.row] ?? .dataRow(cell.row + 1)
                let reason = "unpivot: '\(column)' holds '\(cell.text)', which is not a number"
                // A line goes in the row's line; a cell, a data row or a file of several in its reason.
                var inReason = true
                if case .line = place { inReason = false }
                out.append((RejectedRow(line: place.reportLine, reason: inReason ? "\(place.english): \(reason)" : reason, text: cell.text),
                            "\(place.english): \(reason)"))
            }
        }
        return out.sorted { ($0.row.line, $0.located) < ($1.row.line, $1.located) }
    }
}
