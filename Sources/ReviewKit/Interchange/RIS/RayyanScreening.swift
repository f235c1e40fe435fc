import Foundation

/// The screening state Rayyan writes into a record's notes: each reviewer's decision, labels, exclusion
/// reasons and reviewers' notes.
///
/// Rayyan exports them in one RIS `N1` line (and the `notes` column of its CSV), as pipe-separated parts:
/// `RAYYAN-INCLUSION: {"Matt"=>"Included", "Laura"=>"Maybe"} | RAYYAN-LABELS: lol,rofl |
/// RAYYAN-EXCLUSION-REASONS: wrong population | USER-NOTES: {"Matt"=>["check the full text"]}`.
/// The decision maps are Ruby hash literals. Parts this type does not recognise are kept verbatim.
public struct RayyanScreening: Sendable, Equatable, Hashable, Codable {
    /// A reviewer's screening decision.
    public enum Decision: Sendable, Equatable, Hashable, Codable {
        case included, excluded, maybe
        /// A value Rayyan may add later, kept as written.
        case other(String)

        /// Reads Rayyan's word ("Included", "Excluded", "Maybe"), case-insensitively.
        public init(rayyan text: String) {
            switch text.lowercased() {
            case "included": self = .included
            case "excluded": self = .excluded
            case "maybe": self = .maybe
            default: self = .other(text)
            }
        }

        /// The word Rayyan writes.
        public var rayyanName: String {
            switch self {
            case .included: "Included"
            case .excluded: "Excluded"
            case .maybe: "Maybe"
            case .other(let text): text
            }
        }

        /// The stable lowercase identifier for machine output ("included", "excluded", "maybe", or the word folded).
        public var slug: String {
            switch self {
            case .included: "included"
            case .excluded: "excluded"
            case .maybe: "maybe"
            case .other(let text): TextFolding.nameKey(text).replacingOccurrences(of: " ", with: "_")
            }
        }
    }

    /// One reviewer's decision.
    public struct ReviewerDecision: Sendable, Equatable, Hashable, Codable {
        /// The reviewer's name as Rayyan shows it.
        public var reviewer: String
        /// The decision.
        public var decision: Decision

        /// Creates a decision.
        public init(reviewer: String, decision: Decision) {
            self.reviewer = reviewer
            self.decision = decision
        }
    }

    /// One reviewer's notes on the record.
    public struct ReviewerNotes: Sendable, Equatable, Hashable, Codable {
        /// The reviewer's name.
        public var reviewer: String
        /// The notes, in order.
        public var notes: [String]

        /// Creates notes.
        public init(reviewer: String, notes: [String]) {
            self.reviewer = reviewer
            self.notes = notes
        }
    }

    /// The decisions, in the order Rayyan lists the reviewers.
    public var decisions: [ReviewerDecision]
    /// Labels reviewers attached.
    public var labels: [String]
    /// Reasons given for excluding the record.
    public var exclusionReasons: [String]
    /// Reviewers' notes.
    public var reviewerNotes: [ReviewerNotes]
    /// Parts of the note this type did not recognise, verbatim (written back before the known parts).
    public var otherParts: [String]

    /// Creates screening state.
    public init(decisions: [ReviewerDecision] = [], labels: [String] = [], exclusionReasons: [String] = [],
                reviewerNotes: [ReviewerNotes] = [], otherParts: [String] = []) {
        self.decisions = decisions
        self.labels = labels
        self.exclusionReasons = exclusionReasons
        self.reviewerNotes = reviewerNotes
        self.otherParts = otherParts
    }

    /// The decision of one reviewer (matched case- and accent-insensitively).
    public func decision(of reviewer: String) -> Decision? {
        let key = TextFolding.nameKey(reviewer)
        return decisions.first { TextFolding.nameKey($0.reviewer) == key }?.decision
    }

    /// Whether a note is Rayyan's screening note (it starts with one of Rayyan's part names).
    public static func isScreeningNote(_ note: String) -> Bool {
        let trimmed = note.drop(while: { $0 == " " })
        return partNames.contains { trimmed.hasPrefix($0 + ":") }
    }

    static let partNames = ["RAYYAN-INCLUSION", "RAYYAN-LABELS", "RAYYAN-EXCLUSION-REASONS", "USER-NOTES"]

