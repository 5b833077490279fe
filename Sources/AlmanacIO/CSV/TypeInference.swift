import Foundation
import AlmanacCore

/// Infers column plans from a sample of records, by the rules planners' files need:
/// time headers make period columns when the first value parses; values shaped unmistakably as periods make
/// period columns elsewhere; codes with leading zeros and long digit strings stay text; null markers are nulls.
enum TypeInference {
    static func plan(name: String, values: [String], lines: [Int], options: CSVOptions, markers: Set<String>) -> ColumnParsePlan {
        if let declared = options.declaredTypes[name] { return declaredPlan(declared, values: values, options: options) }
        let present = values.enumerated().filter { !$0.element.isEmpty && !markers.contains(trimmingWhitespace($0.element)) }
        if present.isEmpty { return ColumnParsePlan(kind: .text, note: values.isEmpty ? "no values" : "only empty values in the sample") }

        // Time header: the first non-empty value decides. A first value shaped as a period but impossible (a typo
        // such as `2024-13`) still makes a period column — of the frequency the next valid value has — so that the
        // typo is reported with its line rather than silently turning the column into text.
        let timeHeader = PeriodHeaderRule.namesTime(name, options: options)
        if timeHeader {
            let first = present[0].element
            switch PeriodParser.parse(first, dayOrder: .dayFirst, allowBareYear: true) {
            case .period(let p):
                let order = dayOrder(present.map(\.element), declared: options.dayOrder)
                return ColumnParsePlan(kind: .period(p.frequency, order.order, strict: true),
                                  note: PeriodHeaderRule.timeNote(name, p.frequency, options: options, example: first, first: true) + order.note)
            case .invalid:
                for (_, v) in present.dropFirst() {
                    if case .period(let p) = PeriodParser.parse(v, dayOrder: .dayFirst, allowBareYear: true) {
                        let order = dayOrder(present.map(\.element), declared: options.dayOrder)
                        return ColumnParsePlan(kind: .period(p.frequency, order.order, strict: true),
                                          note: PeriodHeaderRule.timeNote(name, p.frequency, options: options, example: v, first: false) + order.note)
                    }
                }
            case .notAPeriod:
                break
            }
        }
        // Numbers.
        var allInt = true, allNumeric = true
        var firstText: (String, Int)? = nil
        var keepText: (String, Int)? = nil
        var sawNumber = false
        var percentages = 0, firstPercent: String? = nil, firstPlain: (String, Int)? = nil
        for (i, v) in present {
            var s = v
            let r = s.withUTF8 { NumberParsing.parse($0.baseAddress!, $0.count, style: options.numberStyle) }
            switch r {
            case .int: sawNumber = true; if firstPlain == nil { firstPlain = (v, lines[i]) }
            case .float: allInt = false; sawNumber = true; if firstPlain == nil { firstPlain = (v, lines[i]) }
            case .keepText: if keepText == nil { keepText = (v, lines[i]) }
            case .percent: allInt = false; sawNumber = true; percentages += 1; if firstPercent == nil { firstPercent = v }
            case .notANumber: allNumeric = false; if firstText == nil { firstText = (v, lines[i]) }
            }
        }
        if allNumeric, percentages > 0 {
            // Percentages read as the fractions they write, in a column whose unit is a ratio; a column that mixes
            // them with plain numbers is ambiguous (is 12 twelve or 12%?) and stays text.
            if let (v, line) = firstPlain ?? keepText {
                return ColumnParsePlan(kind: .text, note: "text: '\(firstPercent ?? "")' is a percentage but '\(v)' (line \(line)) is not; write every value with % or none")
            }
            return ColumnParsePlan(kind: .float, note: "ratio: the values are percentages (such as '\(firstPercent ?? "")'), read as fractions (12,5% is 0.125)", percent: true)
        }
        if allNumeric {
            if let (v, line) = keepText {
                let why = v.count > 15 && !v.hasPrefix("0") ? "more than 15 significant digits" : "leading zero"
                return ColumnParsePlan(kind: .text, note: "kept as text: \(why) in '\(v)' (line \(line))")
            }
            return ColumnParsePlan(kind: allInt ? .int : .float, note: nil)
        }
        // Booleans.
        if present.allSatisfy({ ["true", "false"].contains($0.element.lowercased()) }) { return ColumnParsePlan(kind: .bool) }
        // Unmistakable periods under any header: all must parse, one frequency.
        var freq: Frequency? = nil
        var allPeriods = true
        for (_, v) in present {
            guard case .period(let p) = PeriodParser.parse(v, dayOrder: .dayFirst, allowBareYear: false) else {
                // A month-first date parses the other way.
                if case .period(let p) = PeriodParser.parse(v, dayOrder: .monthFirst, allowBareYear: false), p.frequency == .day, freq == nil || freq == .day { freq = .day; continue }
                allPeriods = false; break
            }
            if freq == nil { freq = p.frequency } else if freq != p.frequency { allPeriods = false; break }
        }
        if allPeriods, let f = freq {
            // Under a header that does not name time, `1/2023` is a code as often as a month (PeriodHeaderRule).
            if !timeHeader, let note = PeriodHeaderRule.codesNote(name, present.map(\.element)) { return ColumnParsePlan(kind: .text, note: note) }
            let order = dayOrder(present.map(\.element), declared: options.dayOrder)
            return ColumnParsePlan(kind: .period(f, order.order, strict: false), note: PeriodHeaderRule.shapeNote(name, f, example: present[0].element) + order.note)
        }
        var note: String? = nil
        if options.numberStyle == .standard, looksLikeGroupedNumbers(present.map(\.element)) {
            note = "text: the values look like numbers written with thousands separators or a decimal comma (such as '\(present[0].element)'); declare the dataset's number style (`decimal = \",\"` or `thousands = \",\"`) to read them as numbers"
        } else if let (v, line) = firstText, sawNumber {
            note = "text: '\(v)' (line \(line)) is not a number"
        }
        return ColumnParsePlan(kind: .text, note: note)
    }

