import Foundation

/// How to read a REFI-QDA project into a review.
public struct REFIImportOptions: Sendable {
    /// Which domains sit under which components (to tell a component from a domain alone).
    public var mapping: DomainMapping
    /// How to count line ends in sources; nil decides by the project's origin (ATLAS.ti counts CR LF as one).
    public var lineEnds: REFIImportPlan.LineEndCounting?
    /// Whose coding a quote takes when coders disagree with no consensus: that coder's coding is recorded as the
    /// consensus of those quotes. Nil leaves the disputed fields uncoded (and reported) until a consensus settles them.
    public var primaryCoder: String?

    /// Creates options.
    public init(mapping: DomainMapping = .seed, lineEnds: REFIImportPlan.LineEndCounting? = nil, primaryCoder: String? = nil) {
        self.mapping = mapping
        self.lineEnds = lineEnds
        self.primaryCoder = primaryCoder
    }
}

/// Plans the import of a REFI-QDA project (NVivo, ATLAS.ti, MAXQDA, QualCoder, or `review`'s own export):
/// sources become studies (matched by a "Study id" variable, else by name), selections become quotes with their
/// text sliced by code points (BOM stripped; CR LF counted as the origin tool counts it), codings become reviewer
/// codings by the user who made them (REFIImport+Coders.swift), codes resolve as for a codebook (free codes kept as tags), case variables set
/// study fields, CASP answers and bibliographic fields where their names match. Everything else is listed.
public enum REFIImport {
    /// Reads a `.qdpx` file and plans its import.
    public static func read(from url: URL, into workspace: Workspace, options: REFIImportOptions = REFIImportOptions()) throws(FileError) -> REFIImportPlan {
        plan(try QDPXArchive.read(from: url), into: workspace, options: options)
    }

    /// Plans the import of an archive into a workspace. Never fails: what cannot be mapped is listed.
    public static func plan(_ archive: QDPXArchive, into workspace: Workspace, options: REFIImportOptions = REFIImportOptions()) -> REFIImportPlan {
        var planner = Planner(archive: archive, workspace: workspace, options: options)
        return planner.run()
    }

    /// The import's working state.
    struct Planner {
        let archive: QDPXArchive
        let project: REFIProject
        let workspace: Workspace
        let options: REFIImportOptions
        let codebook: CodebookImportPlan
        let lineEnds: REFIImportPlan.LineEndCounting
        let isOwnExport: Bool

        var unmapped: [String] = []
        var notices: [String] = []
        /// Who the project's users are in the review.
        var users: REFICoders
        var ids: StudyIDAllocator
        var studies: [REFIImportPlan.PlannedStudy] = []
        var newStudies: [Study] = []
        var updatedStudies: [String: Study] = [:]
        var updateOrder: [String] = []
        var newStudyByName: [String: String] = [:]
        var appraisals: [Appraisal] = []
        var bibliography: [String: BibliographicRecord] = [:]
        var quotes: [(planned: REFIImportPlan.PlannedQuote, preferredID: Int?)] = []
        var quoteNotes: [(quote: Int, note: String)] = []   // index into `quotes`
        var noteTargets: [String: REFIImportPlan.NoteTarget] = [:]
        var pendingNoteQuotes: [String: Int] = [:]          // note guid → index into `quotes`
        var unknownVariables: [String: Int] = [:]
        var unknownVariableOrder: [String] = []
        var derivedCASP = false
        var matchedExisting = 0
        /// The quotes whose consensus `coder=` recorded.
        var consensusChosen: [Int] = []
        /// The workspace's quotes by study and text, so that importing a project twice does not double them.
        var existingQuotes: [ExistingKey: Quote] = [:]

        struct ExistingKey: Hashable { var study: String?; var text: String }

