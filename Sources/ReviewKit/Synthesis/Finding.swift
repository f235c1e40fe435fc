import Foundation

/// A review finding: a short statement and the sub-themes (and through them the quotes) that support it.
///
/// A finding the reviewer writes has an id "F1", "F2"…; every sub-theme that no written finding uses
/// stands as a finding of its own, with the id "T" + the sub-theme's id ("T7"), and its label as the statement.
public struct Finding: Sendable, Equatable, Codable, Identifiable {
    /// The id.
    public var id: FindingID
    /// The summary of the finding, as it goes into the Summary of Qualitative Findings.
    public var statement: String
    /// The supporting sub-themes' ids, in the order given.
    public var subThemeIDs: [Int]

    /// Creates a finding.
    public init(id: FindingID, statement: String, subThemeIDs: [Int]) {
        self.id = id
        self.statement = statement
        self.subThemeIDs = subThemeIDs
    }

    /// The longest statement accepted, in Characters (a finding is a summary, not a paragraph of the report).
    public static let maximumStatementLength = 2000
}

/// A finding's id: "F3" for a finding the reviewer wrote, "T7" for the default finding of sub-theme 7.
public enum FindingID: Sendable, Hashable, Codable, Comparable, CustomStringConvertible {
    /// A finding the reviewer wrote, numbered from 1.
    case written(Int)
    /// The default finding of the sub-theme with this id.
    case subTheme(Int)

    /// "F3" or "T7".
    public var description: String {
        switch self {
        case .written(let number): "F\(number)"
        case .subTheme(let id): "T\(id)"
        }
    }

    /// Written findings first, then default ones, each by number.
    public static func < (lhs: FindingID, rhs: FindingID) -> Bool {
        switch (lhs, rhs) {
        case (.written(let a), .written(let b)), (.subTheme(let a), .subTheme(let b)): a < b
        case (.written, .subTheme): true
        case (.subTheme, .written): false
        }
    }

    /// Parses "F3" or "T7" (either case); nil for anything else.
    public init?(_ text: String) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard let first = trimmed.first, trimmed.count >= 2, trimmed.count <= 10 else { return nil }
        let digits = trimmed.dropFirst()
        guard digits.allSatisfy({ $0.isASCII && $0.isNumber }), let number = Int(digits), number > 0 else { return nil }
        switch first {
        case "F", "f": self = .written(number)
        case "T", "t": self = .subTheme(number)
        default: return nil
        }
    }

    /// Encodes as its text ("F3").
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }

    /// Decodes from its text ("F3").
    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let id = FindingID(text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not a finding id: \(text)"))
        }
        self = id
    }
}
