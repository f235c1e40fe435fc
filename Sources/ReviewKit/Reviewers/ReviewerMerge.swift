/// Bringing another reviewer's snapshot of the same review into this workspace: their codings, named
/// appraisals and screening decisions arrive as theirs, as one change.
///
/// Quotes are matched by id when the texts agree (ignoring case and runs of white space), else by text;
/// studies by id, else by label. Nothing of ours is overwritten: where the other file holds a different
/// coding or appraisal by the same reviewer (or a different consensus), ours stays and the difference is
/// reported as a conflict. Codings made without a current reviewer are the file's own coding, not a
/// reviewer's, and are not merged.
public struct ReviewerMerge: Sendable {
    /// The change that adds what is new (a batch; empty when nothing is).
    public let change: WorkspaceChange
    /// How many reviewer codings (including consensus) are added.
    public let codingsAdded: Int
    /// How many appraisals are added.
    public let appraisalsAdded: Int
    /// How many screening decisions (including consensus) are added.
    public let decisionsAdded: Int
    /// How many of theirs were already here, identical.
    public let alreadyPresent: Int
    /// Their quotes matched to ours by text because the ids differ: (their id, our id).
    public let matchedByText: [(theirs: Int, ours: Int)]
    /// Their studies matched to ours by label because the ids differ: (their id, our id).
    public let studiesMatchedByLabel: [(theirs: String, ours: String)]
    /// Their coded quotes with no match here (their ids).
    public let unmatchedQuotes: [Int]
    /// Their appraised studies with no match here (their ids).
    public let unmatchedStudies: [String]
    /// Differences kept as ours, one line each.
    public let conflicts: [String]
    /// The reviewers whose work arrives.
    public let reviewers: [String]

    /// Works out the merge of `other` into `workspace` (nothing is applied).
    public init(merging other: Workspace, into workspace: Workspace) {
        func key(_ text: String) -> String { text.lowercased().split(whereSeparator: \.isWhitespace).joined(separator: " ") }
        var byText: [String: Int] = [:]
        for row in 0..<workspace.quotes.count {
            let id = Int(workspace.quotes.ids[row])
            let text = key(workspace.quotes.texts[row])
            if byText[text] == nil { byText[text] = id }
        }
        var changes: [WorkspaceChange] = []
        var quoteMatch: [Int: Int?] = [:]
        var matchedByText: [(Int, Int)] = []
        var unmatchedQuotes: [Int] = []
        var conflicts: [String] = []
        var already = 0
        var reviewers: [String] = []
        var codings = 0
        func match(_ id: Int) -> Int? {
            if let known = quoteMatch[id] { return known }
            let theirs = other.quote(id)!
            var ours: Int?
            if let mine = workspace.quote(id), key(mine.text) == key(theirs.text) {
                ours = id
            } else if let found = byText[key(theirs.text)] {
                ours = found
                matchedByText.append((id, found))
            } else {
                unmatchedQuotes.append(id)
            }
            quoteMatch[id] = ours
            return ours
        }
        for coding in other.reviewerCodings {
            guard let ours = match(coding.quoteID) else { continue }
            var arriving = coding
            arriving.quoteID = ours
            // A sub-theme is matched by id when its code is the same here.
            if let theme = coding.subTheme {
                if other.subTheme(theme)?.code != workspace.subTheme(theme)?.code { arriving.subTheme = nil }
            }
            if let existing = workspace.reviewerCoding(of: ours, by: coding.reviewer) {
                if existing == arriving { already += 1 } else {
                    conflicts.append("Q\(ours): \(coding.isConsensus ? "the consensus" : coding.reviewer + "'s coding") differs between the files; kept this file's")
                }
                continue
            }
            changes.append(.setReviewerCoding(arriving))
            codings += 1
            if !coding.isConsensus && !reviewers.contains(coding.reviewer) { reviewers.append(coding.reviewer) }
        }
        var studiesByLabel: [(String, String)] = []
        var unmatchedStudies: [String] = []
        var appraisalsAdded = 0
        for appraisal in other.appraisals where !appraisal.reviewer.isEmpty {
            let ours: String
            if workspace.study(appraisal.studyID) != nil, workspace.study(appraisal.studyID)?.label == other.study(appraisal.studyID)?.label {
                ours = appraisal.studyID
            } else if let label = other.study(appraisal.studyID)?.label, let found = workspace.studies.first(where: { key($0.label) == key(label) }) {
                ours = found.id
                if !studiesByLabel.contains(where: { $0.0 == appraisal.studyID }) { studiesByLabel.append((appraisal.studyID, found.id)) }
            } else {
                if !unmatchedStudies.contains(appraisal.studyID) { unmatchedStudies.append(appraisal.studyID) }
                continue
            }
            var arriving = appraisal
            arriving.studyID = ours
            if let existing = workspace.appraisal(of: ours, reviewer: appraisal.reviewer) {
                if existing.answers == arriving.answers { already += 1 } else {
                    conflicts.append("\(ours): \(appraisal.reviewer == ReviewerCoding.consensus ? "the consensus" : appraisal.reviewer + "'s") appraisal differs between the files; kept this file's")
                }
                continue
            }
            changes.append(.setAppraisal(arriving))
            appraisalsAdded += 1
            if appraisal.reviewer != ReviewerCoding.consensus && !reviewers.contains(appraisal.reviewer) { reviewers.append(appraisal.reviewer) }
        }
        // Screening decisions: a reviewer's decision on a record arrives when this file has none by them.
        var screened: [ScreeningRecord] = []
        var decisionsAdded = 0
        for record in other.screening.records {
            var merged = workspace.screening[record.id] ?? ScreeningRecord(id: record.id, title: record.title, votes: [])
            let before = merged
            for vote in record.votes {
                if let mine = merged.decision(of: vote.reviewer) {
                    if mine == vote.decision { already += 1 } else {
                        let whose = vote.reviewer == ReviewerCoding.consensus ? "the consensus" : vote.reviewer + "'s"
                        conflicts.append("record \(record.id): \(whose) screening decision differs between the files; kept this file's")
                    }
                    continue
                }
                merged.votes.append(vote)
                decisionsAdded += 1
                if vote.reviewer != ReviewerCoding.consensus && !reviewers.contains(vote.reviewer) { reviewers.append(vote.reviewer) }
            }
            if merged.title == nil { merged.title = record.title }
            if merged != before { screened.append(merged) }
        }
        if !screened.isEmpty { changes.append(.screening(.set(screened))) }
        self.decisionsAdded = decisionsAdded
        self.change = .batch(changes)
        self.codingsAdded = codings
        self.appraisalsAdded = appraisalsAdded
        self.alreadyPresent = already
        self.matchedByText = matchedByText
        self.studiesMatchedByLabel = studiesByLabel
        self.unmatchedQuotes = unmatchedQuotes
        self.unmatchedStudies = unmatchedStudies
        self.conflicts = conflicts
        self.reviewers = reviewers
    }

    /// Whether anything arrives.
    public var isEmpty: Bool { codingsAdded + appraisalsAdded + decisionsAdded == 0 }
}
