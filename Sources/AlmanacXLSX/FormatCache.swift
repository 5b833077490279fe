/// A reusable handle to one cell format of one workbook.
///
/// Obtain it once with ``XLSXWorkbook/format(for:)`` and pass it to every write:
/// looking it up costs an array index, not a hash of the style. Using a handle
/// with a different workbook throws ``XLSXError/foreignFormat``.
public struct XLSXFormat: Hashable, Sendable {
    let workbookID: UInt64
    let index: Int32

    /// The style this handle was made from is kept by the workbook; the handle is
    /// only an identifier.
    init(workbookID: UInt64, index: Int32) {
        self.workbookID = workbookID
        self.index = index
    }
}

/// One workbook's formats: each distinct ``CellStyle`` becomes exactly one
/// `lxw_format`, created on first request and reused afterwards.
final class FormatCache {
    let workbookID: UInt64
    private var byStyle: [CellStyle: XLSXFormat] = [:]
    private(set) var formats: [LXWFormat] = []

    init(workbookID: UInt64) {
        self.workbookID = workbookID
    }

    /// Number of formats created so far (one per distinct style).
    var count: Int { formats.count }

    /// The handle for `style`, creating the C format with `create` only on first use.
    func format(for style: CellStyle, create: (CellStyle) throws -> LXWFormat) throws -> XLSXFormat {
        if let existing = byStyle[style] { return existing }
        try style.validate()
        let created = try create(style)
        let handle = XLSXFormat(workbookID: workbookID, index: Int32(formats.count))
        formats.append(created)
        byStyle[style] = handle
        return handle
    }

    /// The C format behind `handle`, or `nil` for no format.
    @inline(__always)
    func resolve(_ handle: XLSXFormat?) throws -> LXWFormat? {
        guard let handle else { return nil }
        guard handle.workbookID == workbookID, Int(handle.index) < formats.count else {
            throw XLSXError.foreignFormat
        }
        return formats[Int(handle.index)]
    }
}
