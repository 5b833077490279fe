#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Every failure the XLSX layer reports.
///
/// Limits are checked in Swift *before* anything reaches libxlsxwriter, so most
/// cases name the exact Excel rule that was broken. Return codes from
/// libxlsxwriter itself arrive as ``library(function:code:message:)`` with the
/// text of `lxw_strerror`.
public enum XLSXError: Error, Equatable, Sendable {
    /// A libxlsxwriter call returned an error code.
    /// - Parameters:
    ///   - function: the C function that failed, e.g. `"workbook_close"`.
    ///   - code: the raw `lxw_error` value.
    ///   - message: the text of `lxw_strerror(code)`.
    case library(function: String, code: Int, message: String)

    /// A zero-based row index outside `0..<ExcelLimits.maxRows`.
    case rowOutOfRange(row: Int)
    /// A zero-based column index outside `0..<ExcelLimits.maxColumns`.
    case columnOutOfRange(column: Int)
    /// Cell text longer than ``ExcelLimits/maxCellTextLength`` UTF-16 units.
    case textTooLong(row: Int, column: Int, length: Int)
    /// A formula longer than ``ExcelLimits/maxFormulaLength`` UTF-16 units, or empty.
    case invalidFormula(row: Int, column: Int, reason: String)
    /// NaN or ±infinity cannot be stored in an Excel cell.
    case nonFiniteNumber(row: Int, column: Int)
    /// A calendar date Excel cannot represent (or that does not exist).
    case invalidDate(year: Int, month: Int, day: Int)
    /// A rectangle whose first row/column is after its last, or another bad range.
    case invalidRange(String)

    /// A sheet name that breaks one of Excel's naming rules.
    case invalidSheetName(name: String, problem: SheetName.Problem)
    /// A sheet name equal (case-insensitively, after NFC normalization) to an existing one.
    case duplicateSheetName(name: String, existing: String)
    /// A chart range names a sheet that is not in the workbook when it is saved.
    case unknownSheet(name: String)

    /// In constant-memory mode a write targeted a row above the row being written.
    ///
    /// libxlsxwriter flushes each finished row to disk and cannot go back, so
    /// rows must be written in non-decreasing order.
    case rowOutOfOrder(sheet: String, row: Int, currentRow: Int)

    /// A ``CellStyle`` value libxlsxwriter or Excel cannot store.
    case invalidStyle(String)
    /// A ``ChartSpec`` that cannot be turned into an Excel chart.
    case invalidChart(String)
    /// Any other argument outside what Excel accepts.
    case invalidArgument(String)
    /// An ``XLSXFormat`` handle that was created by a different workbook.
    case foreignFormat
    /// A workbook or worksheet handle used after its `write(to:…)` scope ended.
    case outsideScope(String)

    /// A file-system operation failed while saving.
    /// - Parameters:
    ///   - operation: `"write"`, `"rename"` (putting the finished file in place), `"createDirectory"`, `"open"`, `"fsync"`.
    ///   - path: the workbook's path.
    ///   - code: `errno`, or 0 when unknown.
    ///   - message: the system's description (for `createDirectory` with `ENOTDIR`: the file in the way).
    /// Its description is one sentence: what failed, which path, what to do.
    case fileSystem(operation: String, path: String, code: Int32, message: String)
}

