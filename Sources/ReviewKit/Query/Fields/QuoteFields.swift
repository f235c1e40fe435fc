extension Field {
    /// The fields of a coded quote, in `help fields` order (study fields are reachable as `study.FIELD`).
    public static let quoteFields: [Field] = [
        Field(quote: "id", .quoteID, "the quote's id (Q12)",
              completion: .workspace { context in context.workspace.quotes.ids.prefix(5000).map { "Q\($0)" } },
              column: .integers { $0.ids }),
        Field(quote: "text", .text, "the verbatim quote", aliases: ["quote"], groupable: false,
              column: .text),
        Field(quote: "direction", .code, "barrier or facilitator", aliases: ["dir", "type"],
              completion: .fixed(CodeVocabulary.directions.completions),
              column: .codes(CodeColumn({ $0.directions }, .directions))),
        Field(quote: "component", .code, "COM-B component (or capability / opportunity / motivation)", aliases: ["comb", "com-b"],
              completion: .fixed(CodeVocabulary.components.completions),
              column: .codes(CodeColumn({ $0.components }, .components))),
        Field(quote: "source", .code, "COM-B source: capability, opportunity or motivation",
              completion: .fixed(CodeVocabulary.sources.completions),
              column: .codes(CodeColumn({ $0.components }, .sources))),
        Field(quote: "domain", .code, "TDF domain", aliases: ["tdf"],
              completion: .fixed(CodeVocabulary.domains.completions),
              column: .codes(CodeColumn({ $0.domains }, .domains))),
        Field(quote: "subtheme", .subTheme, "sub-theme (code B/ECR/2, id or label)", aliases: ["theme", "sub-theme"],
              completion: .workspace { context in context.workspace.subThemes.map(\.code) + context.workspace.subThemes.map(\.label) },
              column: .subTheme),
        Field(quote: "study", .study, "the study it comes from (id or label)",
              completion: .workspace { context in
                  context.workspace.studies.map(\.id) + Array(Set(context.workspace.studies.map(\.label))).sorted()
              },
              column: .study),
        Field(quote: "reference", .integer, "the review's reference number in its citation", aliases: ["ref"],
              column: .integers { $0.references }),
        Field(quote: "page", .text, "the page in its citation",
              column: .strings { $0.pages }),
        Field(quote: "tag", .text, "a free code (tag) it carries: = any tag, ~ any tag containing", aliases: ["tags"], groupable: false,
              completion: .workspace { context in QuoteTagCounts(context.workspace.quotes).entries.map(\.tag) },
              column: .tags),
    ]
}
