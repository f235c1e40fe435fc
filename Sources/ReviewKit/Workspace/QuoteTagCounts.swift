/// How many quotes carry each free code (tag): what `tags` lists and completion offers.
///
/// Tags are counted by their folded key (`QuoteTags.key`), so "Peer training" and "peer training" are one tag,
/// shown with the spelling met first in quote order.
public struct QuoteTagCounts: Sendable, Equatable {
    /// One tag and its count.
    public struct Entry: Sendable, Equatable {
        /// The tag as first spelled.
        public var tag: String
        /// How many quotes carry it.
        public var quotes: Int
        /// The first few quote ids carrying it, in id order.
        public var firstQuotes: [Int]
    }

    /// The tags, most used first, then by name (folded).
    public let entries: [Entry]
    /// How many quotes carry at least one tag.
    public let taggedQuotes: Int

    /// Counts the tags of a quote store.
    public init(_ quotes: QuoteStore, examples: Int = 5) {
        var byKey: [String: Int] = [:]
        var entries: [Entry] = []
        var tagged = 0
        for row in 0..<quotes.count where !quotes.tags[row].isEmpty {
            tagged += 1
            for tag in quotes.tags[row] {
                let key = QuoteTags.key(tag)
                if let index = byKey[key] {
                    entries[index].quotes += 1
                    if entries[index].firstQuotes.count < examples { entries[index].firstQuotes.append(Int(quotes.ids[row])) }
                } else {
                    byKey[key] = entries.count
                    entries.append(Entry(tag: tag, quotes: 1, firstQuotes: [Int(quotes.ids[row])]))
                }
            }
        }
        self.entries = entries.sorted { $0.quotes != $1.quotes ? $0.quotes > $1.quotes : QuoteTags.key($0.tag) < QuoteTags.key($1.tag) }
        taggedQuotes = tagged
    }
}