extension XLSXError: CustomStringConvertible {
    /// A one-line, human-readable explanation.
    public var description: String {
        switch self {
        case let .library(function, code, message):
            return "libxlsxwriter \(function) failed (error \(code)): \(message)"
        case let .rowOutOfRange(row):
            return "row index \(row) is outside Excel's limit of \(ExcelLimits.maxRows) rows (valid: 0...\(ExcelLimits.maxRows - 1))"
        case let .columnOutOfRange(column):
            return "column index \(column) is outside Excel's limit of \(ExcelLimits.maxColumns) columns (valid: 0...\(ExcelLimits.maxColumns - 1))"
        case let .textTooLong(row, column, length):
            return "text in cell \(CellReference.a1(row: row, col: column)) has \(length) UTF-16 characters; Excel allows at most \(ExcelLimits.maxCellTextLength)"
        case let .invalidFormula(row, column, reason):
            return "invalid formula in cell \(CellReference.a1(row: row, col: column)): \(reason)"
        case let .nonFiniteNumber(row, column):
            return "cell \(CellReference.a1(row: row, col: column)): NaN and infinity cannot be stored in Excel"
        case let .invalidDate(year, month, day):
            return "date \(year)-\(month)-\(day) is not a valid date in Excel's range 1900-01-01...9999-12-31"
        case let .invalidRange(text):
            return "invalid range: \(text)"
        case let .invalidSheetName(name, problem):
            return "invalid sheet name \"\(name)\": \(problem)"
        case let .duplicateSheetName(name, existing):
            return "sheet name \"\(name)\" is already used by \"\(existing)\" (Excel compares sheet names case-insensitively)"
        case let .unknownSheet(name):
            return "chart range refers to sheet \"\(name)\", which is not in the workbook"
        case let .rowOutOfOrder(sheet, row, currentRow):
            return "constant-memory sheet \"\(sheet)\": cannot write row \(row + 1) after row \(currentRow + 1) was started; rows must be written in order"
        case let .invalidStyle(text):
            return "invalid cell style: \(text)"
        case let .invalidChart(text):
            return "invalid chart: \(text)"
        case let .invalidArgument(text):
            return "invalid argument: \(text)"
        case .foreignFormat:
            return "the format handle belongs to a different workbook"
        case let .outsideScope(text):
            return "\(text) was used after its workbook was closed"
        case let .fileSystem(operation, path, code, message):
            return FileProblem.sentence(operation: operation, path: path, code: code, message: message)
        }
    }
}

/// A file-system failure as one sentence: what failed, which path, and what to do
/// (`cannot write /x/y.xlsx: permission denied; choose a folder you can write to`).
enum FileProblem {
    static func sentence(operation: String, path: String, code: Int32, message: String) -> String {
        let verb: String
        switch operation {
        case "createDirectory": verb = "cannot create the folder for \(path)"
        case "rename": verb = code == EISDIR ? "cannot write \(path)" : "cannot replace \(path)"
        default: verb = "cannot write \(path)"
        }
        let (why, advice): (String, String)
        switch code {
        case EACCES, EPERM:
            (why, advice) = operation == "rename"
                ? ("the file is locked or read-only", "close it in the program that has it open (Excel), or choose another name")
                : ("permission denied", "choose a folder you can write to")
        case EROFS: (why, advice) = ("the disk is read-only", "choose a folder you can write to")
        case ENOTDIR, EEXIST: (why, advice) = ("\(operation == "createDirectory" && !message.isEmpty ? message : "a part of the path") is a file, not a folder", "choose another path")
        case EISDIR: (why, advice) = ("it is a folder", "give the name of a file (such as \(path)/result.xlsx)")
        case ENOENT: (why, advice) = ("its folder does not exist", "create the folder first, or choose another path")
        case ENOSPC, EDQUOT: (why, advice) = ("the disk is full", "free some space, or choose another disk")
        case EFBIG: (why, advice) = ("the file is larger than this system allows", "choose another disk, or write fewer rows")
        case EBUSY, ETXTBSY: (why, advice) = ("the file is in use", "close it in the program that has it open, or choose another name")
        case ENAMETOOLONG: (why, advice) = ("the name is too long", "choose a shorter name")
        case 0: (why, advice) = (message.isEmpty ? "the save failed" : message.prefix(1).lowercased() + message.dropFirst(), "try again, or choose another path")
        default: (why, advice) = (String(cString: strerror(code)).lowercased(), "choose another path")
        }
        return "\(verb): \(why); \(advice)"
    }
}
