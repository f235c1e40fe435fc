/// The rules for free codes (tags) on quotes, in one place: what `tag`, the workspace, the snapshot reader and
/// the importers all check.
///
/// A tag is a short name ("peer training", "★ memorable"): not blank, no tab, line break or other control
/// character, no space at either end, at most `maximumLength` characters. A quote holds each tag once; two
/// spellings that differ only in case or accents ("Peer training", "peer training") are the same tag.
public enum QuoteTags {
    /// The longest tag, in characters.
    public static let maximumLength = 200

    /// The key tags are compared by: case and accents folded, spaces collapsed.
    public static func key(_ tag: String) -> String { TextFolding.nameKey(tag) }

    /// A typed or imported name as a tag: spaces at the ends trimmed, runs of white space (line breaks and tabs
    /// included) made one space. The result still has to pass `check`.
    ///
    /// Works on scalars, not Characters: a space followed by a combining mark is one Character that Swift calls
    /// white space, and splitting on Characters would drop the mark.
    public static func normalized(_ name: String) -> String {
        var out = String.UnicodeScalarView()
        var pendingSpace = false
        for scalar in name.unicodeScalars {
            if scalar.properties.isWhitespace {
                pendingSpace = !out.isEmpty
                continue
            }
            if pendingSpace { out.append(" "); pendingSpace = false }
            out.append(scalar)
        }
        return String(out)
    }

    /// Throws unless `tag` is a valid tag.
    public static func check(_ tag: String) throws(ReviewError) {
        guard !ValueRules.isBlank(tag) else { throw ReviewError(.invalidRecord, "a tag needs a name; it is empty") }
        guard tag.count <= maximumLength else {
            throw ReviewError(.invalidRecord, "a tag is at most \(maximumLength) characters; '\(FileError.shortened(tag))' has \(tag.count)")
        }
        guard !tag.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
            throw ReviewError(.invalidRecord, "tag '\(FileError.shortened(tag))' holds a tab, line break or other control character")
        }
        guard tag.first?.isWhitespace != true, tag.last?.isWhitespace != true else {
            throw ReviewError(.invalidRecord, "tag '\(FileError.shortened(tag))' starts or ends with a space")
        }
    }

    /// Throws unless every tag is valid and none repeats (case and accents ignored).
    public static func check(_ tags: [String], quoteID: Int) throws(ReviewError) {
        var seen = Set<String>()
        for tag in tags {
            try check(tag)
            guard seen.insert(key(tag)).inserted else {
                throw ReviewError(.duplicate, "quote Q\(quoteID) has tag '\(FileError.shortened(tag))' twice")
            }
        }
    }

    /// The tags with `tag` added at the end, or nil when an equal tag is already there.
    public static func adding(_ tag: String, to tags: [String]) -> [String]? {
        let wanted = key(tag)
        guard !tags.contains(where: { key($0) == wanted }) else { return nil }
        return tags + [tag]
    }

    /// The tags without `tag` (matched with case and accents ignored), or nil when it is not there.
    public static func removing(_ tag: String, from tags: [String]) -> [String]? {
        let wanted = key(tag)
        guard tags.contains(where: { key($0) == wanted }) else { return nil }
        return tags.filter { key($0) != wanted }
    }
}
