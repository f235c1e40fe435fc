/// The counts of a PRISMA 2020 flow diagram (Page et al. 2021, BMJ 372:n71): every box of the 2020 template,
/// the per-database, per-register and per-reason breakdowns, the other-methods branch and, for updated
/// reviews, previous and total studies and reports.
///
/// A box is absent (not recorded), recorded as `.notReported` (the step happened, its count is not known),
/// or recorded with a count. Nothing is ever derived or corrected: `checks` reports every box that does not
/// add up, by how much. Counts are whole numbers from 0 to `maximumCount`.
public struct PRISMAFlow: Sendable, Equatable {
    /// A single-number box of the diagram.
    public enum Box: String, CaseIterable, Sendable {
        case previousStudies = "previous_studies"
        case previousReports = "previous_reports"
        case databases
        case registers
        case websites
        case organisations
        case citations
        case duplicates
        case automationExcluded = "automation_excluded"
        case otherRemoved = "other_removed"
        case recordsScreened = "records_screened"
        case recordsExcluded = "records_excluded"
        case reportsSought = "reports_sought"
        case reportsNotRetrieved = "reports_not_retrieved"
        case reportsAssessed = "reports_assessed"
        case otherReportsSought = "other_reports_sought"
        case otherReportsNotRetrieved = "other_reports_not_retrieved"
        case otherReportsAssessed = "other_reports_assessed"
        case studiesIncluded = "studies_included"
        case reportsIncluded = "reports_included"
        case totalStudies = "total_studies"
        case totalReports = "total_reports"

        /// The key used in the text form and by `prisma set` (snake_case).
        public var key: String { rawValue }

        /// The PRISMA2020 R package's name for the box (its template CSV's `data` column).
        public var templateKey: String {
            switch self {
            case .databases: "database_results"
            case .registers: "register_results"
            case .websites: "website_results"
            case .organisations: "organisation_results"
            case .citations: "citations_results"
            case .automationExcluded: "excluded_automatic"
            case .otherRemoved: "excluded_other"
            case .reportsSought: "dbr_sought_reports"
            case .reportsNotRetrieved: "dbr_notretrieved_reports"
            case .reportsAssessed: "dbr_assessed"
            case .otherReportsSought: "other_sought_reports"
            case .otherReportsNotRetrieved: "other_notretrieved_reports"
            case .otherReportsAssessed: "other_assessed"
            case .studiesIncluded: "new_studies"
            case .reportsIncluded: "new_reports"
            default: rawValue
            }
        }

        /// The box's wording in the PRISMA 2020 template.
        public var label: String {
            switch self {
            case .previousStudies: "Studies included in previous version of review"
            case .previousReports: "Reports of studies included in previous version of review"
            case .databases: "Databases"
            case .registers: "Registers"
            case .websites: "Websites"
            case .organisations: "Organisations"
            case .citations: "Citation searching"
            case .duplicates: "Duplicate records removed"
            case .automationExcluded: "Records marked as ineligible by automation tools"
            case .otherRemoved: "Records removed for other reasons"
            case .recordsScreened: "Records screened"
            case .recordsExcluded: "Records excluded"
            case .reportsSought, .otherReportsSought: "Reports sought for retrieval"
            case .reportsNotRetrieved, .otherReportsNotRetrieved: "Reports not retrieved"
            case .reportsAssessed, .otherReportsAssessed: "Reports assessed for eligibility"
            case .studiesIncluded: "Studies included in review"
            case .reportsIncluded: "Reports of included studies"
            case .totalStudies: "Total studies included in review"
            case .totalReports: "Reports of total included studies"
            }
        }

        /// Whether the box belongs to the other-methods branch (websites, organisations, citation searching).
        public var isOtherMethods: Bool {
            switch self {
            case .websites, .organisations, .citations, .otherReportsSought, .otherReportsNotRetrieved, .otherReportsAssessed: true
            default: false
            }
        }

        /// Other names accepted for the box: the R package's name and a few short forms.
        var aliases: [String] {
            var names = [templateKey]
            switch self {
            case .automationExcluded: names += ["automation", "excluded_automation"]
            case .otherRemoved: names += ["removed_other"]
            case .recordsScreened: names += ["screened"]
            case .reportsSought: names += ["sought"]
            case .reportsNotRetrieved: names += ["not_retrieved"]
            case .reportsAssessed: names += ["assessed"]
            case .citations: names += ["citation_searching"]
            case .studiesIncluded: names += ["studies", "included_studies"]
            case .reportsIncluded: names += ["reports", "included_reports"]
            default: break
            }
            return names
        }
    }

    /// A box listed item by item: sources searched or reasons for exclusion.
    public enum Breakdown: String, CaseIterable, Sendable {
        /// Records per database.
        case databases = "database"
        /// Records per register.
        case registers = "register"
        /// Reports excluded after assessment (databases and registers), per reason.
        case reportsExcluded = "reports_excluded"
        /// Reports excluded after assessment (other methods), per reason.
        case otherReportsExcluded = "other_reports_excluded"

