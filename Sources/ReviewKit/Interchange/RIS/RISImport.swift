/// What importing a RIS file would do to a workspace: every record's outcome, the study changes, and the
/// bibliographic records and screening state to store. Nothing is applied until the caller applies `change`.
public struct RISImportPlan: Sendable {
    /// What happens to one record.
    public enum Outcome: Sendable, Equatable {
        /// A new study is added with this id.
        case new(studyID: String)
        /// The record is the reference of an existing study (a certain match).
        case matched(studyID: String, reason: BibliographicMatching.Reason)
        /// The record repeats an earlier record of the same file (certain); it is not imported again.
        case duplicate(ofRecord: Int, reason: BibliographicMatching.Reason)
        /// The record may be one of these studies (or of an earlier record's study); it is left out and listed
        /// for the reviewer, unless the import was asked to add or attach such records.
        case uncertain(candidates: [String], reason: BibliographicMatching.Reason)
    }

    /// One record of the file and its outcome.
    public struct Item: Sendable, Equatable {
        /// The record and its line.
        public var entry: RISDocument.Entry
        /// What the import does with it.
        public var outcome: Outcome
    }

    /// Every record of the file, in order.
    public var items: [Item]
    /// The encoding the file was read in.
    public var encoding: TextEncoding
    /// The reader's located warnings.
    public var warnings: [FileError]
    /// The study changes (new studies, years filled in on matched studies), valid against the workspace planned for.
    public var changes: [WorkspaceChange]
    /// The bibliographic record each affected study should hold after the import (matched records merged into the
    /// study's existing record), by study id.
    public var bibliography: [String: BibliographicRecord]
    /// Rayyan's screening state per study id, for the reviewers' screening decisions.
    public var screening: [String: RayyanScreening]

    /// The whole import as one atomic, undoable change.
    public var change: WorkspaceChange { .batch(changes) }

    /// The items left out (duplicates in the file and uncertain matches), which the reviewer should be shown.
    public var leftOut: [Item] {
        items.filter { if case .duplicate = $0.outcome { return true }; if case .uncertain = $0.outcome { return true }; return false }
    }

    /// One lowercase line per record that was not simply added or matched, for the shell to print.
    public var report: [String] {
        items.compactMap { item in
            let name = "record at line \(item.entry.line)" + (item.entry.record.studyLabel.map { " (\($0))" } ?? "")
            switch item.outcome {
            case .new, .matched: return nil
            case .duplicate(let other, let reason):
                return "\(name) repeats the record at line \(items[other].entry.line) (\(reason.rawValue)); not imported twice"
            case .uncertain(let candidates, let reason):
                return "\(name) may be study \(candidates.joined(separator: " or ")) (\(reason.rawValue)); left out (uncertain=new adds it as a new study, uncertain=attach attaches it to a single candidate)"
            }
        }
    }
}

/// Plans the import of RIS records into a workspace: matching by DOI, else normalised title and year, against
/// the studies' bibliographic records and the earlier records of the file; duplicates reported, never doubled.
public enum RISImport {
    /// What to do with a record that only possibly matches (a title with a year missing, or a first author
    /// who starts a study's label).
    public enum UncertainPolicy: Sendable {
        /// Leave it out and list it (the default).
        case leaveOut
        /// Add it as a new study anyway.
        case addAsNew
        /// Attach it to the study when there is exactly one candidate study; otherwise leave it out.
        case attachWhenSingle
    }

