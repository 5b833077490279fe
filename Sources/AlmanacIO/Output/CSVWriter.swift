import Foundation
import AlmanacCore

/// Writes tables as RFC 4180 CSV (UTF-8, LF line ends, quotes only where needed). Text values are encoded once
/// per dictionary entry, not once per row; numbers print in full precision; periods in canonical form; null is empty.
public enum CSVWriter {
    /// The CSV bytes of a table.
    public static func bytes(_ table: Table) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(64 + table.rowCount * table.columns.count * 8)
        out.append(contentsOf: table.columnNames.map(quoted).joined(separator: ",").utf8)
        out.append(10)
        let encoded: [[[UInt8]]] = table.columns.map { c in
            switch c.storage {
            case .text(_, let d): return d.values.map { Array(quoted($0).utf8) }
            default: return []
            }
        }
        for r in 0..<table.rowCount {
            for (i, c) in table.columns.enumerated() {
                if i > 0 { out.append(44) }
                guard c.validity.isValid(r) else { continue }
                switch c.storage {
                case .int(let v): out.append(contentsOf: String(v[r]).utf8)
                case .float(let v): if v[r].isFinite { out.append(contentsOf: fullPrecision(v[r]).utf8) }
                case .bool(let v): out.append(contentsOf: (v[r] ? "true" : "false").utf8)
                case .text(let codes, _): out.append(contentsOf: encoded[i][Int(codes[r])])
                case .period(let o, let f): out.append(contentsOf: PeriodFormat.string(o[r], f).utf8)
                }
            }
            out.append(10)
        }
        return out
    }

    /// CSV text.
    public static func string(_ table: Table) -> String { String(decoding: bytes(table), as: UTF8.self) }

    /// Shortest text that reads back to the same double; integral values without a fraction.
    public static func fullPrecision(_ v: Double) -> String {
        if v == v.rounded(), abs(v) < 1e15 { return String(Int64(v)) }
        return "\(v)"
    }

    static func quoted(_ s: String) -> String {
        // Bytes, not Characters: "\r\n" is one Character and equals neither "\r" nor "\n".
        if s.utf8.contains(where: { $0 == 44 || $0 == 34 || $0 == 10 || $0 == 13 }) || s.hasPrefix(" ") || s.hasSuffix(" ") {
            return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        return s
    }
}
