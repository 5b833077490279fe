import AlmanacCore
import AlmanacDiagnostics
import AlmanacEngine

/// The statements of the warnings an aggregate's rows give: its incomplete coarser periods (`incompleteStart`,
/// `incompleteEnd`, from the first and last period it sums) and, for a growth over its rows, the rows whose sum holds
/// other sub-series or another number of finer periods than their base row's (`coverageDiffers`, the local engine's
/// `RowCoverage` check): the members each aggregated row sums, listed in the database, compared for each row and its
/// base (a compare of ranges checks its members in `SQLCompiler+CompareFacts.swift`). A comparison the statements
/// cannot follow (a growth of running totals, keys renamed after the aggregate) is said unchecked
/// (`coverageUnchecked`), never passed over in silence.
extension SQLCompiler {
    static let coverageRows = "__almanac_cr", coverageMembers = "__almanac_cm", coverageLists = "__almanac_cv", coverageDiffering = "__almanac_cd"
    static let member = "__almanac_m", finerPeriod = "__almanac_f", memberCount = "__almanac_nm", memberList = "__almanac_ml", finerCount = "__almanac_nf"
    /// What separates members in a list (a control character no name holds).
    static let memberSeparator = "\u{1F}"

    /// The functions whose rows the local engine compares with their base row's coverage.
    static let coverageCompared: Set<FunctionID> = [.yoy, .pop, .diff, .lag, .index]

    /// One statement per key that coarsens the period (`year(period)`): the first and last period summed.
    func incompleteChecks(_ a: AggregatePoint, at point: FactPoint) -> [FactCheck] {
        a.node.keys.compactMap { key -> FactCheck? in
            guard let (name, target) = IncompletePeriods.coarsened(key), let field = a.inputSchema.field(name),
                  let freq = field.type.frequency, freq > target, freq != .day else { return nil }
            let c = dialect.identifier(name)
            let sql = with(point.ctes) + "\nSELECT MIN(\(c)), MAX(\(c))\nFROM \(dialect.identifier(a.input.name))\nWHERE \(c) IS NOT NULL\n"
            return FactCheck(statements: [sql]) { results in
                let v = results[0].map { SQLFactStatements.ints($0).first ?? nil }
                guard v.count == 2, let lo = v[0].flatMap({ Int32(exactly: $0) }), let hi = v[1].flatMap({ Int32(exactly: $0) }) else { return [] }
                return IncompletePeriods.facts(first: lo, last: hi, of: freq, by: target, span: key.span)
            }
        }
    }

    /// The coverage check of a growth over an aggregate's rows, or nil when the statements cannot make it (then the
    /// caller says the coverage is unchecked).
    func coverageCheck(_ call: TimeCall, at point: FactPoint, _ a: AggregatePoint) throws -> FactCheck? {
        let (f, args, k, span) = call
        guard let x0 = args.first else { return nil }
        // A growth of year-to-date totals compares each month of its windows: SQLCompiler+WindowCoverage.swift.
        if case .column(let n, _) = x0, point.runningTotals[n] != nil, let check = try windowCoverageCheck(call, at: point, a) { return check }
        guard let (ctes, s) = try differingCTEs(call, at: point, a) else { return nil }
        func q(_ n: String) -> String { dialect.identifier(n) }
        let p = q(Self.factPeriod), o = q(SQLCompiler.order), ordered = point.relation.ordered
        let dims = a.summedAway, finer = a.finer
        let counted = with(ctes) + "\nSELECT fo, COUNT(*)\nFROM \(q(Self.coverageDiffering))\nGROUP BY fo\nORDER BY fo\n"
        // Each kind's rows in the order of the rows (the local engine's table order: its keys, then the period): the
        // first three for the warning, up to `CoverageMarks.limit` for the cells' notes.
        let textKeys = Set(point.schema.fields.filter { $0.type == .text }.map(\.name))
        // (After a sort, its order first; its ties stay in the aggregate's order.)
        let order = (ordered ? [o] : []) + s.keys.map { dialect.keyOrder(q($0), text: textKeys.contains($0)) } + [p]
        let examples = with(ctes) + "\nSELECT fo, \(p), \(q(Self.factAt)), cn, bn, cl, bl, cf, bf" + s.keys.map { ", " + dialect.castToText(q($0)) }.joined()
            + "\nFROM (SELECT d.*, row_number() OVER (PARTITION BY fo ORDER BY \(order.joined(separator: ", "))) AS rn FROM \(q(Self.coverageDiffering)) AS d) AS t"
            + "\nWHERE rn <= \(CoverageMarks.limit)\nORDER BY fo, rn\n"
        let text = f.callText(args, k)
        // With `matched`, the rows were compared over the sub-series on both sides (the main statement did so).
        let matched = k.matched
        let suggestion = f == .lag || f == .index || matched ? nil : String(text.dropLast()) + ", matched)"
        let freq = s.frequency, finerFrequency = finer?.frequency, keyCount = s.keys.count
        let seriesKeys = s.keys, periodName = s.period
        var check = FactCheck(statements: [counted, examples]) { results in
            let kinds = SQLFactStatements.counts(results[0])
            let rowsOf = { (kind: Int32) in kinds.first { $0.period == kind }?.rows ?? 0 }
            let found = Self.coverageDifferences(results[1], keyCount: keyCount, frequency: freq, finer: finerFrequency)
            var facts: [LocatedFact] = []
            if rowsOf(0) > 0 {
                facts.append(LocatedFact(.coverageDiffers(call: text, rows: rowsOf(0), dimensions: dims, matched: matched, suggestion: suggestion,
                                                          differences: Array(found.filter { !$0.finerOnly }.prefix(3).map(\.difference)), examples: rowsOf(0)), span: span))
            }
            if rowsOf(1) > 0 {
                facts.append(LocatedFact(.coverageDiffers(call: text, rows: rowsOf(1), dimensions: [], matched: false, suggestion: nil,
                                                          differences: Array(found.filter(\.finerOnly).prefix(3).map(\.difference)), examples: rowsOf(1)), span: span))
            }
            return facts
        }
        check.marks = { results in
            Self.coverageDifferences(results[1], keyCount: keyCount, frequency: freq, finer: finerFrequency).map { row in
                PendingMark(keyNames: seriesKeys, keys: row.keys, periodName: periodName, period: row.period,
                            text: CoverageMarks.text(row.difference, dimensions: row.finerOnly ? [] : dims, matched: !row.finerOnly && matched))
            }
        }
        return check
    }

