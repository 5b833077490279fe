import Foundation
import AlmanacCore
import AlmanacDiagnostics
import AlmanacIO
import AlmanacEngine

/// Writes a query result to a file chosen by extension.
public enum Output {
    public static func write(_ result: QueryResult, to path: String, query: SourceFile, parameters: [String: String],
                             provenance: DatasetProvenance? = nil) throws {
        try checkPath(path)
        switch (path as NSString).pathExtension.lowercased() {
        case "csv":
            try AtomicWrite.write(Data(CSVWriter.bytes(result.table)), to: path)
        case "json":
            try AtomicWrite.write(Data(JSONWriter.string(result.table).utf8), to: path)
        case "xlsx":
            try QueryWorkbook.write(result, to: path, query: query, parameters: parameters, provenance: provenance)
        default:
            break
        }
    }

    /// The file types `write` takes.
    public static let fileTypes = ["csv", "json", "xlsx"]

    /// Throws unless `path` ends in a type `write` takes (checked before a query runs).
    public static func checkPath(_ path: String) throws {
        let ext = (path as NSString).pathExtension
        guard !fileTypes.contains(ext.lowercased()) else { return }
        let name = (path as NSString).lastPathComponent
        if ext.isEmpty {
            throw OutputError("the output '\(path)' has no file type: end its name in .csv, .json or .xlsx (such as \(name.isEmpty ? "result" : name).xlsx)")
        }
        throw OutputError("unknown output type '.\(ext)' in '\(path)': end its name in .csv, .json or .xlsx")
    }
}

/// A user-facing output problem.
public struct OutputError: Error, CustomStringConvertible {
    public var description: String
    public init(_ d: String) { description = d }
}

/// Writes a file through a temporary file in the same folder, renamed into place on success.
public enum AtomicWrite {
    public static func write(_ data: Data, to path: String) throws {
        try FileWriting.write(data, to: path)
    }
}
