/// Builds the explanations behind `explain`: published definitions with sources, constructs, placement in COM-B,
/// what the workspace's review found, and what to look for when coding.
///
/// Counts are computed from the workspace each time, so they follow the reviewer's own coding and changes.
public struct Explainer: Sendable {
    /// The workspace whose coding the explanations describe.
    public let workspace: Workspace
    /// The COM-B ↔ TDF mapping in use.
    public let mapping: DomainMapping
    /// The CASP cut-offs in use (for `explain casp`).
    public let bands: QualityBands

    /// Creates an explainer for a workspace under a mapping (and CASP cut-offs).
    public init(workspace: Workspace, mapping: DomainMapping, bands: QualityBands = .seed) {
        self.workspace = workspace
        self.mapping = mapping
        self.bands = bands
    }

    /// Explains a typed term: a component or source, a domain (any alias), "com-b", "tdf", "mapping", "casp",
    /// "casp q6", "kappa", "fleiss", "cohen", "cerqual"; "" gives the overview.
    /// - Throws: ``ReviewError`` for an unknown or ambiguous term, with what can be explained and a did-you-mean.
    public func explain(_ term: String) throws(ReviewError) -> Explanation {
        explain(try ExplainTopic.resolve(term))
    }

    /// Explains a resolved topic.
    public func explain(_ topic: ExplainTopic) -> Explanation {
        switch topic {
        case .overview: overview()
        case .comb: comb()
        case .source(let source): explain(source)
        case .component(let component): explain(component)
        case .tdf: tdf()
        case .domain(let domain): explain(domain)
        case .mapping: mappingExplanation()
        case .casp: casp()
        case .caspQuestion(let number): caspQuestion(number)
        case .kappa: kappa(focus: nil)
        case .fleiss: kappa(focus: .fleiss)
        case .cohen: kappa(focus: .cohen)
        case .agreement: agreement()
        case .krippendorff: krippendorff()
        case .cerqual: CERQualExplainer(workspace: workspace, synthesis: workspace.synthesis, bands: bands).explanation()
        }
    }

    var findings: ReviewFindings { ReviewFindings(workspace: workspace) }

    // MARK: - Mapping helpers

    /// The other mapping, for "how the other mapping differs".
    var otherMapping: DomainMapping { mapping == .seed ? .standard : .seed }

    /// "seed mapping (Shaw et al. 2025, §3.2)".
    static func label(_ mapping: DomainMapping) -> String {
        switch mapping {
        case .seed: "seed mapping (Shaw et al. 2025, section 3.2)"
        case .standard: "standard mapping (Michie, Atkins & West 2014; Atkins et al. 2017)"
        }
    }

    /// Where a domain sits: "Psychological capability (cognitive and interpersonal skills) and Physical capability (physical skills)".
    static func placement(_ domain: TDFDomain, _ mapping: DomainMapping) -> String {
        joined(mapping.components(of: domain).map { component in
            mapping.qualifier(component, domain).map { "\(component.name) (\($0))" } ?? component.name
        })
    }

    /// "a", "a and b", "a, b and c".
    static func joined(_ names: [String]) -> String {
        guard names.count > 1 else { return names.first ?? "" }
        return names.dropLast().joined(separator: ", ") + " and " + names.last!
    }

    /// Teaching comment on why a domain's placement differs between the mappings, in the project's words.
    static func placementComment(_ domain: TDFDomain) -> String? {
        switch domain {
        case .skills:
            "Both mappings put Skills under both capabilities. The standard mapping says which skills go where: cognitive and interpersonal skills under psychological capability, physical skills under physical capability."
        case .socialProfessionalRoleAndIdentity, .optimism:
            "The standard mapping puts this domain under both motivations: a quote may show deliberate reasoning (reflective) or a more habitual, felt response (automatic). The seed review keeps it under reflective motivation only, as some published tables do."
        default: nil
        }
    }

    /// The placement paragraphs for a domain: the mapping in use, the other one, and a comment where they differ.
    func placementParagraphs(_ domain: TDFDomain) -> [String] {
        let inUse = Self.placement(domain, mapping), other = Self.placement(domain, otherMapping)
        var paragraphs = ["Under the \(Self.label(mapping)), in use: \(inUse)."]
        if inUse == other {
            paragraphs.append("The \(Self.label(otherMapping)) places it the same way.")
        } else {
            paragraphs.append("Under the \(Self.label(otherMapping)): \(other).")
            if let comment = Self.placementComment(domain) { paragraphs.append(comment) }
        }
        return paragraphs
    }