        init(archive: QDPXArchive, workspace: Workspace, options: REFIImportOptions) {
            self.archive = archive
            project = archive.project
            self.workspace = workspace
            self.options = options
            isOwnExport = project.origin == ReviewCodebook.origin
            // In review's own export the project's creating user holds the quotes' own coding; everyone else is a reviewer.
            users = REFICoders(users: project.users, ownUser: isOwnExport ? project.creatingUser : nil)
            codebook = REFICodebookImport.plan(project.codes, into: workspace, mapping: options.mapping, inferComponents: !isOwnExport)
            let origin = project.origin?.lowercased() ?? ""
            lineEnds = options.lineEnds ?? (origin.contains("atlas.ti") ? .crlfAsOne : .asWritten)
            ids = StudyIDAllocator(workspace.studies.map(\.id))
            for row in 0..<workspace.quotes.count {
                let quote = workspace.quote(atRow: row)
                let key = ExistingKey(study: quote.studyID, text: quote.text)
                if existingQuotes[key] == nil { existingQuotes[key] = quote }
            }
        }

        mutating func run() -> REFIImportPlan {
            notices.append("project '\(project.name)' from \(project.origin ?? "an unnamed tool"); positions counted in unicode code points, "
                           + (lineEnds == .crlfAsOne ? "cr lf as one position (as ATLAS.ti counts)" : "every code point counted (cr lf is two)"))
            notices += codebook.report
            let values = valuesBySource()
            var sources: [(REFIProject.TextSource, String)] = project.sources.map { ($0, "text source") }
            for other in project.otherSources {
                let name = other.name ?? other.guid
                if var representation = other.representation {
                    representation.name = representation.name ?? other.name
                    representation.guid = other.guid
                    sources.append((representation, other.kind))
                    if other.codedParts > 0 {
                        unmapped.append("\(other.kind) '\(name)': its \(other.codedParts) area selection\(other.codedParts == 1 ? "" : "s") or codings were not imported (the selections of its text were)")
                    }
                } else {
                    unmapped.append("\(other.kind) '\(name)' is not plain text; it and its \(other.codedParts) coded part\(other.codedParts == 1 ? "" : "s") were not imported")
                }
            }
            for (index, (source, kind)) in sources.enumerated() {
                let studyID = study(for: source, index: index, values: values[REFIGUID.key(source.guid)] ?? [])
                selections(of: source, kind: kind, studyID: studyID)
            }
            if derivedCASP { notices.append("casp totals and bands are computed from the casp answers; the values in the file were not imported") }
            for name in unknownVariableOrder {
                unmapped.append("variable '\(name)' (\(unknownVariables[name]!) value\(unknownVariables[name]! == 1 ? "" : "s")) matches no study field; not imported")
            }
            let unlisted = users.unlisted
            if !unlisted.isEmpty {
                unmapped.append("codings name \(unlisted.count) user\(unlisted.count == 1 ? "" : "s") the project does not list; kept as reviewer\(unlisted.count == 1 ? "" : "s") "
                                + unlisted.map { "'\($0)'" }.joined(separator: ", "))
            }
            var planned = assignQuoteIDs()
            let notes = collectNotes(planned)
            var metadata: [String: String] = [:]
            if let description = project.description, !description.isEmpty {
                if isOwnExport {
                    for line in description.split(separator: "\n") {
                        guard let colon = line.range(of: ": ") else { continue }
                        metadata[String(line[..<colon.lowerBound])] = String(line[colon.upperBound...])
                    }
                }
            }
            if !project.sets.isEmpty {
                unmapped.append("\(project.sets.count) set\(project.sets.count == 1 ? "" : "s") (code or document groups) not imported: "
                                + project.sets.map { "'\($0.name)'" }.joined(separator: ", "))
            }
            if project.linksAndGraphs > 0 { unmapped.append("\(project.linksAndGraphs) links or graphs not imported") }

            var changes = codebook.changes
            changes += newStudies.map { .addStudy($0, at: nil) }
            changes += updateOrder.map { .updateStudy(updatedStudies[$0]!) }
            changes += appraisals.map { .setAppraisal($0) }
            changes += planned.filter { !$0.isExisting }.map(\.quote).sorted { $0.id < $1.id }.map { .addQuote($0) }
            resolveCodings(&planned, changes: &changes)
            return REFIImportPlan(projectName: project.name, origin: project.origin, lineEnds: lineEnds, codebook: codebook, coders: users.reviewers,
                                  coderNotes: users.notes, consensusChosen: consensusChosen,
                                  studies: studies, quotes: planned, appraisals: appraisals, bibliography: bibliography, notes: notes,
                                  metadata: metadata, unmapped: unmapped, notices: notices, changes: changes)
        }

