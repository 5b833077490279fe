import Foundation

/// The small parts of a workbook read before any sheet: the sheets in order with their parts, the date system,
/// and what each cell style's number format makes of a number.
struct WorkbookParts {
    struct Sheet {
        var name: String
        /// The part holding its cells (`xl/worksheets/sheet1.xml`).
        var part: String
        /// A chart sheet or dialog sheet holds no table.
        var isWorksheet: Bool
    }

    var sheets: [Sheet]
    /// The 1904 date system (old Mac workbooks): serial 0 is 1904-01-01.
    var date1904: Bool
    /// By cell style index (`s` of a cell): what its number format makes of a number.
    var styleKinds: [NumberFormatKind]
    /// The shared strings part, when there is one.
    var sharedStringsPart: String?

    static func read(_ container: WorkbookContainer) throws -> WorkbookParts {
        let file = container.path
        guard let workbook = try container.read("xl/workbook.xml") else { throw WorkbookContainer.notAWorkbook(file) }
        let rels = try container.read("xl/_rels/workbook.xml.rels") ?? []
        var targets: [String: (target: String, type: String)] = [:]
        for e in try Elements.parse(rels, part: "xl/_rels/workbook.xml.rels", file: file) where e.name == "Relationship" {
            guard let id = e.attributes["Id"], let t = e.attributes["Target"] else { continue }
            targets[id] = (resolve(t), e.attributes["Type"] ?? "")
        }
        var sheets: [Sheet] = []
        var date1904 = false
        for e in try Elements.parse(workbook, part: "xl/workbook.xml", file: file) {
            if e.name == "workbookPr", let v = e.attributes["date1904"] { date1904 = v == "1" || v == "true" }
            guard e.name == "sheet", let name = e.attributes["name"] else { continue }
            let id = e.attributes["r:id"] ?? e.attributes.first { $0.key.hasSuffix(":id") }?.value ?? ""
            guard let t = targets[id] else { continue }
            sheets.append(Sheet(name: name.precomposedStringWithCanonicalMapping, part: t.target, isWorksheet: t.type.hasSuffix("/worksheet")))
        }
        let sharedStrings = targets.values.first { $0.type.hasSuffix("/sharedStrings") }?.target
            ?? (container.has("xl/sharedStrings.xml") ? "xl/sharedStrings.xml" : nil)
        let stylesPart = targets.values.first { $0.type.hasSuffix("/styles") }?.target ?? "xl/styles.xml"
        let styleKinds = try readStyles(container, part: stylesPart)
        return WorkbookParts(sheets: sheets, date1904: date1904, styleKinds: styleKinds, sharedStringsPart: sharedStrings)
    }

    /// A relationship target as a part name: relative to `xl/`, or absolute from the package root.
    static func resolve(_ target: String) -> String {
        if target.hasPrefix("/") { return String(target.dropFirst()) }
        var parts = ["xl"]
        for p in target.split(separator: "/") {
            if p == ".." { if !parts.isEmpty { parts.removeLast() } } else if p != "." { parts.append(String(p)) }
        }
        return parts.joined(separator: "/")
    }

    /// Each cell style's number-format kind, from `numFmts` (custom codes by id) and `cellXfs` (styles in order).
    static func readStyles(_ container: WorkbookContainer, part: String) throws -> [NumberFormatKind] {
        guard let bytes = try container.read(part) else { return [] }
        var custom: [Int: NumberFormatKind] = [:]
        var kinds: [NumberFormatKind] = []
        var inCellXfs = false
        for e in try Elements.parse(bytes, part: part, file: container.path, ends: ["cellXfs"]) {
            switch e.name {
            case "numFmt":
                if let id = e.attributes["numFmtId"].flatMap({ Int($0) }), let code = e.attributes["formatCode"] { custom[id] = NumberFormatKind.custom(code) }
            case "cellXfs": inCellXfs = true
            case "/cellXfs": inCellXfs = false
            case "xf" where inCellXfs:
                let id = e.attributes["numFmtId"].flatMap { Int($0) } ?? 0
                kinds.append(custom[id] ?? NumberFormatKind.builtIn(id))
            default: break
            }
        }
        return kinds
    }
}

/// The elements of a small part as a flat list (names without prefix, attributes as strings), for the parts read
/// whole; ends of the elements named in `ends` are listed as `/name`.
struct Elements {
    struct Element {
        var name: String
        var attributes: [String: String]
    }

    final class Collector: XMLStreamHandler {
        var elements: [Element] = []
        let ends: Set<String>
        init(ends: Set<String>) { self.ends = ends }

        func start(_ name: UnsafePointer<CChar>, _ attributes: UnsafeMutablePointer<UnsafePointer<CChar>?>) {
            var a: [String: String] = [:]
            var i = 0
            while let k = attributes[i], let v = attributes[i + 1] {
                let key = String(cString: k)
                a[key.hasPrefix("r:") ? key : String(cString: XMLName.local(k))] = String(cString: v)
                i += 2
            }
            elements.append(Element(name: String(cString: XMLName.local(name)), attributes: a))
        }

        func end(_ name: UnsafePointer<CChar>) {
            guard !ends.isEmpty else { return }
            let n = String(cString: XMLName.local(name))
            if ends.contains(n) { elements.append(Element(name: "/" + n, attributes: [:])) }
        }

        func text(_ bytes: UnsafePointer<CChar>, _ count: Int) {}
    }

    static func parse(_ bytes: [UInt8], part: String, file: String, ends: Set<String> = []) throws -> [Element] {
        let c = Collector(ends: ends)
        let stream = XMLStream(handler: c)
        do {
            try bytes.withUnsafeBytes { try stream.parse($0, final: true) }
        } catch let e as XMLStreamError {
            throw WorkbookError(file: file, message: "the workbook is damaged: its part '\(part)' is not well-formed XML (\(e.message), line \(e.line))",
                                hint: "open it in Excel and save it again")
        }
        return c.elements
    }
}
