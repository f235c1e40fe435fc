/// A piece of teaching text: a title and ordered sections, which the shell renders as text, markdown or JSON.
///
/// The tree is deliberately small: each section may hold a cited quotation (a published definition,
/// verbatim, with its source), paragraphs, bullet items, an example participant quote and notes.
/// Quoted material is kept apart from the project's own explanatory words, so a renderer can mark it.
public struct Explanation: Sendable, Equatable, Codable {
    /// The heading ("Knowledge").
    public var title: String
    /// A one-line orientation under the title ("TDF domain 1 of 14 · psychological capability"), if any.
    public var summary: String?
    /// The sections, in reading order.
    public var sections: [Section]
    /// Commands worth trying next ("explain skills"), in order.
    public var seeAlso: [String]

    /// Creates an explanation.
    public init(title: String, summary: String? = nil, sections: [Section], seeAlso: [String] = []) {
        self.title = title
        self.summary = summary
        self.sections = sections
        self.seeAlso = seeAlso
    }

    /// One titled part of an explanation.
    public struct Section: Sendable, Equatable, Codable {
        /// The section heading ("Definition").
        public var heading: String
        /// A published text quoted word for word, with its source (a definition, a checklist question).
        public var quotation: Quotation?
        /// Paragraphs in the project's own words.
        public var paragraphs: [String]
        /// Bullet items, in order.
        public var items: [String]
        /// One participant quote from the workspace that illustrates the section.
        public var example: Example?
        /// Caveats: unverified content, data gaps, conventions.
        public var notes: [String]

        /// Creates a section.
        public init(heading: String, quotation: Quotation? = nil, paragraphs: [String] = [], items: [String] = [],
                    example: Example? = nil, notes: [String] = []) {
            self.heading = heading
            self.quotation = quotation
            self.paragraphs = paragraphs
            self.items = items
            self.example = example
            self.notes = notes
        }
    }

    /// A published text quoted verbatim, with the source it is quoted from.
    public struct Quotation: Sendable, Equatable, Codable {
        /// The quoted words, exactly as published (without surrounding quotation marks).
        public var text: String
        /// The citation.
        public var source: String

        /// Creates a quotation.
        public init(text: String, source: String) {
            self.text = text
            self.source = source
        }
    }

    /// A coded participant quote shown as an example, with its label and citation.
    public struct Example: Sendable, Equatable, Codable {
        /// The quote's display id ("Q12").
        public var label: String
        /// The verbatim quote.
        public var text: String
        /// The citation as the review prints it ("(33), p. 1425"); empty when unknown.
        public var citation: String
        /// How the review coded it ("barrier · B/Know/1 Lack of knowledge from other staff members").
        public var context: String

        /// Creates an example.
        public init(label: String, text: String, citation: String, context: String) {
            self.label = label
            self.text = text
            self.citation = citation
            self.context = context
        }

        /// Creates an example from a quote and the workspace it belongs to.
        public init(_ quote: Quote, in workspace: Workspace) {
            var context: [String] = []
            if let direction = quote.direction { context.append(direction.slug) }
            if let id = quote.subTheme, let theme = workspace.subTheme(id) { context.append("\(theme.code) \(theme.label)") }
            else {
                if let component = quote.component { context.append(component.name) }
                if let domain = quote.domain { context.append(domain.name) }
            }
            var citation = quote.citation
            if citation.isEmpty, let studyID = quote.studyID, let study = workspace.study(studyID) { citation = study.label }
            self.init(label: quote.label, text: quote.text, citation: citation, context: context.joined(separator: " · "))
        }
    }
}

// MARK: - Rendering

