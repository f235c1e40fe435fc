import Foundation

/// What a REFI-QDA export carries beyond the workspace: free codes, bibliographic records and notes given from
/// outside (the session's notes), and the settings that shape it.
public struct REFIExportOptions: Sendable {
    /// The project's name; nil takes the workspace's title, else "review".
    public var projectName: String?
    /// Which domains sit under which components in the codebook.
    public var mapping: DomainMapping
    /// The CASP quality bands, for each study's band variable.
    public var bands: QualityBands
    /// The user the quotes' own coding (the coding figures use) is exported as; the project's creating user.
    public var defaultCoder: String
    /// Free codes (tags) by quote id.
    public var tags: [Int: [String]]
    /// Bibliographic records by study id.
    public var bibliography: [String: BibliographicRecord]
    /// The reviewer's notes, exported as project notes.
    public var notes: [String]
    /// The creation date written into the project and the zip; nil writes no date into the project, so the same
    /// review gives the same bytes.
    public var date: Date?

    /// Creates options.
    public init(projectName: String? = nil, mapping: DomainMapping = .seed, bands: QualityBands = .seed, defaultCoder: String = "review",
                tags: [Int: [String]] = [:], bibliography: [String: BibliographicRecord] = [:],
                notes: [String] = [], date: Date? = nil) {
        self.projectName = projectName
        self.mapping = mapping
        self.bands = bands
        self.defaultCoder = defaultCoder
        self.tags = tags
        self.bibliography = bibliography
        self.notes = notes
        self.date = date
    }
}

/// The result of exporting: the archive, and one lowercase line per thing the format could not carry.
public struct QDPXExportResult: Sendable {
    /// The archive (project and source texts).
    public var archive: QDPXArchive
    /// The codebook the project holds (also what `export codebook` writes).
    public var codebook: ReviewCodebook
    /// What could not be exported as it is (a coding with no code in the codebook), one line each.
    public var report: [String]
}

/// Exports a workspace as a REFI-QDA project: one TextSource per study whose text is the study's quotes, one
/// per paragraph; each quote a PlainTextSelection (code point positions, end exclusive) named "Q12", with its
/// Codings pointing at the codebook of `ReviewCodebook`: one per reviewer who coded it (each reviewer a User;
/// the consensus a User named "consensus") and the quote's own coding by the project's creating user
/// (`defaultCoder`, "review"); studies as Cases with variables (study fields, CASP answers, total and band,
/// bibliographic fields); notes as Notes. `REFIImport` reads the users back as the same reviewers.
public enum QDPXExport {
    /// The GUID of the source holding quotes that no study is given for (the same in every export).
    public static let unattributedSourceGUID = REFIGUID.make("source:unattributed")

    /// The separator between quotes in a source's text.
    static let separator = "\n\n"

