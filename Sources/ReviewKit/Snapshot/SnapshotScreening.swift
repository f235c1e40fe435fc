/// The optional `@screening` section of a snapshot: one line per decision, `record<TAB>reviewer<TAB>decision<TAB>title`,
/// records in id order and their votes in order, the title on a record's first line only (empty after).
/// A file without the section (any older snapshot) loads with no screening decisions.
enum SnapshotScreening {
    static let section = "screening"
    static let header = "# record\treviewer\tdecision\ttitle"

    /// The lines of the section.
    static func lines(_ decisions: ScreeningDecisions) -> [[String]] {
        var lines: [[String]] = []
        for record in decisions.records {
            for (index, vote) in record.votes.enumerated() {
                lines.append([record.id, vote.reviewer, vote.decision.rawValue, index == 0 ? record.title ?? "" : ""])
            }
        }
        return lines
    }

    /// Reads the section's lines, checking each as `apply` checks a change.
    struct Lines {
        private var records: [String: ScreeningRecord] = [:]

        /// A problem with a line: the message and the field (0-based) it is about.
        struct Problem { var message: String; var field: Int }

        /// Adds one line's four decoded fields, or says what is wrong with it.
        mutating func add(_ fields: [String]) -> Problem? {
            let (id, reviewer, word, title) = (fields[0], fields[1], fields[2], fields[3])
            guard let decision = ScreeningDecision(rawValue: word) else {
                return Problem(message: "unknown screening decision '\(word.prefix(40))'; expected include, maybe or exclude", field: 2)
            }
            var record = records[id] ?? ScreeningRecord(id: id, votes: [])
            if !title.isEmpty {
                guard record.votes.isEmpty else { return Problem(message: "a record's title goes on its first line only", field: 3) }
                record.title = title
            }
            guard record.decision(of: reviewer) == nil else {
                return Problem(message: "record '\(id.prefix(40))' has two decisions by '\(reviewer.prefix(40))'", field: 1)
            }
            let vote = ScreeningVote(reviewer: reviewer, decision: decision)
            if reviewer != ReviewerCoding.consensus {
                do throws(ReviewError) { try ReviewerName.check(reviewer) } catch { return Problem(message: error.message, field: 1) }
            }
            // With a valid reviewer, only the id can be wrong.
            do throws(ReviewError) { try Workspace.check(ScreeningRecord(id: id, votes: [vote])) } catch {
                return Problem(message: error.message, field: 0)
            }
            record.votes.append(vote)
            records[id] = record
            return nil
        }

        /// The decisions read.
        var decisions: ScreeningDecisions {
            var store = ScreeningDecisions()
            store.store(Array(records.values))
            return store
        }
    }
}
