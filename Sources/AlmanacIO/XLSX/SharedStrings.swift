/// The workbook's shared strings (`xl/sharedStrings.xml`), streamed into one byte arena: string `i` is
/// `bytes[offsets[i]..<offsets[i + 1]]`. Rich text is its runs joined; phonetic guides (`rPh`) are left out; the
/// `_xHHHH_` escapes Excel writes for control characters are undone.
final class SharedStrings: XMLStreamHandler {
    private(set) var bytes: [UInt8] = []
    private(set) var offsets: [Int] = [0]
    private var inText = false
    private var phonetic = 0
    private var stringStart = 0

    var count: Int { offsets.count - 1 }

    static func read(_ container: WorkbookContainer, part: String?) throws -> SharedStrings {
        let s = SharedStrings()
        guard let part, container.has(part) else { return s }
        let stream = XMLStream(handler: s)
        do {
            try container.stream(part) { piece in try stream.parse(piece, final: false); return true }
            try stream.parse(UnsafeRawBufferPointer(start: nil, count: 0), final: true)
        } catch let e as XMLStreamError {
            throw WorkbookError(file: container.path, message: "the workbook is damaged: its shared strings are not well-formed XML (\(e.message), line \(e.line))",
                                hint: "open it in Excel and save it again")
        }
        return s
    }

    /// String `i`'s bytes, for the duration of `body`; nil when `i` is out of range.
    @inline(__always)
    func withString<R>(_ i: Int, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R? {
        guard i >= 0 && i < count else { return nil }
        let lo = offsets[i], hi = offsets[i + 1]
        return bytes.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[lo..<hi])) }
    }

    func string(_ i: Int) -> String? { withString(i) { String(decoding: $0, as: UTF8.self) } }

    func start(_ name: UnsafePointer<CChar>, _ attributes: UnsafeMutablePointer<UnsafePointer<CChar>?>) {
        if XMLName.is(name, "t") { inText = phonetic == 0 }
        else if XMLName.is(name, "rPh") { phonetic += 1 }
        else if XMLName.is(name, "si") { stringStart = bytes.count }
        else if XMLName.is(name, "sst"), let n = XMLName.attribute(attributes, "uniqueCount").flatMap({ Int(String(cString: $0)) }), n > 0, n < 1 << 26 {
            offsets.reserveCapacity(n + 1)
            bytes.reserveCapacity(n * 12)
        }
    }

    func end(_ name: UnsafePointer<CChar>) {
        if XMLName.is(name, "t") { inText = false }
        else if XMLName.is(name, "rPh") { phonetic -= 1 }
        else if XMLName.is(name, "si") {
            OOXMLEscapes.undo(&bytes, from: stringStart)
            offsets.append(bytes.count)
        }
    }

    func text(_ p: UnsafePointer<CChar>, _ n: Int) {
        guard inText else { return }
        p.withMemoryRebound(to: UInt8.self, capacity: n) { bytes.append(contentsOf: UnsafeBufferPointer(start: $0, count: n)) }
    }
}

/// OOXML's `_xHHHH_` escapes (ST_Xstring): `_x000D_` is a carriage return, `_x005F_` an underscore.
enum OOXMLEscapes {
    /// Undoes the escapes in `bytes[from...]`, in place.
    static func undo(_ bytes: inout [UInt8], from: Int) {
        var i = from
        while i + 6 < bytes.count && !(bytes[i] == 0x5F && bytes[i + 1] == 0x78) { i += 1 }
        guard i + 6 < bytes.count else { return }
        var out: [UInt8] = Array(bytes[from..<i])
        while i < bytes.count {
            if i + 6 < bytes.count, bytes[i] == 0x5F, bytes[i + 1] == 0x78, bytes[i + 6] == 0x5F,
               let v = UInt32(String(decoding: bytes[(i + 2)..<(i + 6)], as: UTF8.self), radix: 16), let u = Unicode.Scalar(v) {
                out.append(contentsOf: Array(String(Character(u)).utf8))
                i += 7
            } else {
                out.append(bytes[i])
                i += 1
            }
        }
        bytes.removeSubrange(from...)
        bytes.append(contentsOf: out)
    }
}
