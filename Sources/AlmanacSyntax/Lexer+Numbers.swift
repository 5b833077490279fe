import AlmanacCore
import AlmanacDiagnostics

/// The lexer's numbers and period literals.
extension Lexer {
    // MARK: - Numbers and periods

    mutating func lexNumberOrPeriod() {
        let start = position
        // Period literal: exactly four digits, '-', then a digit or Q + digit, no spaces.
        if (0..<4).allSatisfy({ isDigit(start + $0) }), byte(start + 4) == UInt8(ascii: "-"),
            isDigit(start + 5) || byte(start + 5) == UInt8(ascii: "Q") || byte(start + 5) == UInt8(ascii: "q")
        {
            lexPeriod()
            return
        }
        var text = ""
        var isFloat = false
        var malformedUnderscore = false
        func digits(_ lexer: inout Lexer, into text: inout String) {
            // Digits with '_' separators (a '_' must sit between two digits).
            while let b = lexer.byte(lexer.position) {
                if b >= 0x30 && b <= 0x39 {
                    text.unicodeScalars.append(Unicode.Scalar(b))
                    lexer.position += 1
                } else if b == UInt8(ascii: "_") {
                    if !lexer.isDigit(lexer.position - 1) || !lexer.isDigit(lexer.position + 1) {
                        malformedUnderscore = true
                    }
                    lexer.position += 1
                } else {
                    break
                }
            }
        }
        digits(&self, into: &text)
        if byte(position) == UInt8(ascii: "."), isDigit(position + 1) {
            isFloat = true
            text += "."
            position += 1
            digits(&self, into: &text)
        }
        if let e = byte(position), e == UInt8(ascii: "e") || e == UInt8(ascii: "E") {
            var p = position + 1
            var sign = ""
            if let s = byte(p), s == UInt8(ascii: "+") || s == UInt8(ascii: "-") {
                sign = String(Unicode.Scalar(s))
                p += 1
            }
            if isDigit(p) {
                isFloat = true
                text += "e" + sign
                position = p
                digits(&self, into: &text)
            }
        }
        // A number running straight into letters ("10abc", "1e", "2024-Q3x") is one bad token.
        if let (s, _) = scalar(at: position), CharacterClass.isIdentifierContinue(s) {
            position = endOfWord(from: position)
            report(.invalidNumber(span: span(start, position)))
            emit(.invalid, start, position)
            return
        }
        if malformedUnderscore {
            report(.misplacedUnderscore(span: span(start, position)))
            emit(.invalid, start, position)
            return
        }
        if isFloat {
            guard let value = Double(text), value.isFinite else {
                report(.numberOutOfRange(span: span(start, position)))
                emit(.invalid, start, position)
                return
            }
            _ = value
            emit(.float, start, position, text)
        } else {
            emit(.integer, start, position, text)
        }
    }

    /// A period literal: the lexer reads its shape (`YYYY-Qn`, `YYYY-MM`, `YYYY-MM-DD`, with the digit counts the
    /// messages explain); whether it names a real period is Core's `PeriodParser`, the reader of every other
    /// period in Almanac, so the query language and the CSV reader cannot disagree on a calendar.
    mutating func lexPeriod() {
        let start = position
        let yearText = file.slice(start..<start + 4)
        position = start + 5  // past "YYYY-"
        /// Core's reason when `text` is shaped as a period but names none.
        func rejection(_ text: String) -> String? {
            switch PeriodParser.parse(text, allowBareYear: false) {
            case .period: return nil
            case .invalid(let reason): return reason
            case .notAPeriod: return "'\(text)' is not a period"
            }
        }
        let canonical: String
        if byte(position) == UInt8(ascii: "Q") || byte(position) == UInt8(ascii: "q") {
            position += 1
            let digitsStart = position
            while isDigit(position) { position += 1 }
            let quarterText = file.slice(digitsStart..<position)
            if quarterText.isEmpty {
                finishBadPeriod(start) { .missingQuarter(span: $0) }
                return
            }
            canonical = "\(yearText)-Q\(quarterText)"
            if let reason = quarterText.count == 1 ? rejection(canonical) : "" {
                let quarter = Int(quarterText) ?? 0
                finishBadPeriod(start) { reason.isEmpty || !(1...4).contains(quarter) ? .invalidQuarter(quarterText, span: $0) : .invalidPeriod(reason, span: $0) }
                return
            }
        } else {
            let monthStart = position
            while isDigit(position) { position += 1 }
            let monthText = file.slice(monthStart..<position)
            guard monthText.count == 2 else {
                finishBadPeriod(start) { .periodMonthDigits(span: $0) }
                return
            }
            let month = Int(monthText) ?? 0
            if let reason = rejection(file.slice(start..<position)) {
                finishBadPeriod(start) { (1...12).contains(month) ? .invalidPeriod(reason, span: $0) : .invalidMonth(month, span: $0) }
                return
            }
            if byte(position) == UInt8(ascii: "-"), isDigit(position + 1) {
                position += 1
                let dayStart = position
                while isDigit(position) { position += 1 }
                let dayText = file.slice(dayStart..<position)
                guard dayText.count == 2 else {
                    finishBadPeriod(start) { .periodDayDigits(span: $0) }
                    return
                }
                if rejection(file.slice(start..<position)) != nil {
                    let monthName = file.slice(start..<start + 7)
                    let days = CivilDate.daysInMonth(year: Int32(yearText) ?? 0, month: Int32(month))
                    finishBadPeriod(start) { .invalidDay(Int(dayText) ?? 0, month: monthName, days: Int(days), span: $0) }
                    return
                }
            }
            canonical = file.slice(start..<position)
        }
        if let (s, _) = scalar(at: position), CharacterClass.isIdentifierContinue(s) {
            finishBadPeriod(start) { .invalidNumber(span: $0) }
            return
        }
        emit(.period, start, position, canonical)
    }

    /// Consumes the rest of a malformed period (digits, letters, further '-digits') and
    /// reports one error for the whole token.
    mutating func finishBadPeriod(_ start: Int, _ diagnostic: (SourceSpan) -> Diagnostic) {
        while true {
            if let (s, _) = scalar(at: position), CharacterClass.isIdentifierContinue(s) {
                position = endOfWord(from: position)
            } else if byte(position) == UInt8(ascii: "-"), isDigit(position + 1) {
                position += 1
            } else {
                break
            }
        }
        report(diagnostic(span(start, position)))
        emit(.invalid, start, position)
    }
}
