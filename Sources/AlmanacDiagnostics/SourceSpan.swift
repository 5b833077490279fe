/// A half-open range `start..<end` of UTF-8 byte offsets in a `SourceFile`.
public struct SourceSpan: Hashable, Sendable, CustomStringConvertible {
    public let file: SourceFile
    public let start: Int
    public let end: Int

    /// Creates a span; offsets are clamped into the file and `end` is raised to `start` if needed.
    public init(file: SourceFile, start: Int, end: Int) {
        self.file = file
        let s = file.clamp(start)
        self.start = s
        self.end = max(s, file.clamp(end))
    }

    public init(file: SourceFile, range: Range<Int>) {
        self.init(file: file, start: range.lowerBound, end: range.upperBound)
    }

    /// An empty span at an offset (used for "expected X here" positions).
    public static func point(_ file: SourceFile, at offset: Int) -> SourceSpan {
        SourceSpan(file: file, start: offset, end: offset)
    }

    /// The whole file.
    public static func whole(_ file: SourceFile) -> SourceSpan {
        SourceSpan(file: file, start: 0, end: file.utf8Count)
    }

    public var range: Range<Int> { start..<end }
    public var length: Int { end - start }
    public var isEmpty: Bool { start == end }
    /// The source text covered by the span.
    public var text: String { file.slice(range) }
    /// 1-based line and column of the start.
    public var location: (line: Int, column: Int) { file.location(of: start) }
    /// Empty span at the start / end of this span.
    public var startPoint: SourceSpan { .point(file, at: start) }
    public var endPoint: SourceSpan { .point(file, at: end) }

    /// The smallest span covering both spans. Spans of different files cannot be joined; the
    /// receiver is returned unchanged in that case.
    public func joined(with other: SourceSpan) -> SourceSpan {
        guard file == other.file else { return self }
        return SourceSpan(file: file, start: min(start, other.start), end: max(end, other.end))
    }

    /// Joins an optional span (convenience for building node spans).
    public func joined(with other: SourceSpan?) -> SourceSpan {
        guard let other else { return self }
        return joined(with: other)
    }

    /// The smallest span covering all spans, or nil for an empty list.
    public static func covering<S: Sequence>(_ spans: S) -> SourceSpan? where S.Element == SourceSpan {
        var result: SourceSpan?
        for span in spans { result = result.map { $0.joined(with: span) } ?? span }
        return result
    }

    public func contains(_ offset: Int) -> Bool { offset >= start && offset < end }

    /// `name:line:column`.
    public var description: String {
        let (line, column) = location
        return "\(file.name):\(line):\(column)"
    }
}