    /// The number of (domain, component) pairs a mapping joins.
    static func pairCount(_ mapping: DomainMapping) -> Int {
        TDFDomain.allCases.reduce(0) { $0 + mapping.components(of: $1).count }
    }

    /// One line per domain whose placement differs between two mappings.
    static func differences(_ first: DomainMapping, _ second: DomainMapping) -> [String] {
        TDFDomain.allCases.compactMap { domain in
            let a = placement(domain, first), b = placement(domain, second)
            return a == b ? nil : "\(domain.name): \(first.rawValue) \u{2192} \(a); \(second.rawValue) \u{2192} \(b)"
        }
    }

    /// Quotes coded to a (component, domain) pair the mapping in use does not allow.
    func quotesOutsideMapping(_ quotes: [Quote]) -> [Quote] {
        quotes.filter { quote in
            guard let component = quote.component, let domain = quote.domain else { return false }
            return !mapping.allows(component, domain)
        }
    }

    // MARK: - Overview

    /// The overview: the COM-B → TDF map under the mapping in use, with the review's quote and sub-theme counts.
    public func overview() -> Explanation {
        let f = findings
        let coded = f.quotes.filter { $0.component != nil && $0.domain != nil }
        let withoutData = TDFDomain.allCases.filter { f.quotes(domain: $0).isEmpty && f.subThemes(domain: $0).isEmpty }
        var sections = [Explanation.Section(heading: "How to read this", paragraphs: [
            "COM-B explains a behaviour by three sources, capability, opportunity and motivation, each split into two components. The 14 domains of the Theoretical Domains Framework (TDF) refine those six components. Below, each domain sits under its component(s) as the \(Self.label(mapping)) places it, with the number of the review's quotes and sub-themes coded there.",
            "\(f.reviewName) has \(ReviewFindings.plural(f.quotes.count, "quote")), \(coded.count) of them coded to a component and a domain, in \(ReviewFindings.plural(workspace.subThemes.count, "sub-theme")); \(14 - withoutData.count) of the 14 domains have data.",
        ])]
        for component in COMBComponent.allCases {
            let here = f.quotes(component: component)
            let items = mapping.domains(of: component).map { domainLine($0, under: component, f) }
            sections.append(Explanation.Section(
                heading: "\(component.name) (\(component.source.name.lowercased()))",
                paragraphs: [here.isEmpty ? "No quotes coded to this component." : ReviewFindings.describe(here).prefix(1).uppercased() + ReviewFindings.describe(here).dropFirst() + "."],
                items: items))
        }
        sections.append(Explanation.Section(
            heading: "Domains with no data",
            paragraphs: [withoutData.isEmpty ? "Every domain has at least one quote or sub-theme."
                         : "The review coded nothing to \(Self.joined(withoutData.map(\.name))). An empty domain is a finding too: either the studies did not report it, or coders did not see it."]))
        let outside = quotesOutsideMapping(coded)
        if !outside.isEmpty {
            sections.append(Explanation.Section(
                heading: "Coded outside the mapping",
                paragraphs: ["\(ReviewFindings.plural(outside.count, "quote")) pair a component and a domain that the \(Self.label(mapping)) does not join:"],
                items: outside.map { "\($0.label): \($0.component!.name) \u{00D7} \($0.domain!.name)" }))
        }
        sections.append(Explanation.Section(
            heading: "How the \(otherMapping.rawValue) mapping differs",
            paragraphs: ["\(mapping.rawValue.prefix(1).uppercased() + mapping.rawValue.dropFirst()): \(mapping.summary). \(otherMapping.rawValue.prefix(1).uppercased() + otherMapping.rawValue.dropFirst()): \(otherMapping.summary)."],
            items: Self.differences(mapping, otherMapping)))
        return Explanation(
            title: "COM-B and the TDF: overview",
            summary: "Mapping in use: \(Self.label(mapping)). Counts from \(f.reviewName).",
            sections: sections,
            seeAlso: ["explain com-b", "explain tdf", "explain mapping", "explain knowledge", "matrix", "tutorial", "quiz 5"])
    }

