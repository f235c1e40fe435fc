import Foundation
import ReviewKit

/// Proposes completions for the word before the cursor, from each command's declared arguments: commands,
/// sub-commands, positional values, `key=` options and their values, and inside queries fields, operators
/// and values from the field catalogue.
public struct ShellCompleter {
    /// The shell whose commands and workspace are completed.
    let shell: Shell

    /// Creates a completer for a shell.
    public init(shell: Shell) { self.shell = shell }

    static let queryKeywords = ["where", "and", "or", "not", "in", "contains", "sort by", "group by", "limit", "count", "desc", "unknown"]

    /// The completion for the text before the cursor.
    public func complete(_ textBeforeCursor: String) -> Completion {
        if let choices = shell.completionOverride {
            // A quiz answer is the whole line: complete it without quotes.
            let typed = textBeforeCursor.trimmingCharacters(in: .whitespaces)
            let key = TextFolding.fold(typed)
            return Completion(replacingLast: textBeforeCursor.count, candidates: choices.filter { TextFolding.fold($0).hasPrefix(key) })
        }
        let (words, current, _) = Self.split(textBeforeCursor)
        guard !words.isEmpty else { return match(current, commandNames) }
        guard let command = shell.commands.command(named: words[0]) else { return .none }
        // `into FILE [format=F] [bom] [guard]` may end any command that shows a result (ShellCompleter+Into.swift).
        if let redirection = intoCompletion(Array(words.dropFirst()), current, command: command) { return redirection }
        return addingInto(completeArguments(words, current, command: command), current, command: command)
    }

    /// Completes the arguments of a command (its sub-commands, positionals, options and rest of line).
    private func completeArguments(_ words: [String], _ current: String, command: any Command) -> Completion {
        var arguments = Array(words.dropFirst())
        var signature = command.signature
        if let subcommands = signature.subcommands {
            guard let first = arguments.first else {
                let choices = subcommands.choices.map(\.name)
                let matched = match(current, choices)
                // An optional sub-command: the command's own arguments are offered too (after the sub-commands).
                guard subcommands.missing == nil else { return matched }
                let own = complete(current, arguments, signature)
                var seen = Set<String>()
                return Completion(replacingLast: current.count, candidates: (matched.candidates + own.candidates).filter { seen.insert($0).inserted })
            }
            if let chosen = signature.subcommand(named: first) {
                signature = chosen.signature
                arguments.removeFirst()
            }
        }
        return complete(current, arguments, signature)
    }

    /// Completes the word being typed after `arguments`, under a signature.
    private func complete(_ current: String, _ arguments: [String], _ signature: ArgumentSignature) -> Completion {
        if let rest = signature.rest {
            if rest.introducedBy == nil { return complete(current, arguments, as: rest.kind) }
            if let start = arguments.firstIndex(where: { $0.lowercased() == rest.introducedBy }) {
                return complete(current, Array(arguments[(start + 1)...]), as: rest.kind)
            }
        }
        // key=value: the option's values.
        if let equals = current.firstIndex(of: "="), !current.hasPrefix("\"") {
            let key = current[..<equals].lowercased()
            let value = String(current[current.index(after: equals)...])
            let completion = signature.option(named: key).map { complete(value, [], as: $0.kind) } ?? .none
            return Completion(replacingLast: completion.replacingLast, candidates: completion.candidates)
        }
        let positionals = arguments.filter { !$0.contains("=") && !signature.flags.contains($0.lowercased()) }
        var candidates: [String] = []
        if let positional = signature.positional(at: positionals.count) {
            candidates += complete(current, positionals, as: positional.kind).candidates
        }
        candidates += match(current, signature.options.map { $0.key + "=" } + signature.flags).candidates
        if let rest = signature.rest, let introducer = rest.introducedBy { candidates += match(current, [introducer]).candidates }
        var seen = Set<String>()
        return Completion(replacingLast: current.count, candidates: candidates.filter { seen.insert($0).inserted })
    }

    /// Completes a word of a given kind (`before` are the words of the same argument list typed before it).
    private func complete(_ current: String, _ before: [String], as kind: ArgumentKind) -> Completion {
        let workspace = shell.session.workspace
        switch kind {
        case .text, .number: return Completion(replacingLast: current.count, candidates: [])
        case .file: return fileCompletion(current)
        case .quoteID: return match(current, workspace.quotes.ids.prefix(5000).map { "Q\($0)" })
        case .studyID: return match(current, workspace.studies.map(\.id))
        case .subTheme: return match(current, workspace.subThemes.map(\.code))
        case .finding: return match(current, workspace.synthesis.findings(in: workspace).map(\.id.description))
        case .writtenFinding: return match(current, workspace.synthesis.writtenFindings.map(\.id.description))
        case .field(let name): return match(current, values(forField: name))
        case .keyword(let words): return match(current, words)
        case .keywordOrFile(let words):
            let keywords = match(current, words)
            return keywords.candidates.isEmpty ? fileCompletion(current) : keywords
        case .setting: return match(current, Settings.catalogue.map(\.name))
        case .settingValue:
            return match(current, before.last.flatMap(Settings.setting(named:))?.values ?? [])
        case .command: return match(current, commandNames + ["fields", "filters"])
        case .term: return match(current, termNames)
        case .query(let subject): return queryCompletion(before, current, subject: subject)
        }
    }