        // MARK: variables

        /// Variable values per source (GUID key): the source's own, then those of every case that names it.
        mutating func valuesBySource() -> [String: [(variable: String, value: REFIProject.VariableValue.Value)]] {
            var variables: [String: REFIProject.Variable] = [:]
            for variable in project.variables { variables[REFIGUID.key(variable.guid)] = variable }
            func named(_ values: [REFIProject.VariableValue]) -> [(String, REFIProject.VariableValue.Value)] {
                values.compactMap { value in
                    guard let variable = variables[REFIGUID.key(value.variable)] else {
                        unmapped.append("a variable value names variable guid \(value.variable), which the project does not define; not imported")
                        return nil
                    }
                    return (variable.name, value.value)
                }
            }
            var out: [String: [(variable: String, value: REFIProject.VariableValue.Value)]] = [:]
            for source in project.sources { out[REFIGUID.key(source.guid)] = named(source.values) }
            for item in project.cases {
                let name = item.name ?? item.guid
                if item.sourceRefs.isEmpty {
                    if !item.values.isEmpty || !item.codeRefs.isEmpty {
                        unmapped.append("case '\(name)' names no source; its \(item.values.count) variable value\(item.values.count == 1 ? "" : "s") and \(item.codeRefs.count) code\(item.codeRefs.count == 1 ? "" : "s") were not imported")
                    }
                    continue
                }
                if !item.codeRefs.isEmpty {
                    unmapped.append("case '\(name)' carries \(item.codeRefs.count) code\(item.codeRefs.count == 1 ? "" : "s") on the whole case; codes belong to quotes here, not imported")
                }
                let values = named(item.values)
                for ref in item.sourceRefs { out[REFIGUID.key(ref), default: []] += values }
            }
            return out
        }

        static func text(_ value: REFIProject.VariableValue.Value) -> String? {
            switch value {
            case .text(let text), .integer(let text), .float(let text), .date(let text), .dateTime(let text):
                let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
                return trimmed.isEmpty ? nil : trimmed
            case .boolean(let flag): return flag ? "true" : "false"
            case .none: return nil
            }
        }

        // MARK: studies