    /// Builds the archive.
    public static func export(_ workspace: Workspace, options: REFIExportOptions = REFIExportOptions()) -> QDPXExportResult {
        let name = options.projectName ?? workspace.metadata["title"] ?? "review"
        let projectSpace = REFIGUID.bytes(namespace: REFIGUID.namespace, name: "project:" + name)
        func local(_ key: String) -> String { REFIGUID.make(key, in: projectSpace) }
        var report: [String] = []

        // Free codes: the quotes' own tags, unless the options give a quote's tags.
        var tagsByQuote = options.tags
        for row in 0..<workspace.quotes.count where !workspace.quotes.tags[row].isEmpty {
            let id = Int(workspace.quotes.ids[row])
            if tagsByQuote[id] == nil { tagsByQuote[id] = workspace.quotes.tags[row] }
        }
        // Tags in order of first use, and the codebook.
        var tagOrder: [String] = []
        var seenTags = Set<String>()
        for id in tagsByQuote.keys.sorted() {
            for tag in tagsByQuote[id]! where seenTags.insert(TextFolding.nameKey(tag)).inserted { tagOrder.append(tag) }
        }
        let codebook = ReviewCodebook(workspace: workspace, mapping: options.mapping, tags: tagOrder,
                                      codings: workspace.reviewerCodings.map { FrameworkCoding($0) })

        // Users: the project's user for the quotes' own coding, then one per reviewer who coded, then the consensus.
        // Reviewers' GUIDs come from another namespace than the project user's, so a reviewer named like it stays apart.
        var codingsByQuote: [Int: [ReviewerCoding]] = [:]
        var reviewers: [String] = []
        for coding in workspace.reviewerCodings where !coding.isEmpty {
            codingsByQuote[coding.quoteID, default: []].append(coding)
            if !reviewers.contains(coding.reviewer) { reviewers.append(coding.reviewer) }
        }
        reviewers = reviewers.filter { $0 != ReviewerCoding.consensus }.sorted() + (reviewers.contains(ReviewerCoding.consensus) ? [ReviewerCoding.consensus] : [])
        let ownName = reviewers.contains(options.defaultCoder) ? options.defaultCoder + " (quote coding)" : options.defaultCoder
        func user(_ name: String) -> String { REFIGUID.make("user:" + name) }
        func reviewerUser(_ name: String) -> String { REFIGUID.make("reviewer:" + name) }
        let users = [REFIProject.User(guid: user(options.defaultCoder), name: ownName)]
            + reviewers.map { REFIProject.User(guid: reviewerUser($0), name: $0) }

        // Sources: quotes grouped by study, in store order.
        var quotesByStudy: [String?: [Quote]] = [:]
        for row in 0..<workspace.quotes.count {
            let quote = workspace.quote(atRow: row)
            quotesByStudy[quote.studyID, default: []].append(quote)
        }
        var sources: [REFIProject.TextSource] = []
        var files: [String: [UInt8]] = [:]
        var sourceOfStudy: [String: String] = [:]
        func source(guid: String, name: String, description: String, quotes: [Quote]) {
            var text = ""
            var position = 0
            var selections: [REFIProject.Selection] = []
            // A text starting with U+FEFF would lose it to the BOM rule on import: start such a text on a new line.
            if quotes.first?.text.unicodeScalars.first == "\u{FEFF}" { text = "\n"; position = 1 }
            for (index, quote) in quotes.enumerated() {
                if index > 0 { text += separator; position += separator.unicodeScalars.count }
                let length = quote.text.unicodeScalars.count
                var citation: [String] = []
                if let reference = quote.reference { citation.append("reference: \(reference)") }
                if let page = quote.page { citation.append("page: \(page.replacingOccurrences(of: "\n", with: " "))") }
                selections.append(REFIProject.Selection(guid: local("selection:\(quote.id)"), name: quote.label, start: position, end: position + length,
                                                        description: citation.isEmpty ? nil : citation.joined(separator: "\n"),
                                                        codings: codings(of: quote)))
                text += quote.text
                position += length
            }
            let file = guid + ".txt"
            files[file] = Array(text.utf8)
            sources.append(REFIProject.TextSource(guid: guid, name: name, plainTextPath: "internal://" + file, description: description,
                                                  selections: selections))
        }
        func codings(of quote: Quote) -> [REFIProject.Coding] {
            var out: [REFIProject.Coding] = []
            // The quote's own coding first, then each reviewer's (in name order) and the consensus.
            var byCoder: [(key: String, user: String, who: String, coding: FrameworkCoding)] = [
                ("\(options.defaultCoder)", user(options.defaultCoder), ownName, FrameworkCoding(quote))]
            for coding in (codingsByQuote[quote.id] ?? []).sorted(by: { reviewers.firstIndex(of: $0.reviewer)! < reviewers.firstIndex(of: $1.reviewer)! }) {
                byCoder.append(("reviewer:\(coding.reviewer)", reviewerUser(coding.reviewer), coding.reviewer, FrameworkCoding(coding)))
            }
            for (key, guid, who, coding) in byCoder {
                guard !coding.isEmpty else { continue }
                let codes = codebook.codes(for: coding)
                guard !codes.isEmpty else {
                    report.append("\(quote.label): the coding of '\(who)' (\(coding.summary)) has no code in the codebook; not exported")
                    continue
                }
                for code in codes {
                    out.append(REFIProject.Coding(guid: local("coding:\(quote.id):\(key):\(code)"), creatingUser: guid, code: code))
                }
            }
            for tag in tagsByQuote[quote.id] ?? [] {
                guard let code = codebook.code(forTag: tag) else { continue }
                out.append(REFIProject.Coding(guid: local("coding:\(quote.id):\(options.defaultCoder):\(code)"), creatingUser: user(options.defaultCoder), code: code))
            }
            // The same code twice (a tag that is also a coder's code) would be one coding twice.
            var seen = Set<String>()
            return out.filter { seen.insert($0.guid).inserted }
        }
        for study in workspace.studies {
            let guid = local("source:" + study.id)
            sourceOfStudy[study.id] = guid
            source(guid: guid, name: study.label, description: "Quotes of study \(study.id) (\(study.label)) as the review holds them, one per paragraph.",
                   quotes: quotesByStudy[study.id] ?? [])
        }
        if let loose = quotesByStudy[nil], !loose.isEmpty {
            source(guid: unattributedSourceGUID, name: "Quotes without a study", description: "Quotes the review does not attribute to a study.", quotes: loose)
        }

        // Cases and variables.
        var variables: [REFIProject.Variable] = []
        var variableGUIDs: [String: String] = [:]
        func variable(_ name: String, _ type: REFIProject.VariableType) -> String {
            if let guid = variableGUIDs[name] { return guid }
            let guid = REFIGUID.make("variable:" + name)
            variableGUIDs[name] = guid
            variables.append(REFIProject.Variable(guid: guid, name: name, type: type))
            return guid
        }
        var cases: [REFIProject.Case] = []
        for study in workspace.studies {
            var values: [REFIProject.VariableValue] = []
            func add(_ field: StudyVariable, _ text: String?) {
                guard let text, !text.isEmpty else { return }
                let value: REFIProject.VariableValue.Value = field.type == .integer ? .integer(text) : .text(text)
                values.append(REFIProject.VariableValue(variable: variable(field.name, field.type), value: value))
            }
            add(.id, study.id)
            add(.reference, study.reference.map(String.init))
            add(.year, study.year.map(String.init))
            add(.country, study.country)
            add(.design, study.design)
            add(.dataCollection, study.dataCollection)
            add(.analysis, study.analysis)
            add(.participants, study.participants.map(String.init))
            for appraisal in workspace.appraisals where appraisal.studyID == study.id {
                for (index, answer) in appraisal.answers.enumerated() {
                    guard let answer else { continue }
                    let name = CASPVariable.answer(question: index + 1, reviewer: appraisal.reviewer).name
                    values.append(REFIProject.VariableValue(variable: variable(name, .text), value: .text(answer.name)))
                }
                let total = CASPVariable.total(reviewer: appraisal.reviewer).name
                values.append(REFIProject.VariableValue(variable: variable(total, .float), value: .float(QualityBands.format(appraisal.totalHalfPoints))))
                if let band = options.bands.band(for: appraisal.totalHalfPoints) {
                    let name = CASPVariable.band(reviewer: appraisal.reviewer).name
                    values.append(REFIProject.VariableValue(variable: variable(name, .text), value: .text(band.name)))
                }
            }
            if let record = options.bibliography[study.id] ?? study.bibliographicRecord {
                add(.authors, record.authors.isEmpty ? nil : record.authors.joined(separator: StudyVariable.listSeparator))
                add(.title, record.title)
                add(.journal, record.journal)
                add(.volume, record.volume)
                add(.issue, record.issue)
                add(.pages, record.pages)
                add(.doi, record.doi)
                add(.url, record.url)
                add(.abstract, record.abstract)
                add(.keywords, record.keywords.isEmpty ? nil : record.keywords.joined(separator: StudyVariable.listSeparator))
            }
            cases.append(REFIProject.Case(guid: local("case:" + study.id), name: study.label, values: values, sourceRefs: [sourceOfStudy[study.id]!]))
        }

        // Notes, attached to the project.
        let notes = options.notes.enumerated().map { index, text in
            REFIProject.TextSource(guid: local("note:\(index + 1)"), name: "Note \(index + 1)", plainTextContent: text)
        }
        let metadata = workspace.metadata.keys.sorted().map { "\($0): \(workspace.metadata[$0]!.replacingOccurrences(of: "\n", with: " "))" }
        let project = REFIProject(
            name: name, origin: ReviewCodebook.origin, creatingUser: user(options.defaultCoder),
            creationDateTime: options.date.map(Self.dateTime), users: users, codes: codebook.codebook.codes, variables: variables,
            cases: cases, sources: sources, notes: notes, description: metadata.isEmpty ? nil : metadata.joined(separator: "\n"),
            noteRefs: notes.map(\.guid))
        return QDPXExportResult(archive: QDPXArchive(project: project, sources: files), codebook: codebook, report: report)
    }

    /// Exports and writes a `.qdpx` atomically; returns the export's report.
    @discardableResult
    public static func write(_ workspace: Workspace, options: REFIExportOptions = REFIExportOptions(), to url: URL) throws(FileError) -> [String] {
        let result = export(workspace, options: options)
        try result.archive.write(to: url, date: options.date ?? Date(timeIntervalSince1970: 315_532_800))
        return result.report
    }

    /// An `xsd:dateTime` in UTC ("2026-12-01T10:00:00Z").
    static func dateTime(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter.string(from: date)
    }
}
