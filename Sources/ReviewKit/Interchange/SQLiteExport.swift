import Foundation

/// The workspace as a SQLite database (schema version 3, docs/formats.md "SQLite"), for sqlite3, R, pandas.
///
/// Tables hold codes (slugs) and ids; lookup tables give the display names; views join them
/// (`quote_coding`, `casp_scores`) and keep the slugs and ids in the tables' column names, with a display name
/// only in a column named `*_label` (`component` is `psychological-capability`, `component_label` its name), so a
/// filter or a join reads the same on a table and on a view. `PRAGMA user_version` is the schema version. The database is built
/// in a temporary file beside the target and renamed over it, so an existing file is replaced whole or not at all.
public enum SQLiteExport {
    /// The schema version written to `PRAGMA user_version`.
    public static let schemaVersion = 3

    /// The schema, as SQL.
    public static let schema = """
    CREATE TABLE metadata (
      key TEXT PRIMARY KEY NOT NULL,
      value TEXT NOT NULL
    );
    CREATE TABLE directions (
      slug TEXT PRIMARY KEY NOT NULL,
      code INTEGER NOT NULL UNIQUE,
      name TEXT NOT NULL
    );
    CREATE TABLE components (
      slug TEXT PRIMARY KEY NOT NULL,
      code INTEGER NOT NULL UNIQUE,
      name TEXT NOT NULL,
      source TEXT NOT NULL,
      abbreviation TEXT NOT NULL
    );
    CREATE TABLE domains (
      slug TEXT PRIMARY KEY NOT NULL,
      code INTEGER NOT NULL UNIQUE,
      name TEXT NOT NULL,
      abbreviation TEXT NOT NULL
    );
    CREATE TABLE studies (
      id TEXT PRIMARY KEY NOT NULL,
      position INTEGER NOT NULL UNIQUE,
      label TEXT NOT NULL,
      reference INTEGER,
      year INTEGER,
      country TEXT,
      design TEXT,
      data_collection TEXT,
      analysis TEXT,
      participants INTEGER,
      title TEXT,
      journal TEXT,
      volume TEXT,
      issue TEXT,
      pages TEXT,
      doi TEXT,
      url TEXT,
      abstract TEXT
    );
    CREATE TABLE study_authors (
      study TEXT NOT NULL REFERENCES studies(id),
      position INTEGER NOT NULL,
      name TEXT NOT NULL,
      PRIMARY KEY (study, position)
    );
    CREATE TABLE study_keywords (
      study TEXT NOT NULL REFERENCES studies(id),
      position INTEGER NOT NULL,
      keyword TEXT NOT NULL,
      PRIMARY KEY (study, position)
    );
    CREATE TABLE appraisals (
      study TEXT NOT NULL REFERENCES studies(id),
      reviewer TEXT NOT NULL,
      position INTEGER NOT NULL UNIQUE,
      q1 TEXT, q2 TEXT, q3 TEXT, q4 TEXT, q5 TEXT, q6 TEXT, q7 TEXT, q8 TEXT, q9 TEXT, q10 TEXT,
      PRIMARY KEY (study, reviewer)
    );
    CREATE TABLE subthemes (
      id INTEGER PRIMARY KEY NOT NULL,
      position INTEGER NOT NULL UNIQUE,
      code TEXT NOT NULL,
      direction TEXT NOT NULL REFERENCES directions(slug),
      component TEXT NOT NULL REFERENCES components(slug),
      domain TEXT NOT NULL REFERENCES domains(slug),
      number INTEGER NOT NULL,
      label TEXT NOT NULL
    );
    CREATE TABLE quotes (
      id INTEGER PRIMARY KEY NOT NULL,
      text TEXT NOT NULL,
      direction TEXT REFERENCES directions(slug),
      component TEXT REFERENCES components(slug),
      domain TEXT REFERENCES domains(slug),
      subtheme INTEGER REFERENCES subthemes(id),
      study TEXT REFERENCES studies(id),
      reference INTEGER,
      page TEXT
    );
    CREATE TABLE quote_tags (
      quote INTEGER NOT NULL REFERENCES quotes(id),
      position INTEGER NOT NULL,
      tag TEXT NOT NULL,
      PRIMARY KEY (quote, position)
    );
    CREATE INDEX quote_tags_tag ON quote_tags(tag);
    CREATE INDEX quotes_study ON quotes(study);
    CREATE INDEX quotes_subtheme ON quotes(subtheme);
    CREATE VIEW quote_coding AS
      SELECT q.id AS id, q.direction AS direction, dr.name AS direction_label, q.component AS component, c.name AS component_label,
             q.domain AS domain, d.name AS domain_label, q.subtheme AS subtheme, s.code AS subtheme_code, s.label AS subtheme_label,
             q.study AS study, st.label AS study_label, q.reference AS reference, q.page AS page, q.text AS text
      FROM quotes q
      LEFT JOIN directions dr ON dr.slug = q.direction
      LEFT JOIN components c ON c.slug = q.component
      LEFT JOIN domains d ON d.slug = q.domain
      LEFT JOIN subthemes s ON s.id = q.subtheme
      LEFT JOIN studies st ON st.id = q.study;
    CREATE VIEW casp_scores AS
      SELECT a.study AS study, st.label AS study_label, a.reviewer AS reviewer,
             CASE a.q1 WHEN 'yes' THEN 1.0 WHEN 'cant-tell' THEN 0.5 WHEN 'no' THEN 0.0 END AS q1,
             CASE a.q2 WHEN 'yes' THEN 1.0 WHEN 'cant-tell' THEN 0.5 WHEN 'no' THEN 0.0 END AS q2,
             CASE a.q3 WHEN 'yes' THEN 1.0 WHEN 'cant-tell' THEN 0.5 WHEN 'no' THEN 0.0 END AS q3,
             CASE a.q4 WHEN 'yes' THEN 1.0 WHEN 'cant-tell' THEN 0.5 WHEN 'no' THEN 0.0 END AS q4,
             CASE a.q5 WHEN 'yes' THEN 1.0 WHEN 'cant-tell' THEN 0.5 WHEN 'no' THEN 0.0 END AS q5,
             CASE a.q6 WHEN 'yes' THEN 1.0 WHEN 'cant-tell' THEN 0.5 WHEN 'no' THEN 0.0 END AS q6,
             CASE a.q7 WHEN 'yes' THEN 1.0 WHEN 'cant-tell' THEN 0.5 WHEN 'no' THEN 0.0 END AS q7,
             CASE a.q8 WHEN 'yes' THEN 1.0 WHEN 'cant-tell' THEN 0.5 WHEN 'no' THEN 0.0 END AS q8,
             CASE a.q9 WHEN 'yes' THEN 1.0 WHEN 'cant-tell' THEN 0.5 WHEN 'no' THEN 0.0 END AS q9,
             CASE a.q10 WHEN 'yes' THEN 1.0 WHEN 'cant-tell' THEN 0.5 WHEN 'no' THEN 0.0 END AS q10,
             (SELECT total(CASE v WHEN 'yes' THEN 1.0 WHEN 'cant-tell' THEN 0.5 ELSE 0.0 END)
                FROM (SELECT a.q1 AS v UNION ALL SELECT a.q2 UNION ALL SELECT a.q3 UNION ALL SELECT a.q4 UNION ALL SELECT a.q5
                      UNION ALL SELECT a.q6 UNION ALL SELECT a.q7 UNION ALL SELECT a.q8 UNION ALL SELECT a.q9 UNION ALL SELECT a.q10)) AS total
      FROM appraisals a JOIN studies st ON st.id = a.study
      ORDER BY a.position;
    """

