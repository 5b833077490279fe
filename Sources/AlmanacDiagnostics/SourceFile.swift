/// A named piece of source text (a query file, a config file, a line typed at the REPL).
///
/// Offsets everywhere in Almanac are UTF-8 byte offsets into `text`. Line and column numbers
/// are 1-based; columns count `Character`s (extended grapheme clusters), so a caret placed at
/// column *n* lines up under the *n*-th visible character of a Vietnamese line such as
/// `where tỉnh = "Hà Giang"` regardless of how many bytes each letter takes.
///
/// `SourceFile` is an immutable reference type so that every `SourceSpan` can point at its file
/// cheaply; two files are equal when they have the same name and the same text.
public final class SourceFile: Sendable, Hashable, CustomStringConvertible {
    public let name: String
    public let text: String
    /// UTF-8 offsets at which each line starts; `lineStarts[0] == 0`. Lines are separated by `\n`
    /// (a preceding `\r` belongs to the line terminator and is not shown when rendering).
    public let lineStarts: [Int]
    /// Number of UTF-8 bytes in `text`.
    public let utf8Count: Int

    public init(name: String, text: String) {
        self.name = name
        self.text = text
        var starts = [0]
        var count = 0
        for byte in text.utf8 {
            count += 1
            if byte == UInt8(ascii: "\n") { starts.append(count) }
        }
        self.lineStarts = starts
        self.utf8Count = count
    }

    public var description: String { name }

    public static func == (lhs: SourceFile, rhs: SourceFile) -> Bool {
        lhs === rhs || (lhs.name == rhs.name && lhs.utf8Count == rhs.utf8Count && lhs.text == rhs.text)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(name)
        hasher.combine(utf8Count)
    }

    /// Number of lines (a trailing newline starts a final, empty line).
    public var lineCount: Int { lineStarts.count }

    /// Clamps an offset into `0...utf8Count`.
    public func clamp(_ offset: Int) -> Int { min(max(offset, 0), utf8Count) }

    /// 0-based index of the line containing the given UTF-8 offset (clamped into the file).
    public func lineIndex(containing utf8Offset: Int) -> Int {
        let offset = clamp(utf8Offset)
        // Last line start <= offset (binary search).
        var low = 0, high = lineStarts.count - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if lineStarts[mid] <= offset { low = mid } else { high = mid - 1 }
        }
        return low
    }

    /// UTF-8 range of a 0-based line, excluding its terminator (`\n` or `\r\n`).
    public func lineRange(index: Int) -> Range<Int> {
        guard index >= 0, index < lineStarts.count else { return utf8Count..<utf8Count }
        let start = lineStarts[index]
        var end = index + 1 < lineStarts.count ? lineStarts[index + 1] - 1 : utf8Count
        if end > start, byte(at: end - 1) == UInt8(ascii: "\r") { end -= 1 }
        return start..<max(start, end)
    }

    /// Text of a 0-based line without its terminator.
    public func lineText(index: Int) -> String { slice(lineRange(index: index)) }

    /// 1-based line and column of a UTF-8 offset. The column counts Characters from the start
    /// of the line; an offset inside a grapheme cluster reports that cluster's column. Offsets
    /// outside the file are clamped.
    public func location(of utf8Offset: Int) -> (line: Int, column: Int) {
        let offset = clamp(utf8Offset)
        let line = lineIndex(containing: offset)
        return (line + 1, characterCount(from: lineStarts[line], to: offset) + 1)
    }

    /// Number of whole Characters between two offsets on the same line (`from <= to`).
    /// A Character that straddles `to` is not counted.
    public func characterCount(from start: Int, to end: Int) -> Int {
        let start = clamp(start), end = clamp(end)
        guard end > start else { return 0 }
        let utf8 = text.utf8
        let startIndex = utf8.index(utf8.startIndex, offsetBy: start)
        var consumed = start
        var count = 0
        for character in text[startIndex...] {
            consumed += character.utf8.count
            if consumed > end { break }
            count += 1
            if consumed == end { break }
        }
        return count
    }

    /// The text between two UTF-8 offsets (clamped). Never traps; a range that splits a
    /// multi-byte scalar yields replacement characters at the cut.
    public func slice(_ range: Range<Int>) -> String {
        let lower = clamp(range.lowerBound), upper = max(lower, clamp(range.upperBound))
        let utf8 = text.utf8
        let a = utf8.index(utf8.startIndex, offsetBy: lower)
        let b = utf8.index(a, offsetBy: upper - lower)
        return String(decoding: utf8[a..<b], as: UTF8.self)
    }

    private func byte(at offset: Int) -> UInt8? {
        guard offset >= 0, offset < utf8Count else { return nil }
        let utf8 = text.utf8
        return utf8[utf8.index(utf8.startIndex, offsetBy: offset)]
    }
}
