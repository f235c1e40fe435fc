import Foundation

/// The findings and GRADE-CERQual judgements in the SQLite export (schema version 3 since its views keep slugs; docs/formats.md).
extension SQLiteExport {
    /// The synthesis part of the schema: lookup tables for the levels, the findings with their link tables,
    /// the judgements, and two views in the published tables' shape.
    public static let synthesisSchema = """
    CREATE TABLE concern_levels (
      slug TEXT PRIMARY KEY NOT NULL,
      code INTEGER NOT NULL UNIQUE,
      name TEXT NOT NULL
    );
    CREATE TABLE confidence_levels (
      slug TEXT PRIMARY KEY NOT NULL,
      code INTEGER NOT NULL UNIQUE,
      name TEXT NOT NULL,
      meaning TEXT NOT NULL
    );
    CREATE TABLE findings (
      finding TEXT PRIMARY KEY NOT NULL,
      position INTEGER NOT NULL UNIQUE,
      written INTEGER NOT NULL CHECK (written IN (0, 1)),
      statement TEXT NOT NULL,
      sources INTEGER NOT NULL,
      quotes INTEGER NOT NULL,
      words INTEGER NOT NULL,
      unattributed_quotes INTEGER NOT NULL,
      missing_subthemes INTEGER NOT NULL,
      confidence TEXT REFERENCES confidence_levels(slug)
    );
    CREATE TABLE finding_subthemes (
      finding TEXT NOT NULL REFERENCES findings(finding),
      position INTEGER NOT NULL,
      subtheme INTEGER NOT NULL REFERENCES subthemes(id),
      subtheme_code TEXT NOT NULL,
      PRIMARY KEY (finding, position)
    );
    CREATE TABLE finding_sources (
      finding TEXT NOT NULL REFERENCES findings(finding),
      position INTEGER NOT NULL,
      study TEXT REFERENCES studies(id),
      reference INTEGER,
      PRIMARY KEY (finding, position),
      CHECK ((study IS NULL) <> (reference IS NULL))
    );
    CREATE TABLE cerqual (
      finding TEXT PRIMARY KEY NOT NULL REFERENCES findings(finding),
      methodological_limitations TEXT REFERENCES concern_levels(slug),
      methodological_limitations_explanation TEXT,
      coherence TEXT REFERENCES concern_levels(slug),
      coherence_explanation TEXT,
      adequacy TEXT REFERENCES concern_levels(slug),
      adequacy_explanation TEXT,
      relevance TEXT REFERENCES concern_levels(slug),
      relevance_explanation TEXT,
      confidence TEXT REFERENCES confidence_levels(slug),
      confidence_explanation TEXT,
      summary TEXT
    );
    CREATE VIEW summary_of_findings AS
      SELECT f.position AS number, f.finding AS finding, f.statement AS statement, f.sources AS sources,
             c.confidence AS confidence, cl.name AS confidence_label, c.summary AS summary, c.confidence_explanation AS confidence_explanation
      FROM cerqual c JOIN findings f ON f.finding = c.finding
      LEFT JOIN confidence_levels cl ON cl.slug = c.confidence
      ORDER BY f.position;
    CREATE VIEW evidence_profile AS
      SELECT f.finding AS finding, f.statement AS statement, f.sources AS sources,
             c.methodological_limitations AS methodological_limitations, ml.name AS methodological_limitations_label,
             c.methodological_limitations_explanation AS methodological_limitations_explanation,
             c.coherence AS coherence, co.name AS coherence_label, c.coherence_explanation AS coherence_explanation,
             c.adequacy AS adequacy, ad.name AS adequacy_label, c.adequacy_explanation AS adequacy_explanation,
             c.relevance AS relevance, re.name AS relevance_label, c.relevance_explanation AS relevance_explanation,
             c.confidence AS confidence, cl.name AS confidence_label, c.confidence_explanation AS confidence_explanation
      FROM cerqual c JOIN findings f ON f.finding = c.finding
      LEFT JOIN concern_levels ml ON ml.slug = c.methodological_limitations
      LEFT JOIN concern_levels co ON co.slug = c.coherence
      LEFT JOIN concern_levels ad ON ad.slug = c.adequacy
      LEFT JOIN concern_levels re ON re.slug = c.relevance
      LEFT JOIN confidence_levels cl ON cl.slug = c.confidence
      ORDER BY f.position;
    """

    /// Creates the synthesis tables and fills them.
    static func fillSynthesis(_ db: SQLiteConnection, _ workspace: Workspace) throws {
        try db.execute(sql: synthesisSchema)
        let concern = try db.makeStatement(sql: "INSERT INTO concern_levels VALUES (?, ?, ?)")
        for level in ConcernLevel.allCases { try concern.execute(arguments: [level.slug, level.rawValue, level.name]) }
        let confidence = try db.makeStatement(sql: "INSERT INTO confidence_levels VALUES (?, ?, ?, ?)")
        for level in ConfidenceLevel.allCases { try confidence.execute(arguments: [level.slug, level.rawValue, level.name, level.meaning]) }

        let export = SynthesisExport(workspace)
        let findings = try db.makeStatement(sql: "INSERT INTO findings VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
        let themes = try db.makeStatement(sql: "INSERT INTO finding_subthemes VALUES (?, ?, ?, ?)")
        let sources = try db.makeStatement(sql: "INSERT INTO finding_sources VALUES (?, ?, ?, ?)")
        for row in export.findings {
            try findings.execute(arguments: [row.id, row.position, row.written ? 1 : 0, row.statement, row.sources.count, row.quotes,
                                             row.words, row.unattributedQuotes, row.missingSubThemes, row.confidence?.slug])
            for (index, theme) in row.subThemes.enumerated() { try themes.execute(arguments: [row.id, index + 1, theme.id, theme.code]) }
            for (index, source) in row.sources.enumerated() {
                switch source {
                case .study(let id): try sources.execute(arguments: [row.id, index + 1, id, nil as Int?])
                case .reference(let number): try sources.execute(arguments: [row.id, index + 1, nil as String?, number])
                }
            }
        }
        let cerqual = try db.makeStatement(sql: "INSERT INTO cerqual VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
        for row in export.assessments {
            var values: [(any SQLiteBindable)?] = [row.finding]
            for component in CERQualComponent.allCases {
                values += [row.assessment[component]?.level.slug, row.assessment[component]?.explanation]
            }
            values += [row.assessment.overall?.level.slug, row.assessment.overall?.explanation, row.summary]
            try cerqual.execute(arguments: values)
        }
    }
}
