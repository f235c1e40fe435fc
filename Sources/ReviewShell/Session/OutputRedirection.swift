import Foundation
import ReviewKit

/// Where a result goes instead of the screen (psql's `\o`, sqlite3's `.once`/`.output`): a file named in
/// `into FILE`, `once FILE` or `output FILE`, or `-` for standard output, and how it is written.
public struct OutputTarget: Sendable, Equatable {
    /// The file as typed; `-` is standard output.
    public var path: String
    /// Where the file name was typed in its command line (for carets).
    public var span: Range<Int>
    /// The file, resolved when it was named (a script's `output` stays relative to the script's folder); nil for `-`.
    public var url: URL?
    /// The format: `format=`, else the file's extension, else (for `-`) the session's.
    public var format: OutputFormat
    /// CSV and TSV only: start the file with a UTF-8 byte-order mark (`bom`), which Excel needs to take it as UTF-8.
    public var byteOrderMark = false
    /// CSV and TSV only: guard cells a spreadsheet would run as a formula (`guard`; `CSVFormulaGuard`).
    public var guardsFormulas = false

    /// Whether the target is standard output (`-`).
    public var isStandardOutput: Bool { path == "-" }

    /// The formats a file's extension names (`.csv`, `.tsv`, `.json`, `.jsonl`, `.md`, `.markdown`, `.txt`).
    static let extensions: [String: OutputFormat] = [
        "csv": .csv, "tsv": .tsv, "tab": .tsv, "json": .json, "jsonl": .json, "ndjson": .json,
        "md": .markdown, "markdown": .markdown, "txt": .table, "text": .table,
    ]

    /// The words `format=` takes (`txt` and `text` are the terminal's table, as a .txt file gets it).
    static let formatWords: [String: OutputFormat] = [
        "csv": .csv, "tsv": .tsv, "json": .json, "markdown": .markdown, "md": .markdown, "table": .table, "txt": .table, "text": .table,
    ]

    /// The bare words that may follow the file: `bom`, `guard`, and `excel` for both.
    static let flagWords = ["bom", "guard", "excel"]

    /// Reads a target from the file word and the options after it, checking what can be checked before the
    /// command runs: a known format, CSV-only flags on CSV, and (for a file) that its folder exists and it is
    /// not itself a folder. `sessionFormat` is the format for `-` without `format=`.
    static func parse(file: Word, format: (value: String, span: Range<Int>)?, flags: [Word], sessionFormat: OutputFormat,
                      files: FileResolver, invocation: Invocation, afterInto: Bool = false) throws(Diagnostic) -> OutputTarget {
        let path = file.text
        guard !path.isEmpty else { throw invocation.error("name the file to write", at: file.span) }
        var chosen: OutputFormat
        if let format {
            guard let named = formatWords[format.value.lowercased()] else {
                throw invocation.error("unknown format '\(format.value)'", at: format.span, notes: ["formats: csv, tsv, json, markdown, txt"])
            }
            chosen = named
        } else if path == "-" {
            chosen = sessionFormat
        } else {
            let ext = (path as NSString).pathExtension.lowercased()
            guard let named = extensions[ext] else {
                let what = ext.isEmpty ? "'\(path)' has no extension to tell the format by" : "unknown extension '.\(ext)'"
                var notes = ["name a .csv, .tsv, .json, .md or .txt file, or give format=csv|tsv|json|markdown|txt"]
                if afterInto { notes.append("to match the word into itself, quote it: \"into\"") }
                throw invocation.error(what, at: file.span, notes: notes)
            }
            chosen = named
        }
        var target = OutputTarget(path: path, span: file.span, url: path == "-" ? nil : files.url(path), format: chosen)
        for flag in flags {
            switch flag.text.lowercased() {
            case "bom": target.byteOrderMark = true
            case "guard": target.guardsFormulas = true
            default: target.byteOrderMark = true; target.guardsFormulas = true
            }
            guard chosen == .csv || chosen == .tsv else {
                throw invocation.error("'\(flag.text)' applies to CSV and TSV files, not \(chosen.rawValue)", at: flag.span)
            }
        }
        if !target.isStandardOutput { try checkFolder(path, at: file.span, files: files, invocation: invocation) }
        return target
    }