    /// A domain's line in the overview or a component's explanation.
    func domainLine(_ domain: TDFDomain, under component: COMBComponent, _ f: ReviewFindings) -> String {
        let name = mapping.qualifier(component, domain).map { "\(domain.name) (\($0))" } ?? domain.name
        let here = f.quotes(domain: domain, component: component)
        if !here.isEmpty {
            return "\(name): \(ReviewFindings.describe(here)), \(ReviewFindings.plural(f.subThemes(domain: domain, component: component).count, "sub-theme"))"
        }
        let elsewhere = f.quotes(domain: domain).filter { $0.component != nil }
        if !elsewhere.isEmpty {
            let components = COMBComponent.allCases.filter { c in elsewhere.contains { $0.component == c } }.map(\.name)
            return "\(name): none coded here (\(ReviewFindings.plural(elsewhere.count, "quote")) under \(Self.joined(components)))"
        }
        return "\(name): no data in the review"
    }

    // MARK: - COM-B

    /// The COM-B model: its three sources (definitions cited), six components and the review's counts per component.
    func comb() -> Explanation {
        let f = findings
        var sections = [Explanation.Section(heading: "The model", paragraphs: [
            "COM-B says that a behaviour (B) happens when a person has the capability (C), the opportunity (O) and the motivation (M) to do it. The three interact: having the capability and the opportunity can change motivation, and doing the behaviour can in turn change all three.",
            "Each source has two components, which gives six. The Theoretical Domains Framework's 14 domains refine them (see 'explain tdf' and 'explain mapping').",
        ])]
        for source in COMBComponent.Source.allCases {
            sections.append(Explanation.Section(
                heading: source.name,
                quotation: .init(text: source.definition, source: COMBComponent.Source.definitionSource),
                items: source.components.map { "\($0.name): \($0.summary)" }))
        }
        sections.append(Explanation.Section(
            heading: "In \(f.reviewName)",
            items: COMBComponent.allCases.map { "\($0.name): \(ReviewFindings.describe(f.quotes(component: $0)))" },
            notes: f.quotes(component: .physicalCapability).isEmpty ? ["no quote is coded to physical capability, so one of the six components has no data"] : []))
        return Explanation(
            title: "COM-B: capability, opportunity, motivation",
            summary: "Michie, van Stralen & West 2011, Implementation Science 6:42",
            sections: sections,
            seeAlso: ["explain capability", "explain opportunity", "explain motivation", "explain tdf"])
    }

    /// One COM-B source: its definition (cited), its two components and the domains under them.
    func explain(_ source: COMBComponent.Source) -> Explanation {
        let f = findings
        var sections = [Explanation.Section(
            heading: "Definition",
            quotation: .init(text: source.definition, source: COMBComponent.Source.definitionSource),
            paragraphs: ["COM-B splits \(source.name.lowercased()) into two components: \(Self.joined(source.components.map { $0.name.lowercased() }))."])]
        for component in source.components {
            sections.append(Explanation.Section(
                heading: component.name,
                paragraphs: ["In the project's words: \(component.summary)."],
                items: mapping.domains(of: component).map { domainLine($0, under: component, f) }))
        }
        sections.append(Explanation.Section(
            heading: "What to look for when coding",
            paragraphs: [CodingGuidance.contrast(source.components[0])],
            items: source.components.flatMap { CodingGuidance.cues($0).map { cue in "\(cue)" } }))
        return Explanation(
            title: source.name,
            summary: "A COM-B source; domains as the \(Self.label(mapping)) places them",
            sections: sections,
            seeAlso: source.components.map { "explain \($0.slug)" } + ["explain com-b"])
    }