        /// The key prefix in the text form ("database" in `database:MEDLINE=80`).
        public var key: String { rawValue }

        /// The PRISMA2020 R package's name for the list.
        public var templateKey: String {
            switch self {
            case .databases: "database_specific_results"
            case .registers: "register_specific_results"
            case .reportsExcluded: "dbr_excluded"
            case .otherReportsExcluded: "other_excluded"
            }
        }

        var aliases: [String] {
            switch self {
            case .databases: [templateKey, "databases"]
            case .registers: [templateKey, "registers"]
            case .reportsExcluded: [templateKey, "excluded", "reason"]
            case .otherReportsExcluded: [templateKey, "other_excluded"]
            }
        }
    }

    /// What is recorded for a box.
    public enum Entry: Sendable, Equatable {
        /// The count.
        case count(Int)
        /// The step happened but its count is not known (the review does not report it).
        case notReported
    }

    /// One named line of a breakdown.
    public struct Item: Sendable, Equatable {
        /// The database, register or reason.
        public let name: String
        /// Its count, nil when not reported.
        public let count: Int?
    }

    /// The largest count accepted (a trillion records), so that sums never overflow.
    public static let maximumCount = 1_000_000_000_000

    // Internal so that constants in this module (`shaw2025`) are written without a throwing call;
    // everything else goes through `set` and `setItem`, which validate.
    // Indexed by `Box.position` and `Breakdown.position`, not dictionaries: the embedded review's flow is
    // built at every start, and the first `[Box: Entry]` made the Swift runtime check `Box: Hashable` by
    // scanning every protocol conformance record in the process (issue 15, start-up time).
    var entries = [Entry?](repeating: nil, count: Box.allCases.count)
    var lists = [[Item]](repeating: [], count: Breakdown.allCases.count)

    /// An empty flow: nothing recorded.
    public init() {}

    /// The count of a box; nil when absent or not reported.
    public subscript(box: Box) -> Int? {
        if case .count(let n) = entries[box.position] { return n }
        return nil
    }

    /// What is recorded for a box (nil: absent).
    public func entry(_ box: Box) -> Entry? { entries[box.position] }

    /// The items of a breakdown, in the order they were recorded.
    public func items(_ breakdown: Breakdown) -> [Item] { lists[breakdown.position] }

    /// Whether nothing is recorded.
    public var isEmpty: Bool { entries.allSatisfy { $0 == nil } && lists.allSatisfy(\.isEmpty) }

    /// Whether the other-methods branch is in use (any of its boxes or its exclusion reasons recorded).
    public var usesOtherMethods: Bool {
        Box.allCases.contains { $0.isOtherMethods && entries[$0.position] != nil } || !items(.otherReportsExcluded).isEmpty
    }

    /// Whether this is an updated review (previous studies or reports recorded).
    public var isUpdate: Bool { entry(.previousStudies) != nil || entry(.previousReports) != nil }

    /// Records a box (nil removes it).
    public mutating func set(_ box: Box, _ entry: Entry?) throws(ReviewError) {
        if case .count(let n) = entry { try Self.validate(n, box.key) }
        entries[box.position] = entry
    }

    /// Adds an item to a breakdown, or replaces the item of the same name; a nil count is "not reported".
    public mutating func setItem(_ breakdown: Breakdown, name: String, count: Int?) throws(ReviewError) {
        let name = Self.trimmed(name)
        guard !name.isEmpty else { throw ReviewError("a \(breakdown.key) needs a name, e.g. '\(breakdown.key):MEDLINE=80'") }
        if let count { try Self.validate(count, "\(breakdown.key):\(name)") }
        var list = lists[breakdown.position]
        if let index = list.firstIndex(where: { $0.name == name }) {
            list[index] = Item(name: name, count: count)
        } else {
            list.append(Item(name: name, count: count))
        }
        lists[breakdown.position] = list
    }

    /// Removes an item from a breakdown; returns whether it was there.
    @discardableResult
    public mutating func removeItem(_ breakdown: Breakdown, name: String) -> Bool {
        let name = Self.trimmed(name)
        guard let index = lists[breakdown.position].firstIndex(where: { $0.name == name }) else { return false }
        lists[breakdown.position].remove(at: index)
        return true
    }

    static func validate(_ count: Int, _ key: String) throws(ReviewError) {
        guard count >= 0, count <= maximumCount else {
            throw ReviewError("'\(key)' must be a whole number from 0 to \(maximumCount); got \(count)")
        }
    }

    static func trimmed(_ text: String) -> String {
        String(text.drop(while: { $0 == " " || $0 == "\t" }).reversed().drop(while: { $0 == " " || $0 == "\t" }).reversed())
    }
}

extension PRISMAFlow.Box {
    /// The index of this box in `allCases`, where `PRISMAFlow` stores it.
    var position: Int { Self.allCases.firstIndex(of: self)! }
}

extension PRISMAFlow.Breakdown {
    /// The index of this breakdown in `allCases`, where `PRISMAFlow` stores it.
    var position: Int { Self.allCases.firstIndex(of: self)! }
}