    /// The CTEs of a coverage check (after the point's): the call's rows (`coverageRows`: series keys, period,
    /// argument), the aggregated rows' member lists, and the rows with a value on both sides whose sides sum other
    /// members or another number of finer periods (`coverageDiffering`); nil when the statements cannot make them.
    func differingCTEs(_ call: TimeCall, at point: FactPoint, _ a: AggregatePoint) throws
        -> (ctes: [(String, String)], series: (period: String, frequency: Frequency, keys: [String]))? {
        let (f, args, k, span) = call
        guard dialect.supportsRangeOffsetFrames, let x0 = args.first, !x0.hasTimeFunction else { return nil }
        let ex = ExprCompiler(dialect: dialect, schema: point.schema, span: span)
        guard let s = try? ex.series(f, span), let perYear = s.frequency.periodsPerYear.map(Int.init) else { return nil }
        // Each row must name its aggregated row: the series keys and period are the aggregate's keys, by name.
        guard a.keyed(by: s.keys, period: s.period) else { return nil }
        // The base row: the same series' row at the index's base period, or `steps` periods earlier.
        let baseRow: (String) -> String
        if f == .index {
            guard let base = k.base, base.frequency == s.frequency else { return nil }
            baseRow = { p in "\(base.ordinal)" }
        } else {
            let steps = f == .lag ? k.steps : f == .yoy ? perYear : 1
            guard steps != 0 else { return nil }
            baseRow = { p in "a.\(p) - \(steps)" }
        }
        func q(_ n: String) -> String { dialect.identifier(n) }
        let keys = s.keys.map(q), p = q(Self.factPeriod), x = q(Self.factValue), o = q(SQLCompiler.order)
        let ordered = point.relation.ordered
        let rows = (Self.coverageRows, "SELECT " + (keys + ["\(q(s.period)) AS \(p)", "\(ex.double(try ex.sql(x0))) AS \(x)"] + (ordered ? [o] : [])).joined(separator: ", ")
                    + "\n  FROM \(q(point.relation.name))")
        let (members, lists) = coverageLists(a, members: Self.coverageMembers, lists: Self.coverageLists)
        let same = { (l: String, r: String) in keys.map { self.dialect.nullSafeEqual("\(l).\($0)", "\(r).\($0)") } }
        let ml = q(Self.memberList), nm = q(Self.memberCount), nf = q(Self.finerCount)
        let period = q(s.period)
        // Rows with a value on both sides whose sides sum other members, or another number of finer periods.
        let differing = (Self.coverageDiffering, "SELECT " + (s.keys.map { "a.\(q($0)) AS \(q($0))" } + [
            "a.\(p) AS \(p)", "b.\(p) AS \(q(Self.factAt))", "ca.\(nm) AS cn", "cb.\(nm) AS bn", "ca.\(ml) AS cl", "cb.\(ml) AS bl",
            "ca.\(nf) AS cf", "cb.\(nf) AS bf", "CASE WHEN ca.\(ml) = cb.\(ml) THEN 1 ELSE 0 END AS fo"] + (ordered ? ["a.\(o) AS \(o)"] : [])).joined(separator: ", ")
            + "\n  FROM \(q(Self.coverageRows)) AS a\n  JOIN \(q(Self.coverageRows)) AS b ON " + (same("a", "b") + ["b.\(p) = \(baseRow(p))"]).joined(separator: " AND ")
            + "\n  JOIN \(q(Self.coverageLists)) AS ca ON " + (same("a", "ca") + ["ca.\(period) = a.\(p)"]).joined(separator: " AND ")
            + "\n  JOIN \(q(Self.coverageLists)) AS cb ON " + (same("b", "cb") + ["cb.\(period) = b.\(p)"]).joined(separator: " AND ")
            + "\n  WHERE a.\(x) IS NOT NULL AND b.\(x) IS NOT NULL AND (ca.\(ml) <> cb.\(ml) OR ca.\(nf) <> cb.\(nf))")
        return (point.ctes + [rows, members, lists, differing], s)
    }