    /// One COM-B component: its source's definition (cited), a summary, its domains, the review's findings and coding cues.
    func explain(_ component: COMBComponent) -> Explanation {
        let f = findings
        let here = f.quotes(component: component)
        let themes = f.subThemes(component: component)
        var review = Explanation.Section(heading: "In \(f.reviewName)")
        if here.isEmpty && themes.isEmpty {
            review.paragraphs = ["The review coded no quotes and no sub-themes to \(component.name.lowercased())."]
        } else {
            review.paragraphs = ["\(ReviewFindings.describe(here).prefix(1).uppercased() + ReviewFindings.describe(here).dropFirst()) in \(ReviewFindings.plural(themes.count, "sub-theme"))."]
            review.items = themes.map { "\($0.domain.name), \(f.item($0))" }
            review.example = ReviewFindings.example(from: here).map { Explanation.Example($0, in: workspace) }
            let outside = quotesOutsideMapping(here)
            if !outside.isEmpty {
                review.notes.append("\(ReviewFindings.plural(outside.count, "quote")) (\(outside.map(\.label).joined(separator: ", "))) pair this component with a domain the \(mapping.rawValue) mapping does not place under it")
            }
        }
        let otherDomains = otherMapping.domains(of: component)
        let inUse = mapping.domains(of: component)
        var placement = Explanation.Section(heading: "TDF domains under it", items: inUse.map { domainLine($0, under: component, f) })
        if otherDomains == inUse {
            placement.paragraphs = ["As the \(Self.label(mapping)) places them; the \(otherMapping.rawValue) mapping places the same domains here."]
        } else {
            let added = otherDomains.filter { !inUse.contains($0) }.map(\.name)
            let removed = inUse.filter { !otherDomains.contains($0) }.map(\.name)
            var difference: [String] = []
            if !added.isEmpty { difference.append("adds \(Self.joined(added))") }
            if !removed.isEmpty { difference.append("leaves out \(Self.joined(removed))") }
            placement.paragraphs = ["As the \(Self.label(mapping)) places them. The \(otherMapping.rawValue) mapping \(difference.joined(separator: " and "))."]
        }
        return Explanation(
            title: component.name,
            summary: "COM-B component (\(component.source.name.lowercased())); \(component.abbreviation)",
            sections: [
                Explanation.Section(
                    heading: "Definition",
                    quotation: .init(text: component.source.definition, source: COMBComponent.Source.definitionSource),
                    paragraphs: ["The published definition is of \(component.source.name.lowercased()) as a whole. In the project's words, \(component.name.lowercased()) covers \(component.summary)."]),
                placement,
                review,
                Explanation.Section(heading: "What to look for when coding", paragraphs: [CodingGuidance.contrast(component)], items: CodingGuidance.cues(component)),
            ],
            seeAlso: inUse.prefix(3).map { "explain \($0.slug)" } + ["quotes where component = \(component.slug)", "explain \(component.source.rawValue)"])
    }

    // MARK: - TDF

    /// Where each construct is numbered in the 1–84 list (first, last).
    static func constructNumbers(_ domain: TDFDomain) -> ClosedRange<Int> {
        let before = TDFDomain.allCases.filter { $0 < domain }.reduce(0) { $0 + $1.constructs.count }
        return (before + 1)...(before + domain.constructs.count)
    }

    /// The TDF as a whole: versions, the 14 domains with their definitions (cited), constructs and the review's counts.
    func tdf() -> Explanation {
        let f = findings
        let total = TDFDomain.allCases.reduce(0) { $0 + $1.constructs.count }
        let shared = TDFDomain.allCases.flatMap { domain in domain.sharedConstructs.filter { $0.otherDomain > domain }.map { "\($0.construct): \(domain.name) and \($0.otherDomain.name)" } }
        return Explanation(
            title: "The Theoretical Domains Framework (TDF)",
            summary: "Version 2: 14 domains, \(total) theoretical constructs (Cane, O'Connor & Michie 2012)",
            sections: [
                Explanation.Section(heading: "What it is", paragraphs: [
                    "The TDF gathers the constructs of 33 behaviour change theories (Atkins et al. 2017) into domains, so that a reviewer can ask about, and code, the influences on a behaviour without committing to one theory. The first version (Michie et al. 2005) had 12 domains. Cane, O'Connor and Michie (2012) validated and refined it: experts sorted 112 theoretical constructs, and the result was 14 domains.",
                    "Each domain groups constructs; the \(total) constructs of version 2 are numbered 1\u{2013}\(total) in \(TDFDomain.constructSource). Six construct names appear in two domains by design, so counting unique names gives fewer than \(total).",
                ], items: shared),
                Explanation.Section(
                    heading: "The 14 domains",
                    paragraphs: ["Definitions are quoted from \(TDFDomain.definitionSource)."],
                    items: TDFDomain.allCases.map { domain in
                        "\(domain.rawValue). \(domain.name): \u{201C}\(domain.definition)\u{201D} (\(domain.constructs.count) constructs; \(ReviewFindings.plural(f.quotes(domain: domain).count, "quote")) in the review)"
                    }),
                Explanation.Section(heading: "Using it with COM-B", paragraphs: [
                    "Each domain sits under one or two COM-B components; 'explain mapping' compares the two mappings this tool knows. The \(Self.label(mapping)) is in use.",
                ]),
            ],
            seeAlso: ["explain mapping", "domains", "explain knowledge", "explain com-b"])
    }

