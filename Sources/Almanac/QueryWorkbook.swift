import AlmanacDiagnostics
import AlmanacQuery

/// One query result as a workbook (one sheet plus Notes).
public enum QueryWorkbook {
    public static func write(_ result: QueryResult, to path: String, query: SourceFile, parameters: [String: String]) throws {
        throw OutputError("xlsx output is not available in this build yet; write .csv or .json")
    }
}
