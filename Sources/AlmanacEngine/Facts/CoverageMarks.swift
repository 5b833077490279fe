/// The notes a workbook attaches to the cells of rows whose sum is not like-for-like with its base's: the same for
/// a table computed in memory (`TimeContext.noteCoverage`) and for one a database computed (its coverage statements).
package enum CoverageMarks {
    /// The most cells of one column given a note (a workbook with thousands of notes is slow to open).
    package static let limit = 500

    /// A cell's note: the row and its base, what each sums (over `dimensions`), and whether the comparison was made
    /// over the members on both sides (`matched`).
    package static func text(_ d: CoverageDifference, dimensions: [String], matched: Bool) -> String {
        (matched ? "So sánh cùng cơ cấu: " : "Không cùng cơ cấu với kỳ gốc: ") + QueryFact.vietnameseLine(d, label: QueryFact.label(dimensions), matched: matched)
    }

    /// A compare's change or growth cell's note: what its two ranges sum (over `dimensions`), and whether the
    /// comparison was made over the members in both (`compare … matched`).
    package static func compareText(_ d: CoverageDifference, dimensions: [String], matched: Bool) -> String {
        (matched ? "So sánh cùng cơ cấu: " : "Không cùng cơ cấu giữa hai khoảng: ") + QueryFact.vietnameseLine(d, label: QueryFact.label(dimensions), matched: matched)
    }
}
