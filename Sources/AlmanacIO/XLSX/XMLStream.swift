import CExpat

/// What a streaming XML parse calls back with: element starts (name and the `name, value, …, nil` attribute list
/// expat gives), ends, and character data (entities already decoded; one text may arrive in several pieces).
/// Names are as written, with any namespace prefix (`x:c`): compare them with `XMLName`.
protocol XMLStreamHandler: AnyObject {
    func start(_ name: UnsafePointer<CChar>, _ attributes: UnsafeMutablePointer<UnsafePointer<CChar>?>)
    func end(_ name: UnsafePointer<CChar>)
    func text(_ bytes: UnsafePointer<CChar>, _ count: Int)
}

/// A streaming XML parser over libexpat: bytes go in as they are inflated, callbacks come out; no document tree is
/// ever built, so a sheet of a million rows costs the memory of one buffer.
final class XMLStream {
    private let parser: XML_Parser
    private let handler: XMLStreamHandler
    /// Set when a handler asked the parse to stop (the rows wanted were read).
    private(set) var stopped = false

    init(handler: XMLStreamHandler) {
        self.handler = handler
        // Namespace processing off: element names come as written, which is all a workbook part needs.
        parser = XML_ParserCreate(nil)
        // The user data is this stream (unretained: it outlives the parser it owns).
        XML_SetUserData(parser, Unmanaged.passUnretained(self).toOpaque())
        XML_SetElementHandler(parser, { user, name, attributes in
            guard let user, let name, let attributes else { return }
            Unmanaged<XMLStream>.fromOpaque(user).takeUnretainedValue().handler.start(name, attributes)
        }, { user, name in
            guard let user, let name else { return }
            Unmanaged<XMLStream>.fromOpaque(user).takeUnretainedValue().handler.end(name)
        })
        XML_SetCharacterDataHandler(parser, { user, s, n in
            guard let user, let s, n > 0 else { return }
            Unmanaged<XMLStream>.fromOpaque(user).takeUnretainedValue().handler.text(s, Int(n))
        })
    }

    deinit { XML_ParserFree(parser) }

    /// Parses the next piece of the document; `final` for the last. Throws the parser's complaint (with its line).
    func parse(_ bytes: UnsafeRawBufferPointer, final: Bool) throws {
        guard !stopped else { return }
        var rest = bytes
        // expat takes an `int` length: feed very large pieces in parts.
        repeat {
            let n = min(rest.count, 1 << 30)
            let base = rest.baseAddress?.assumingMemoryBound(to: CChar.self)
            let status = XML_Parse(parser, base, Int32(n), final && n == rest.count ? 1 : 0)
            if status == XML_STATUS_ERROR {
                if stopped { return }
                let code = XML_GetErrorCode(parser)
                let why = XML_ErrorString(code).map { String(cString: $0) } ?? "malformed XML"
                throw XMLStreamError(message: why, line: Int(XML_GetCurrentLineNumber(parser)))
            }
            rest = n == rest.count ? UnsafeRawBufferPointer(start: nil, count: 0) : UnsafeRawBufferPointer(rebasing: rest[n...])
        } while rest.count > 0
    }

    /// Stops the parse from inside a callback: the rest of the document is not read.
    func stop() {
        stopped = true
        XML_StopParser(parser, 0)
    }
}

/// A part of the workbook that is not well-formed XML.
struct XMLStreamError: Error {
    var message: String
    var line: Int
}

/// Element and attribute names compared without allocating, ignoring a namespace prefix (`x:row` is `row`).
enum XMLName {
    /// The name after its prefix.
    @inline(__always)
    static func local(_ name: UnsafePointer<CChar>) -> UnsafePointer<CChar> {
        var p = name, start = name
        while p.pointee != 0 { if p.pointee == 0x3A { start = p + 1 }; p += 1 }
        return start
    }

    /// Whether `name` (without prefix) is exactly `literal` (ASCII).
    @inline(__always)
    static func `is`(_ name: UnsafePointer<CChar>, _ literal: StaticString) -> Bool {
        let l = local(name)
        let lit = literal.utf8Start
        var i = 0
        while i < literal.utf8CodeUnitCount {
            if UInt8(bitPattern: l[i]) != lit[i] { return false }
            i += 1
        }
        return l[i] == 0
    }

    /// The value of attribute `key` (without prefix; `r:id` matches `id` only when asked as `r:id`), or nil.
    @inline(__always)
    static func attribute(_ attributes: UnsafeMutablePointer<UnsafePointer<CChar>?>, _ key: StaticString, prefixed: Bool = false) -> UnsafePointer<CChar>? {
        var i = 0
        while let k = attributes[i] {
            if prefixed ? equal(k, key) : `is`(k, key) { return attributes[i + 1] }
            i += 2
        }
        return nil
    }

    /// Exact comparison, prefix included.
    static func equal(_ name: UnsafePointer<CChar>, _ literal: StaticString) -> Bool {
        let lit = literal.utf8Start
        var i = 0
        while i < literal.utf8CodeUnitCount {
            if UInt8(bitPattern: name[i]) != lit[i] { return false }
            i += 1
        }
        return name[i] == 0
    }

    /// A C string as a Swift string (not for the hot path).
    static func string(_ p: UnsafePointer<CChar>?) -> String? { p.map { String(cString: $0) } }
}