        /// The study a source's quotes belong to (nil for the review's own unattributed quotes).
        mutating func study(for source: REFIProject.TextSource, index: Int, values: [(variable: String, value: REFIProject.VariableValue.Value)]) -> String? {
            let sourceName = source.name?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
            let label = Self.withoutExtension(sourceName.isEmpty ? "Source \(index + 1)" : sourceName)
            if isOwnExport, REFIGUID.key(source.guid) == QDPXExport.unattributedSourceGUID {
                studies.append(.init(sourceGUID: source.guid, sourceName: sourceName, studyID: nil, match: .none, fields: []))
                return nil
            }
            var fields: [StudyVariable: String] = [:]
            var answers: [String: [CASPAnswer?]] = [:]
            var reviewers: [String] = []
            for (name, value) in values {
                guard let text = Self.text(value) else { continue }
                if let field = StudyVariable(named: name) {
                    if fields[field] == nil { fields[field] = text }
                } else if let casp = CASPVariable(named: name) {
                    switch casp {
                    case .answer(let question, let reviewer):
                        guard let answer = CASPAnswer(parsing: text) else {
                            unmapped.append("'\(name)' of '\(label)' is '\(text.prefix(30))', not yes, can't tell or no; not imported")
                            continue
                        }
                        if answers[reviewer] == nil { answers[reviewer] = Array(repeating: nil, count: 10); reviewers.append(reviewer) }
                        answers[reviewer]![question - 1] = answer
                    case .total, .band:
                        derivedCASP = true
                    }
                } else {
                    if unknownVariables[name] == nil { unknownVariableOrder.append(name) }
                    unknownVariables[name, default: 0] += 1
                }
            }

            // Which study.
            var match: REFIImportPlan.StudyMatch = .new
            var studyID: String
            let givenID = fields[.id]
            let labelKey = TextFolding.nameKey(label)
            let byLabel = workspace.studies.filter { TextFolding.nameKey($0.label) == labelKey }
            if let givenID, workspace.study(givenID) != nil {
                studyID = givenID
                match = .byID
            } else if givenID == nil, byLabel.count == 1 {
                studyID = byLabel[0].id
                match = .byName
            } else if let givenID, ids.claim(givenID) {
                studyID = givenID
            } else if givenID == nil, let existing = newStudyByName[labelKey] {
                studyID = existing
                notices.append("source '\(sourceName)' has the same name as an earlier source; both became study \(existing)")
            } else {
                if byLabel.count > 1 {
                    unmapped.append("source '\(sourceName)' matches studies \(byLabel.map(\.id).joined(separator: " and ")) by name; it became a new study (give it a 'Study id' variable to attach it)")
                }
                if let givenID { unmapped.append("the study id '\(givenID.prefix(30))' of source '\(sourceName)' is taken or not valid; a new id was given") }
                studyID = ids.next()
            }
            if match == .new && newStudyByName[labelKey] == nil { newStudyByName[labelKey] = studyID }

            // Its fields.
            let isNew = match == .new && !newStudies.contains { $0.id == studyID }
            let sharesNew = match == .new && !isNew
            var study = isNew ? Study(id: studyID, label: label) : (updatedStudies[studyID] ?? workspace.study(studyID) ?? newStudies.first { $0.id == studyID }!)
            let before = study
            var set: [String] = []
            func apply<T: Equatable>(_ field: StudyVariable, _ key: WritableKeyPath<Study, T?>, _ parse: (String) -> T?, _ expected: String) {
                guard let text = fields[field] else { return }
                guard let value = parse(text) else {
                    unmapped.append("'\(field.name)' of '\(label)' is '\(text.prefix(30))', not \(expected); not imported")
                    return
                }
                if let current = study[keyPath: key], current != value {
                    unmapped.append("'\(field.name)' of '\(label)' is '\(text.prefix(30))' but study \(studyID) already has '\(current)'; kept the study's")
                    return
                }
                if study[keyPath: key] == nil { study[keyPath: key] = value; set.append(field.name) }
            }
            func int(_ range: ClosedRange<Int>) -> (String) -> Int? { { text in Int(text).flatMap { range.contains($0) ? $0 : nil } } }
            apply(.reference, \.reference, int(1...Int(Int32.max)), "a whole number from 1")
            apply(.year, \.year, int(1800...2200), "a year from 1800 to 2200")
            apply(.country, \.country, { $0 }, "text")
            apply(.design, \.design, { $0 }, "text")
            apply(.dataCollection, \.dataCollection, { $0 }, "text")
            apply(.analysis, \.analysis, { $0 }, "text")
            apply(.participants, \.participants, int(0...Int(Int32.max)), "a whole number")
            if isNew {
                newStudies.append(study)
            } else if sharesNew {
                if let position = newStudies.firstIndex(where: { $0.id == studyID }) { newStudies[position] = study }
            } else if study != before {
                if updatedStudies[studyID] == nil { updateOrder.append(studyID) }
                updatedStudies[studyID] = study
            }

            // Its appraisals.
            for reviewer in reviewers {
                let appraisal = Appraisal(studyID: studyID, reviewer: reviewer, answers: answers[reviewer]!)
                if let existing = workspace.appraisal(of: studyID, reviewer: reviewer), existing.reviewer == reviewer {
                    if existing != appraisal {
                        unmapped.append("the casp answers\(reviewer.isEmpty ? "" : " of \(reviewer)") on '\(label)' differ from study \(studyID)'s appraisal; kept the study's")
                    }
                    continue
                }
                if let position = appraisals.firstIndex(where: { $0.studyID == studyID && $0.reviewer == reviewer }) {
                    appraisals[position] = appraisal
                } else {
                    appraisals.append(appraisal)
                }
                set.append("CASP" + (reviewer.isEmpty ? "" : " [\(reviewer)]"))
            }

            // Its bibliographic record.
            var record = bibliography[studyID] ?? BibliographicRecord()
            let hadRecord = bibliography[studyID] != nil
            func list(_ text: String?) -> [String] {
                text.map { $0.components(separatedBy: ";").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty } } ?? []
            }
            if record.authors.isEmpty { record.authors = list(fields[.authors]) }
            record.title = record.title ?? fields[.title]
            record.journal = record.journal ?? fields[.journal]
            record.volume = record.volume ?? fields[.volume]
            record.issue = record.issue ?? fields[.issue]
            record.pages = record.pages ?? fields[.pages]
            record.doi = record.doi ?? fields[.doi]
            record.url = record.url ?? fields[.url]
            record.abstract = record.abstract ?? fields[.abstract]
            if record.keywords.isEmpty { record.keywords = list(fields[.keywords]) }
            record.year = record.year ?? study.year
            let bibliographic = StudyVariable.allCases.filter { $0.isBibliographic && fields[$0] != nil }
            if hadRecord || !bibliographic.isEmpty {
                bibliography[studyID] = record
                set += bibliographic.map(\.name)
            }
            studies.append(.init(sourceGUID: source.guid, sourceName: sourceName, studyID: studyID, match: match, fields: set))
            return studyID
        }

