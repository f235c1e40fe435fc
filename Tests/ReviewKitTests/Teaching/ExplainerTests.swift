import Foundation
import Testing
@testable import ReviewKit

@Suite("Teaching: explain")
struct ExplainerTests {
    let workspace = TeachingFixtures.workspace
    var seed: Explainer { Explainer(workspace: workspace, mapping: .seed) }
    var standard: Explainer { Explainer(workspace: workspace, mapping: .standard) }

    // MARK: definitions and constructs

    @Test("every domain quotes the reference definition verbatim, with Cane 2012 as its source", arguments: TDFDomain.allCases)
    func domainDefinition(domain: TDFDomain) throws {
        let explanation = try seed.explain(domain.name)
        let quotation = try #require(explanation.section("Definition")?.quotation)
        #expect(quotation.text == TeachingReference.definitions[Int(domain.rawValue) - 1])
        #expect(quotation.source.contains("Cane J, O'Connor D, Michie S"))
        #expect(quotation.source.contains("Table 3"))
        #expect(explanation.title == domain.name)
    }

    @Test("definitions and construct lists agree with the reference file's table")
    func referenceTable() throws {
        let rows = TeachingReference.domainRows
        try #require(rows.count == 14, "the reference table was not found or not parsed (Fixtures/Seed/tdf-domains.md)")
        for row in rows {
            let domain = try #require(TDFDomain(rawValue: UInt8(row.number)))
            #expect(domain.name == row.name)
            let explanation = seed.explain(domain)
            #expect(explanation.section("Definition")?.quotation?.text == row.definition, "\(row.name)")
            #expect(constructs(in: explanation) == row.constructs, "\(row.name)")
        }
    }

    @Test("construct lists: the reference's counts, 84 in all, shared constructs flagged in both domains")
    func constructLists() throws {
        var total = 0
        var flagged: [String: Set<TDFDomain>] = [:]
        for domain in TDFDomain.allCases {
            let section = try #require(seed.explain(domain).section("Constructs"))
            let names = constructs(in: seed.explain(domain))
            #expect(names.count == TeachingReference.constructCounts[Int(domain.rawValue) - 1], "\(domain.name)")
            #expect(section.heading == "Constructs (\(names.count) of the 84 in TDF v2)")
            total += names.count
            for item in section.items where item.contains(" (also in ") {
                let name = String(item[..<item.range(of: " (also in ")!.lowerBound])
                flagged[name, default: []].insert(domain)
            }
            for item in section.items {
                let name = item.components(separatedBy: " (also in ").first!
                #expect(TeachingReference.sharedConstructs.contains(name) == item.contains("(also in "), "\(domain.name): \(item)")
            }
        }
        #expect(total == 84)
        #expect(Set(flagged.keys) == TeachingReference.sharedConstructs)
        #expect(flagged.values.allSatisfy { $0.count == 2 })
        #expect(flagged["Action planning"] == [.goals, .behaviouralRegulation])
        #expect(flagged["Consequents"] == [.beliefsAboutConsequences, .reinforcement])
        #expect(flagged["Identity"] == [.socialProfessionalRoleAndIdentity, .optimism])
    }

    @Test("construct numbering runs 1–84 across the domains in order")
    func constructNumbering() throws {
        var next = 1
        for domain in TDFDomain.allCases {
            let paragraph = try #require(seed.explain(domain).section("Constructs")?.paragraphs.first)
            let last = next + domain.constructs.count - 1
            #expect(paragraph.hasPrefix("Numbered \(next)\u{2013}\(last) of 84"), "\(domain.name): \(paragraph)")
            next = last + 1
        }
        #expect(next == 85)
    }

    @Test("unverified construct lists are marked for Goals, Social Influences (last five) and Emotion only")
    func verificationNotes() {
        for domain in TDFDomain.allCases {
            let notes = seed.explain(domain).section("Constructs")!.notes.joined(separator: " ")
            let marked = notes.contains("construct list not verified against Cane 2012 Table 3")
            #expect(marked == [.goals, .socialInfluences, .emotion].contains(domain), "\(domain.name)")
        }
        let social = seed.explain(.socialInfluences).section("Constructs")!.notes.joined()
        #expect(social.contains("Power, Intergroup conflict, Alienation, Group identity, Modelling"))
    }

