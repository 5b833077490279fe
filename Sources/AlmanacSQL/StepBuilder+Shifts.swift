import AlmanacCore
import AlmanacDiagnostics
import AlmanacEngine

/// The self-join form of a shifted value (`ShiftForm.selfJoin`): per shift, a CTE of each series' value relabelled
/// `steps` periods later (grouped on series and period, so a repeated period never repeats rows), LEFT JOINed on the
/// series keys (two nulls are the same series, as in a window's partition) and the period.
extension StepBuilder {
    static let shiftedPeriod = "__almanac_at"

    /// The relation with one more hidden column per shift; `hidden` lists the ones carried so far.
    mutating func joinShifts(_ shifts: [Shifts.Shift], to from: SQLCompiler.Relation, carrying hidden: inout [String]) -> SQLCompiler.Relation {
        var rel = from
        for s in shifts {
            let keys = s.keys.map(id), p = id(s.period), at = id(Self.shiftedPeriod)
            let base = emit(select: keys + ["(\(p) + \(s.steps)) AS \(at)", "MAX(\(s.value)) AS \(id(s.column))"], columns: s.keys + [Self.shiftedPeriod, s.column],
                            from: rel, tail: "WHERE \(p) IS NOT NULL\n  GROUP BY " + (keys + [p]).joined(separator: ", "), ordered: false)
            let on = s.keys.map { dialect.nullSafeEqual("a.\(id($0))", "b.\(id($0))") } + ["a.\(p) = b.\(at)"]
            let items = (rel.columns + hidden).map { "a.\(id($0))" } + (rel.ordered ? ["a.\(id(SQLCompiler.order))"] : []) + ["b.\(id(s.column))"]
            rel = emit(select: items, columns: rel.columns, from: nil,
                       source: "\(id(rel.name)) AS a\n  LEFT JOIN \(id(base.name)) AS b ON " + on.joined(separator: " AND "), ordered: rel.ordered)
            hidden.append(s.column)
        }
        return rel
    }
}
