/// A located problem in a CSV file: file, line, column, the offending text, and what to do.
public struct CSVError: Error, Equatable, CustomStringConvertible, Sendable {
    public var file: String
    /// 1-based physical line (header = line 1); nil for whole-file problems.
    public var line: Int?
    /// 1-based field number and its header name, when known.
    public var column: Int?
    public var columnName: String?
    public var message: String
    public var hint: String?

    public init(file: String, line: Int? = nil, column: Int? = nil, columnName: String? = nil, message: String, hint: String? = nil) {
        self.file = file
        self.line = line
        self.column = column
        self.columnName = columnName
        self.message = message
        self.hint = hint
    }

    /// `trade.csv:12:3 (column 'period'): month 13 does not exist in '2024-13'`
    public var description: String {
        var loc = file
        if let l = line { loc += ":\(l)" }
        if let c = column { loc += ":\(c)" }
        var s = loc
        if let n = columnName { s += " (column '\(n)')" }
        s += ": " + message
        if let h = hint { s += "\n  hint: " + h }
        return s
    }
}