    @Test("components and sources quote the COM-B definitions (Michie, van Stralen & West 2011)")
    func componentDefinitions() throws {
        for component in COMBComponent.allCases {
            let explanation = try seed.explain(component.slug)
            let quotation = try #require(explanation.section("Definition")?.quotation)
            #expect(quotation.text == TeachingReference.sourceDefinitions[component.source])
            #expect(quotation.source.hasPrefix("Michie S, van Stralen MM, West R."))
            #expect(explanation.title == component.name)
            #expect(explanation.allText.contains(component.summary))
        }
        for source in COMBComponent.Source.allCases {
            let explanation = try seed.explain(source.rawValue)
            #expect(explanation.section("Definition")?.quotation?.text == TeachingReference.sourceDefinitions[source])
            #expect(explanation.title == source.name)
        }
        let comb = try seed.explain("com-b")
        #expect(comb.sections.compactMap(\.quotation).map(\.text) == COMBComponent.Source.allCases.map { TeachingReference.sourceDefinitions[$0]! })
    }

    // MARK: review findings

    @Test("review findings per domain agree with an independent count of the store and with Coverage", arguments: TDFDomain.allCases)
    func domainFindings(domain: TDFDomain) throws {
        let store = workspace.quotes
        var barriers = 0, facilitators = 0
        for row in 0..<store.count where store.domains[row] == domain.rawValue {
            if store.directions[row] == Direction.barrier.rawValue { barriers += 1 }
            if store.directions[row] == Direction.facilitator.rawValue { facilitators += 1 }
        }
        let coverage = Coverage(workspace: workspace)
        #expect(barriers + facilitators == coverage.quotesPerDomain[Int(domain.rawValue)])
        let section = try #require(seed.explain(domain).section("In Shaw et al. 2025"))
        if barriers + facilitators == 0 {
            #expect(section.paragraphs == ["The review coded no quotes and no sub-themes to \(domain.name)."])
            #expect(section.example == nil)
            return
        }
        let first = try #require(section.paragraphs.first)
        #expect(first.hasPrefix("\(barriers + facilitators) quote"), "\(first)")
        #expect(first.contains("\(barriers) barrier") == (barriers > 0))
        #expect(first.contains("\(facilitators) facilitator") == (facilitators > 0))
        let themes = workspace.subThemes.filter { $0.domain == domain }
        #expect(first.contains("in \(themes.count) sub-theme"))
        #expect(section.items.count == themes.count)
        for (item, theme) in zip(section.items, themes) {
            #expect(item.hasPrefix("\(theme.direction.name) \(theme.code): \(theme.label)"))
        }
        let example = try #require(section.example)
        let quote = try #require(workspace.quote(Int(example.label.dropFirst())!))
        #expect(quote.domain == domain)
        #expect(example.text == quote.text)
        #expect(example.citation == quote.citation)
    }

