import Foundation
import AlmanacCore

/// Rewrites a cell's saved value, in place in its batch, as the text the CSV rules read: Excel date serials as
/// `2024-01-31` (or `2024-01-31 08:30:00`, `08:30:00`; `2024-01` and `2024` under a month or year format, as the
/// cell shows it), ISO dates without a zero time.
enum CellText {
    /// Serial 2,958,465 is 9999-12-31, Excel's last day.
    static let lastSerial = 2_958_465.0

    /// Decimal digits (spaces around allowed) as an integer; nil for anything else.
    static func integer(_ p: UnsafePointer<UInt8>, _ n: Int) -> Int? {
        var i = 0, end = n
        while i < end && p[i] == 0x20 { i += 1 }
        while end > i && p[end - 1] == 0x20 { end -= 1 }
        guard i < end, end - i <= 12 else { return nil }
        var v = 0
        while i < end {
            let d = p[i] &- 0x30
            guard d <= 9 else { return nil }
            v = v * 10 + Int(d)
            i += 1
        }
        return v
    }

    /// The number a cell's text holds (`strtod`), or nil.
    static func double(_ p: UnsafePointer<UInt8>, _ n: Int) -> Double? {
        guard n > 0, n < 64 else { return nil }
        return withUnsafeTemporaryAllocation(of: CChar.self, capacity: n + 1) { buf -> Double? in
            for k in 0..<n { buf[k] = CChar(bitPattern: p[k]) }
            buf[n] = 0
            var end: UnsafeMutablePointer<CChar>? = nil
            let d = strtod(buf.baseAddress!, &end)
            guard let end, end == buf.baseAddress! + n, d.isFinite else { return nil }
            return d
        }
    }

    /// The day (days since 1970-01-01) of a serial's whole part. The 1900 system counts Excel's 1900-02-29, a day
    /// that never was (serial 60), so serials before it are one day earlier than plain arithmetic says; serial 60
    /// itself has no day (nil). The 1904 system counts from 1904-01-01.
    static func day(serial whole: Int, date1904: Bool) -> Int32? {
        if date1904 { return CivilDate.days(year: 1904, month: 1, day: 1) + Int32(whole) }
        if whole >= 61 { return Int32(whole - 25_569) }
        if whole == 60 || whole < 1 { return nil }
        return CivilDate.days(year: 1899, month: 12, day: 31) + Int32(whole)
    }

    /// Replaces `batch`'s text from `start` (a serial) with its date and time as `kind` shows them. A value outside
    /// Excel's calendar stays the number it is; serial 60 of the 1900 system becomes `1900-02-29`, which the period
    /// rules then reject as the day that does not exist.
    static func rewriteSerial(_ batch: RowBatch, from start: Int, kind: NumberFormatKind, date1904: Bool) {
        let n = batch.arenaCount - start
        guard let serial = double(batch.arena.base! + start, n), serial >= 0, serial < lastSerial + 1 else { return }
        var whole = Int(serial.rounded(.down))
        var seconds = Int(((serial - Double(whole)) * 86_400).rounded())
        if seconds >= 86_400 { whole += 1; seconds -= 86_400 }
        let showDate = kind != .time || whole >= 1
        var day: Int32 = 0
        if showDate && !(!date1904 && whole == 60) {
            guard let d = Self.day(serial: whole, date1904: date1904) else { return }
            day = d
        }
        // The serial's text is read: write the date over it, straight into the batch (no allocation per cell).
        batch.truncateText(to: start)
        let out = batch.reserveText(24)
        var k = 0
        func put(_ b: UInt8) { out[k] = b; k += 1 }
        func two(_ v: Int) { put(UInt8(48 + v / 10 % 10)); put(UInt8(48 + v % 10)) }
        if showDate {
            if !date1904 && whole == 60 {
                two(19); two(0); put(0x2D); two(2); put(0x2D); two(29)
            } else {
                let c = CivilDate.civil(fromDays: day)
                let y = Int(c.year)
                two(y / 100); two(y)
                if kind != .year { put(0x2D); two(Int(c.month)) }
                if kind != .year && kind != .month { put(0x2D); two(Int(c.day)) }
            }
        }
        if kind == .time || (kind == .dateTime && seconds != 0) {
            if showDate { put(0x20) }
            two(seconds / 3600); put(0x3A); two(seconds / 60 % 60); put(0x3A); two(seconds % 60)
        }
        batch.commitText(k)
    }

    /// An ISO date cell (`t="d"`, `2024-01-31T00:00:00Z`): the date alone when its time is zero, else `date time`.
    static func rewriteISODate(_ batch: RowBatch, from start: Int) {
        let p = batch.arena.base! + start
        let n = batch.arenaCount - start
        guard n > 10, p[10] == UInt8(ascii: "T") else { return }
        var zero = true
        var end = n
        for k in 11..<n {
            let c = p[k]
            if c == UInt8(ascii: "Z") || c == UInt8(ascii: "+") || c == UInt8(ascii: ".") { end = k; break }
            if c >= 0x31 && c <= 0x39 { zero = false }
        }
        if zero { batch.truncateText(to: start + 10); return }
        p[10] = 0x20
        batch.truncateText(to: start + end)
    }
}
