import AlmanacCore

/// Parses the records of one chunk into typed column builders.
struct TypedSink: FieldSink {
    var builders: [ColumnBuilder]
    let declared: [Bool]
    let columnCount: Int
    let style: NumberStyle
    let lenient: Bool
    /// Null markers as bytes (the empty field is always null).
    let markers: [[UInt8]]
    let maxMarkerLength: Int
    private(set) var rows = 0
    /// Rows a lenient load left out: record start offset and reason.
    private(set) var rejected: [(offset: Int, end: Int, reason: String)] = []
    /// What stopped a strict load: the record's start, the field's index and the message.
    private(set) var failure: (offset: Int, column: Int?, message: String)?
    private var currentOffset = 0

    init(plans: [ColumnPlan], style: NumberStyle, lenient: Bool, markers: [String], capacity: Int) {
        builders = plans.map { ColumnBuilder(kind: $0.kind, capacity: capacity) }
        declared = plans.map(\.declared)
        columnCount = plans.count
        self.style = style
        self.lenient = lenient
        self.markers = markers.map { Array($0.utf8) }
        maxMarkerLength = self.markers.map(\.count).max() ?? 0
    }

    @inline(__always)
    func isMarker(_ p: UnsafePointer<UInt8>, _ n: Int) -> Bool {
        if n == 0 { return true }
        if n > maxMarkerLength { return false }
        for m in markers where m.count == n {
            var same = true
            for k in 0..<n where m[k] != p[k] { same = false; break }
            if same { return true }
        }
        return false
    }

    mutating func field(_ index: Int, _ p: UnsafePointer<UInt8>, _ n: Int, quoted: Bool) -> FieldVerdict {
        guard index < columnCount else { return .accept }
        let marker = isMarker(p, n)
        let style = self.style
        let dec = declared[index]
        let msg = builders.withUnsafeMutableBufferPointer { b in
            b[index].append(p, n, isMarker: marker, offset: Int(bitPattern: p), style: style, declared: dec)
        }
        if let m = msg { return .rejectRow(column: index, message: m) }
        return .accept
    }

    mutating func endRecord(fieldCount: Int, start: Int, end: Int, rejected verdict: FieldVerdict?) -> Bool {
        var problem: (Int?, String)? = nil
        if case .rejectRow(let c, let m)? = verdict { problem = (c, m) }
        else if fieldCount != columnCount {
            problem = (nil, "expected \(columnCount) field\(columnCount == 1 ? "" : "s"), found \(fieldCount)")
        }
        guard let (col, message) = problem else {
            rows += 1
            return true
        }
        for i in 0..<columnCount { builders[i].truncate(to: rows) }
        if lenient {
            rejected.append((start, end, col.map { "field \($0 + 1): " + message } ?? message))
            return true
        }
        failure = (start, col, message)
        return false
    }
}