    /// Each aggregated row's members (the summed-away dimensions' values, named as a warning names them: `Huế`,
    /// `(Huế, export)`), counted and listed in order, and its number of finer periods: two CTEs over the aggregate's
    /// input, named `members` and `lists`; `lists` has the aggregate's keys and `memberCount`, `memberList`, `finerCount`.
    func coverageLists(_ a: AggregatePoint, members: String, lists: String) -> (members: (String, String), lists: (String, String)) {
        func q(_ n: String) -> String { dialect.identifier(n) }
        let member = dialect.memberName(a.summedAway.map(q))
        let m = (members, "SELECT " + (a.keys.map { "\($0.sql) AS \(q($0.name))" } + ["\(member) AS \(q(Self.member))",
                 "\(a.finer.map { q($0.name) } ?? "0") AS \(q(Self.finerPeriod))"]).joined(separator: ", ") + "\n  FROM \(q(a.input.name))")
        let groupKeys = a.keys.map { q($0.name) }
        let l = (lists, "SELECT " + (groupKeys + ["COUNT(DISTINCT \(q(Self.member))) AS \(q(Self.memberCount))",
                 "\(dialect.distinctTextList(q(Self.member), separator: dialect.stringLiteral(Self.memberSeparator))) AS \(q(Self.memberList))",
                 "COUNT(DISTINCT \(q(Self.finerPeriod))) AS \(q(Self.finerCount))"]).joined(separator: ", ")
                 + "\n  FROM \(q(members))\n  GROUP BY " + groupKeys.joined(separator: ", "))
        return (m, l)
    }

    /// The example rows of a coverage check, as the local engine describes them: each side's first few members by
    /// name and how many, those on one side only, and the finer periods when their numbers differ.
    static func coverageDifferences(_ columns: [Column], keyCount: Int, frequency: Frequency, finer: Frequency?)
        -> [(finerOnly: Bool, keys: [String], period: Int32, difference: CoverageDifference)] {
        guard columns.count == 9 + keyCount else { return [] }
        let ints = columns.prefix(9).map { SQLFactStatements.ints($0) }
        func text(_ c: Int, _ r: Int) -> String {
            if case .text(let s) = columns[c].value(at: r) { return s }
            return columns[c].value(at: r).description
        }
        return (0..<columns[0].count).compactMap { r in
            guard let kind = ints[0][r], let p = ints[1][r].flatMap({ Int32(exactly: $0) }), let b = ints[2][r].flatMap({ Int32(exactly: $0) }),
                  let cn = ints[3][r], let bn = ints[4][r] else { return nil }
            let current = text(5, r).split(separator: Character(memberSeparator), omittingEmptySubsequences: false).map(String.init).sorted()
            let base = text(6, r).split(separator: Character(memberSeparator), omittingEmptySubsequences: false).map(String.init).sorted()
            let onlyCurrent = current.filter { !Set(base).contains($0) }, onlyBase = base.filter { !Set(current).contains($0) }
            let fc = ints[7][r], fb = ints[8][r]
            let differ = finer != nil && fc != fb
            let keys = (0..<keyCount).map { text(9 + $0, r) }
            let series = keyCount == 0 ? nil : "(" + keys.joined(separator: ", ") + ")"
            return (kind == 1, keys, p, CoverageDifference(period: PeriodFormat.string(p, frequency), basePeriod: PeriodFormat.string(b, frequency), series: series,
                                                  current: Array(current.prefix(4)), currentCount: Int(cn), base: Array(base.prefix(4)), baseCount: Int(bn),
                                                  onlyCurrent: Array(onlyCurrent.prefix(4)), onlyCurrentCount: onlyCurrent.count,
                                                  onlyBase: Array(onlyBase.prefix(4)), onlyBaseCount: onlyBase.count,
                                                  currentPeriods: differ ? fc.map(Int.init) : nil, basePeriods: differ ? fb.map(Int.init) : nil,
                                                  periodUnit: differ ? finer : nil))
        }
    }
}