        static func withoutExtension(_ name: String) -> String {
            for suffix in [".txt", ".docx", ".doc", ".rtf", ".odt", ".pdf"] where name.lowercased().hasSuffix(suffix) && name.count > suffix.count {
                return String(name.dropLast(suffix.count))
            }
            return name
        }

        // MARK: quotes

        /// The source's plain text, BOM stripped, line ends as counted; nil (and a listed reason) when unreadable.
        mutating func plainText(of source: REFIProject.TextSource, name: String) -> [Unicode.Scalar]? {
            var text: String
            if let content = source.plainTextContent {
                text = content
            } else if let file = QDPXArchive.internalFile(source.plainTextPath) {
                guard let bytes = archive.sources[file] else {
                    unmapped.append("the text of '\(name)' (sources/\(file)) is missing from the archive; its \(source.selections.count) selection\(source.selections.count == 1 ? "" : "s") were not imported")
                    return nil
                }
                let decoded = TextDecoding.decode(bytes)
                if decoded.encoding.isWorthMentioning { notices.append("the text of '\(name)' was read as \(decoded.encoding.name)") }
                text = decoded.text
            } else {
                let path = source.plainTextPath ?? source.richTextPath
                unmapped.append("'\(name)' has no plain text in the archive" + (path.map { " (its text is at \($0))" } ?? "")
                                + "; its \(source.selections.count) selection\(source.selections.count == 1 ? "" : "s") were not imported")
                return nil
            }
            var scalars = Array(text.unicodeScalars)
            if scalars.first == "\u{FEFF}" { scalars.removeFirst() }
            if lineEnds == .crlfAsOne {
                var folded: [Unicode.Scalar] = []
                folded.reserveCapacity(scalars.count)
                for (index, scalar) in scalars.enumerated() where !(scalar == "\r" && index + 1 < scalars.count && scalars[index + 1] == "\n") {
                    folded.append(scalar)
                }
                scalars = folded
            }
            return scalars
        }

