import Foundation
import AlmanacCore

/// Writes tables as a JSON array of objects (numbers as numbers, periods as strings, null as null).
public enum JSONWriter {
    public static func string(_ table: Table) -> String {
        var s = "[\n"
        let keys = table.columnNames.map(escape)
        for r in 0..<table.rowCount {
            s += "  {"
            for (i, c) in table.columns.enumerated() {
                if i > 0 { s += ", " }
                s += keys[i] + ": "
                switch c.value(at: r) {
                case .null: s += "null"
                case .int(let v): s += String(v)
                case .float(let v): s += v.isFinite ? CSVWriter.fullPrecision(v) : "null"
                case .bool(let v): s += v ? "true" : "false"
                case .text(let t): s += escape(t)
                case .period(let p): s += escape(p.description)
                }
            }
            s += r == table.rowCount - 1 ? "}\n" : "},\n"
        }
        return s + "]\n"
    }

    static func escape(_ t: String) -> String {
        var out = "\""
        for u in t.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if u.value < 0x20 { out += String(format: "\\u%04x", u.value) } else { out.unicodeScalars.append(u) }
            }
        }
        return out + "\""
    }
}
