import Foundation

/// The screening decisions as plain rows, one per decision: the one vocabulary the CSV (`screening.csv`), JSON
/// (`"screening"`) and SQLite (`screening` table) exports share (docs/formats.md, "Screening decisions in exports").
///
/// Columns `record, reviewer, decision, title`: the decision as its slug (`include`, `maybe`, `exclude`), the
/// agreed decision under the reviewer `consensus`, the title (empty in CSV, null in JSON and SQLite) when unknown.
/// Rows in record order (``ScreeningDecisions/records``), a record's votes in stored order. `import screening`
/// reads the CSV back (as a table of votes).
public enum ScreeningExport {
    /// The columns, in the order written.
    public static let columns = ["record", "reviewer", "decision", "title"]

    /// One row per decision, title nil when unknown.
    public static func rows(_ decisions: ScreeningDecisions) -> [(record: String, reviewer: String, decision: ScreeningDecision, title: String?)] {
        decisions.records.flatMap { record in
            record.votes.map { (record.id, $0.reviewer, $0.decision, record.title) }
        }
    }

    /// The rows as CSV fields.
    public static func fields(_ decisions: ScreeningDecisions) -> [[String]] {
        rows(decisions).map { [$0.record, $0.reviewer, $0.decision.rawValue, $0.title ?? ""] }
    }

    /// Appends `"screening"` to a JSON document being written (after the synthesis arrays).
    static func appendJSON(_ decisions: ScreeningDecisions, to out: inout JSONBuffer) {
        out.raw(",\n  \"screening\": [")
        let all = rows(decisions)
        for (index, row) in all.enumerated() {
            out.raw(index == 0 ? "\n    " : ",\n    ")
            out.raw("{\"record\": "); out.string(row.record)
            out.raw(", \"reviewer\": "); out.string(row.reviewer)
            out.raw(", \"decision\": "); out.string(row.decision.rawValue)
            out.raw(", \"title\": "); out.string(row.title)
            out.raw("}")
        }
        out.raw(all.isEmpty ? "]" : "\n  ]")
    }

    /// The SQLite table.
    static let schema = """
    CREATE TABLE screening (
      record TEXT NOT NULL,
      reviewer TEXT NOT NULL,
      decision TEXT NOT NULL CHECK (decision IN ('include', 'maybe', 'exclude')),
      title TEXT,
      PRIMARY KEY (record, reviewer)
    );
    """

    /// Creates the `screening` table and fills it.
    static func fill(_ db: SQLiteConnection, _ decisions: ScreeningDecisions) throws {
        try db.execute(sql: schema)
        let insert = try db.makeStatement(sql: "INSERT INTO screening VALUES (?, ?, ?, ?)")
        for row in rows(decisions) { try insert.execute(arguments: [row.record, row.reviewer, row.decision.rawValue, row.title]) }
    }
}
