import AlmanacDiagnostics
import AlmanacCore

/// The sheet options checked against a table before anything is written: columns they name that the table lacks,
/// or cannot apply to.
extension SheetWriter {
    /// Every option that names a column the table lacks, or cannot apply to the column it names.
    public static func problems(_ table: Table, options: SheetOptions) -> [ColumnProblem] {
        var problems: [ColumnProblem] = []
        let names = table.columnNames
        func missing(_ field: String, _ name: String) -> ColumnProblem? {
            guard table.column(named: name) == nil else { return nil }
            let close = Suggestions.closest(to: name, among: names)
            return ColumnProblem(field: field, message: "column '\(name)' is not in the result",
                                 hint: close.map { "did you mean '\($0)'?" } ?? "the result's columns: " + names.joined(separator: ", "))
        }
        func isNumeric(_ name: String) -> Bool { table.column(named: name)?.dataType.isNumeric ?? false }
        for name in options.labels.keys.sorted() { if let p = missing("labels.\(name)", name) { problems.append(p) } }
        for name in options.formats.keys.sorted() {
            if let p = missing("formats.\(name)", name) { problems.append(p); continue }
            if let column = table.column(named: name), let why = SheetColumnPlanner.overrideProblem(options.formats[name]!, for: column) {
                problems.append(ColumnProblem(field: "formats.\(name)", message: why))
            }
        }
        if let chart = options.chart {
            if let p = missing("chart.x", chart.x) { problems.append(p) }
            if chart.y.isEmpty { problems.append(ColumnProblem(field: "chart.y", message: "a chart needs at least one column to plot")) }
            for y in chart.y {
                if let p = missing("chart.y", y) { problems.append(p) }
                else if !isNumeric(y) || options.formats[y] == .text {
                    problems.append(ColumnProblem(field: "chart.y", message: "column '\(y)' holds \(table.column(named: y)!.dataType) values written as text; a chart plots numbers"))
                }
            }
        }
        for (field, list) in [("conditional.negative_red", options.highlights.negativeRed),
                              ("conditional.positive_green", options.highlights.positiveGreen)] {
            for name in list {
                if let p = missing(field, name) { problems.append(p) }
                else if !isNumeric(name) {
                    problems.append(ColumnProblem(field: field, message: "column '\(name)' is not numeric"))
                }
            }
        }
        for name in options.formulaHints.keys.sorted() {
            let field = "formula hint \(name)"
            if let p = missing(field, name) { problems.append(p); continue }
            let hint = options.formulaHints[name]!
            if !isNumeric(name) { problems.append(ColumnProblem(field: field, message: "column '\(name)' is not numeric")) }
            // Same-row arithmetic may read columns a later step dropped: then the values are written, no formula.
            if case .expression = hint { continue }
            for ref in hint.referencedColumns {
                if let p = missing(field, ref) { problems.append(p) }
                else if !isNumeric(ref) { problems.append(ColumnProblem(field: field, message: "referenced column '\(ref)' is not numeric")) }
            }
            switch hint {
            case .growth(_, let base), .difference(_, let base):
                if base.count != table.rowCount {
                    problems.append(ColumnProblem(field: field, message: "baseRow has \(base.count) entries for \(table.rowCount) rows"))
                }
            case .ratio, .expression: break
            }
        }
        return problems
    }
}
