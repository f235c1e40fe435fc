/// The evidence `review` can assemble for each GRADE-CERQual component of one finding, shown beside the
/// reviewer's judgement. It states facts from the workspace and says what the workspace cannot tell;
/// it never proposes a component's level.
public struct CERQualEvidence: Sendable, Equatable {
    /// The finding's data (sub-themes, quotes, sources).
    public let data: FindingData
    /// CASP appraisals of the contributing studies.
    public let methodologicalLimitations: MethodologicalLimitations
    /// Directions and domains of the supporting sub-themes.
    public let coherence: Coherence
    /// Quantity of data.
    public let adequacy: Adequacy
    /// What the workspace records about the contributing studies' context.
    public let relevance: Relevance

    /// Assembles the evidence for a finding under the given CASP cut-offs.
    public init(_ finding: Finding, in workspace: Workspace, bands: QualityBands = .seed) {
        let data = FindingData(finding, in: workspace)
        self.data = data
        methodologicalLimitations = MethodologicalLimitations(data, workspace: workspace, bands: bands)
        coherence = Coherence(data)
        adequacy = Adequacy(data, workspace: workspace)
        relevance = Relevance(data, workspace: workspace)
    }

    /// The evidence lines for one component, in reading order.
    public func lines(for component: CERQualComponent) -> [String] {
        switch component {
        case .methodologicalLimitations: methodologicalLimitations.lines
        case .coherence: coherence.lines
        case .adequacy: adequacy.lines
        case .relevance: relevance.lines
        }
    }

    // MARK: - Methodological limitations

    /// How many of the appraised contributing studies answered one CASP question "no" or "can't tell".
    public struct Shortfall: Sendable, Equatable {
        /// The question.
        public let question: CASPQuestion
        /// Studies answering no.
        public let no: Int
        /// Studies answering can't tell.
        public let cantTell: Int
        /// Appraised studies counted.
        public let of: Int

        /// "5 of 7 studies: no on Q6 reflexivity" (and the can't-tell count when there is one).
        public var lines: [String] {
            var lines: [String] = []
            let noun = of == 1 ? "study" : "studies"
            if no > 0 { lines.append("\(no) of \(of) \(noun): no on Q\(question.id) \(question.shortLabel)") }
            if cantTell > 0 { lines.append("\(cantTell) of \(of) \(noun): can't tell on Q\(question.id) \(question.shortLabel)") }
            return lines
        }
    }

    /// One contributing study's appraisal.
    public struct StudyAppraisal: Sendable, Equatable {
        /// The study's id.
        public let studyID: String
        /// How tables name it.
        public let label: String
        /// The CASP total in half points.
        public let totalHalfPoints: Int
        /// The total as printed: "8.5", or "incomplete (4 of 10)" (an incomplete appraisal has no total).
        public let totalText: String
        /// The band the total falls in; "none" when in none, "a+b" when the cut-offs overlap, "incomplete" without a total.
        public let band: String
        /// Questions answered no.
        public let no: [Int]
        /// Questions answered can't tell.
        public let cantTell: [Int]
        /// Questions left unanswered.
        public let unanswered: [Int]

        /// "Simpson et al.: CASP 8 (no band); no on Q6 reflexivity; can't tell on Q1 aims, Q7 ethics".
        public var line: String {
            let bandText = band == QualityBands.noneName ? " (no band)" : band == QualityBands.incompleteName ? "" : " (\(band))"
            var parts = ["\(label): CASP \(totalText)\(bandText)"]
            func named(_ questions: [Int]) -> String { questions.map { "Q\($0) \(CASPQuestion.all[$0 - 1].shortLabel)" }.joined(separator: ", ") }
            if !no.isEmpty { parts.append("no on " + named(no)) }
            if !cantTell.isEmpty { parts.append("can't tell on " + named(cantTell)) }
            if !unanswered.isEmpty { parts.append("unanswered: " + named(unanswered)) }
            return parts.joined(separator: "; ")
        }
    }

    /// The contributing studies' CASP appraisals and where they fall short.
    public struct MethodologicalLimitations: Sendable, Equatable {
        /// Appraised contributing studies, in source order.
        public let studies: [StudyAppraisal]
        /// Contributing studies with no appraisal (labels).
        public let unappraised: [String]
        /// Reference numbers no study carries, so no appraisal can be matched.
        public let unmatchedReferences: [Int]
        /// Per question with any no or can't tell among the appraised contributing studies, in question order.
        public let shortfalls: [Shortfall]
        /// Studies per band (band name, count), in the cut-offs' order, then "none".
        public let bandCounts: [(name: String, count: Int)]
        /// The whole review's most frequent "no" answers (up to three questions), for context when no
        /// contributing study could be matched to an appraisal; empty otherwise.
        public let reviewContext: [Shortfall]

