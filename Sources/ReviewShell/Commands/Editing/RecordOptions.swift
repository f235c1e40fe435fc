import ReviewKit

/// The `key=value` options the editing commands share, declared once, and how they change a study or a quote.
enum RecordOptions {
    /// A study's descriptive fields.
    static let study: [ArgumentSignature.Option] = [
        .init("ref", aliases: ["reference"], .number), .init("year", .number), .init("country"), .init("design"),
        .init("collection", aliases: ["data-collection"]), .init("analysis"), .init("participants", aliases: ["n"], .number),
    ] + bibliographic

    /// A study's reference (authors and keywords separated by ';').
    static let bibliographic: [ArgumentSignature.Option] = [
        .init("authors", aliases: ["author"]), .init("title"), .init("journal"), .init("volume"), .init("issue"), .init("pages"),
        .init("doi"), .init("url"), .init("abstract"), .init("keywords", aliases: ["keyword"]),
    ]

    /// A quote's attribution and citation.
    static let quote: [ArgumentSignature.Option] = [.init("study", .studyID), .init("ref", aliases: ["reference"], .number), .init("page")]

    /// A quote's coding.
    static let coding: [ArgumentSignature.Option] = [
        .init("domain", .field("domain")), .init("component", .field("component")), .init("direction", .field("direction")),
        .init("subtheme", aliases: ["theme"], .subTheme),
    ]

    /// Applies the study options given; "unknown" clears a field.
    static func apply(_ arguments: ParsedArguments, to study: inout Study) throws(Diagnostic) {
        if let value = try number("ref", ValueRules.studyReference, arguments) { study.reference = value }
        if let value = try number("year", ValueRules.year, arguments) { study.year = value }
        if let value = try number("participants", ValueRules.participants, arguments) { study.participants = value }
        if let value = arguments.text("country") { study.country = value }
        if let value = arguments.text("design") { study.design = value }
        if let value = arguments.text("collection") { study.dataCollection = value }
        if let value = arguments.text("analysis") { study.analysis = value }
        try applyReference(arguments, to: &study)
    }

    /// Applies the reference options given (authors=, doi=, keywords=…); "unknown" clears one, a DOI must be one.
    static func applyReference(_ arguments: ParsedArguments, to study: inout Study) throws(Diagnostic) {
        guard bibliographic.contains(where: { arguments.option($0.key) != nil }) else { return }
        var record = study.bibliography ?? BibliographicRecord()
        func list(_ text: String?) -> [String] {
            (text ?? "").split(separator: ";").map { String($0).trimmingSpaces }.filter { !$0.isEmpty }
        }
        if let value = arguments.text("authors") { record.authors = list(value) }
        if let value = arguments.text("keywords") { record.keywords = list(value) }
        if let value = arguments.text("title") { record.title = value }
        if let value = arguments.text("journal") { record.journal = value }
        if let value = arguments.text("volume") { record.volume = value }
        if let value = arguments.text("issue") { record.issue = value }
        if let value = arguments.text("pages") { record.pages = value }
        if let value = arguments.text("url") { record.url = value }
        if let value = arguments.text("abstract") { record.abstract = value }
        if let option = arguments.option("doi") {
            if option.isUnknown {
                record.doi = nil
            } else {
                do throws(ReviewError) { try BibliographicRules.checkDOI(option.value) } catch { throw arguments.error(error.message, at: option.valueSpan) }
                record.doi = option.value.trimmingSpaces
            }
        }
        study = study.attaching(record)
    }

