/// The codes of a review's framework as a REFI-QDA codebook, with stable GUIDs and the index from a
/// coding to its codes.
///
/// Hierarchy: COM-B component → TDF domain (under each component the mapping puts it, and under any other
/// component a quote or sub-theme of the review codes it with) → Barrier / Facilitator → the review's
/// sub-themes ("2. Lack of resource available"). Codings that are only partly done (a direction or a domain
/// without a component, a direction without a domain) need codes outside that tree: top-level "Barrier",
/// "Facilitator" and domain codes are added when the review has such codings, and a partial coding is exported
/// as one Coding per part. Free codes (tags) follow at the top level. Every code is codable; descendants take
/// their component's colour. GUIDs are UUIDv5 of the code's path, so the same review always gives the same
/// GUIDs and the framework's codes have the same GUIDs in every review.
public struct ReviewCodebook: Sendable {
    /// The codebook.
    public var codebook: REFICodebook
    /// Code GUIDs by component, by (component, domain), by (component, domain, direction), by sub-theme id, by tag.
    var componentCodes: [COMBComponent: String] = [:]
    var domainCodes: [Pair: String] = [:]
    var directionCodes: [Triple: String] = [:]
    var subThemeCodes: [Int: String] = [:]
    var tagCodes: [String: String] = [:]
    var looseDirectionCodes: [Direction: String] = [:]
    var looseDomainCodes: [TDFDomain: String] = [:]

    struct Pair: Hashable { var component: COMBComponent; var domain: TDFDomain }
    struct Triple: Hashable { var component: COMBComponent; var domain: TDFDomain; var direction: Direction }

    /// The colour of each COM-B component's codes (Okabe & Ito's colour-blind-safe palette): capability in
    /// blues, opportunity in green and yellow, motivation in vermillion and purple.
    public static func color(of component: COMBComponent) -> String {
        switch component {
        case .psychologicalCapability: "#0072B2"
        case .physicalCapability: "#56B4E9"
        case .physicalOpportunity: "#009E73"
        case .socialOpportunity: "#F0E442"
        case .reflectiveMotivation: "#D55E00"
        case .automaticMotivation: "#CC79A7"
        }
    }

    /// The colour of free codes.
    public static let freeCodeColor = "#999999"

    /// The colour of the codes for partial codings (a direction or domain without a component).
    public static let partialCodeColor = "#777777"

    /// The origin written into exports.
    public static let origin = "review (REFI-QDA 1.5 export)"