        mutating func selections(of source: REFIProject.TextSource, kind: String, studyID: String?) {
            let name = source.name ?? source.guid
            for coding in source.codings {
                let code = codebook.code(coding.code)?.pathText ?? coding.code
                unmapped.append("'\(name)' is coded as a whole with '\(code)'; only passages become quotes, not imported")
            }
            for note in source.noteRefs { noteTargets[REFIGUID.key(note)] = studyID.map { .study($0) } ?? .project }
            guard !source.selections.isEmpty, let scalars = plainText(of: source, name: name) else { return }
            for selection in source.selections {
                let label = selection.name.map { "'\($0.prefix(40))'" } ?? "at \(selection.start)–\(selection.end)"
                guard selection.start >= 0, selection.start < selection.end, selection.end <= scalars.count else {
                    unmapped.append("selection \(label) of '\(name)' (\(selection.start)–\(selection.end)) "
                                    + (selection.start >= selection.end ? "is empty" : "lies outside its text (\(scalars.count) code points)") + "; not imported")
                    continue
                }
                let text = String(String.UnicodeScalarView(scalars[selection.start..<selection.end]))
                guard !text.allSatisfy(\.isWhitespace) else {
                    unmapped.append("selection \(label) of '\(name)' is only white space; not imported")
                    continue
                }
                var quote = Quote(id: 0, text: text, studyID: studyID)
                let existing = existingQuotes[ExistingKey(study: studyID, text: text)]
                var otherDescription: [String] = []
                for line in (selection.description ?? "").split(separator: "\n", omittingEmptySubsequences: false) {
                    if line.hasPrefix("reference: "), let number = Int(line.dropFirst(11)), number > 0, number <= Int(Int32.max), quote.reference == nil {
                        quote.reference = number
                    } else if line.hasPrefix("page: "), quote.page == nil, line.count > 6 {
                        quote.page = String(line.dropFirst(6))
                    } else if !line.trimmingCharacters(in: .whitespaces).isEmpty {
                        otherDescription.append(String(line))
                    }
                }
                var byCoder: [REFICoder: FrameworkCoding] = [:]
                var tags: [String] = []
                for coding in selection.codings {
                    let coder = users.coder(coding.creatingUser ?? selection.creatingUser ?? source.creatingUser)
                    for note in coding.noteRefs { pendingNoteQuotes[REFIGUID.key(note)] = quotes.count }
                    guard let resolved = codebook.code(coding.code) else {
                        unmapped.append("a coding of \(label) in '\(name)' names code guid \(coding.code), which the codebook does not have; not imported")
                        continue
                    }
                    if let tag = resolved.freeCode, !tags.contains(tag) { tags.append(tag) }
                    guard !resolved.coding.isEmpty else { continue }
                    guard let current = byCoder[coder] else {
                        byCoder[coder] = resolved.coding
                        continue
                    }
                    if let merged = current.merged(with: resolved.coding) {
                        byCoder[coder] = merged
                    } else {
                        unmapped.append("\(label) in '\(name)': \(Self.describe(coder)) applied codes that disagree (\(current.summary); '\(resolved.pathText)'); kept the first, as a quote holds one coding per coder")
                    }
                }
                var reviewerCodings: [String: FrameworkCoding] = [:]
                for (coder, coding) in byCoder { if case .reviewer(let reviewer) = coder { reviewerCodings[reviewer] = coding } }
                let own = byCoder[.own]
                if let own { quote = own.applied(to: quote) }
                for note in selection.noteRefs { pendingNoteQuotes[REFIGUID.key(note)] = quotes.count }
                if !otherDescription.isEmpty { quoteNotes.append((quotes.count, otherDescription.joined(separator: "\n"))) }
                let preferred = selection.name.flatMap(Self.quoteNumber)
                if let existing {
                    quotes.append((REFIImportPlan.PlannedQuote(quote: existing, selectionGUID: selection.guid, codings: reviewerCodings,
                                                               consensus: byCoder[.consensus], ownCoding: own, tags: tags,
                                                               coderDisagreement: false, unresolved: [], isExisting: true), existing.id))
                    matchedExisting += 1
                } else {
                    quotes.append((REFIImportPlan.PlannedQuote(quote: quote, selectionGUID: selection.guid, codings: reviewerCodings,
                                                               consensus: byCoder[.consensus], ownCoding: own, tags: tags,
                                                               coderDisagreement: false, unresolved: [], isExisting: false), preferred))
                }
            }
        }

