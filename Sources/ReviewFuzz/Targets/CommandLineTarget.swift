import Foundation
import ReviewKit
import ReviewShell

/// Generated and mutated command lines, run in-process against a fresh session on the embedded review, with
/// every file name confined to a scratch folder.
///
/// An input is one to three lines. Each line starts from a command's own usage and examples (so every
/// registered command is reached) and is mutated word by word (interesting values, `key=value` options the
/// commands take, quoting, Unicode, huge numbers, deep nesting, long `or` chains, control characters) or byte by
/// byte. What must hold for every line: no crash; a refusal is a lowercase diagnostic with a location (a caret
/// column, or a file and line); a refused command leaves the session (workspace, settings, notes) and every file
/// in the folder exactly as they were.
public final class CommandLineTarget: FuzzTarget {
    public let name = "commands"
    let registry = CommandRegistry.standard
    let base: Workspace
    /// The scratch folder commands run in, and the files it starts with.
    let folder: URL
    let fixtures: [String: [UInt8]]
    /// Lines to start from: every command's usage and examples, and commands on the fixture files.
    let lines: [String]
    /// Every option key and sub-command word the commands declare.
    let vocabulary: [String]

    /// A target with a fresh scratch folder holding a ratings table, CSV tables, a snapshot, a RIS file and a script.
    public init() throws {
        let snapshot = try EmbeddedReview.load()
        base = snapshot.workspace
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("review-fuzz-\(getpid())-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        var fixtures: [String: [UInt8]] = [:]
        fixtures["ratings.csv"] = Array("record_id,reviewer_A,reviewer_B,reviewer_C\nR1,include,include,maybe\nR2,exclude,Exclude ,exclude\nR3,maybe,include,\nR4,include,include,include\nR5,exclude,maybe,exclude\nR6,include,exclude,include\n".utf8)
        fixtures["counts.csv"] = Array("a,b,c\n3,0,0\n1,2,0\n0,1,2\n0,0,3\n".utf8)
        fixtures["quotes.csv"] = CSVExport.encode(.quotes, workspace: base)
        fixtures["studies.csv"] = CSVExport.encode(.studies, workspace: base)
        fixtures["new-quotes.csv"] = Array("text,domain,direction,study\n\"a “new” quote\",ecr,barrier,S01\nsecond 🙂,knowledge,facilitator,S02\n".utf8)
        fixtures["fuzz.snapshot"] = SnapshotWriter.encode(snapshot)
        fixtures["refs.ris"] = RISWriter.encode([BibliographicRecord(type: "JOUR", authors: ["Janoušková, M."], title: "Peer support", year: 2020)])
        fixtures["setup.review"] = Array("studies count\nquotes where domain = ecr count\nnote \"from a script\"\n".utf8)
        self.fixtures = fixtures
        var lines: [String] = []
        var vocabulary: Set<String> = []
        for command in CommandRegistry.standard.commands {
            lines.append(command.name)
            lines += command.usage + command.examples
            vocabulary.formUnion(Self.words(of: command.signature))
        }
        lines += ["kappa fleiss ratings ratings.csv", "kappa cohen ratings ratings.csv raters=reviewer_A,reviewer_B", "kappa fleiss counts counts.csv",
                  "import quotes new-quotes.csv", "import studies studies.csv", "import quotes.csv", "load fuzz.snapshot discard", "save out.snapshot",
                  "export csv quotes out.csv", "export json out.json", "export sqlite out.db", "export markdown out.md", "export csv all-tables",
                  "source setup.review", "history save replay.review", "import refs.ris", "quotes where id = 1 or id = 2 count",
                  "studies where year > 2015 and (country = UK or not design = interview) sort year", "quotes group by domain",
                  "add study \"x\" analysis=😀", "add theme barrier knowledge \"x\" number=3", "edit quote 1 text=\"t\"", "remove quote 3",
                  "code 5 ecr barrier", "appraise S01 q1=yes q2=no q3=\"can't tell\"", "set bands \"high 8..10; moderate 6..8; low ..5\"",
                  "set width 40", "set format json", "undo", "redo", "note hello", "finding add \"f\"", "cerqual", "matrix", "domains", "report out.html"]
        self.lines = lines
        self.vocabulary = vocabulary.sorted()
        try restoreFolder()
    }

    deinit { try? FileManager.default.removeItem(at: folder) }

    /// The option keys, flags and sub-command words of a signature.
    static func words(of signature: ArgumentSignature) -> [String] {
        var words = signature.options.flatMap { [$0.key] + $0.aliases } + signature.flags
        for choice in signature.subcommands?.choices ?? [] {
            words += [choice.name] + choice.aliases + Self.words(of: choice.signature)
        }
        return words
    }

    // MARK: generating

    static let pieces = ["(", ")", "\"", "'", "“", "”", "‘", "’", "=", ",", ";", "\\", "#", "|", "*", "..", " and ", " or ", " not ", "where",
                         "sort", "by", "group", "count", "limit", "-0", "1e308", "nan", "inf", "-", "+", "0x10", "1_000", "٣", "½",
                         "\u{0}", "\u{1B}[31m", "\t", "\r", "\u{7F}", "\u{202E}", "\u{200D}", "\u{FEFF}", "e\u{0301}", "🙂", "👩‍👩‍👧", "漢字", "Janoušková"]
    static let numbers = ["0", "-1", "1", "2147483648", "9223372036854775807", "9223372036854775808", "-9223372036854775808",
                          "99999999999", "1e9", "0.405", "1.2", "-0.0001", String(repeating: "9", count: 40), "3.14159265358979323846264338327950288"]

    public func generate(_ mutator: inout Mutator) -> [UInt8] {
        let count = 1 + (mutator.chance(30) ? mutator.below(3) : 0)
        var out: [String] = []
        for _ in 0..<count {
            var line = mutator.pick(lines)
            for _ in 0..<(1 + mutator.below(3)) { line = mutate(line, &mutator) }
            out.append(line)
        }
        var bytes = Array(out.joined(separator: "\n").utf8)
        if mutator.chance(15) { bytes = mutator.mutate(bytes, donor: Array(mutator.pick(lines).utf8)) }
        return bytes
    }

    /// One word-level edit of a command line.
    func mutate(_ line: String, _ mutator: inout Mutator) -> String {
        var words = line.split(separator: " ", omittingEmptySubsequences: false).map(String.init)
        let position = mutator.below(words.count + 1)
        let index = min(position, max(0, words.count - 1))
        switch mutator.below(14) {
        case 0 where !words.isEmpty: words[index] = mutator.pick(Mutator.interesting)
        case 1: words.insert(mutator.pick(vocabulary) + "=" + (mutator.chance(50) ? mutator.pick(Self.numbers) : mutator.pick(Mutator.interesting)), at: position)
        case 2 where !words.isEmpty: words.insert(words[index], at: index)
        case 3 where !words.isEmpty:
            let quotes = [("\"", "\""), ("“", "”"), ("‘", "’"), ("\"", ""), ("", "\""), ("'", "'")]
            let (open, close) = mutator.pick(quotes)
            words[index] = open + words[index] + close
        case 4: words.insert(mutator.pick(Self.numbers), at: position)
        case 5:
            let depth = [3, 40, 300, 5000][mutator.below(4)]
            words.insert(String(repeating: "(", count: depth) + "id = 1" + String(repeating: ")", count: mutator.chance(80) ? depth : depth / 2), at: position)
        case 6:
            let terms = [5, 200, 3000][mutator.below(3)]
            words.insert((0..<terms).map { "id = \($0)" }.joined(separator: " or "), at: position)
        case 7 where !words.isEmpty: words[index] += mutator.pick(Self.pieces)
        case 8:
            let run = [10, 1000, 50_000][mutator.below(3)]
            words.insert(String(repeating: mutator.pick(["😀", "e\u{0301}", "漢", "a", "\u{200B}", "\\"]), count: run), at: position)
        case 9 where !words.isEmpty: words[0] = mutator.pick(registry.allNames)
        case 10 where words.count > 1: words.remove(at: index)
        case 11: words.insert(mutator.pick(vocabulary), at: position)
        case 12 where !words.isEmpty: words[index] = String(words[index].reversed())
        default:
            return String(decoding: mutator.mutate(Array(line.utf8), donor: Array(mutator.pick(lines).utf8)), as: UTF8.self)
        }
        return words.joined(separator: " ")
    }

    // MARK: running

    public func run(_ input: [UInt8]) -> FuzzOutcome {
        let text = String(decoding: input, as: UTF8.self)
        let output = BufferedOutput()
        var options = ShellOptions()
        options.workingDirectory = folder.path
        let shell = Shell(session: Session(workspace: base, source: "fuzz"), input: ScriptedLineSource([String]()), output: output, options: options)
        defer { try? restoreFolder() }
        var refused = false
        for line in text.split(separator: "\n", omittingEmptySubsequences: false).prefix(4) {
            guard let safe = Self.confined(String(line)), let invocation = Invocation(safe) else { continue }
            let before = state(of: shell.session)
            let files = listing()
            do {
                let result = try shell.execute(invocation)
                _ = shell.render(result)
            } catch {
                refused = true
                if let finding = check(error, line: safe, shell: shell, before: before, files: files) { return .finding(finding) }
            }
        }
        return refused ? .refused : .accepted
    }

    /// What a refusal must satisfy; nil when it does.
    func check(_ error: Diagnostic, line: String, shell: Shell, before: [UInt8], files: [String: [UInt8]]) -> String? {
        if case .alreadyReported = error.kind { return nil }  // a failure inside `source`, already checked as it happened
        if error.kind == .interrupted { return "'\(line.prefix(200))': interrupted although nothing asked it to stop" }
        if let problem = FuzzRules.messageProblem(error.message) { return "'\(line.prefix(200))': \(problem)" }
        if error.column == nil && error.file == nil && error.line == nil {
            return "'\(line.prefix(200))': an error without a location: \(error.message.prefix(200))"
        }
        if state(of: shell.session) != before { return "'\(line.prefix(200))': refused (\(error.message.prefix(120))) but the session changed" }
        if listing() != files { return "'\(line.prefix(200))': refused (\(error.message.prefix(120))) but files in the folder changed" }
        return nil
    }

    /// The session as a snapshot would keep it, without the cells (a refused command is still a cell).
    func state(of session: Session) -> [UInt8] {
        var snapshot = session.snapshot()
        snapshot.history = []
        snapshot.settings["history.failed"] = nil
        return SnapshotWriter.encode(snapshot)
    }

    /// A command line with every word that could name a file outside the folder (absolute, `~`, `..`) replaced;
    /// nil when one remains.
    static func confined(_ line: String) -> String? {
        func escapes(_ text: String) -> Bool {
            text.hasPrefix("/") || text.hasPrefix("~") || text.contains("=/") || text.contains("=~") || text.contains("..")
                && (text.contains("/") || text.contains("\\"))
        }
        // Most lines name no path at all: no '/', '~', '..' or '-' anywhere.
        if !line.utf8.contains(where: { $0 == UInt8(ascii: "/") || $0 == UInt8(ascii: "~") || $0 == UInt8(ascii: "-") }) && !line.contains("..") { return line }
        var line = line
        guard let invocation = Invocation(line) else { return line }
        guard let words = try? invocation.words() else {
            return line.contains("/") || line.contains("~") ? nil : line
        }
        var chars = Array(line)
        // '-' is standard input or output (`import quotes -`, `export json -`): the fuzzer's own, never a file in the folder.
        for word in words.reversed() where word.text == "-" || escapes(word.text) || escapes(String(chars[word.span.clamped(to: 0..<chars.count)])) {
            chars.replaceSubrange(word.span.clamped(to: 0..<chars.count), with: Array("fuzz-file"))
        }
        line = String(chars)
        guard let again = Invocation(line), let checked = try? again.words() else { return nil }
        return checked.contains { $0.text == "-" || escapes($0.text) } ? nil : line
    }

    // MARK: the folder

    /// The folder's files and their bytes.
    func listing() -> [String: [UInt8]] {
        var files: [String: [UInt8]] = [:]
        guard let enumerator = FileManager.default.enumerator(atPath: folder.path) else { return files }
        while let name = enumerator.nextObject() as? String {
            let url = folder.appendingPathComponent(name)
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else { continue }
            files[name] = isDirectory.boolValue ? [] : (try? [UInt8](Data(contentsOf: url))) ?? [0xFF]
        }
        return files
    }

    /// Puts the folder back as it started (every input starts from the same files, so a saved input replays).
    func restoreFolder() throws {
        let now = listing()
        guard now != fixtures else { return }
        for name in now.keys where fixtures[name] == nil { try? FileManager.default.removeItem(at: folder.appendingPathComponent(name)) }
        for (name, bytes) in fixtures where now[name] != bytes {
            try Data(bytes).write(to: folder.appendingPathComponent(name))
        }
    }
}
