import AlmanacDiagnostics

/// The lexer's quoted forms: strings with their escapes, `quoted names`, parameters, and the single-quoted
/// strings it rejects with a hint.
extension Lexer {
    // MARK: - Strings and names

    mutating func lexString() {
        let start = position
        position += 1
        var value = ""
        var valid = true
        while true {
            guard let (s, length) = scalar(at: position), s != "\n" else {
                report(.unterminatedString(span: span(start, position)))
                emit(.invalid, start, position)
                return
            }
            if s == "\"" {
                position += 1
                break
            }
            if s == "\\" {
                if let decoded = lexEscape() { value.unicodeScalars.append(decoded) } else { valid = false }
                continue
            }
            value.unicodeScalars.append(s)
            position += length
        }
        emit(valid ? .string : .invalid, start, position, valid ? value : nil)
    }

    /// Lexes an escape sequence at `position` (which is at the backslash).
    mutating func lexEscape() -> Unicode.Scalar? {
        let start = position
        position += 1
        guard let (s, length) = scalar(at: position), s != "\n" else {
            report(.invalidEscape("\\", span: span(start, position)))
            return nil
        }
        position += length
        switch s {
        case "\"": return "\""
        case "\\": return "\\"
        case "n": return "\n"
        case "t": return "\t"
        case "r": return "\r"
        case "0": return "\0"
        case "u":
            guard byte(position) == UInt8(ascii: "{") else {
                report(.invalidUnicodeEscape(span: span(start, position)))
                return nil
            }
            var end = position + 1
            var hex = ""
            while let b = byte(end), b != UInt8(ascii: "}"), b != UInt8(ascii: "\""), b != 0x0A, hex.count <= 8 {
                hex.unicodeScalars.append(Unicode.Scalar(b))
                end += 1
            }
            guard byte(end) == UInt8(ascii: "}") else {
                position = end
                report(.invalidUnicodeEscape(span: span(start, position)))
                return nil
            }
            position = end + 1
            guard !hex.isEmpty, hex.count <= 6, let code = UInt32(hex, radix: 16), let scalar = Unicode.Scalar(code)
            else {
                report(.invalidUnicodeEscape(span: span(start, position)))
                return nil
            }
            return scalar
        default:
            report(.invalidEscape("\\" + String(s), span: span(start, position)))
            return nil
        }
    }

    mutating func lexQuotedName() {
        let start = position
        position += 1
        let contentStart = position
        while let b = byte(position), b != UInt8(ascii: "`"), b != 0x0A { position += 1 }
        guard byte(position) == UInt8(ascii: "`") else {
            report(.unterminatedQuotedName(span: span(start, position)))
            emit(.invalid, start, position)
            return
        }
        let name = file.slice(contentStart..<position)
        position += 1
        if name.isEmpty {
            report(.emptyQuotedName(span: span(start, position)))
            emit(.invalid, start, position)
        } else {
            emit(.quotedName, start, position, name)
        }
    }

    mutating func lexSingleQuoted() {
        let start = position
        position += 1
        while let b = byte(position), b != UInt8(ascii: "'"), b != 0x0A { position += 1 }
        if byte(position) == UInt8(ascii: "'") { position += 1 }
        report(.singleQuotedString(span: span(start, position)))
        emit(.invalid, start, position)
    }

    mutating func lexParameter() {
        let start = position
        position += 1
        guard let (s, length) = scalar(at: position), CharacterClass.isIdentifierStart(s) else {
            report(.missingParameterName(span: span(start, position)))
            emit(.invalid, start, position)
            return
        }
        position = endOfWord(from: position + length)
        emit(.parameter, start, position, file.slice(start + 1..<position))
    }
}