        /// A coder as a report names them.
        static func describe(_ coder: REFICoder) -> String {
            switch coder {
            case .reviewer(let name): name
            case .consensus: "the consensus"
            case .own: "a coding by no user"
            }
        }

        /// "Q12" → 12.
        static func quoteNumber(_ name: String) -> Int? {
            guard name.first == "Q", name.count <= 11, let number = Int(name.dropFirst()), number > 0, number <= Int(Int32.max) else { return nil }
            return number
        }

        /// Quote ids: a selection's own "Q12" where it is free, then the next ids in document order.
        mutating func assignQuoteIDs() -> [REFIImportPlan.PlannedQuote] {
            var used = Set(workspace.quotes.ids.map(Int.init))
            var planned = quotes.map(\.planned)
            var assigned = [Bool](repeating: false, count: planned.count)
            for (index, entry) in quotes.enumerated() where entry.planned.isExisting {
                assigned[index] = true
            }
            for (index, entry) in quotes.enumerated() where !entry.planned.isExisting {
                guard let preferred = entry.preferredID, used.insert(preferred).inserted else { continue }
                planned[index].quote.id = preferred
                assigned[index] = true
            }
            var next = (used.max() ?? 0) + 1
            var overflow = 0
            for index in planned.indices where !assigned[index] {
                while used.contains(next) { next += 1 }
                guard next <= Int(Int32.max) else { overflow += 1; continue }
                used.insert(next)
                planned[index].quote.id = next
                assigned[index] = true
            }
            if overflow > 0 { unmapped.append("\(overflow) selections were not imported: quote ids would pass \(Int32.max)") }
            if matchedExisting > 0 {
                notices.append("\(matchedExisting) selection\(matchedExisting == 1 ? "" : "s") matched quotes the workspace already holds (same study and text); not added again")
            }
            var kept: [REFIImportPlan.PlannedQuote] = []
            var newIndex: [Int: Int] = [:]
            for index in planned.indices where assigned[index] {
                newIndex[index] = kept.count
                kept.append(planned[index])
            }
            quoteNotes = quoteNotes.compactMap { entry in newIndex[entry.quote].map { ($0, entry.note) } }
            for (guid, index) in pendingNoteQuotes {
                if let position = newIndex[index] { noteTargets[guid] = .quote(kept[position].quote.id) }
            }
            return kept
        }

        // MARK: notes

        mutating func collectNotes(_ planned: [REFIImportPlan.PlannedQuote]) -> [REFIImportPlan.PlannedNote] {
            for ref in project.noteRefs { noteTargets[REFIGUID.key(ref)] = .project }
            for (code, path) in project.codes.flatMap({ $0.flattened() }) {
                for ref in code.noteRefs { noteTargets[REFIGUID.key(ref)] = .code((path + [code.name]).joined(separator: " > ")) }
            }
            var notes: [REFIImportPlan.PlannedNote] = []
            for note in project.notes {
                let text: String?
                if let content = note.plainTextContent {
                    text = content
                } else if let file = QDPXArchive.internalFile(note.plainTextPath), let bytes = archive.sources[file] {
                    text = TextDecoding.decode(bytes).text
                } else {
                    text = nil
                }
                guard let text else {
                    unmapped.append("note '\(note.name ?? note.guid)' has no text in the archive; not imported")
                    continue
                }
                notes.append(.init(title: note.name, text: text, target: noteTargets[REFIGUID.key(note.guid)] ?? .project))
            }
            for (index, note) in quoteNotes { notes.append(.init(title: "Description of \(planned[index].quote.label)", text: note, target: .quote(planned[index].quote.id))) }
            if !isOwnExport, let description = project.description, !description.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                notes.append(.init(title: "Project description", text: description, target: .project))
            }
            return notes
        }
    }
}
