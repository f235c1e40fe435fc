/// Everything a saved session holds: the workspace and the shell's session state.
public struct Snapshot: Sendable {
    /// The review workspace.
    public var workspace: Workspace
    /// Session settings (format, width, bands, mapping, tutorial progress…), written in key order.
    public var settings: [String: String]
    /// The reviewer's notes, in order.
    public var notes: [String]
    /// The numbered command history (cell n is element n-1).
    public var history: [String]
    /// The line of each setting in the file the snapshot was read from (empty for a snapshot made in memory).
    public var settingLines: [String: Int] = [:]
    /// The file the snapshot was read from, as it was named to the reader (nil for one made in memory).
    public var sourcePath: String?
    /// Where the @quotes lines were in the file it was read from (for `SnapshotCache`); nil when unknown.
    var quoteSection: QuoteSection?

    /// The byte range of a snapshot's @quotes lines (after the `@quotes` line, up to the next section line) and their number.
    struct QuoteSection: Sendable, Equatable {
        var start: Int
        var end: Int
        var lines: Int
    }

    /// Creates a snapshot.
    public init(workspace: Workspace, settings: [String: String] = [:], notes: [String] = [], history: [String] = []) {
        self.workspace = workspace
        self.settings = settings
        self.notes = notes
        self.history = history
    }

    /// An error about the value of setting `key`, located at its line in the file it was read from.
    ///
    /// The shell checks settings (format, width, bands…) after the reader; this puts the file, line and
    /// column of the value on its message, with the line for a caret: `x.snapshot:5:7: width must be …`.
    public func settingError(_ key: String, _ message: String) -> FileError {
        guard let line = settingLines[key] else { return FileError(path: sourcePath, message: "setting '\(key)': \(message)") }
        let value = settings[key] ?? ""
        return FileError(path: sourcePath, line: line, column: key.count + 2,
                         message: "setting '\(key)': \(message)", lineText: key + "\t" + value)
    }

    /// The format's name, the first word of every snapshot.
    public static let formatName = "review-snapshot"
    /// The version this build writes; it reads this and every older one.
    ///
    /// Version 3 (this one) added the optional `@prisma` section (the PRISMA 2020 flow counts, one
    /// `key<TAB>value` line per recorded box) and the optional `@findings` and `@cerqual` sections (written
    /// findings and their GRADE-CERQual judgements, docs/cerqual.md), and later the optional `@bibliography` (the
    /// studies' references) and `@tags` (the quotes' free codes) sections; version-2 files load unchanged.
    /// Version 2 added the `\#` and `\@` escapes for a line that would otherwise start with `#` or `@`,
    /// and made blank lines in `@notes` and `@history` empty entries; version 1 lost such entries.
    /// Version 1 files are still read, with version 1's rules.
    public static let formatVersion = 3

    /// The oldest version this build reads.
    public static let oldestReadableVersion = 1
}