    /// Refuses, before anything runs, a file whose folder is missing or that is itself a folder.
    static func checkFolder(_ path: String, at span: Range<Int>, files: FileResolver, invocation: Invocation) throws(Diagnostic) {
        let url = files.url(path)
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder), isFolder.boolValue {
            throw invocation.error("cannot write '\(path)': it is a folder; give a file name", at: span)
        }
        let folder = url.deletingLastPathComponent().path
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder), isFolder.boolValue else {
            throw invocation.error("cannot write '\(path)': the folder '\((path as NSString).deletingLastPathComponent)' does not exist", at: span)
        }
    }
}

/// The trailing `into FILE [format=F] [bom] [guard] [excel]` of a command line, which sends that command's
/// result to a file.
///
/// It is the last bare (unquoted) word `into` followed by exactly one file word and then only `format=…`
/// and the flags `bom`, `guard`, `excel`; a quoted "into" is text (`quotes where text contains "into"`), and
/// an `into` with other words after it is left to the command.
enum OutputClause {
    /// Commands whose arguments are free text (`note`) or another command (`expect`): `into` is theirs.
    static let commandsWithoutClause: Set<String> = ["note", "output", "once"]

    /// The command line without its `into` clause, the clause's words (`into` first), or nil when it has none.
    static func split(_ invocation: Invocation) -> (command: Invocation, clause: ArraySlice<Word>)? {
        guard !commandsWithoutClause.contains(invocation.name.lowercased()),
              let words = try? invocation.words(), words.count >= 2 else { return nil }
        for index in stride(from: words.count - 2, through: 0, by: -1) {
            let word = words[index]
            guard !word.quoted, word.option == nil, word.text.lowercased() == "into" else { continue }
            let file = words[index + 1]
            guard file.option == nil else { return nil }
            for option in words[(index + 2)...] {
                if let key = option.option?.key, key == "format" { continue }
                if option.option == nil, !option.quoted, OutputTarget.flagWords.contains(option.text.lowercased()) { continue }
                return nil
            }
            let chars = Array(invocation.text)
            var text = String(chars[..<word.span.lowerBound])
            while text.last?.isWhitespace == true { text.removeLast() }
            guard let command = Invocation(text) else { return nil }
            return (command, words[index...])
        }
        return nil
    }

    /// The target a clause names.
    static func target(_ clause: ArraySlice<Word>, in invocation: Invocation, sessionFormat: OutputFormat,
                       files: FileResolver) throws(Diagnostic) -> OutputTarget {
        let words = Array(clause)
        let format = words.dropFirst(2).compactMap(\.option).first.map { ($0.value, $0.valueSpan) }
        let flags = words.dropFirst(2).filter { $0.option == nil }
        return try OutputTarget.parse(file: words[1], format: format, flags: flags, sessionFormat: sessionFormat, files: files,
                                      invocation: invocation, afterInto: true)
    }
}

/// The session's redirection of results: a pending `once FILE`, an open `output FILE`, and what has been
/// written to that file so far (so each new result can be added to it through the atomic writer).
public struct OutputRedirection: Sendable {
    /// The target of `once FILE`, until the next command that shows a result (or fails).
    public var once: OutputTarget?
    /// The target of `output FILE`, until `output off`.
    public var output: OutputTarget? {
        didSet { if output != oldValue { written = WrittenFile() } }
    }
    /// What `output` has put in its file so far.
    var written = WrittenFile()

    /// Creates a redirection that sends nothing anywhere.
    public init() {}

    /// The contents written to an `output` file so far, kept so each result rewrites the whole file atomically.
    struct WrittenFile: Sendable {
        /// The bytes of the file.
        var bytes: [UInt8] = []
        /// For CSV and TSV, the header line the file started with (a later table must have the same columns).
        var header: [String]?
        /// How many results and data rows went in.
        var results = 0
        var rows = 0
    }
}