    /// `s.trimmingCharacters(in: .whitespaces)`, without the Foundation call when both ends are ASCII above the space
    /// (then there is nothing to trim; Foundation's trimming costs about a microsecond per sample value).
    @inline(__always)
    static func trimmingWhitespace(_ s: String) -> String {
        guard let first = s.utf8.first, let last = s.utf8.last else { return s }
        if first > 0x20 && first < 0x80 && last > 0x20 && last < 0x80 { return s }
        return s.trimmingCharacters(in: .whitespaces)
    }

    static func declaredPlan(_ t: DataType, values: [String], options: CSVOptions) -> ColumnParsePlan {
        switch t {
        case .int: return ColumnParsePlan(kind: .int, note: "declared integer", declared: true)
        case .float: return ColumnParsePlan(kind: .float, note: "declared number", declared: true)
        case .bool: return ColumnParsePlan(kind: .bool, note: "declared boolean", declared: true)
        case .text: return ColumnParsePlan(kind: .text, note: "declared text", declared: true)
        case .period(let f):
            let order = dayOrder(values, declared: options.dayOrder)
            return ColumnParsePlan(kind: .period(f, order.order, strict: true), note: "declared period (\(f))" + order.note, declared: true)
        }
    }

    /// Day-first unless some value can only be month-first; says so when every value was ambiguous.
    static func dayOrder(_ values: [String], declared: DayOrder?) -> (order: DayOrder, note: String) {
        if let d = declared { return (d, d == .dayFirst ? "; dates declared day-first" : "; dates declared month-first") }
        var sawShape = false, needsDayFirst = false, needsMonthFirst = false
        for v in values {
            var s = v
            guard let amb = s.withUTF8({ PeriodParser.isDayMonthAmbiguous($0) }) else { continue }
            sawShape = true
            if amb { continue }
            if case .period = PeriodParser.parse(v, dayOrder: .dayFirst) { needsDayFirst = true } else { needsMonthFirst = true }
        }
        if !sawShape { return (.dayFirst, "") }
        if needsMonthFirst && !needsDayFirst { return (.monthFirst, "; dates read month-first (a second field above 12)") }
        if needsDayFirst { return (.dayFirst, "; dates read day-first") }
        return (.dayFirst, "; every date could be day-first or month-first: read day-first, the Vietnamese convention")
    }

    static func looksLikeGroupedNumbers(_ values: [String]) -> Bool {
        var grouped = 0
        for v in values.prefix(200) {
            let t = v.trimmingCharacters(in: .whitespaces)
            if t.range(of: #"^-?\d{1,3}([.,  ]\d{3})+([.,]\d+)?$"#, options: .regularExpression) != nil { grouped += 1 }
            else if t.range(of: #"^-?\d+([.,]\d+)?$"#, options: .regularExpression) == nil { return false }
        }
        return grouped > 0
    }
}
