import AlmanacCore
import AlmanacDiagnostics
import Foundation
import XCTest
@testable import AlmanacEngine
import Almanac
import AlmanacTestSupport
import AlmanacKernels
import AlmanacSyntax

/// The binder and executor must answer every query with a result or diagnostics — never a trap, never another
/// kind of error, never inf/NaN in a result. Inputs: the golden step queries mutated at the token level (names
/// swapped for other columns, functions, datasets; literals for extreme numbers, periods, strings, null; tokens
/// dropped or doubled; steps reordered, doubled or borrowed from other queries) and random token soups over the
/// fixtures' vocabulary. Each input is checked (`check`) and run (`run`) against the fixture tables.
///
/// Reproduce with `ALMANAC_FUZZ_SEED=<seed>`; `ALMANAC_FUZZ_ITERATIONS` scales the run; `ALMANAC_FUZZ_VERBOSE=1`
/// prints each input before running it (to find one that traps).
final class BinderFuzzTests: XCTestCase {
    static let environment = ProcessInfo.processInfo.environment
    static let seed = UInt64(environment["ALMANAC_FUZZ_SEED"] ?? "") ?? 0xB1_4D_E5
    static let iterations = Int(environment["ALMANAC_FUZZ_ITERATIONS"] ?? "") ?? 2_000
    static let verbose = environment["ALMANAC_FUZZ_VERBOSE"] == "1"

    static let corpus: [String] = {
        let texts = ((try? GoldenStepTests.queryFiles()) ?? []).compactMap { try? String(contentsOf: $0, encoding: .utf8) }
        return texts.map { $0.split(separator: "\n").filter { !$0.hasPrefix("#") }.joined(separator: "\n") }
    }()

    static let parameters = ["period": "2024-03", "min": "100", "p": "Hà Giang", "all": "true", "big": "1e308", "year": "2024"]

    static let columns: [String] = {
        var names = Set<String>()
        for t in Fixtures.all.values { names.formUnion(t.columnNames) }
        return names.sorted() + ["`2023`", "`2024`", "nosuch", "`giá trị`"]
    }()
    static let functions = FunctionCatalog.names + ["nosuch", "sum", "yoy"]
    static let datasets = Fixtures.all.keys.sorted() + ["nosuch", "\"/nonexistent/file.csv\""]
    static let literals = [
        "0", "-1", "1", "2", "12", "-12", "1e6", "1e308", "-1e308", "0.5", "2147483647", "2147483648", "9223372036854775807",
        "-9223372036854775807", "2024", "2023", "2030", "9999", "10000", "0001", "2024-01", "2023-02", "2024-Q3", "2024-02-29",
        "1900-01", "\"Hà Giang\"", "\"Ha\u{0300} Giang\"", "\"\"", "\"export\"", "\"2024-10\"", "null", "true", "false",
        "$period", "$min", "$p", "$all", "$big", "$year", "$nosuch", "2015..2019", "2023-01..2024-12",
    ]
    static let operators = ["+", "-", "*", "/", "=", "!=", "<", "<=", ">", ">=", "and", "or", "not", "in", "between", "is", "is not", ",", "(", ")", ".."]
    static let steps = [
        "from monthly", "from trade", "where value > 0", "derive g = yoy(value)", "select province, period, value",
        "aggregate v = sum(value) by province, period", "sort period desc", "take 3", "pivot period", "pivot province",
        "join region_codes on region", "compare 2023..2023 vs 2024..2024", "derive y = year(period)",
        "aggregate n = count()", "where period in 2023..2024", "derive s = share(value), r = rank(value)",
    ]

    func testBinderAndExecutorNeverTrap() {
        var rng = SeededGenerator(seed: Self.seed)
        let engine = Fixtures.engine()
        let started = Date()
        var outcomes = (results: 0, diagnostics: 0)
        for iteration in 0..<Self.iterations {
            let base = Self.corpus.randomElement(using: &rng) ?? "from monthly"
            let inputs = [mutate(base, using: &rng), tokenSoup(using: &rng), reshuffle(base, using: &rng)]
            for (k, text) in inputs.enumerated() {
                let ok = check(text, engine: engine, context: "seed \(Self.seed) #\(iteration).\(k): \(text.debugDescription)")
                if ok { outcomes.results += 1 } else { outcomes.diagnostics += 1 }
            }
        }
        // Pathological but valid shapes.
        let long = "from monthly\n" + (0..<300).map { "derive c\($0) = value + \($0)" }.joined(separator: "\n")
        let wide = "from monthly\nderive " + (0..<500).map { "c\($0) = lag(value, \($0 % 7))" }.joined(separator: ", ")
        let deep = "from monthly\nderive x = " + String(repeating: "abs(", count: 150) + "value" + String(repeating: ")", count: 150)
        for text in [long, wide, deep] { _ = check(text, engine: engine, context: "pathological") }
        let seconds = Date().timeIntervalSince(started)
        print("binder fuzz: \(outcomes.results) results, \(outcomes.diagnostics) diagnostics in \(String(format: "%.1f", seconds)) s (seed \(Self.seed))")
        // The mutations must not all be rejected early: a fuzz that never runs a step tests nothing.
        XCTAssertGreaterThan(outcomes.results, Self.iterations / 5)
    }

