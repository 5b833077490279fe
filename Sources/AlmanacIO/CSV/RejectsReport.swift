import Foundation

/// Every row lenient loads set aside, as a CSV file a planner can open (`file,line,reason,text`: the file, the row's
/// first line, why it was rejected, the row as written), so that nothing is dropped silently.
public enum RejectsReport {
    /// The report's columns.
    public static let header = ["file", "line", "reason", "text"]

    /// The report of the loads' rejected rows, in load order and line order within each file.
    public static func bytes(_ reports: [LoadReport]) -> [UInt8] {
        var out = Array((header.joined(separator: ",") + "\n").utf8)
        for report in reports {
            let file = CSVWriter.quoted(report.file)
            for r in report.rejected {
                out.append(contentsOf: "\(file),\(r.line),\(CSVWriter.quoted(r.reason)),\(CSVWriter.quoted(r.text))\n".utf8)
            }
        }
        return out
    }

    /// Writes the report (through a temporary file renamed into place), creating its folder.
    public static func write(_ reports: [LoadReport], to path: String) throws {
        do { try FileWriting.write(bytes(reports), to: path) } catch let e as FileWriteError {
            throw CSVError(file: path, message: "the report of rejected rows: " + e.description)
        }
    }

    /// `out/rejected/NAME.csv` under `directory`: NAME is a dataset's name or a file's name without its extension.
    public static func defaultPath(for source: String, under directory: String) -> String {
        var stem = (source as NSString).lastPathComponent
        if source.contains("/") || source.hasSuffix(".csv") || source.hasSuffix(".tsv") { stem = (stem as NSString).deletingPathExtension }
        if stem.isEmpty || stem.hasPrefix(".") { stem = "rows" + stem }
        return ((directory as NSString).appendingPathComponent("out/rejected") as NSString).appendingPathComponent(stem + ".csv")
    }

    /// `14 rows of 'trade' rejected; all listed in out/rejected/trade.csv`.
    public static func summary(source: String, count: Int, path: String) -> String {
        "\(count) row\(count == 1 ? "" : "s") of '\(source)' rejected; all listed in \(path)"
    }
}
