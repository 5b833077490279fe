import Foundation
import AlmanacCore
import AlmanacKernels
import AlmanacSyntax
import AlmanacDiagnostics

/// The binder's and executor's messages, declared together so wording stays consistent and each is easy to test.
extension Diagnostic {
    static func unknownDataset(_ name: String, span: SourceSpan, candidates: [String]) -> Diagnostic {
        .error("query.unknown-dataset", "unknown dataset '\(name)'", span: span, label: "not in the catalog")
            .withHint(Suggestions.hint(for: name, among: candidates, kind: "datasets")
                      ?? "the catalog has no datasets: run almanac in the project folder (where Data/ is), pass --data-dir, or read a file: from \"path/file.csv\"")
            .suggestingReplacement(for: name, at: span, among: candidates)
    }

    static func missingFile(_ path: String, span: SourceSpan) -> Diagnostic {
        .error("query.missing-file", "no such file: \(path)", span: span)
            .withHint("paths are relative to the folder you run almanac in")
    }

    static func folderSource(_ path: String, span: SourceSpan) -> Diagnostic {
        .error("query.folder-source", "\(path) is a folder, not a CSV file", span: span)
            .withHint("name one file in it: from \"\((path as NSString).appendingPathComponent("FILE.csv"))\"")
    }

    static func unknownFunction(_ name: String, span: SourceSpan) -> Diagnostic {
        .error("query.unknown-function", "unknown function '\(name)'", span: span)
            .withHint(Suggestions.hint(for: name, among: FunctionCatalog.names, kind: "functions", limit: 40))
            .suggestingReplacement(for: name, at: span, among: FunctionCatalog.names)
    }

    static func wrongArity(_ info: FunctionDefinition, found: Int, span: SourceSpan) -> Diagnostic {
        let expected = info.arity.lowerBound == info.arity.upperBound ? "\(info.arity.lowerBound)" : "\(info.arity.lowerBound) to \(info.arity.upperBound)"
        return .error("query.wrong-arity", "\(info.id.rawValue) takes \(expected) argument\(info.arity.upperBound == 1 ? "" : "s"), found \(found)", span: span)
            .withHint("usage: \(info.signature)")
    }

    static func misplacedFunction(_ info: FunctionDefinition, span: SourceSpan, place: String) -> Diagnostic {
        switch info.kind {
        case .aggregate:
            return .error("query.misplaced-aggregate", "\(info.id.rawValue) is an aggregate function; it cannot be used in \(place)", span: span)
                .withHint("use it in an aggregate step: aggregate total = \(info.signature) by …")
        case .time:
            return .error("query.misplaced-time-function", "\(info.id.rawValue) works along each series by period; it cannot be used in \(place)", span: span)
                .withHint("use it in a derive step: derive g = \(info.signature)")
        case .scalar:
            return .error("query.misplaced-function", "\(info.id.rawValue) cannot be used in \(place)", span: span)
                .withHint("usage: \(info.signature), e.g. \(info.example)")
        }
    }

    /// `function` needs a period column and the table has none; `available` are its integer columns named for time.
    static func needsPeriod(_ function: String, span: SourceSpan, available: [String]) -> Diagnostic {
        Diagnostic(PeriodKeyMessage.none(function: function, available: available), span: span)
    }

    static func severalPeriods(_ function: String, span: SourceSpan, names: [String]) -> Diagnostic {
        Diagnostic(PeriodKeyMessage.several(function: function, names: names), span: span)
    }

    static func unknownParameter(_ name: String, span: SourceSpan, known: [String]) -> Diagnostic {
        .error("query.unknown-parameter", "parameter '$\(name)' has no value", span: span)
            .withHint(known.isEmpty ? "pass it as --param \(name)=…" : (Suggestions.closest(to: name, among: known).map { "did you mean '$\($0)'?" } ?? "given: " + known.map { "$" + $0 }.joined(separator: ", ")))
    }

    /// `function` is the call as written, e.g. `yoy(value)`.
    /// `finerPart`: an integer month or quarter column beside a yearly period, which is what the rows of a year
    /// differ by (then the hint builds the finer period instead of aggregating).
    static func duplicatePeriod(_ function: String, span: SourceSpan, key: String, rows: Int,
                                yearly: String? = nil, finerPart: String? = nil) -> Diagnostic {
        let hint: String
        if let year = yearly, let part = finerPart {
            let n = part.nfc.lowercased()
            let build = TimeWords.quarter.contains { n.hasPrefix($0) } ? "yq" : "ym"
            hint = "the rows of a year differ by '\(part)': build the period from both, derive period = \(build)(\(year), \(part))"
        } else {
            hint = "e.g. aggregate value = sum(…) by the series' keys and the period"
        }
        return .error("query.duplicate-period", "\(function) needs one row per period in each series; found \(rows) rows for \(key): aggregate first", span: span)
            .withHint(hint)
    }

    static func notAggregated(_ name: String, span: SourceSpan) -> Diagnostic {
        let n = name.contains(" ") ? "`\(name)`" : name
        return .error("query.not-aggregated", "column '\(name)' must be inside an aggregate function (sum, avg, …) or be a 'by' key", span: span)
            .withHint("wrap it: sum(\(n)), or add it to the keys: by …, \(n)")
    }

    static func constantExpected(_ what: String, span: SourceSpan, hint: String? = nil) -> Diagnostic {
        .error("query.constant-expected", "\(what) must be a constant written in the query", span: span)
            .withHint(hint ?? "write the value itself, e.g. 12, 2024-10 or \"Hà Giang\" (or a parameter such as $period)")
    }

    static func duplicateOutput(_ name: String, span: SourceSpan) -> Diagnostic {
        .error("query.duplicate-name", "the name '\(name)' is used twice in this step", span: span)
            .withHint("give each output its own name (or use a second step to replace it)")
    }

    static func loadFailed(_ message: String, span: SourceSpan) -> Diagnostic {
        .error("query.load-failed", message, span: span)
            .withHint("almanac describe shows how the source is read; --lenient sets bad rows aside")
    }

    /// A column the binder checked is missing when the step runs: a bug in Almanac, never a silent gap.
    static func internalColumnMissing(_ name: String, step: String, span: SourceSpan) -> Diagnostic {
        .error("query.internal", "internal error: \(step) found no column '\(name)' although the query was checked against it", span: span,
               hints: ["this is a bug in Almanac; please report it with the query and the data's header"])
    }
}