    /// Every golden query over random variants of the fixture tables: rows dropped (down to none), doubled or
    /// shuffled, cells nulled, numbers replaced by 0, −0, negatives, tiny and huge values.
    func testGoldenQueriesOnRandomTablesNeverTrap() {
        var rng = SeededGenerator(seed: Self.seed ^ 0x7AB1E)
        let rounds = max(1, Self.iterations / 40)
        var outcomes = (results: 0, diagnostics: 0)
        for round in 0..<rounds {
            var tables: [String: Table] = [:]
            for (name, t) in Fixtures.all.sorted(by: { $0.key < $1.key }) { tables[name] = randomVariant(of: t, using: &rng) }  // sorted: reproducible
            let engine = QueryEngine(provider: InMemoryProvider(tables))
            for (k, text) in Self.corpus.enumerated() {
                let ok = check(text, engine: engine, context: "seed \(Self.seed) tables #\(round), query \(k): \(text.debugDescription)")
                if ok { outcomes.results += 1 } else { outcomes.diagnostics += 1 }
            }
        }
        print("binder fuzz over random tables: \(outcomes.results) results, \(outcomes.diagnostics) diagnostics")
    }

    func randomVariant(of t: Table, using rng: inout SeededGenerator) -> Table {
        var rows: [Int32] = []
        for r in 0..<Int32(t.rowCount) {
            switch Int.random(in: 0..<10, using: &rng) {
            case 0: continue
            case 1: rows += [r, r]
            default: rows.append(r)
            }
        }
        if Int.random(in: 0..<8, using: &rng) == 0 { rows = [] }
        rows.shuffle(using: &rng)
        var cols: [Column] = []
        for c in t.gathering(rows).columns {
            var flags = (0..<c.count).map { c.validity.isValid($0) }
            for i in flags.indices where Int.random(in: 0..<8, using: &rng) == 0 { flags[i] = false }
            var storage = c.storage
            if case .float(var v) = storage {
                let extremes: [Double] = [0, -0.0, -1, 1e-300, 1e300, -1e300, Double.greatestFiniteMagnitude, 7]
                for i in v.indices where Int.random(in: 0..<5, using: &rng) == 0 { v[i] = extremes.randomElement(using: &rng)! }
                storage = .float(v)
            }
            if case .int(var v) = storage {
                let extremes: [Int64] = [0, -1, Int64.max, Int64.min + 1, 1 << 40]
                for i in v.indices where Int.random(in: 0..<5, using: &rng) == 0 { v[i] = extremes.randomElement(using: &rng)! }
                storage = .int(v)
            }
            cols.append(Column(name: c.name, storage: storage, validity: Validity(flags: flags), meta: c.meta))
        }
        return (try? Table(columns: cols)) ?? t
    }

    /// Checks and runs one input; returns whether it produced a result. Fails the test on any other kind of error,
    /// malformed diagnostics or a non-finite number in a result.
    func check(_ text: String, engine: QueryEngine, context: String) -> Bool {
        if Self.verbose { print("binder fuzz: \(context)") }
        let file = SourceFile(name: "fuzz.aq", text: text)
        do { _ = try engine.check(file, parameters: Self.parameters) } catch let e as DiagnosticError {
            validate(e, file: file, context: context)
        } catch {
            XCTFail("check threw \(type(of: error)) \(error): \(context)")
        }
        do {
            let r = try engine.run(file, parameters: Self.parameters)
            for c in r.table.columns {
                XCTAssertEqual(c.count, r.table.rowCount, context)
                if case .float(let v) = c.storage {
                    for i in 0..<v.count where c.validity.isValid(i) && !v[i].isFinite {
                        XCTFail("column \(c.name) row \(i) holds \(v[i]): \(context)")
                        break
                    }
                }
            }
            for w in r.warnings { XCTAssertFalse(w.message.isEmpty, context) }
            _ = CSVLike.render(r.table)
            return true
        } catch let e as DiagnosticError {
            if Self.verbose { print("binder fuzz: → \(e.errors.first?.id.rawValue ?? ""): \(e.errors.first?.message ?? "")") }
            validate(e, file: file, context: context)
        } catch {
            XCTFail("run threw \(type(of: error)) \(error): \(context)")
        }
        return false
    }

    func validate(_ e: DiagnosticError, file: SourceFile, context: String) {
        XCTAssertFalse(e.errors.isEmpty, context)
        for d in e.diagnostics {
            XCTAssertFalse(d.message.isEmpty, context)
            XCTAssertFalse(d.message.contains("BoundExpr") || d.message.contains("column(\""), "internal text in a message: \(d.message) — \(context)")
            if let span = d.span {
                XCTAssertTrue(span.file === file, context)
                XCTAssertTrue(0 <= span.start && span.start <= span.end && span.end <= file.utf8Count, context)
            }
        }
        XCTAssertFalse(DiagnosticRenderer().render(e.diagnostics).isEmpty, context)
    }

