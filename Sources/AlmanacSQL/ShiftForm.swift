import AlmanacCore

/// How a dialect writes "x at the period k steps earlier in the same series" (the base of `yoy`, `pop`, `lag`,
/// `diff`). Both forms look the base up by the integer period, never by row position; which one an engine runs
/// faster was measured on the 6,000,000-row benchmark file (QB: yoy on every raw monthly series):
/// - PostgreSQL 15: the self-join took 80 s, `MAX(x) OVER (… RANGE BETWEEN 12 PRECEDING AND 12 PRECEDING)` 26 s;
/// - DuckDB (2 threads): the window 6.0 s, a self-join 2.2–2.5 s.
public enum ShiftForm: Sendable {
    /// `MAX(x) OVER (PARTITION BY the series ORDER BY p RANGE BETWEEN k PRECEDING AND k PRECEDING)`.
    case rangeWindow
    /// A LEFT JOIN of the rows with their series' values relabelled k periods later (`GROUP BY` series and period,
    /// so a repeated period never repeats rows), on the series keys (null-safe) and the period.
    case selfJoin
}

/// The values a derive step reads at another period, written as self-joins before the CTE that uses them (the
/// dialects whose `shiftForm` is `.selfJoin`). Shared by the expression compilers of one derive step.
final class Shifts {
    struct Shift {
        /// The value, as SQL over the relation's columns.
        var value: String
        var steps: Int
        var keys: [String]
        var period: String
        /// The hidden column that carries the value at `period − steps`.
        var column: String
    }

    private(set) var pending: [Shift] = []
    private var made = 0
    let step: Int

    init(step: Int) { self.step = step }

    /// Registers a shifted value and returns the name of the column that will hold it.
    /// The same value shifted the same way twice (`yoy(y)` written in two places) is one column.
    func add(_ value: String, steps: Int, keys: [String], period: String) -> String {
        if let s = pending.first(where: { $0.value == value && $0.steps == steps && $0.keys == keys && $0.period == period }) { return s.column }
        let column = "__almanac_shift\(step)_\(made)"
        made += 1
        pending.append(Shift(value: value, steps: steps, keys: keys, period: period, column: column))
        return column
    }

    /// The shifts registered since the last call.
    func take() -> [Shift] {
        defer { pending = [] }
        return pending
    }
}