        init(_ data: FindingData, workspace: Workspace, bands: QualityBands) {
            var studies: [StudyAppraisal] = []
            var unappraised: [String] = []
            for source in data.sources {
                guard case .study(let id) = source else { continue }
                let label = source.label(in: workspace)
                guard let appraisal = workspace.appraisal(of: id) else { unappraised.append(label); continue }
                studies.append(Self.appraisal(id, label, appraisal, bands))
            }
            self.studies = studies
            self.unappraised = unappraised
            unmatchedReferences = data.bareReferences
            shortfalls = Self.shortfalls(studies.map(\.no), studies.map(\.cantTell), of: studies.count)
            // Each study once, under its one band name (overlaps as "a+b", then none, then incomplete).
            var names = bands.bands.map(\.name)
            for study in studies where !names.contains(study.band) && study.band != QualityBands.incompleteName { names.append(study.band) }
            names.append(QualityBands.incompleteName)
            bandCounts = names.map { name in (name, studies.filter { $0.band == name }.count) }.filter { $0.count > 0 }
            if studies.isEmpty && !workspace.appraisals.isEmpty {
                let all = workspace.studies.compactMap { study in workspace.appraisal(of: study.id).map { Self.appraisal(study.id, study.label, $0, bands) } }
                reviewContext = Array(Self.shortfalls(all.map(\.no), all.map(\.cantTell), of: all.count)
                    .filter { $0.no > 0 }.sorted { ($0.no, -$0.question.id) > ($1.no, -$1.question.id) }.prefix(3))
            } else {
                reviewContext = []
            }
        }

        static func appraisal(_ id: String, _ label: String, _ appraisal: Appraisal, _ bands: QualityBands) -> StudyAppraisal {
            let questions = Array(1...10)
            func answer(_ question: Int) -> CASPAnswer? {
                appraisal.answers.indices.contains(question - 1) ? appraisal.answers[question - 1] : nil
            }
            return StudyAppraisal(
                studyID: id, label: label, totalHalfPoints: appraisal.totalHalfPoints, totalText: appraisal.totalText,
                band: bands.bandName(of: appraisal),
                no: questions.filter { answer($0) == CASPAnswer.no },
                cantTell: questions.filter { answer($0) == CASPAnswer.cantTell },
                unanswered: questions.filter { answer($0) == nil })
        }

        static func shortfalls(_ no: [[Int]], _ cantTell: [[Int]], of count: Int) -> [Shortfall] {
            CASPQuestion.all.compactMap { question in
                let n = no.filter { $0.contains(question.id) }.count, c = cantTell.filter { $0.contains(question.id) }.count
                return n + c == 0 ? nil : Shortfall(question: question, no: n, cantTell: c, of: count)
            }
        }

        /// The evidence lines.
        public var lines: [String] {
            var lines: [String] = []
            if !studies.isEmpty {
                lines.append(studies.count == 1 ? "1 contributing study is appraised:" : "\(studies.count) contributing studies are appraised:")
                lines += studies.map { "  " + $0.line }
                lines.append("bands: " + bandCounts.map { "\($0.count) \($0.name == "none" ? "in no band" : $0.name)" }.joined(separator: ", "))
                lines += shortfalls.flatMap(\.lines)
                if shortfalls.isEmpty { lines.append("no appraised contributing study answers no or can't tell to any question") }
            }
            if !unappraised.isEmpty {
                lines.append("not appraised: " + unappraised.joined(separator: "; "))
            }
            if !unmatchedReferences.isEmpty {
                let refs = unmatchedReferences.map { "ref \($0)" }
                lines.append("\(ReviewFindings.plural(refs.count, "source")) known only by reference number (\(refs.joined(separator: ", "))): no study in the workspace carries \(refs.count == 1 ? "that number" : "these numbers"), so \(refs.count == 1 ? "its CASP appraisal" : "their CASP appraisals") cannot be matched")
            }
            if studies.isEmpty && unappraised.isEmpty && unmatchedReferences.isEmpty {
                lines.append("no contributing study: there is no appraisal to draw on")
            }
            if !reviewContext.isEmpty {
                lines.append("review-wide, for context only (not this finding's studies): "
                             + reviewContext.flatMap { $0.lines.prefix(1) }.joined(separator: "; "))
            }
            return lines
        }