    /// Plans the import of a read RIS document.
    ///
    /// - Parameters:
    ///   - bibliography: the bibliographic records the workspace's studies already hold, by study id.
    ///   - uncertain: what to do with possible matches.
    public static func plan(_ document: RISDocument, into workspace: Workspace, bibliography: [String: BibliographicRecord] = [:],
                            uncertain: UncertainPolicy = .leaveOut) -> RISImportPlan {
        var items: [RISImportPlan.Item] = []
        var changes: [WorkspaceChange] = []
        var records: [String: BibliographicRecord] = [:]
        var screening: [String: RayyanScreening] = [:]
        var ids = StudyIDAllocator(workspace.studies.map(\.id))
        var claimed: [String: Int] = [:]               // study id → the item that claimed it
        var studyByItem: [Int: String] = [:]
        var updatedStudies: [String: Study] = [:]       // matched studies whose year this import fills
        var updateOrder: [String] = []

        // Lookups over the studies' existing records.
        var byDOI: [String: [String]] = [:], byTitle: [String: [String]] = [:]
        for study in workspace.studies {
            guard let record = bibliography[study.id] else { continue }
            if let doi = record.normalizedDOI { byDOI[doi, default: []].append(study.id) }
            let key = record.titleKey
            if !key.isEmpty { byTitle[key, default: []].append(study.id) }
        }
        // Lookups over the file's earlier records (item indices).
        var fileDOI: [String: Int] = [:], fileTitle: [String: [Int]] = [:]

        for (index, entry) in document.entries.enumerated() {
            let record = entry.record
            let doi = record.normalizedDOI, key = record.titleKey
            var outcome: RISImportPlan.Outcome?

            // 1. An earlier record of the same file.
            if let doi, let earlier = fileDOI[doi] {
                outcome = .duplicate(ofRecord: earlier, reason: .sameDOI)
            } else if !key.isEmpty {
                for earlier in fileTitle[key] ?? [] {
                    guard let reason = BibliographicMatching.reason(record, matches: document.entries[earlier].record) else { continue }
                    if reason.isCertain {
                        outcome = .duplicate(ofRecord: earlier, reason: reason)
                    } else if let study = studyByItem[earlier] {
                        outcome = .uncertain(candidates: [study], reason: reason)
                    }
                    break
                }
            }

            // 2. The studies' records: certain matches first.
            if outcome == nil {
                var certain: [String] = [], possible: [String] = []
                var possibleReason = BibliographicMatching.Reason.sameTitleYearMissing
                let candidates = (doi.flatMap { byDOI[$0] } ?? []) + (key.isEmpty ? [] : byTitle[key] ?? [])
                for studyID in candidates where !certain.contains(studyID) && !possible.contains(studyID) {
                    guard let existing = bibliography[studyID], let reason = BibliographicMatching.reason(record, matches: existing) else { continue }
                    if reason.isCertain { certain.append(studyID) } else { possible.append(studyID) }
                }
                if certain.count == 1, claimed[certain[0]] == nil {
                    let reason = BibliographicMatching.reason(record, matches: bibliography[certain[0]]!)!
                    outcome = .matched(studyID: certain[0], reason: reason)
                } else if !certain.isEmpty {
                    outcome = .uncertain(candidates: certain, reason: .sameDOI)
                } else if !possible.isEmpty {
                    outcome = .uncertain(candidates: possible, reason: possibleReason)
                } else {
                    // 3. Studies without a record: the first author starts the label and the years do not disagree.
                    let authorKey = BibliographicMatching.firstAuthorKey(of: record)
                    let labelled = workspace.studies.filter { study in
                        bibliography[study.id] == nil && BibliographicMatching.firstAuthor(key: authorKey, startsLabel: study.label)
                            && (study.year == nil || record.year == nil || study.year == record.year)
                    }.map(\.id)
                    if !labelled.isEmpty {
                        possibleReason = .authorAndLabel
                        outcome = .uncertain(candidates: labelled, reason: possibleReason)
                    }
                }
            }

            // Policy for uncertain records.
            if case .uncertain(let candidates, let reason) = outcome {
                switch uncertain {
                case .leaveOut: break
                case .addAsNew: outcome = nil
                case .attachWhenSingle:
                    if candidates.count == 1, workspace.study(candidates[0]) != nil, claimed[candidates[0]] == nil {
                        outcome = .matched(studyID: candidates[0], reason: reason)
                    }
                }
            }

            let final = outcome ?? .new(studyID: ids.next())
            switch final {
            case .new(let studyID):
                let year = record.year.flatMap { (1800...2200).contains($0) ? $0 : nil }
                let label = record.studyLabel ?? "Record at line \(entry.line)"
                changes.append(.addStudy(Study(id: studyID, label: label, year: year), at: nil))
                records[studyID] = record
                claimed[studyID] = index
                studyByItem[index] = studyID
            case .matched(let studyID, _):
                records[studyID] = bibliography[studyID].map { $0.filling(from: record) } ?? record
                claimed[studyID] = index
                studyByItem[index] = studyID
                if var study = updatedStudies[studyID] ?? workspace.study(studyID), study.year == nil,
                   let year = record.year, (1800...2200).contains(year) {
                    study.year = year
                    if updatedStudies[studyID] == nil { updateOrder.append(studyID) }
                    updatedStudies[studyID] = study
                }
            case .duplicate, .uncertain:
                break
            }
            if let studyID = studyByItem[index], let state = record.screening { screening[studyID] = state }
            if let doi, fileDOI[doi] == nil { fileDOI[doi] = index }
            if !key.isEmpty { fileTitle[key, default: []].append(index) }
            items.append(RISImportPlan.Item(entry: entry, outcome: final))
        }
        changes += updateOrder.map { .updateStudy(updatedStudies[$0]!) }
        return RISImportPlan(items: items, encoding: document.encoding, warnings: document.warnings, changes: changes,
                             bibliography: records, screening: screening)
    }
}

extension BibliographicRecord {
    /// This record with its empty fields filled from another record of the same reference (keywords and notes
    /// added where new; the other's screening state, when it has one, replaces this one's).
    public func filling(from other: BibliographicRecord) -> BibliographicRecord {
        var merged = self
        if merged.authors.isEmpty { merged.authors = other.authors }
        merged.title = merged.title ?? other.title
        merged.year = merged.year ?? other.year
        merged.date = merged.date ?? other.date
        merged.journal = merged.journal ?? other.journal
        merged.volume = merged.volume ?? other.volume
        merged.issue = merged.issue ?? other.issue
        merged.pages = merged.pages ?? other.pages
        merged.doi = merged.doi ?? other.doi
        merged.url = merged.url ?? other.url
        merged.abstract = merged.abstract ?? other.abstract
        merged.accessionNumber = merged.accessionNumber ?? other.accessionNumber
        for keyword in other.keywords where !merged.keywords.contains(keyword) { merged.keywords.append(keyword) }
        for note in other.notes where !merged.notes.contains(note) { merged.notes.append(note) }
        for field in other.otherFields where !merged.otherFields.contains(field) { merged.otherFields.append(field) }
        if other.screening != nil { merged.screening = other.screening }
        return merged
    }
}

/// Hands out study ids ("S34", "S35", …) after the highest in use, as `Workspace.nextStudyID` does, skipping any taken.
struct StudyIDAllocator {
    private var taken: Set<String>
    private var number: Int

    init(_ existing: [String]) {
        taken = Set(existing)
        number = existing.compactMap { $0.first == "S" ? Int($0.dropFirst()) : nil }.filter { $0 >= 0 && $0 < 1_000_000_000 }.max() ?? 0
    }

    mutating func next() -> String {
        while true {
            number += 1
            let id = number < 10 ? "S0\(number)" : "S\(number)"
            if taken.insert(id).inserted { return id }
        }
    }

    /// Claims a specific id; false when it is taken or not a valid study id.
    mutating func claim(_ id: String) -> Bool {
        guard !id.isEmpty, id.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }) else { return false }
        return taken.insert(id).inserted
    }
}