    /// Construct names in a domain that the reference marks as recalled rather than checked against Cane 2012 Table 3.
    public static func unverifiedConstructs(_ domain: TDFDomain) -> [String] {
        switch domain {
        case .goals, .emotion: domain.constructs
        case .socialInfluences: Array(domain.constructs.suffix(5))
        default: []
        }
    }

    /// One TDF domain: definition (cited), constructs, placement in COM-B, the review's findings and coding advice.
    func explain(_ domain: TDFDomain) -> Explanation {
        let f = findings
        let numbers = Self.constructNumbers(domain)
        let unverified = Self.unverifiedConstructs(domain)
        var constructNotes: [String] = []
        if !domain.sharedConstructs.isEmpty {
            constructNotes.append("a construct marked 'also in' is listed under two domains by design; decide by what the quote is about, not by the construct's name")
        }
        if unverified.count == domain.constructs.count {
            constructNotes.append("construct list not verified against Cane 2012 Table 3 (the project's reference gives these names from memory)")
        } else if !unverified.isEmpty {
            constructNotes.append("construct list not verified against Cane 2012 Table 3 for the last \(unverified.count) (\(unverified.joined(separator: ", "))); the first \(domain.constructs.count - unverified.count) are checked")
        }
        let constructs = Explanation.Section(
            heading: "Constructs (\(domain.constructs.count) of the 84 in TDF v2)",
            paragraphs: ["Numbered \(numbers.lowerBound)\u{2013}\(numbers.upperBound) of 84 in \(TDFDomain.constructSource)."],
            items: domain.constructs.map { construct in
                let others = TDFDomain.allCases.filter { $0 != domain && $0.constructs.contains(construct) }.map(\.name)
                return others.isEmpty ? construct : "\(construct) (also in \(Self.joined(others)))"
            },
            notes: constructNotes)

        let here = f.quotes(domain: domain)
        let themes = f.subThemes(domain: domain)
        var review = Explanation.Section(heading: "In \(f.reviewName)")
        if here.isEmpty && themes.isEmpty {
            review.paragraphs = ["The review coded no quotes and no sub-themes to \(domain.name)."]
        } else {
            var paragraphs = ["\(ReviewFindings.describe(here).prefix(1).uppercased() + ReviewFindings.describe(here).dropFirst()) in \(ReviewFindings.plural(themes.count, "sub-theme"))."]
            let components = COMBComponent.allCases.filter { c in here.contains { $0.component == c } }
            if !components.isEmpty { paragraphs.append("Coded under \(Self.joined(components.map(\.name))).") }
            review.paragraphs = paragraphs
            let themed = Set(themes.map(\.id))
            review.items = themes.map { f.item($0) }
            let loose = here.filter { $0.subTheme == nil || !themed.contains($0.subTheme!) }
            if !loose.isEmpty { review.items.append("Not in a sub-theme of this domain: \(ReviewFindings.plural(loose.count, "quote"))") }
            review.example = ReviewFindings.example(from: here).map { Explanation.Example($0, in: workspace) }
            let outside = quotesOutsideMapping(here)
            if !outside.isEmpty {
                review.notes.append("\(ReviewFindings.plural(outside.count, "quote")) (\(outside.map(\.label).joined(separator: ", "))) are coded under a component the \(mapping.rawValue) mapping does not place this domain under")
            }
        }

        var look = Explanation.Section(heading: "What to look for when coding", paragraphs: ["Signs that a quote belongs here:"])
        look.items = CodingGuidance.cues(domain)
        look.items.append("Typical phrasings (invented examples): " + CodingGuidance.phrasings(domain).map { "\u{201C}\($0)\u{201D}" }.joined(separator: ", "))
        if let prompt = domain.interviewPrompt { look.items.append("A typical TDF interview question for this domain: \u{201C}\(prompt)\u{201D}") }
        let confusions = CodingGuidance.confusions(domain)
        var sections = [
            Explanation.Section(
                heading: "Definition",
                quotation: .init(text: domain.definition, source: TDFDomain.definitionSource),
                paragraphs: ["In the project's words: \(CodingGuidance.focus(domain))."]),
            constructs,
            Explanation.Section(heading: "Where it sits in COM-B", paragraphs: placementParagraphs(domain)),
            review,
            look,
        ]
        if !confusions.isEmpty {
            sections.append(Explanation.Section(heading: "Often confused with", items: confusions.map(\.advice)))
        }
        let components = mapping.components(of: domain)
        return Explanation(
            title: domain.name,
            summary: "TDF domain \(domain.rawValue) of 14 \u{00B7} \(Self.placement(domain, mapping)) under the \(mapping.rawValue) mapping",
            sections: sections,
            seeAlso: confusions.prefix(2).map { "explain \($0.other.slug)" } + components.map { "explain \($0.slug)" }
                + ["quotes where domain = \(domain.slug)", "quiz 5 \(domain.slug)"])
    }

