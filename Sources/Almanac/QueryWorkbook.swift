import Foundation
import AlmanacCore
import AlmanacDiagnostics
import AlmanacEngine
import AlmanacReports
import AlmanacXLSX

/// One query result as a workbook: a sheet named from the query plus the Notes sheet (query, parameters, sources,
/// warnings, time). Written atomically.
public enum QueryWorkbook {
    public static func write(_ result: QueryResult, to path: String, query: SourceFile, parameters: [String: String],
                             sheetName: String = "Kết quả", formulas: Bool = true, provenance: DatasetProvenance? = nil) throws {
        let now = Date()
        let url = URL(fileURLWithPath: path)
        let params = parameters.keys.sorted().map { ParameterValue(name: $0, value: parameters[$0]!) }
        let sheet = result.sheetResult(provenance)
        let props = DocumentProperties(title: "Almanac: \(query.name)", subject: "Kết quả truy vấn", author: "Almanac",
                                       company: nil, keywords: "Almanac", comments: "Tạo bởi Almanac \(AlmanacVersion.current)", created: now)
        try XLSXWorkbook.write(to: url, options: XLSXWorkbook.Options(constantMemory: result.table.rowCount > SheetWriter.streamingThreshold), properties: props) { wb in
            let writer = SheetWriter(workbook: wb)
            var options = SheetOptions()
            options.formulas = formulas
            options.formulaHints = sheet.formulaHints
            let written = try writer.write(result.table, name: sheetName, options: options, progress: nil)
            let notes = WorkbookNotes(title: query.name, workbookFile: nil, generatedAt: now, parameters: params, sheets: [
                SheetNotes(sheetName: written.name, query: SourceText(name: query.name, text: query.text, isFile: query.name != "<query>"),
                           parameters: params, datasets: sheet.datasets, rejected: sheet.rejected, warnings: sheet.warnings + written.warnings, generatedAt: now,
                           rows: written.rows, columns: written.columns, columnLines: SheetNotes.columnLines(result.table, written: written)),
            ])
            try NotesSheet.write(notes, into: wb)
        }
    }
}