        /// Equality (tuples are compared field by field).
        public static func == (lhs: Self, rhs: Self) -> Bool {
            lhs.studies == rhs.studies && lhs.unappraised == rhs.unappraised && lhs.unmatchedReferences == rhs.unmatchedReferences
                && lhs.shortfalls == rhs.shortfalls && lhs.reviewContext == rhs.reviewContext
                && lhs.bandCounts.map(\.name) == rhs.bandCounts.map(\.name) && lhs.bandCounts.map(\.count) == rhs.bandCounts.map(\.count)
        }
    }

    // MARK: - Coherence

    /// Whether the supporting sub-themes pull in one direction, and how widely they spread over the TDF.
    public struct Coherence: Sendable, Equatable {
        /// Barrier sub-theme codes.
        public let barriers: [String]
        /// Facilitator sub-theme codes.
        public let facilitators: [String]
        /// The TDF domains of the sub-themes, in TDF order.
        public let domains: [TDFDomain]
        /// The COM-B components of the sub-themes, in COM-B order.
        public let components: [COMBComponent]
        /// Sub-theme ids the finding names that no longer exist.
        public let missingSubThemeIDs: [Int]

        init(_ data: FindingData) {
            barriers = data.subThemes.filter { $0.direction == .barrier }.map(\.code)
            facilitators = data.subThemes.filter { $0.direction == .facilitator }.map(\.code)
            domains = Array(Set(data.subThemes.map(\.domain))).sorted()
            components = Array(Set(data.subThemes.map(\.component))).sorted { $0.rawValue < $1.rawValue }
            missingSubThemeIDs = data.missingSubThemeIDs
        }

        /// Whether the supporting sub-themes mix barriers and facilitators.
        public var mixesDirections: Bool { !barriers.isEmpty && !facilitators.isEmpty }

        /// The evidence lines.
        public var lines: [String] {
            var lines: [String] = []
            let count = barriers.count + facilitators.count
            var parts: [String] = []
            if !barriers.isEmpty { parts.append("\(ReviewFindings.plural(barriers.count, "barrier")) (\(barriers.joined(separator: ", ")))") }
            if !facilitators.isEmpty { parts.append("\(ReviewFindings.plural(facilitators.count, "facilitator")) (\(facilitators.joined(separator: ", ")))") }
            if count == 0 {
                lines.append("no supporting sub-theme exists in the workspace")
            } else {
                lines.append("\(ReviewFindings.plural(count, "supporting sub-theme")): " + parts.joined(separator: ", "))
            }
            if mixesDirections {
                lines.append("the supporting sub-themes mix barriers and facilitators: check that the statement accounts for both, or split the finding")
            } else if count > 0 {
                lines.append("the supporting sub-themes are all \(barriers.isEmpty ? "facilitators" : "barriers")")
            }
            if domains.count > 1 {
                lines.append("they span \(domains.count) TDF domains: " + domains.map(\.name).joined(separator: ", "))
            } else if let domain = domains.first {
                lines.append("TDF domain: \(domain.name)")
            }
            if count == 1 { lines.append("one sub-theme: coherence rests on how well its quotes fit the statement") }
            if !missingSubThemeIDs.isEmpty {
                lines.append("sub-theme\(missingSubThemeIDs.count == 1 ? "" : "s") \(missingSubThemeIDs.map(String.init).joined(separator: ", ")) named by the finding no longer exist\(missingSubThemeIDs.count == 1 ? "s" : "")")
            }
            return lines
        }
    }

    // MARK: - Adequacy

    /// The quantity of data behind the finding.
    public struct Adequacy: Sendable, Equatable {
        /// Distinct sources (studies and bare reference numbers).
        public let sources: Int
        /// Of those, studies.
        public let studies: Int
        /// Of those, reference numbers no study carries.
        public let references: Int
        /// Quotes.
        public let quotes: Int
        /// Words in the quotes.
        public let words: Int
        /// Quotes with no source.
        public let unattributedQuotes: Int
        /// Participants summed over the contributing studies that record a number (nil if the sum overflows).
        public let participants: Int?
        /// Contributing studies that record a number of participants.
        public let studiesWithParticipants: Int
        /// The single source, when all the data come from one.
        public let singleSource: String?

        init(_ data: FindingData, workspace: Workspace) {
            sources = data.sources.count
            studies = data.studyIDs.count
            references = data.bareReferences.count
            quotes = data.quotes.count
            words = data.words
            unattributedQuotes = data.unattributedQuotes
            let counts = data.studyIDs.compactMap { workspace.study($0)?.participants }
            var sum: Int? = 0
            for count in counts {
                guard let running = sum else { break }
                let (total, overflow) = running.addingReportingOverflow(count)
                sum = overflow ? nil : total
            }
            participants = sum
            studiesWithParticipants = counts.count
            singleSource = data.sources.count == 1 && data.unattributedQuotes == 0 ? data.sources[0].label(in: workspace) : nil
        }