extension Explanation {
    /// Renders the explanation as plain text, wrapping every line at word boundaries to at most `width` characters.
    ///
    /// A word longer than the available width stays whole on its own line. Quotations and example
    /// quotes are indented; bullet items and notes use hanging indents. `width` below 24 is treated as 24.
    public func plainText(width: Int) -> String {
        let width = max(24, width)
        var lines: [String] = []
        lines += TextWrap.wrap(title, width: width)
        lines.append(String(repeating: "=", count: min(width, lines.map(\.count).max() ?? 0)))
        if let summary { lines += TextWrap.wrap(summary, width: width) }
        for section in sections {
            lines.append("")
            lines += TextWrap.wrap(section.heading, width: width)
            lines.append(String(repeating: "-", count: min(width, section.heading.count)))
            var blocks: [[String]] = []
            if let quotation = section.quotation {
                var block = TextWrap.wrap("\u{201C}\(quotation.text)\u{201D}", width: width, indent: "  ")
                block += TextWrap.wrap("\u{2014} " + quotation.source, width: width, indent: "    ", hanging: "      ")
                blocks.append(block)
            }
            for paragraph in section.paragraphs { blocks.append(TextWrap.wrap(paragraph, width: width)) }
            if !section.items.isEmpty {
                blocks.append(section.items.flatMap { TextWrap.wrap($0, width: width, indent: "- ", hanging: "  ") })
            }
            if let example = section.example {
                let cite = example.citation.isEmpty ? example.label : "\(example.label), \(example.citation)"
                var block = TextWrap.wrap("Example (\(cite); \(example.context)):", width: width)
                block += TextWrap.wrap(example.text, width: width, indent: "  ")
                blocks.append(block)
            }
            for note in section.notes { blocks.append(TextWrap.wrap("Note: " + note, width: width, hanging: "  ")) }
            for (index, block) in blocks.enumerated() {
                if index > 0 { lines.append("") }
                lines += block
            }
        }
        if !seeAlso.isEmpty {
            lines.append("")
            lines += TextWrap.wrap("See also: " + seeAlso.joined(separator: " | "), width: width, hanging: "  ")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Renders the explanation as CommonMark: `#` title, `##` sections, `>` quotations and examples, `-` items.
    public func markdown() -> String {
        var out: [String] = ["# " + title]
        if let summary { out += ["", "*" + summary + "*"] }
        for section in sections {
            out += ["", "## " + section.heading]
            if let quotation = section.quotation {
                out += ["", "> \u{201C}\(quotation.text)\u{201D}", ">", "> \u{2014} " + quotation.source]
            }
            for paragraph in section.paragraphs { out += ["", paragraph] }
            if !section.items.isEmpty { out.append(""); out += section.items.map { "- " + $0 } }
            if let example = section.example {
                let cite = example.citation.isEmpty ? example.label : "\(example.label), \(example.citation)"
                out += ["", "**Example** (\(cite); \(example.context)):", ""]
                out += example.text.split(separator: "\n", omittingEmptySubsequences: false).map { "> " + $0 }
            }
            for note in section.notes { out += ["", "*Note:* " + note] }
        }
        if !seeAlso.isEmpty { out += ["", "See also: " + seeAlso.map { "`\($0)`" }.joined(separator: ", ")] }
        return out.joined(separator: "\n") + "\n"
    }
}

/// Word wrapping for the teaching renderers.
enum TextWrap {
    /// Wraps `text` to `width` characters: the first line starts with `indent`, later lines with `hanging`
    /// (which defaults to spaces as wide as `indent`). Explicit newlines start new lines.
    static func wrap(_ text: String, width: Int, indent: String = "", hanging: String? = nil) -> [String] {
        let hanging = hanging ?? String(repeating: " ", count: indent.count)
        var lines: [String] = []
        var prefix = indent
        for hardLine in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var line = prefix
            var lineHasWord = false
            for word in hardLine.split(separator: " ") {
                if lineHasWord && line.count + 1 + word.count > width {
                    lines.append(line)
                    line = hanging
                    lineHasWord = false
                }
                line += (lineHasWord ? " " : "") + word
                lineHasWord = true
            }
            lines.append(lineHasWord ? line : String(line.reversed().drop(while: { $0 == " " }).reversed()))
            prefix = hanging
        }
        return lines
    }
}