    /// Builds the database for `workspace` and atomically replaces `url` with it.
    /// A cancel of `cancellation` (checked between quotes) throws a `FileError` marked `isInterruption`; `url` is left as it was.
    /// libsqlite3 is loaded at the first call (`SQLiteLibrary`); without it this throws and `url` is left as it was.
    public static func write(_ workspace: Workspace, to url: URL, progress: ((Double) -> Void)? = nil,
                             cancellation: CancellationToken = .none) throws(FileError) {
        try write(workspace, to: url, progress: progress, cancellation: cancellation, library: SQLiteLibrary.shared)
    }

    /// `write(_:to:progress:cancellation:)` with the libsqlite3 to use (tests pass one that failed to load).
    static func write(_ workspace: Workspace, to url: URL, progress: ((Double) -> Void)? = nil,
                      cancellation: CancellationToken = .none,
                      library: Result<SQLiteLibrary, SQLiteLibrary.Unavailable>) throws(FileError) {
        let display = AtomicFile.displayPath(url)
        let sqlite: SQLiteLibrary
        switch library {
        case .success(let loaded): sqlite = loaded
        case .failure(let unavailable): throw FileError(path: display, message: "cannot write the database: \(unavailable.message)")
        }
        try AtomicFile.replace(url) { temporary in
            do {
                let db = try SQLiteConnection(path: temporary.path, library: sqlite)
                try db.execute(sql: "PRAGMA journal_mode = DELETE; PRAGMA synchronous = OFF")
                try db.inTransaction {
                    try fill(db, workspace, progress: progress, cancellation: cancellation)
                }
                try db.execute(sql: "PRAGMA user_version = \(schemaVersion)")
                try db.close()
            } catch is Interrupted {
                throw FileError(Interrupted(), path: display)
            } catch let error as SQLiteError {
                throw FileError(path: display, message: "cannot write the database: \(AtomicFile.lowercased(error.message ?? "sqlite error \(error.code)"))")
            }
        }
        progress?(1)
    }