    private var commandNames: [String] { shell.commands.allNames.filter { $0 != "?" } }

    private var termNames: [String] {
        COMBComponent.allCases.map(\.name) + COMBComponent.Source.allCases.map(\.name) + TDFDomain.allCases.map(\.name) + ["COM-B", "TDF", "CASP", "kappa"]
    }

    /// Completes inside a query: after `FIELD OP` the field's values, after `by` field names, otherwise fields and keywords.
    private func queryCompletion(_ words: [String], _ current: String, subject: Field.Subject) -> Completion {
        let operators = Set(FilterOperator.allCases.map(\.symbol) + ["~", "is"])
        // Find the last operator and the field before it, allowing a value of several words in progress.
        var index = words.count - 1
        var valueWords: [String] = []
        while index >= 0, !operators.contains(words[index].lowercased()), !["and", "or", "not", "where", "(", "by"].contains(words[index].lowercased()) {
            valueWords.insert(words[index], at: 0)
            index -= 1
        }
        if index >= 1, operators.contains(words[index].lowercased()), let field = Field.named(words[index - 1].trimmingCharacters(in: CharacterSet(charactersIn: "(")), for: subject) {
            let typed = (valueWords + [current]).joined(separator: " ")
            let completion = match(typed.hasPrefix("(") ? String(typed.dropFirst()) : typed, values(forField: field.name, subject: subject))
            // Replace the whole multi-word value typed so far.
            return Completion(replacingLast: completion.candidates.isEmpty ? 0 : typed.count - (typed.hasPrefix("(") ? 1 : 0), candidates: completion.candidates)
        }
        if let last = words.last?.lowercased(), last == "by" {
            return match(current, Field.names(for: subject))
        }
        if let last = words.last, let field = Field.named(last, for: subject) {
            return match(current, field.field.type.operatorSpellings)
        }
        return match(current, Field.names(for: subject) + Self.queryKeywords)
    }

    /// Values a field takes, from the field catalogue: framework names, ids, labels, bands, answers.
    /// A `key=` option is completed as the field of that name (quote fields first, then study fields).
    func values(forField name: String, subject: Field.Subject = .quote) -> [String] {
        guard let field = Field.named(name, for: subject) ?? Field.named(name, for: .study) else { return [] }
        return field.field.completion.values(in: shell.session.queryContext)
    }

    /// Candidates that start with the typed word (ignoring case, accents and an opening quote), quoted when needed.
    func match(_ typed: String, _ candidates: [String]) -> Completion {
        let opened = typed.first.map { QuotedText.closingMark(for: $0) != nil } == true
        let key = TextFolding.fold(opened ? String(typed.dropFirst()) : typed)
        var seen = Set<String>()
        var result: [String] = []
        for candidate in candidates {
            let plain = QuotedText.unquoted(candidate)
            guard TextFolding.fold(plain).hasPrefix(key) else { continue }
            let needsQuotes = opened || plain.contains(" ") || plain.contains("/") || plain.contains(",")
            let shown = needsQuotes ? "\"" + plain + "\"" : plain
            if seen.insert(shown).inserted { result.append(shown) }
        }
        return Completion(replacingLast: typed.count, candidates: result)
    }

    /// File and directory names that start with the typed path.
    func fileCompletion(_ typed: String) -> Completion {
        let path = (typed as NSString).expandingTildeInPath
        let directory = path.hasSuffix("/") ? path : (path as NSString).deletingLastPathComponent
        let prefix = path.hasSuffix("/") ? "" : (path as NSString).lastPathComponent
        let listing = (try? FileManager.default.contentsOfDirectory(atPath: directory.isEmpty ? "." : directory)) ?? []
        let typedDirectory = typed.hasSuffix("/") ? typed : (typed.contains("/") ? String(typed[...typed.lastIndex(of: "/")!]) : "")
        var candidates: [String] = []
        for name in listing.sorted() where name.hasPrefix(prefix) && (!name.hasPrefix(".") || prefix.hasPrefix(".")) {
            var isDirectory: ObjCBool = false
            _ = FileManager.default.fileExists(atPath: ((directory.isEmpty ? "." : directory) as NSString).appendingPathComponent(name), isDirectory: &isDirectory)
            candidates.append(typedDirectory + name + (isDirectory.boolValue ? "/" : ""))
        }
        return Completion(replacingLast: typed.count, candidates: candidates)
    }

    /// Splits the text before the cursor into finished words and the word being typed; quotation marks open
    /// a string by the language's rule (`QuotedText`), so an open string is one word in progress (`openString`
    /// is the mark that would close it).
    static func split(_ text: String) -> (words: [String], current: String, openString: Character?) {
        var words: [String] = []
        var current = ""
        var quote: Character?
        var previous: Character?
        for c in text {
            if let close = quote {
                current.append(c)
                if QuotedText.closes(c, close) { quote = nil }
            } else if c.isWhitespace {
                if !current.isEmpty { words.append(current); current = "" }
            } else {
                if let close = QuotedText.closingMark(for: c), QuotedText.opensString(after: previous) { quote = close }
                current.append(c)
            }
            previous = c
        }
        return (words.map(QuotedText.unquoted), current, quote)
    }
}