    // MARK: - Mapping

    /// Both mappings side by side, the one in use first, with their sources, differences and published variants.
    func mappingExplanation() -> Explanation {
        var sections: [Explanation.Section] = []
        for m in [mapping, otherMapping] {
            sections.append(Explanation.Section(
                heading: (m == mapping ? "In use: " : "Alternative: ") + Self.label(m),
                paragraphs: [m.summary.prefix(1).uppercased() + m.summary.dropFirst() + "."],
                items: COMBComponent.allCases.map { component in
                    "\(component.name): " + m.domains(of: component).map { domain in m.qualifier(component, domain).map { "\(domain.name) (\($0))" } ?? domain.name }.joined(separator: "; ")
                }))
        }
        sections.append(Explanation.Section(
            heading: "Differences",
            paragraphs: ["Either way the map from domains to components is one-to-many: some domains sit under two components. For the 14 domains the \(mapping.rawValue) mapping gives \(Self.pairCount(mapping)) domain\u{2013}component pairs and the \(otherMapping.rawValue) mapping \(Self.pairCount(otherMapping))."],
            items: Self.differences(mapping, otherMapping)))
        sections.append(Explanation.Section(
            heading: "Other published variants",
            paragraphs: ["Published COM-B\u{2013}TDF tables do not all agree, so a review should say which mapping it used. For example:"],
            items: [
                "Social/Professional Role and Identity and Optimism under reflective motivation only, with automatic motivation limited to Reinforcement and Emotion, as in the seed review (BMC Health Services Research 2018, doi:10.1186/s12913-018-3778-2, Table 1).",
                "Skills under physical capability only, with Reinforcement and Optimism left off the map (BMC Health Services Research 2020, doi:10.1186/s12913-020-05255-w, Table 3).",
                "One secondary table swaps the definitions of Beliefs about Capabilities and Beliefs about Consequences (BMC Health Services Research 2020;20:353, Table 1): check definitions against Cane et al. 2012.",
            ]))
        let f = findings
        let coded = f.quotes.filter { $0.component != nil && $0.domain != nil }
        let outsideUse = quotesOutsideMapping(coded).count
        let outsideOther = coded.filter { !otherMapping.allows($0.component!, $0.domain!) }.count
        sections.append(Explanation.Section(
            heading: "In \(f.reviewName)",
            paragraphs: ["Of \(ReviewFindings.plural(coded.count, "coded quote")), \(outsideUse) pair a component and a domain that the \(mapping.rawValue) mapping does not join, and \(outsideOther) that the \(otherMapping.rawValue) mapping does not join."]))
        return Explanation(
            title: "Mapping TDF domains to COM-B",
            summary: "In use: \(mapping.rawValue). The shell's 'set mapping' chooses another.",
            sections: sections,
            seeAlso: ["explain skills", "explain spri", "explain optimism", "matrix"])
    }
}