    @Test("quote counts per domain match the seed's own Tables 3 and 4 (domain names resolved through their aliases)")
    func findingsMatchSeedTables() throws {
        let rows = SeedText.themeRows
        try #require(!rows.isEmpty, "seed text not found")
        var expected: [TDFDomain: Int] = [:]
        var current: TDFDomain?
        for row in rows {
            // A row is COM-B | TDF | sub-theme | quote; blank COM-B/TDF cells repeat the row above.
            let cells = row.cells
            if cells.count >= 4, !cells[1].isEmpty, case .found(let domain) = Framework.domains.resolve(cells[1]) { current = domain }
            else if cells.count >= 4, !cells[1].isEmpty { Issue.record("unresolved TDF name '\(cells[1])'") }
            if let current { expected[current, default: 0] += 1 }
        }
        #expect(expected.values.reduce(0, +) == 46)
        for domain in TDFDomain.allCases {
            let first = seed.explain(domain).section("In Shaw et al. 2025")!.paragraphs.first!
            let count = expected[domain] ?? 0
            if count == 0 { #expect(first.hasPrefix("The review coded no quotes")) }
            else { #expect(first.hasPrefix(ReviewFindings.plural(count, "quote") + " ("), "\(domain.name): \(first)") }
        }
    }

    @Test("the overview maps every domain under the mapping in use, counts quotes, and marks domains with no data")
    func overview() throws {
        let explanation = try seed.explain("")
        #expect(explanation.title == "COM-B and the TDF: overview")
        let componentSections = explanation.sections.filter { section in COMBComponent.allCases.contains { section.heading.hasPrefix($0.name) } }
        #expect(componentSections.count == 6)
        let items = componentSections.flatMap(\.items)
        #expect(items.count == 15)  // seed: Skills under both capabilities
        for domain in TDFDomain.allCases { #expect(items.contains { $0.hasPrefix(domain.name) }, "\(domain.name)") }
        #expect(items.contains("Knowledge: 4 quotes (2 barriers, 2 facilitators), 4 sub-themes"))
        #expect(items.contains("Environmental Context and Resources: 11 quotes (4 barriers, 7 facilitators), 11 sub-themes"))
        #expect(items.contains("Skills (physical skills): none coded here (3 quotes under Psychological capability)"))
        for domain in [TDFDomain.optimism, .intentions, .behaviouralRegulation] {
            #expect(items.contains("\(domain.name): no data in the review"))
        }
        let empty = try #require(explanation.section("Domains with no data"))
        #expect(empty.paragraphs[0].contains("Optimism, Intentions and Behavioural Regulation"))
        #expect(explanation.summary?.contains("seed mapping") == true)
        let coded = TeachingFixtures.quotes(workspace).filter { $0.component != nil && $0.domain != nil }.count
        #expect(explanation.section("How to read this")!.paragraphs[1].contains("\(coded) of them coded"))

        let standardItems = try standard.explain("").sections.flatMap(\.items)
        #expect(standardItems.contains("Social/Professional Role and Identity: none coded here (8 quotes under Reflective motivation)"))
        #expect(standardItems.contains("Skills (cognitive and interpersonal skills): 3 quotes (3 facilitators), 3 sub-themes"))
    }

    @Test("placement in COM-B under the mapping in use, and how the other mapping differs")
    func placement() throws {
        let spri = try seed.explain("spri").section("Where it sits in COM-B")!.paragraphs
        #expect(spri[0] == "Under the seed mapping (Shaw et al. 2025, section 3.2), in use: Reflective motivation.")
        #expect(spri[1].contains("standard mapping") && spri[1].contains("Reflective motivation and Automatic motivation"))
        let optimism = try standard.explain("optimism").section("Where it sits in COM-B")!.paragraphs
        #expect(optimism[0].contains("in use: Reflective motivation and Automatic motivation"))
        #expect(optimism[1].contains("seed mapping") && optimism[1].hasSuffix(": Reflective motivation."))
        let skills = try standard.explain("skills").section("Where it sits in COM-B")!.paragraphs.joined(separator: " ")
        #expect(skills.contains("Psychological capability (cognitive and interpersonal skills) and Physical capability (physical skills)"))
        let knowledge = try seed.explain("knowledge").section("Where it sits in COM-B")!.paragraphs
        #expect(knowledge[1] == "The standard mapping (Michie, Atkins & West 2014; Atkins et al. 2017) places it the same way.")
        let automatic = try standard.explain("automatic motivation").section("TDF domains under it")!
        #expect(automatic.items.count == 4)
        #expect(automatic.paragraphs[0].contains("leaves out Social/Professional Role and Identity and Optimism"))
        let mapping = try seed.explain("mapping")
        #expect(mapping.section("Differences")!.items.count == 3)
        #expect(mapping.section("Differences")!.paragraphs[0].contains("seed mapping gives 15") && mapping.section("Differences")!.paragraphs[0].contains("standard mapping 17"))
    }

    @Test("what to look for when coding, with the common confusions")
    func codingAdvice() throws {
        let knowledge = try seed.explain("knowledge")
        #expect(knowledge.section("What to look for when coding")!.items.count >= 3)
        let confused = knowledge.section("Often confused with")!.items.joined()
        #expect(confused.contains("Knowledge vs Skills"))
        #expect(try seed.explain("spri").allText.contains("Social/Professional Role and Identity vs Social Influences"))
        #expect(try seed.explain("bcap").allText.contains("Beliefs about Capabilities vs Beliefs about Consequences"))
        #expect(try seed.explain("reinforcement").allText.contains("Reinforcement vs Emotion"))
        for domain in TDFDomain.allCases {
            #expect(!CodingGuidance.cues(domain).isEmpty && !CodingGuidance.phrasings(domain).isEmpty)
        }
    }

    // MARK: term resolution

    @Test("aliases and prefixes resolve", arguments: [
        ("Emotions", ExplainTopic.domain(.emotion)),
        ("Reinforcing behaviour", .domain(.reinforcement)),
        ("Social/professional role/identity", .domain(.socialProfessionalRoleAndIdentity)),
        ("memory, attention, and decision-making processes", .domain(.memoryAttentionAndDecisionProcesses)),
        ("KNOWLEDGE", .domain(.knowledge)), ("spri", .domain(.socialProfessionalRoleAndIdentity)), ("reinf", .domain(.reinforcement)),
        ("Environmental context & resources", .domain(.environmentalContextAndResources)), ("madp", .domain(.memoryAttentionAndDecisionProcesses)),
        ("capability", .source(.capability)), ("motivation", .source(.motivation)), ("psych", .component(.psychologicalCapability)),
        ("social opportunity", .component(.socialOpportunity)), ("automatic-motivation", .component(.automaticMotivation)),
        ("com-b", .comb), ("COM B", .comb), ("behaviour", .comb), ("tdf", .tdf), ("mapping", .mapping), ("", .overview), ("   ", .overview),
        ("casp", .casp), ("casp Q6", .caspQuestion(6)), ("casp 6", .caspQuestion(6)), ("CASP question 10", .caspQuestion(10)),
        ("kappa", .kappa), ("agreement", .agreement), ("krippendorff", .krippendorff), ("fleiss", .fleiss), ("Cohen's kappa", .cohen), ("cohen", .cohen),
    ])
    func resolves(term: String, topic: ExplainTopic) throws {
        #expect(try ExplainTopic.resolve(term) == topic)
    }

    @Test("unknown, ambiguous and out-of-range terms are lowercase errors with help")
    func errors() {
        #expect {
            _ = try seed.explain("knowlege")
        } throws: { error in
            guard let error = error as? ReviewError else { return false }
            return error.message == "nothing to explain for 'knowlege'" && error.notes.contains("did you mean 'Knowledge'?")
                && error.notes.last == ExplainTopic.termsHelp
        }
        #expect {
            _ = try seed.explain("be")
        } throws: { error in
            (error as? ReviewError)?.message.hasPrefix("'be' could mean") == true
        }
        #expect {
            _ = try seed.explain("casp q11")
        } throws: { error in
            (error as? ReviewError)?.message == "casp has questions 1 to 10; got 11"
        }
        #expect(throws: ReviewError.self) { try seed.explain("casp zero") }
        #expect(throws: ReviewError.self) { try seed.explain("xyzzy plugh") }
    }

