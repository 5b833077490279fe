import Foundation

/// Workbook metadata shown in Excel's File ▸ Info and stored in `docProps/core.xml`
/// and `docProps/app.xml`.
public struct DocumentProperties: Equatable, Sendable {
    /// Document title.
    public var title: String?
    /// Subject.
    public var subject: String?
    /// Author (creator).
    public var author: String?
    /// Manager.
    public var manager: String?
    /// Company.
    public var company: String?
    /// Category.
    public var category: String?
    /// Keywords.
    public var keywords: String?
    /// Comments (the description field).
    public var comments: String?
    /// Status.
    public var status: String?
    /// Creation time; `nil` means "now". Set it for byte-reproducible files.
    public var created: Date?

    /// Creates properties; everything is optional.
    public init(
        title: String? = nil, subject: String? = nil, author: String? = nil,
        manager: String? = nil, company: String? = nil, category: String? = nil,
        keywords: String? = nil, comments: String? = nil, status: String? = nil,
        created: Date? = nil
    ) {
        self.title = title
        self.subject = subject
        self.author = author
        self.manager = manager
        self.company = company
        self.category = category
        self.keywords = keywords
        self.comments = comments
        self.status = status
        self.created = created
    }
}