    /// Applies the quote options given (and, with `coding`, the coding options) under the settings in use.
    static func apply(_ arguments: ParsedArguments, to quote: inout Quote, coding: Bool, in context: CommandContext) throws(Diagnostic) {
        let workspace = context.workspace
        if let option = arguments.option("study") {
            quote.studyID = option.isUnknown ? nil : workspace.studies[try arguments.studyIndex(option.value, at: option.valueSpan, in: workspace)].id
        }
        if let value = try number("ref", ValueRules.quoteReference, arguments) { quote.reference = value }
        if let value = arguments.text("page") { quote.page = value }
        guard coding else { return }
        if let option = arguments.option("subtheme") {
            let theme = try arguments.subTheme(option.value, at: option.valueSpan, in: workspace)
            quote.subTheme = theme.id
            quote.direction = theme.direction
            quote.component = theme.component
            quote.domain = theme.domain
            for key in ["domain", "component", "direction"] {
                if let fixed = arguments.option(key) {
                    throw arguments.error("\(key)= is fixed by the sub-theme \(theme.code); give one or the other", at: fixed.valueSpan)
                }
            }
            return
        }
        if let option = arguments.option("direction") {
            quote.direction = try arguments.resolve(option.value, at: option.valueSpan, Framework.directions, what: "direction")
        }
        if let option = arguments.option("domain") {
            let domain = try arguments.resolve(option.value, at: option.valueSpan, Framework.domains, what: "TDF domain")
            quote.domain = domain
            quote.component = try component(for: domain, given: arguments.option("component"), arguments, context)
        } else if let option = arguments.option("component") {
            quote.component = try arguments.resolve(option.value, at: option.valueSpan, Framework.components, what: "COM-B component")
        }
        // A change of coding leaves the old sub-theme behind unless it still fits.
        if let id = quote.subTheme, let theme = workspace.subTheme(id),
           !theme.fits(direction: quote.direction, component: quote.component, domain: quote.domain) {
            quote.subTheme = nil
        }
    }

    /// The component for a domain: as given (checked), or the only one the mapping in use allows.
    static func component(for domain: TDFDomain, given: ParsedArguments.OptionValue?, _ arguments: ParsedArguments,
                          _ context: CommandContext) throws(Diagnostic) -> COMBComponent {
        if let given { return try arguments.resolve(given.value, at: given.valueSpan, Framework.components, what: "COM-B component") }
        let mapping = context.settings.mapping
        guard let inferred = mapping.inferredComponent(of: domain) else {
            throw arguments.missing("\(domain.name) sits under \(mapping.components(of: domain).map(\.name).joined(separator: " and ")) in the \(mapping.rawValue) mapping; add component=…")
        }
        return inferred
    }

    /// Applies a change through the document (validated, journaled, undoable), as the command typed it.
    static func commit(_ change: WorkspaceChange, _ arguments: ParsedArguments, _ context: CommandContext) throws(Diagnostic) {
        try arguments.invocation.engine { () throws(ReviewError) in try context.document.apply(change, command: arguments.invocation.text) }
    }

    /// "barrier, Psychological capability, Knowledge".
    static func describe(_ quote: Quote) -> String {
        [quote.direction?.slug, quote.component?.name, quote.domain?.name].compactMap { $0 }.joined(separator: ", ")
    }

    /// A sub-theme's number option, under the rule the snapshot reader and import enforce.
    static func positiveNumber(_ key: String, _ arguments: ParsedArguments) throws(Diagnostic) -> Int? {
        guard let option = arguments.option(key) else { return nil }
        do throws(ReviewError) {
            return try ValueRules.subThemeNumber.parse(option.value)
        } catch {
            throw arguments.error(error.message, at: option.valueSpan)
        }
    }

    /// A whole-number option checked by the one rule for its field (`ValueRules`), so nothing an edit accepts is
    /// refused when the snapshot is loaded again: nil when not given, `.some(nil)` for "unknown". The error's
    /// caret is under the value.
    static func number(_ key: String, _ rule: ValueRules.WholeNumber, _ arguments: ParsedArguments) throws(Diagnostic) -> Int?? {
        guard let option = arguments.option(key) else { return .none }
        if option.isUnknown { return .some(nil) }
        do throws(ReviewError) {
            return .some(try rule.parse(option.value))
        } catch {
            throw arguments.error(error.message + " (or unknown)", at: option.valueSpan)
        }
    }
}