    @Test("every topic explains, with content, and completion terms resolve back to their topic")
    func everyTopic() throws {
        for topic in ExplainTopic.all {
            let explanation = seed.explain(topic)
            #expect(!explanation.title.isEmpty && !explanation.sections.isEmpty, "\(topic)")
            #expect(explanation.sections.allSatisfy { !$0.heading.isEmpty })
            #expect(try ExplainTopic.resolve(topic.term) == topic, "\(topic.term)")
        }
        #expect(ExplainTopic.completions.count == ExplainTopic.all.count - 1)
    }

    // MARK: CASP and kappa

    @Test("casp questions: wording quoted from the 2018 form, tallies counted from the appraisals", arguments: 1...10)
    func caspQuestion(number: Int) throws {
        let explanation = try seed.explain("casp q\(number)")
        let question = CASPQuestion.all[number - 1]
        #expect(explanation.section("The question")?.quotation?.text == question.text)
        #expect(explanation.section("The question")?.quotation?.source == CASPQuestion.source)
        var yes = 0, cantTell = 0, no = 0
        for appraisal in workspace.appraisals {
            switch appraisal.answers[number - 1] {
            case .yes: yes += 1
            case .cantTell: cantTell += 1
            case .no: no += 1
            case nil: break
            }
        }
        let review = try #require(explanation.section("In Shaw et al. 2025"))
        #expect(review.paragraphs.first == "Q\(number) \(question.shortLabel): \(yes) yes, \(cantTell) can't tell, \(no) no.")
        #expect(!CodingGuidance.caspAdvice(number).isEmpty)
        #expect((question.hint == nil) == explanation.section("The question")!.notes.contains { $0.contains("not reproduced") })
    }