        /// Whether all the data come from one study or reference.
        public var isSingleSource: Bool { singleSource != nil }

        /// The evidence lines.
        public var lines: [String] {
            var kinds: [String] = []
            if studies > 0 { kinds.append(ReviewFindings.plural(studies, "study")) }
            if references > 0 { kinds.append("\(references) known by reference number only") }
            var lines = ["\(ReviewFindings.plural(sources, "source"))\(kinds.isEmpty ? "" : " (" + kinds.joined(separator: ", ") + ")"), \(ReviewFindings.plural(quotes, "quote")), \(ReviewFindings.plural(words, "word"))"]
            if let singleSource { lines.append("all the data come from one source (\(singleSource))") }
            if unattributedQuotes > 0 {
                lines.append("\(ReviewFindings.plural(unattributedQuotes, "quote")) \(unattributedQuotes == 1 ? "has" : "have") no study or reference number, so \(unattributedQuotes == 1 ? "it adds" : "they add") no source to the count")
            }
            if studies > 0 {
                if studiesWithParticipants == 0 {
                    lines.append("participants: not recorded for the contributing studies")
                } else if let participants {
                    lines.append("participants: \(participants) in the \(studiesWithParticipants) of \(studies) contributing studies that record a number")
                } else {
                    lines.append("participants: the recorded numbers are too large to add up; check the studies' participant counts")
                }
            } else if sources > 0 {
                lines.append("participants: unknown (no contributing source is a study in the workspace)")
            }
            return lines
        }
    }

    // MARK: - Relevance

    /// What the workspace records about the contributing studies' context, and what it cannot say.
    public struct Relevance: Sendable, Equatable {
        /// Contributing studies.
        public let studies: Int
        /// Distinct countries recorded, with how many studies record each.
        public let countries: [String: Int]
        /// Distinct designs recorded.
        public let designs: [String: Int]
        /// Distinct data-collection methods recorded.
        public let dataCollection: [String: Int]
        /// Earliest and latest publication years recorded.
        public let years: ClosedRange<Int>?
        /// Studies recording each field: country, design, data collection, year.
        public let recorded: [String: Int]
        /// Sources known only by reference number.
        public let references: Int

        init(_ data: FindingData, workspace: Workspace) {
            let studies = data.studyIDs.compactMap { workspace.study($0) }
            self.studies = studies.count
            func tally(_ values: [String?]) -> [String: Int] {
                var counts: [String: Int] = [:]
                for value in values { if let value, !value.isEmpty { counts[value, default: 0] += 1 } }
                return counts
            }
            countries = tally(studies.map(\.country))
            designs = tally(studies.map(\.design))
            dataCollection = tally(studies.map(\.dataCollection))
            let yearValues = studies.compactMap(\.year)
            years = yearValues.min().map { $0...yearValues.max()! }
            recorded = ["country": studies.filter { !($0.country ?? "").isEmpty }.count,
                        "design": studies.filter { !($0.design ?? "").isEmpty }.count,
                        "data collection": studies.filter { !($0.dataCollection ?? "").isEmpty }.count,
                        "year": yearValues.count]
            references = data.bareReferences.count
        }

        /// The evidence lines.
        public var lines: [String] {
            var lines: [String] = []
            func listed(_ counts: [String: Int]) -> String {
                counts.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.map { $0.value > 1 ? "\($0.key) (\($0.value))" : $0.key }.joined(separator: ", ")
            }
            if studies > 0 {
                for (field, counts) in [("country", countries), ("design", designs), ("data collection", dataCollection)] {
                    let known = recorded[field] ?? 0
                    lines.append(known == 0 ? "\(field): not recorded for any of the \(ReviewFindings.plural(studies, "contributing study"))"
                                 : "\(field) recorded for \(known) of \(studies): \(listed(counts))")
                }
                if let years {
                    lines.append("published \(years.lowerBound == years.upperBound ? String(years.lowerBound) : "\(years.lowerBound)–\(years.upperBound)") (\(recorded["year"] ?? 0) of \(studies) record a year)")
                } else {
                    lines.append("year: not recorded")
                }
            }
            if references > 0 {
                lines.append("\(ReviewFindings.plural(references, "source")) known only by reference number: the workspace records nothing about \(references == 1 ? "its" : "their") context")
            }
            if studies == 0 && references == 0 { lines.append("no contributing source: nothing to judge relevance from") }
            lines.append("the workspace does not record the perspective, population or setting each study reports; judge relevance to the review question from the study reports")
            return lines
        }
    }
}