    /// A problem in a screening note: what was expected, and where (a Character offset into the note).
    public struct ParseProblem: Error, Sendable, Equatable {
        /// The offset in Characters from the start of the note.
        public var offset: Int
        /// The message, lowercase.
        public var message: String
        /// The part of the note it is in ("RAYYAN-INCLUSION", "USER-NOTES").
        public var part = ""
    }

    /// Parses a screening note. A part that does not parse is kept in `otherParts` and reported, so nothing is lost.
    public static func parse(_ note: String) -> (screening: RayyanScreening, problems: [ParseProblem]) {
        var screening = RayyanScreening()
        var problems: [ParseProblem] = []
        for (offset, part) in splitParts(note) {
            guard let colon = part.firstIndex(of: ":"), partNames.contains(String(part[..<colon])) else {
                screening.otherParts.append(String(part))
                continue
            }
            let name = String(part[..<colon])
            let valueStart = part.index(after: colon)
            let value = part[valueStart...].drop(while: { $0 == " " })
            let valueOffset = offset + part.distance(from: part.startIndex, to: value.startIndex)
            switch name {
            case "RAYYAN-LABELS":
                screening.labels += commaList(value)
            case "RAYYAN-EXCLUSION-REASONS":
                screening.exclusionReasons += commaList(value)
            case "RAYYAN-INCLUSION":
                switch RubyHash.parse(value) {
                case .success(let (pairs, rest)):
                    if let rest { screening.otherParts.append(rest) }
                    for pair in pairs {
                        guard case .string(let word) = pair.value else {
                            problems.append(ParseProblem(offset: valueOffset, message: "the decision of '\(pair.key)' should be a quoted word such as \"Included\"", part: name))
                            continue
                        }
                        screening.decisions.append(ReviewerDecision(reviewer: pair.key, decision: Decision(rayyan: word)))
                    }
                case .failure(let failure):
                    screening.otherParts.append(String(part))
                    problems.append(ParseProblem(offset: valueOffset + failure.offset, message: "in RAYYAN-INCLUSION: \(failure.message)", part: name))
                }
            default:  // USER-NOTES
                switch RubyHash.parse(value) {
                case .success(let (pairs, rest)):
                    if let rest { screening.otherParts.append(rest) }
                    for pair in pairs {
                        switch pair.value {
                        case .string(let text): screening.reviewerNotes.append(ReviewerNotes(reviewer: pair.key, notes: [text]))
                        case .list(let texts): screening.reviewerNotes.append(ReviewerNotes(reviewer: pair.key, notes: texts))
                        }
                    }
                case .failure(let failure):
                    screening.otherParts.append(String(part))
                    problems.append(ParseProblem(offset: valueOffset + failure.offset, message: "in USER-NOTES: \(failure.message)", part: name))
                }
            }
        }
        return (screening, problems)
    }

    /// The note as Rayyan writes it (parts with nothing in them are left out).
    public var noteText: String {
        var parts: [String] = []
        if !decisions.isEmpty {
            parts.append("RAYYAN-INCLUSION: {" + decisions.map { RubyHash.quoted($0.reviewer) + "=>" + RubyHash.quoted($0.decision.rayyanName) }
                .joined(separator: ", ") + "}")
        }
        if !labels.isEmpty { parts.append("RAYYAN-LABELS: " + labels.joined(separator: ",")) }
        if !exclusionReasons.isEmpty { parts.append("RAYYAN-EXCLUSION-REASONS: " + exclusionReasons.joined(separator: ",")) }
        if !reviewerNotes.isEmpty {
            parts.append("USER-NOTES: {" + reviewerNotes.map { RubyHash.quoted($0.reviewer) + "=>[" + $0.notes.map(RubyHash.quoted).joined(separator: ", ") + "]" }
                .joined(separator: ", ") + "}")
        }
        // Unknown parts go first: the reader splits only before the part names it knows, so a part written
        // after a known one would be read back as part of it.
        return (otherParts + parts).joined(separator: " | ")
    }