    /// Builds the codebook of a workspace.
    ///
    /// - Parameters:
    ///   - mapping: which domains sit under which components.
    ///   - tags: free codes to include (in the order given; repeats ignored).
    ///   - codings: further codings the export will carry (other coders'), so that the codes they need exist.
    public init(workspace: Workspace, mapping: DomainMapping = .seed, tags: [String] = [], codings: [FrameworkCoding] = []) {
        var pairs = Set<Pair>()
        for component in COMBComponent.allCases { for domain in mapping.domains(of: component) { pairs.insert(Pair(component: component, domain: domain)) } }
        for theme in workspace.subThemes { pairs.insert(Pair(component: theme.component, domain: theme.domain)) }
        let q = workspace.quotes
        for row in 0..<q.count {
            if let component = COMBComponent(rawValue: q.components[row]), let domain = TDFDomain(rawValue: q.domains[row]) {
                pairs.insert(Pair(component: component, domain: domain))
            }
        }
        for coding in codings {
            if let component = coding.component, let domain = coding.domain { pairs.insert(Pair(component: component, domain: domain)) }
        }
        // Partial codings: which top-level direction and domain codes are needed.
        var looseDirections = Set<Direction>(), looseDomains = Set<TDFDomain>()
        func needs(_ component: COMBComponent?, _ domain: TDFDomain?, _ direction: Direction?) {
            if component == nil, let domain { looseDomains.insert(domain) }
            if let direction, component == nil || domain == nil { looseDirections.insert(direction) }
        }
        for row in 0..<q.count {
            needs(COMBComponent(rawValue: q.components[row]), TDFDomain(rawValue: q.domains[row]), Direction(rawValue: q.directions[row]))
        }
        for coding in codings where coding.subTheme == nil { needs(coding.component, coding.domain, coding.direction) }
        var themesByGroup: [Triple: [SubTheme]] = [:]
        for theme in workspace.subThemes {
            themesByGroup[Triple(component: theme.component, domain: theme.domain, direction: theme.direction), default: []].append(theme)
        }

        var codes: [REFICode] = []
        for component in COMBComponent.allCases {
            let color = Self.color(of: component)
            let componentPath = "code:component:\(component.slug)"
            var domains: [REFICode] = []
            for domain in TDFDomain.allCases where pairs.contains(Pair(component: component, domain: domain)) {
                let domainPath = componentPath + ":domain:\(domain.slug)"
                var directions: [REFICode] = []
                for direction in Direction.allCases {
                    let triple = Triple(component: component, domain: domain, direction: direction)
                    let directionPath = domainPath + ":direction:\(direction.slug)"
                    var themes: [REFICode] = []
                    let group = (themesByGroup[triple] ?? []).sorted { ($0.number, $0.id) < ($1.number, $1.id) }
                    var seenKeys: [String: Int] = [:]
                    for theme in group {
                        let key = TextFolding.nameKey(theme.label)
                        seenKeys[key, default: 0] += 1
                        let themePath = directionPath + ":subtheme:" + key + (seenKeys[key]! > 1 ? ":\(theme.id)" : "")
                        let guid = REFIGUID.make(themePath)
                        subThemeCodes[theme.id] = guid
                        themes.append(REFICode(guid: guid, name: "\(theme.number). \(theme.label)", color: color,
                                               description: Self.subThemeDescription(theme)))
                    }
                    let guid = REFIGUID.make(directionPath)
                    directionCodes[triple] = guid
                    directions.append(REFICode(guid: guid, name: direction.name, color: color,
                                               description: "\(direction.name)s coded under \(domain.name) within \(component.name.lowercased()).",
                                               children: themes))
                }
                let guid = REFIGUID.make(domainPath)
                domainCodes[Pair(component: component, domain: domain)] = guid
                domains.append(REFICode(guid: guid, name: domain.name, color: color,
                                        description: Self.domainDescription(domain, component: component, mapping: mapping), children: directions))
            }
            let guid = REFIGUID.make(componentPath)
            componentCodes[component] = guid
            codes.append(REFICode(guid: guid, name: component.name, color: color, description: Self.componentDescription(component), children: domains))
        }
        for direction in Direction.allCases where looseDirections.contains(direction) {
            let guid = REFIGUID.make("code:direction:\(direction.slug)")
            looseDirectionCodes[direction] = guid
            codes.append(REFICode(guid: guid, name: direction.name, color: Self.partialCodeColor,
                                  description: "\(direction.name), for quotes whose COM-B component or TDF domain is not coded."))
        }
        for domain in TDFDomain.allCases where looseDomains.contains(domain) {
            let guid = REFIGUID.make("code:domain:\(domain.slug)")
            looseDomainCodes[domain] = guid
            codes.append(REFICode(guid: guid, name: domain.name, color: Self.partialCodeColor,
                                  description: "TDF domain \(domain.rawValue), for quotes whose COM-B component is not coded: \(domain.definition)."))
        }
        for tag in tags {
            let key = TextFolding.nameKey(tag)
            guard !key.isEmpty, tagCodes[key] == nil else { continue }
            let guid = REFIGUID.make("code:tag:" + key)
            tagCodes[key] = guid
            codes.append(REFICode(guid: guid, name: tag, color: Self.freeCodeColor, description: "Free code (tag) of the review."))
        }
        codebook = REFICodebook(origin: Self.origin, codes: codes)
    }

    /// The GUIDs of the codes that together make a coding: one for a complete or component-first coding, one per
    /// part for a partial one (direction and domain without a component); empty when nothing is coded or the
    /// codebook lacks a code the coding needs (it was built without that coding).
    public func codes(for coding: FrameworkCoding) -> [String] {
        if let id = coding.subTheme, let guid = subThemeCodes[id] { return [guid] }
        var out: [String?] = []
        if let component = coding.component {
            if let domain = coding.domain {
                if let direction = coding.direction {
                    out.append(directionCodes[Triple(component: component, domain: domain, direction: direction)])
                } else {
                    out.append(domainCodes[Pair(component: component, domain: domain)])
                }
            } else {
                out.append(componentCodes[component])
                if let direction = coding.direction { out.append(looseDirectionCodes[direction]) }
            }
        } else {
            if let domain = coding.domain { out.append(looseDomainCodes[domain]) }
            if let direction = coding.direction { out.append(looseDirectionCodes[direction]) }
        }
        return out.contains(nil) ? [] : out.compactMap { $0 }
    }

    /// The GUID of the single most specific code for a coding, when one code makes it.
    public func code(for coding: FrameworkCoding) -> String? {
        let codes = codes(for: coding)
        return codes.count == 1 ? codes[0] : nil
    }

    /// The GUID of a free code's code.
    public func code(forTag tag: String) -> String? { tagCodes[TextFolding.nameKey(tag)] }

    static func componentDescription(_ component: COMBComponent) -> String {
        let source = component.source
        return "COM-B component: \(component.summary). \(source.name) (Michie et al. 2011): \(source.definition). "
            + "Source: \(COMBComponent.Source.definitionSource)."
    }

    static func domainDescription(_ domain: TDFDomain, component: COMBComponent, mapping: DomainMapping) -> String {
        var text = "TDF domain \(domain.rawValue): \(domain.definition). Constructs: \(domain.constructs.joined(separator: "; "))."
        if let qualifier = mapping.qualifier(component, domain) { text += " Under \(component.name.lowercased()): \(qualifier)." }
        return text + " Source: \(TDFDomain.definitionSource)."
    }

    /// The first line names the sub-theme's id so that importing the review's own export restores it.
    static func subThemeDescription(_ theme: SubTheme) -> String {
        "review sub-theme \(theme.id) (\(theme.code)): \(theme.label)"
    }
}
