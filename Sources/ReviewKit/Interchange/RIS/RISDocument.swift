/// What reading a RIS file produced: its records with the line each starts on, how it was decoded, and
/// located warnings about what was tolerated.
public struct RISDocument: Sendable, Equatable {
    /// One record and where it starts.
    public struct Entry: Sendable, Equatable {
        /// The record.
        public var record: BibliographicRecord
        /// The 1-based line of its `TY` tag.
        public var line: Int

        /// Creates an entry.
        public init(record: BibliographicRecord, line: Int) {
            self.record = record
            self.line = line
        }
    }

    /// The records, in file order.
    public var entries: [Entry]
    /// The encoding the bytes were read in (a Latin-1 file is named here and in `warnings`).
    public var encoding: TextEncoding
    /// Things the reader tolerated, each located (lines outside records, a record without `ER`, a Rayyan note it
    /// could not parse, a non-UTF-8 encoding). Nothing is dropped silently: what a warning names is kept.
    public var warnings: [FileError]

    /// The records without their positions.
    public var records: [BibliographicRecord] { entries.map(\.record) }

    /// Creates a document.
    public init(entries: [Entry], encoding: TextEncoding = .utf8, warnings: [FileError] = []) {
        self.entries = entries
        self.encoding = encoding
        self.warnings = warnings
    }
}
