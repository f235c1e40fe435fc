/// Something a ratings table's reader or a coefficient did to the data that the reader of a result
/// should be told: which columns were used, what was left out and why, which labels were merged.
///
/// Notes are values with a typed ``kind`` (for tests, JSON and any code that reacts to them) and a
/// lowercase ``message`` to print under a result, e.g. "left out column 'record_id': an identifier
/// (its header names an id)".
public struct RatingsNote: Sendable, Equatable, Codable {
    /// What kind of thing happened.
    public enum Kind: String, Sendable, Codable, CaseIterable {
        /// Which columns were read as raters, and which as the subject.
        case columnsUsed = "columns_used"
        /// A leading column was recognised as an identifier and not counted as a rater.
        case identifierColumn = "identifier_column"
        /// Columns neither chosen as raters nor as the subject (with an explicit rater list).
        case ignoredColumns = "ignored_columns"
        /// A rater column with no rating at all was left out.
        case emptyRaterColumn = "empty_rater_column"
        /// Labels that differ only by case were counted as one category.
        case foldedLabels = "folded_labels"
        /// Rows without any rating were left out.
        case emptyUnits = "empty_units"
        /// Classic Fleiss' kappa left out subjects with fewer ratings than the others.
        case incompleteUnitsDropped = "incomplete_units_dropped"
        /// Units with a single rating: they cannot show agreement and do not count toward it.
        case singleRatingUnits = "single_rating_units"
        /// Two-rater statistics left out units that only one of the two raters rated.
        case unpairedUnits = "unpaired_units"
        /// Categories were declared that nobody used.
        case unusedCategories = "unused_categories"
    }

    /// What kind of thing happened.
    public let kind: Kind
    /// The note as a lowercase sentence fragment without a final full stop.
    public let message: String

    /// Creates a note.
    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }
}
