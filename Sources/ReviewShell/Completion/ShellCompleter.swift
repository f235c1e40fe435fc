import Foundation
import ReviewKit

/// Proposes completions for the word before the cursor: commands, sub-commands, fields, operators and values.
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
        let (words, current) = Self.split(textBeforeCursor)
        guard !words.isEmpty else { return match(current, shell.commands.allNames.filter { $0 != "?" }) }
        guard let spec = shell.commands.command(named: words[0]) else { return .none }
        let arguments = Array(words.dropFirst())
        // key=value words (editing commands, kappa options).
        if let equals = current.firstIndex(of: "="), !current.hasPrefix("\"") {
            let key = current[..<equals].lowercased()
            let value = String(current[current.index(after: equals)...])
            let completion = match(value, values(forField: key))
            return Completion(replacingLast: completion.replacingLast, candidates: completion.candidates)
        }
        if arguments.isEmpty, !spec.subcommands.isEmpty, spec.argument != .quoteQuery || spec.name == "matrix" {
            let subcommandMatch = match(current, spec.subcommands)
            if !subcommandMatch.candidates.isEmpty || spec.argument == .none { return subcommandMatch }
        }
        switch spec.argument {
        case .none: return .none
        case .command: return match(current, shell.commands.allNames.filter { $0 != "?" } + (spec.name == "help" ? ["fields", "filters"] : []))
        case .file: return fileCompletion(current)
        case .studyID: return match(current, shell.session.workspace.studies.map(\.id))
        case .quoteID: return match(current, shell.session.workspace.quotes.ids.prefix(5000).map { "Q\($0)" })
        case .term: return match(current, termNames)
        case .setting:
            if arguments.isEmpty { return match(current, Settings.descriptions.map(\.name)) }
            return match(current, Settings.descriptions.first { $0.name == arguments[0].lowercased() }?.values ?? [])
        case .editing:
            return match(current, ["domain=", "component=", "direction=", "subtheme=", "study=", "ref=", "page=", "text=", "label=", "year=", "country="] + shell.session.workspace.quotes.ids.suffix(20).map { "Q\($0)" })
        case .quoteQuery, .studyQuery:
            return queryCompletion(arguments, current, subject: spec.argument == .quoteQuery ? .quote : .study)
        }
    }

    private var termNames: [String] {
        COMBComponent.allCases.map(\.name) + COMBComponent.Source.allCases.map(\.name) + TDFDomain.allCases.map(\.name) + ["COM-B", "TDF", "CASP", "kappa"]
    }

    /// Completes inside a query: after `FIELD OP` the field's values, after `by` field names, otherwise fields and keywords.
    private func queryCompletion(_ words: [String], _ current: String, subject: Field.Subject) -> Completion {
        let operators: Set<String> = ["=", "!=", "<", "<=", ">", ">=", "contains", "~", "in", "is"]
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
        if let last = words.last, Field.named(last, for: subject) != nil {
            return match(current, Field.named(last, for: subject)!.field.type.operatorSpellings)
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
        let opened = typed.first.map { "\"'\u{201C}".contains($0) } == true
        let key = TextFolding.fold(opened ? String(typed.dropFirst()) : typed)
        var seen = Set<String>()
        var result: [String] = []
        for candidate in candidates {
            let plain = candidate.hasPrefix("\"") ? String(candidate.dropFirst().dropLast()) : candidate
            guard TextFolding.fold(plain).hasPrefix(key) else { continue }
            let needsQuotes = opened || plain.contains(" ") || plain.contains("/") || plain.contains(",")
            let shown = needsQuotes ? "\"" + plain + "\"" : plain
            if seen.insert(shown).inserted { result.append(shown) }
        }
        return Completion(replacingLast: typed.count, candidates: result)
    }

    /// File and directory names that start with the typed path.
    private func fileCompletion(_ typed: String) -> Completion {
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

    /// Splits the text before the cursor into finished words and the word being typed (an open quote starts it).
    static func split(_ text: String) -> (words: [String], current: String) {
        var words: [String] = []
        var current = ""
        var quote: Character?
        for c in text {
            if let close = quote {
                current.append(c)
                if QuoteChars.closes(c, close) { quote = nil }
            } else if c.isWhitespace {
                if !current.isEmpty { words.append(current); current = "" }
            } else {
                if current.isEmpty || current.last == "=", let close = QuoteChars.closing(for: c) { quote = close }
                current.append(c)
            }
        }
        return (words.map { $0.hasPrefix("\"") && $0.hasSuffix("\"") && $0.count >= 2 ? String($0.dropFirst().dropLast()) : $0 }, current)
    }
}
