import AlmanacCore

/// What the column loops need to know about the file and the options.
struct ParseContext {
    let style: NumberStyle
    /// Null markers as bytes (the empty field is always null).
    let markers: [[UInt8]]
    let maxMarkerLength: Int
    /// The ASCII first bytes of the markers as a bit set (bytes 0–63, 64–127), and whether one starts above ASCII:
    /// most values are ruled out as markers by their first byte.
    let markerFirstLow: UInt64, markerFirstHigh: UInt64, markerNonASCII: Bool
    /// Whether plain decimals can take `NumberParsing.fastParse` (the style leaves digits, `-` and the mark unambiguous).
    let fastNumbers: Bool
    /// The first byte of the file, to turn pointers into offsets, and the file's size.
    let fileBase: UnsafePointer<UInt8>
    let fileCount: Int

    init(style: NumberStyle, markers: [String], fileBase: UnsafePointer<UInt8>, fileCount: Int) {
        self.style = style
        self.markers = markers.map { Array($0.utf8) }
        maxMarkerLength = self.markers.map(\.count).max() ?? 0
        var low: UInt64 = 0, high: UInt64 = 0, nonASCII = false
        for m in self.markers {
            guard let f = m.first else { continue }
            if f < 64 { low |= 1 << UInt64(f) } else if f < 128 { high |= 1 << UInt64(f - 64) } else { nonASCII = true }
        }
        markerFirstLow = low; markerFirstHigh = high; markerNonASCII = nonASCII
        let mark = style.decimalMark
        fastNumbers = style.thousandsSeparator != mark && !(mark >= 0x30 && mark <= 0x39) && mark != UInt8(ascii: "-")
        self.fileBase = fileBase
        self.fileCount = fileCount
    }

    @inline(__always)
    func isMarker(_ p: UnsafePointer<UInt8>, _ n: Int) -> Bool {
        if n == 0 { return true }
        if n > maxMarkerLength { return false }
        let f = p[0]
        let candidate = f < 64 ? markerFirstLow >> UInt64(f) & 1 != 0 : f < 128 ? markerFirstHigh >> UInt64(f - 64) & 1 != 0 : markerNonASCII
        return candidate && isListedMarker(p, n)
    }

    @inline(never)
    func isListedMarker(_ p: UnsafePointer<UInt8>, _ n: Int) -> Bool {
        for m in markers where m.count == n {
            var same = true
            for k in 0..<n where m[k] != p[k] { same = false; break }
            if same { return true }
        }
        return false
    }
}

/// A value that is an error for its column (strict periods, declared types, invalid UTF-8), by block row.
struct ValueError {
    var row: Int
    var message: String
}
