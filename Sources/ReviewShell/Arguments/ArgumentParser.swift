import ReviewKit

/// Reads a command line against a signature: the one place arguments are split, classified and checked.
///
/// Words are split by `WordSplitter` (the shared quote rule); a sub-command is chosen by the first word; a
/// `key=value` word must be a declared option (given once); a declared flag word sets the flag; other words
/// fill the positionals in order. Missing, extra and unknown arguments are errors with a caret.
public enum ArgumentParser {
    /// Parses an invocation's arguments.
    public static func parse(_ invocation: Invocation, as signature: ArgumentSignature) throws(Diagnostic) -> ParsedArguments {
        var parsed = ParsedArguments(invocation: invocation)
        if let rest = signature.rest, rest.introducedBy == nil {
            if !invocation.arguments.isEmpty { parsed.rest = (invocation.arguments, invocation.argumentOffset) }
            return parsed
        }
        var words = try invocation.words()
        var signature = signature
        if let subcommands = signature.subcommands {
            if let first = words.first, first.option == nil, let chosen = signature.subcommand(named: first.text) {
                parsed.subcommand = (chosen.name, first)
                signature = chosen.signature
                words.removeFirst()
            } else if let first = words.first, subcommands.missing != nil {
                throw invocation.error(subcommands.unknown(first.text), at: first.span, notes: subcommands.unknownNotes)
            } else if let missing = subcommands.missing {
                throw invocation.missing(missing)
            }
        }
        try read(words, against: signature, into: &parsed)
        return parsed
    }

    private static func read(_ words: [Word], against signature: ArgumentSignature, into parsed: inout ParsedArguments) throws(Diagnostic) {
        let invocation = parsed.invocation
        for word in words {
            if let introducer = signature.rest?.introducedBy, !word.quoted, word.option == nil, word.text.lowercased() == introducer {
                let start = word.span.lowerBound
                parsed.rest = (String(Array(invocation.text)[start...]).trimmingTrailingWhitespace, start)
                break
            }
            if let option = word.option {
                guard let declared = signature.option(named: option.key) else {
                    let keySpan = word.span.lowerBound..<(word.span.lowerBound + option.key.count)
                    if let message = signature.unknownOption?(option.key) { throw invocation.error(message, at: keySpan) }
                    let keys = signature.options.flatMap { [$0.key] + $0.aliases }
                    throw invocation.error("unknown option '\(option.key)'", at: keySpan,
                                           notes: keys.isEmpty ? ["'\(invocation.name.lowercased())' takes no options"] : ["options here: " + keys.joined(separator: ", ")])
                }
                guard parsed.option(declared.key) == nil else {
                    throw invocation.error("'\(declared.key)' is given twice", at: word.span, notes: ["give each option once"])
                }
                parsed.options.append(ParsedArguments.OptionValue(key: declared.key, value: option.value, valueSpan: option.valueSpan, span: word.span))
                continue
            }
            if !word.quoted, signature.flags.contains(word.text.lowercased()) {
                parsed.flags.insert(word.text.lowercased())
                continue
            }
            guard signature.positional(at: parsed.positionals.count) != nil else {
                let message = signature.extra?(word.text)
                    ?? "unexpected '\(word.text)'" + (signature.options.isEmpty || word.text.contains(" ") ? "" : "; options are written FIELD=VALUE")
                throw invocation.error(message, at: word.span)
            }
            parsed.positionals.append(word)
        }
        for positional in signature.positionals.dropFirst(parsed.positionals.count) {
            if let missing = positional.missing { throw invocation.missing(missing) }
        }
    }
}