    @Test("casp q6 is the question the review most often answered no")
    func caspReflexivity() throws {
        let notes = try seed.explain("casp q6").section("In Shaw et al. 2025")!.notes
        #expect(notes.contains("this is the question the review most often answered no"))
        let casp = try seed.explain("casp")
        #expect(casp.section("The ten questions")!.items.count == 10)
        #expect(casp.section("Scoring")!.notes.first?.contains("5.5, 7.5 and 8") == true)
        #expect(casp.section("In Shaw et al. 2025")!.paragraphs[0].hasPrefix("33 studies appraised, mean total 8.65."))
    }

    @Test("explain kappa: meaning, the six Landis & Koch bands, worked examples and the review's reported value")
    func kappa() throws {
        let explanation = try seed.explain("kappa")
        let bands = try #require(explanation.section("Landis & Koch bands"))
        #expect(bands.items == ["< 0.00: poor", "0.00–0.20: slight", "0.21–0.40: fair", "0.41–0.60: moderate", "0.61–0.80: substantial", "0.81–1.00: almost perfect"])
        let text = explanation.allText
        #expect(text.contains("so \u{3BA} = 0.40 (fair)"))
        #expect(text.contains("\u{3BA} = 0.210 (fair)"))
        #expect(text.contains("give \u{3BA} = 0.13 and \u{3BA} = 0.26"))
        #expect(explanation.section("In Shaw et al. 2025")!.items.first!.hasSuffix("On the Landis & Koch scale 0.588 is moderate."))
        #expect(try seed.explain("fleiss").sections[1].heading == "Fleiss' kappa: many raters")
        #expect(try seed.explain("cohen").sections[1].heading == "Cohen's kappa: two raters")
    }

    // MARK: rendering

    @Test("plain text wraps at word boundaries within the width and loses no words", arguments: [40, 60, 80, 100])
    func wrapping(width: Int) throws {
        for topic in ExplainTopic.all {
            let explanation = seed.explain(topic)
            let text = explanation.plainText(width: width)
            for line in text.split(separator: "\n") where line.count > width {
                #expect(!line.trimmingCharacters(in: .whitespaces).contains(" "), "line over \(width): \(line)")
            }
            let words = { (s: String) in s.split(whereSeparator: { $0 == " " || $0 == "\n" }).map(String.init) }
            let rendered = Set(words(text))
            for paragraph in explanation.sections.flatMap(\.paragraphs) {
                #expect(words(paragraph).allSatisfy(rendered.contains))
            }
        }
    }

    @Test("markdown has the title, a heading per section and block-quoted definitions")
    func markdown() throws {
        let markdown = try seed.explain("knowledge").markdown()
        #expect(markdown.hasPrefix("# Knowledge\n"))
        #expect(markdown.contains("\n## Definition\n"))
        #expect(markdown.contains("> \u{201C}An awareness of the existence of something\u{201D}"))
        #expect(markdown.components(separatedBy: "\n## ").count - 1 == seed.explain(.knowledge).sections.count)
    }

    @Test("explanations encode to JSON and back")
    func json() throws {
        let explanation = try seed.explain("emotion")
        let data = try JSONEncoder().encode(explanation)
        #expect(try JSONDecoder().decode(Explanation.self, from: data) == explanation)
    }

    private func constructs(in explanation: Explanation) -> [String] {
        explanation.section("Constructs")!.items.map { $0.components(separatedBy: " (also in ").first! }
    }
}