    static func fill(_ db: SQLiteConnection, _ workspace: Workspace, progress: ((Double) -> Void)?, cancellation: CancellationToken = .none) throws {
        try db.execute(sql: schema)
        let metadata = try db.makeStatement(sql: "INSERT INTO metadata (key, value) VALUES (?, ?)")
        for key in workspace.metadata.keys.sorted() { try metadata.execute(arguments: [key, workspace.metadata[key]!]) }
        let directions = try db.makeStatement(sql: "INSERT INTO directions VALUES (?, ?, ?)")
        for value in Direction.allCases { try directions.execute(arguments: [value.slug, Int(value.rawValue), value.name]) }
        let components = try db.makeStatement(sql: "INSERT INTO components VALUES (?, ?, ?, ?, ?)")
        for value in COMBComponent.allCases {
            try components.execute(arguments: [value.slug, Int(value.rawValue), value.name, value.source.rawValue, value.abbreviation])
        }
        let domains = try db.makeStatement(sql: "INSERT INTO domains VALUES (?, ?, ?, ?)")
        for value in TDFDomain.allCases { try domains.execute(arguments: [value.slug, Int(value.rawValue), value.name, value.abbreviation]) }

        let studies = try db.makeStatement(sql: "INSERT INTO studies VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
        let authors = try db.makeStatement(sql: "INSERT INTO study_authors VALUES (?, ?, ?)")
        let keywords = try db.makeStatement(sql: "INSERT INTO study_keywords VALUES (?, ?, ?)")
        for (position, study) in workspace.studies.enumerated() {
            let r = study.bibliography
            try studies.execute(arguments: [study.id, position + 1, study.label, study.reference, study.year, study.country,
                                            study.design, study.dataCollection, study.analysis, study.participants,
                                            r?.title, r?.journal, r?.volume, r?.issue, r?.pages, r?.doi, r?.url, r?.abstract])
            for (index, name) in study.authors.enumerated() { try authors.execute(arguments: [study.id, index + 1, name]) }
            for (index, keyword) in study.keywords.enumerated() { try keywords.execute(arguments: [study.id, index + 1, keyword]) }
        }
        let appraisals = try db.makeStatement(sql: "INSERT INTO appraisals VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
        for (position, appraisal) in workspace.appraisals.enumerated() {
            var values: [(any SQLiteBindable)?] = [appraisal.studyID, appraisal.reviewer, position + 1]
            values += appraisal.answers.map { $0?.slug }
            try appraisals.execute(arguments: values)
        }
        let subthemes = try db.makeStatement(sql: "INSERT INTO subthemes VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
        for (position, theme) in workspace.subThemes.enumerated() {
            try subthemes.execute(arguments: [theme.id, position + 1, theme.code, theme.direction.slug, theme.component.slug,
                                              theme.domain.slug, theme.number, theme.label])
        }
        let quotes = try db.makeStatement(sql: "INSERT INTO quotes VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
        let q = workspace.quotes
        let studyIDs = workspace.studies.map(\.id)
        let directionSlugs = [nil] + Direction.allCases.map(\.slug), componentSlugs = [nil] + COMBComponent.allCases.map(\.slug)
        let domainSlugs = [nil] + TDFDomain.allCases.map(\.slug)
        let step = max(1, q.count / 100)
        for row in 0..<q.count {
            try cancellation.check(every: row)
            let subTheme: Int? = q.subThemes[row] >= 0 ? Int(q.subThemes[row]) : nil
            let study: String? = q.studies[row] >= 0 ? studyIDs[Int(q.studies[row])] : nil
            let reference: Int? = q.references[row] >= 0 ? Int(q.references[row]) : nil
            let page: String? = q.pages[row].isEmpty ? nil : q.pages[row]
            try quotes.execute(arguments: [Int(q.ids[row]), q.text(atRow: row), code(directionSlugs, q.directions[row]),
                                           code(componentSlugs, q.components[row]), code(domainSlugs, q.domains[row]),
                                           subTheme, study, reference, page])
            if let progress, row % step == step - 1 { progress(0.95 * Double(row + 1) / Double(q.count)) }
        }
        let tags = try db.makeStatement(sql: "INSERT INTO quote_tags VALUES (?, ?, ?)")
        for row in 0..<q.count where !q.tags[row].isEmpty {
            for (index, tag) in q.tags[row].enumerated() { try tags.execute(arguments: [Int(q.ids[row]), index + 1, tag]) }
        }
        try fillSynthesis(db, workspace)
        try ScreeningExport.fill(db, workspace.screening)
    }

    private static func code(_ slugs: [String?], _ raw: UInt8) -> String? {
        Int(raw) < slugs.count ? slugs[Int(raw)] : nil
    }
}
