/// A bulk append of new quotes — an `import quotes` whose rows are all new — applied in one pass and undone by
/// truncating the quote store, so neither the change, its inverse nor the journal holds a copy of the quotes.
///
/// The quotes travel in `rows`, already validated, only while the import is being applied. What is encoded (in the
/// crash-recovery journal) is `source`: the file's absolute path, size and CRC-32, and the options it was read with.
/// A change decoded from a journal, or the redo of an undone import, reads the file again and refuses when it
/// changed (a different size or checksum): a journal line of a few hundred bytes instead of the whole import.
public struct QuoteAppend: Sendable, Equatable, Codable {
    /// The CSV file the quotes were read from, and how it was read.
    public var source: ImportSource
    /// How many quotes are appended.
    public var count: Int
    /// The validated quotes, in ascending id order past every id in the workspace (nil: read `source` again).
    var rows: QuoteStore?

    /// An append of validated rows read from `source`.
    init(source: ImportSource, rows: QuoteStore) {
        self.source = source
        self.count = rows.count
        self.rows = rows
    }

    /// The same append without its rows (what a journal or an undo keeps).
    public var reference: QuoteAppend {
        var copy = self
        copy.rows = nil
        return copy
    }

    /// Whether the validated rows are at hand (false: applying reads the file again).
    public var holdsRows: Bool { rows != nil }

    enum CodingKeys: String, CodingKey { case source, count }

    /// Two appends are equal when they name the same file read the same way and the same number of quotes.
    public static func == (lhs: QuoteAppend, rhs: QuoteAppend) -> Bool { lhs.source == rhs.source && lhs.count == rhs.count }
}

/// The inverse of a `QuoteAppend`: drop the quotes it appended (the store's last `appended.count` rows).
public struct QuoteTruncation: Sendable, Equatable, Codable {
    /// Quotes kept: the count before the append.
    public var keeping: Int
    /// The append being taken back, without its rows (redo reads its file again).
    public var appended: QuoteAppend
}

/// A CSV file an import read, identified well enough to read the same bytes again (or to tell that it changed).
public struct ImportSource: Sendable, Equatable, Codable {
    /// The absolute path.
    public var path: String
    /// Its size in bytes when it was imported.
    public var size: Int
    /// CRC-32 of its bytes, 8 lowercase hex digits.
    public var checksum: String
    /// The domain mapping in use (`DomainMapping.rawValue`): it decides the component of quotes coded by domain only.
    public var mapping: String
    /// The cell separator given to the import (nil: told from the header).
    public var delimiter: UInt8?

    /// Creates a source description.
    public init(path: String, size: Int, checksum: String, mapping: String, delimiter: UInt8? = nil) {
        self.path = path
        self.size = size
        self.checksum = checksum
        self.mapping = mapping
        self.delimiter = delimiter
    }
}

extension Workspace {
    /// Appends validated rows (`QuoteAppend`), reading the source file again when they are not at hand.
    mutating func applyAppend(_ append: QuoteAppend) throws(ReviewError) -> WorkspaceChange {
        var rows: QuoteStore
        if let held = append.rows {
            rows = held
        } else {
            rows = try CSVImport.reread(append.source, expecting: append.count, into: self)
        }
        guard rows.count == append.count else {
            throw ReviewError(.conflict, "the import of \(append.source.path) now gives \(rows.count) new quotes, not \(append.count); nothing was appended")
        }
        // The rows were validated against this workspace when read; check what could have moved since.
        let lastID = quotes.ids.last ?? 0
        if let first = rows.ids.first, first <= lastID {
            throw ReviewError(.conflict, "the imported quotes start at Q\(first), but the workspace already holds Q\(lastID); nothing was appended")
        }
        let studyCount = Int32(studies.count)
        let themeIDs = Set(subThemes.map(\.id))
        for row in 0..<rows.count {
            guard rows.studies[row] < studyCount, rows.subThemes[row] < 0 || themeIDs.contains(Int(rows.subThemes[row])) else {
                throw ReviewError(.conflict, "imported quote Q\(rows.ids[row]) names a study or sub-theme the workspace no longer has; nothing was appended")
            }
        }
        let keeping = quotes.count
        if keeping == 0 {
            quotes = rows  // shares the buffers: no copy
        } else {
            quotes.append(contentsOf: rows)
        }
        return .truncateQuotes(QuoteTruncation(keeping: keeping, appended: append.reference))
    }

    /// Drops the quotes a `QuoteAppend` appended.
    mutating func applyTruncation(_ truncation: QuoteTruncation) throws(ReviewError) -> WorkspaceChange {
        guard quotes.count == truncation.keeping + truncation.appended.count else {
            throw ReviewError(.conflict, "cannot take back the import of \(truncation.appended.source.path): the workspace holds \(quotes.count) quotes, expected \(truncation.keeping + truncation.appended.count)")
        }
        if truncation.keeping == 0 {
            quotes = QuoteStore()  // gives the memory back, not only the rows
        } else {
            quotes.truncate(to: truncation.keeping)
        }
        return .appendQuotes(truncation.appended)
    }
}

extension QuoteStore {
    /// Appends every row of `other` (whose ids are larger than every id here).
    mutating func append(contentsOf other: QuoteStore) {
        reserveCapacity(count + other.count, textBytes: textByteCount + other.textByteCount)
        for row in 0..<other.count {
            other.withText(atRow: row) { utf8 in
                append(id: other.ids[row], utf8: utf8, direction: other.directions[row], component: other.components[row],
                       domain: other.domains[row], subTheme: other.subThemes[row], study: other.studies[row],
                       reference: other.references[row], page: other.pages[row], tags: other.tags[row])
            }
        }
    }
}
