/// How a worksheet prints: orientation, paper, scaling, repeated header rows and a footer.
public struct PageSetup: Hashable, Sendable {
    /// Paper sizes by Excel's code.
    public enum Paper: UInt8, Sendable {
        case letter = 1
        case a4 = 9
    }

    public var landscape: Bool
    public var paper: Paper
    /// Fit the printed area to this many pages wide (0: as many as needed).
    public var fitWidth: Int
    /// Fit the printed area to this many pages tall (0: as many as needed).
    public var fitHeight: Int
    /// Rows printed at the top of every page (zero-based, inclusive), e.g. a table's header.
    public var repeatRows: ClosedRange<Int>?
    /// Footer text in Excel's header/footer codes (`&C` centre, `&P` page, `&N` pages); `&` itself is `&&`.
    public var footer: String?

    public init(landscape: Bool = false, paper: Paper = .a4, fitWidth: Int = 0, fitHeight: Int = 0,
                repeatRows: ClosedRange<Int>? = nil, footer: String? = nil) {
        self.landscape = landscape
        self.paper = paper
        self.fitWidth = fitWidth
        self.fitHeight = fitHeight
        self.repeatRows = repeatRows
        self.footer = footer
    }
}

extension XLSXWorksheet {
    /// Sets how the sheet prints. Excel keeps header and footer text to 255 characters.
    public func setPageSetup(_ setup: PageSetup) throws {
        try workbook.ensureOpen("worksheet \"\(name)\"")
        guard (0...Int(UInt16.max)).contains(setup.fitWidth), (0...Int(UInt16.max)).contains(setup.fitHeight) else {
            throw XLSXError.invalidArgument("fit to \(setup.fitWidth) × \(setup.fitHeight) pages is outside 0...65535")
        }
        if let footer = setup.footer, footer.utf16.count > 255 {
            throw XLSXError.invalidArgument("a footer of \(footer.utf16.count) characters; Excel allows at most 255")
        }
        if let rows = setup.repeatRows {
            try ExcelLimits.checkRow(rows.lowerBound)
            try ExcelLimits.checkRow(rows.upperBound)
        }
        try lxw.setPageSetup(landscape: setup.landscape, paper: setup.paper.rawValue,
                             fitWidth: UInt16(setup.fitWidth), fitHeight: UInt16(setup.fitHeight),
                             repeatRows: setup.repeatRows.map { (UInt32($0.lowerBound), UInt32($0.upperBound)) },
                             footer: setup.footer)
    }
}