    /// Splits at " | " where the next part starts with a known part name (a label may itself contain "|").
    static func splitParts(_ note: String) -> [(offset: Int, part: Substring)] {
        var parts: [(Int, Substring)] = []
        var start = note.startIndex, startOffset = 0
        var index = note.startIndex, offset = 0
        while index < note.endIndex {
            if note[index] == "|" {
                let after = note[note.index(after: index)...].drop(while: { $0 == " " })
                if partNames.contains(where: { after.hasPrefix($0 + ":") }) {
                    parts.append((startOffset, trimmed(note[start..<index])))
                    start = after.startIndex
                    startOffset = offset + 1 + note.distance(from: note.index(after: index), to: after.startIndex)
                }
            }
            index = note.index(after: index)
            offset += 1
        }
        let last = note[start...]
        let leading = last.prefix(while: { $0 == " " }).count
        parts.append((startOffset + leading, trimmed(last)))
        return parts.filter { !$0.1.isEmpty }
    }

    private static func trimmed(_ text: Substring) -> Substring { text.drop(while: { $0 == " " }).dropLastSpaces() }

    private static func commaList(_ text: Substring) -> [String] {
        text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }
}

extension Substring {
    fileprivate func dropLastSpaces() -> Substring {
        var end = endIndex
        while end > startIndex, self[index(before: end)] == " " { end = index(before: end) }
        return self[startIndex..<end]
    }
}

/// The small subset of Ruby hash literals Rayyan writes: `{"key"=>"value", "key"=>["a", "b"]}`.
enum RubyHash {
    enum Value: Equatable { case string(String), list([String]) }
    struct Failure: Error { var offset: Int; var message: String }

    /// Parses a hash; text after it that follows a "|" is returned as `rest` (an unknown part of the note).
    static func parse(_ text: Substring) -> Result<(pairs: [(key: String, value: Value)], rest: String?), Failure> {
        let chars = Array(text)
        var i = 0
        func skipSpaces() { while i < chars.count, chars[i] == " " || chars[i] == "\t" { i += 1 } }
        func fail(_ message: String) -> Failure { Failure(offset: i, message: message) }
        func string() -> Result<String, Failure> {
            guard i < chars.count, chars[i] == "\"" else { return .failure(fail("expected a quoted name or word")) }
            i += 1
            var out = ""
            while i < chars.count {
                let c = chars[i]
                if c == "\\", i + 1 < chars.count { out.append(chars[i + 1]); i += 2; continue }
                if c == "\"" { i += 1; return .success(out) }
                out.append(c)
                i += 1
            }
            return .failure(Failure(offset: chars.count, message: "a quoted text is never closed"))
        }
        skipSpaces()
        guard i < chars.count, chars[i] == "{" else { return .failure(fail("expected '{' to start the list of reviewers")) }
        i += 1
        var pairs: [(key: String, value: Value)] = []
        skipSpaces()
        func end() -> Result<(pairs: [(key: String, value: Value)], rest: String?), Failure> {
            skipSpaces()
            if i == chars.count { return .success((pairs, nil)) }
            guard chars[i] == "|" else { return .failure(fail("unexpected text after '}'")) }
            let rest = String(chars[(i + 1)...]).trimmingCharacters(in: .whitespaces)
            return .success((pairs, rest.isEmpty ? nil : rest))
        }
        if i < chars.count, chars[i] == "}" { i += 1; return end() }
        while true {
            skipSpaces()
            let key: String
            switch string() { case .success(let s): key = s; case .failure(let f): return .failure(f) }
            skipSpaces()
            guard i + 1 < chars.count, chars[i] == "=", chars[i + 1] == ">" else { return .failure(fail("expected '=>' after \"\(key)\"")) }
            i += 2
            skipSpaces()
            if i < chars.count, chars[i] == "[" {
                i += 1
                var items: [String] = []
                skipSpaces()
                if i < chars.count, chars[i] == "]" { i += 1 } else {
                    while true {
                        skipSpaces()
                        switch string() { case .success(let s): items.append(s); case .failure(let f): return .failure(f) }
                        skipSpaces()
                        if i < chars.count, chars[i] == "," { i += 1; continue }
                        if i < chars.count, chars[i] == "]" { i += 1; break }
                        return .failure(fail("expected ',' or ']' in the list of notes"))
                    }
                }
                pairs.append((key, .list(items)))
            } else {
                switch string() { case .success(let s): pairs.append((key, .string(s))); case .failure(let f): return .failure(f) }
            }
            skipSpaces()
            if i < chars.count, chars[i] == "," { i += 1; continue }
            if i < chars.count, chars[i] == "}" { i += 1; return end() }
            return .failure(fail("expected ',' or '}' after a reviewer's entry"))
        }
    }

    static func quoted(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }
}
