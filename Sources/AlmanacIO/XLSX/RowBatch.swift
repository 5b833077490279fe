/// A batch of sheet rows as the scanner leaves them: each row's non-empty cells as (column, start, end) into one
/// byte arena holding the cells' text as the CSV column loops read it (numbers as written, dates as `2024-01-31`,
/// booleans as `true`/`false`, strings as their UTF-8). Reused from batch to batch: no allocation per row or cell.
final class RowBatch {
    /// The cells' text.
    let arena = ValueBuffer<UInt8>()
    private(set) var arenaCount = 0
    /// Three values a cell: zero-based column, start and end offsets in `arena`.
    let cells = ValueBuffer<Int32>()
    private(set) var cellCount = 0
    /// Where each row's cells start in `cells` (rows + 1 entries), and each row's 1-based sheet row number.
    let rowCells = ValueBuffer<Int>()
    let rowNumbers = ValueBuffer<Int>()
    private(set) var rows = 0
    /// Rows a batch holds before it is handed on.
    let capacity: Int

    init(capacity: Int) {
        self.capacity = capacity
        _ = arena.reserve(1 << 16, after: 0)
        _ = cells.reserve(3 * capacity * 8, after: 0)
        _ = rowCells.reserve(capacity + 1, after: 0)
        _ = rowNumbers.reserve(capacity, after: 0)
        rowCells.base![0] = 0
    }

    var isFull: Bool { rows >= capacity }

    func removeAll() {
        arenaCount = 0; cellCount = 0; rows = 0
        rowCells.base![0] = 0
    }

    // MARK: Writing (the scanner)

    /// Room for `n` more bytes of text; returns where they go. Valid until the next call.
    @inline(__always)
    func reserveText(_ n: Int) -> UnsafeMutablePointer<UInt8> {
        // 8 bytes of slack after the text: the number loop may load 8 bytes at a time.
        arena.reserve(n + 8, after: arenaCount)
    }

    @inline(__always)
    func appendText(_ p: UnsafePointer<UInt8>, _ n: Int) {
        let dst = reserveText(n)
        dst.update(from: p, count: n)
        arenaCount &+= n
    }

    /// Drops the text after `offset` (a cell rewritten in place).
    @inline(__always)
    func truncateText(to offset: Int) { arenaCount = offset }

    @inline(__always)
    func commitText(_ n: Int) { arenaCount &+= n }

    /// Records a cell whose text is `arena[start..<arenaCount]`.
    @inline(__always)
    func addCell(column: Int, start: Int) {
        let p = cells.reserve(3, after: 3 &* cellCount)
        p[0] = Int32(truncatingIfNeeded: column); p[1] = Int32(truncatingIfNeeded: start); p[2] = Int32(truncatingIfNeeded: arenaCount)
        cellCount &+= 1
    }

    /// Ends the current row: kept when it has a cell, otherwise forgotten.
    @inline(__always)
    func endRow(number: Int) {
        let first = rowCells.base![rows]
        guard cellCount > first else { return }
        _ = rowNumbers.reserve(1, after: rows)
        rowNumbers.base![rows] = number
        rows &+= 1
        _ = rowCells.reserve(1, after: rows)
        rowCells.base![rows] = cellCount
    }

    /// Drops the cells of the row being written (a row past the ones wanted).
    func discardOpenRow() {
        cellCount = rowCells.base![rows]
    }

    /// Keeps only the first `n` rows.
    func truncate(rows n: Int) {
        guard n < rows else { return }
        rows = n
        cellCount = rowCells.base![n]
    }

    // MARK: Reading

    @inline(__always) func cellRange(row r: Int) -> Range<Int> { rowCells.base![r]..<rowCells.base![r + 1] }
    @inline(__always) func column(_ cell: Int) -> Int { Int(cells.base![3 &* cell]) }
    @inline(__always) func start(_ cell: Int) -> Int { Int(cells.base![3 &* cell &+ 1]) }
    @inline(__always) func end(_ cell: Int) -> Int { Int(cells.base![3 &* cell &+ 2]) }
    @inline(__always) func rowNumber(_ r: Int) -> Int { rowNumbers.base![r] }

    /// A cell's text as a string (sample values, messages).
    func text(_ cell: Int) -> String {
        let s = start(cell), e = end(cell)
        guard e > s else { return "" }
        return String(decoding: UnsafeBufferPointer(start: arena.base! + s, count: e - s), as: UTF8.self)
    }

    /// The row holding the cell whose text starts at `offset` (a re-read's first offending value).
    func row(atOffset offset: Int) -> Int? {
        for r in 0..<rows {
            for c in cellRange(row: r) where start(c) <= offset && offset < max(end(c), start(c) + 1) { return r }
        }
        return nil
    }
}