    // MARK: - Generators

    /// Splits into rough tokens: words, quoted strings, backticked names, numbers/periods, single symbols, newlines.
    func tokens(_ text: String) -> [String] {
        var out: [String] = []
        var current = ""
        var quote: Character? = nil
        func flush() { if !current.isEmpty { out.append(current); current = "" } }
        for ch in text {
            if let q = quote {
                current.append(ch)
                if ch == q { quote = nil; flush() }
                continue
            }
            if ch == "\"" || ch == "`" { flush(); quote = ch; current.append(ch); continue }
            if ch == " " || ch == "\t" { flush(); continue }
            if ch == "\n" { flush(); out.append("\n"); continue }
            if "(),=<>!+*/|".contains(ch) { flush(); out.append(String(ch)); continue }
            current.append(ch)
        }
        flush()
        return out
    }

    func mutate(_ text: String, using rng: inout SeededGenerator) -> String {
        var t = tokens(text)
        guard !t.isEmpty else { return text }
        // Mostly one change, so that many mutants still bind and run.
        for _ in 0..<(Bool.random(using: &rng) ? 1 : Int.random(in: 2...3, using: &rng)) where !t.isEmpty {
            let i = Int.random(in: 0..<t.count, using: &rng)
            let tok = t[i]
            switch Int.random(in: 0..<8, using: &rng) {
            case 0: t[i] = Self.columns.randomElement(using: &rng)!
            case 1: t[i] = Self.literals.randomElement(using: &rng)!
            case 2: if i + 1 < t.count, t[i + 1] == "(" { t[i] = Self.functions.randomElement(using: &rng)! } else { t[i] = Self.operators.randomElement(using: &rng)! }
            case 3: if tok != "\n" { t.remove(at: i) }
            case 4: t.insert(tok, at: i)
            case 5: t.insert(Self.operators.randomElement(using: &rng)!, at: i)
            case 6: if let j = t.firstIndex(of: "from"), j + 1 < t.count { t[j + 1] = Self.datasets.randomElement(using: &rng)! }
            default:
                if Int(tok) != nil || tok.first == "\"" || tok.contains("-") { t[i] = Self.literals.randomElement(using: &rng)! }
                else { t[i] = Self.columns.randomElement(using: &rng)! }
            }
        }
        return t.joined(separator: " ").replacingOccurrences(of: " \n ", with: "\n")
    }

    func reshuffle(_ text: String, using rng: inout SeededGenerator) -> String {
        var lines = text.split(separator: "\n").map(String.init)
        guard !lines.isEmpty else { return text }
        switch Int.random(in: 0..<4, using: &rng) {
        case 0 where lines.count > 2:
            let a = Int.random(in: 1..<lines.count, using: &rng), b = Int.random(in: 1..<lines.count, using: &rng)
            lines.swapAt(a, b)
        case 1: lines.insert(Self.steps.randomElement(using: &rng)!, at: Int.random(in: 1...lines.count, using: &rng))
        case 2: let i = Int.random(in: 0..<lines.count, using: &rng); lines.insert(lines[i], at: i)
        default:
            let other = (Self.corpus.randomElement(using: &rng) ?? "").split(separator: "\n").dropFirst()
            if let step = other.randomElement(using: &rng) { lines.insert(String(step), at: Int.random(in: 1...lines.count, using: &rng)) }
        }
        return lines.joined(separator: "\n")
    }

    func tokenSoup(using rng: inout SeededGenerator) -> String {
        var text = "from " + Self.datasets.randomElement(using: &rng)! + "\n"
        for _ in 0..<Int.random(in: 1...4, using: &rng) {
            text += QuerySyntax.stepKeywords.randomElement(using: &rng)! + " "
            for _ in 0..<Int.random(in: 1...10, using: &rng) {
                switch Int.random(in: 0..<5, using: &rng) {
                case 0: text += Self.columns.randomElement(using: &rng)!
                case 1: text += Self.literals.randomElement(using: &rng)!
                case 2: text += Self.functions.randomElement(using: &rng)! + "(" + Self.columns.randomElement(using: &rng)! + ")"
                case 3: text += Self.operators.randomElement(using: &rng)!
                default: text += ["by", "values", "on", "vs", "desc", "asc", "=", ","].randomElement(using: &rng)!
                }
                text += " "
            }
            text += "\n"
        }
        return text
    }
}

/// A cheap rendering of every cell (exercises value formatting of whatever the run produced).
enum CSVLike {
    static func render(_ t: Table) -> Int {
        var n = 0
        for r in 0..<t.rowCount { for v in t.row(r) { n += v.description.utf8.count } }
        return n
    }
}
