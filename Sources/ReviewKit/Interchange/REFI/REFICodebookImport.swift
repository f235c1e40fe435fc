/// What a codebook's codes mean in a review: each code resolved by name and alias through the hierarchy to
/// a COM-B component, TDF domain, direction and sub-theme, or kept as a free code (a tag).
public struct CodebookImportPlan: Sendable {
    /// How one code was understood.
    public enum Meaning: Sendable, Equatable {
        /// A framework code: a component, a domain, a direction, or a combination ("Barrier: Knowledge").
        case framework
        /// A sub-theme the workspace already has.
        case existingSubTheme(id: Int)
        /// A sub-theme this import adds.
        case newSubTheme(id: Int)
        /// Not part of the framework: kept as a free code (tag) with this name.
        case freeCode(String)
    }

    /// One code of the codebook.
    public struct ResolvedCode: Sendable, Equatable {
        /// The code's GUID.
        public var guid: String
        /// The names from the top-level code down to this one.
        public var path: [String]
        /// How it was understood.
        public var meaning: Meaning
        /// The coding it stands for (its own and its ancestors' framework parts; the component filled in from the
        /// domain when the mapping puts the domain under one component only).
        public var coding: FrameworkCoding
        /// The free code it carries (its own name when it is one, else the nearest ancestor's that is), if any.
        public var freeCode: String?
        /// Why a name was not taken at face value, when it was not (lowercase), for the listing.
        public var note: String?

        /// The path written "A > B > C".
        public var pathText: String { path.joined(separator: " > ") }
    }

    /// Every code, depth first in document order.
    public var codes: [ResolvedCode]
    /// The sub-themes to add, in the order they should be listed.
    public var newSubThemes: [SubTheme]
    /// The free codes (tags) the codebook brings, distinct, in document order.
    public var freeCodes: [String]

    /// The changes: the new sub-themes.
    public var changes: [WorkspaceChange] { newSubThemes.map { .addSubTheme($0, at: nil) } }

    /// A resolved code by GUID (compared without case or braces).
    public func code(_ guid: String) -> ResolvedCode? {
        index[REFIGUID.key(guid)].map { codes[$0] }
    }

    var index: [String: Int] = [:]

    /// One lowercase line per code that did not resolve to the framework, for the shell to list.
    public var report: [String] {
        codes.compactMap { code in
            switch code.meaning {
            case .freeCode(let name): return "code '\(code.pathText)' is not part of the framework; kept as free code '\(name)'" + (code.note.map { " (\($0))" } ?? "")
            default: return code.note.map { "code '\(code.pathText)': \($0)" }
            }
        }
    }
}

/// Resolves a REFI-QDA code tree against the framework and a workspace's sub-themes.
public enum REFICodebookImport {
    /// Plans the import of a codebook into a workspace.
    ///
    /// A domain's component is filled in when the mapping puts the domain under one component only ("Knowledge"
    /// alone means psychological capability), except in `review`'s own exports, whose codes say exactly what was coded.
    public static func plan(_ codebook: REFICodebook, into workspace: Workspace, mapping: DomainMapping = .seed) -> CodebookImportPlan {
        plan(codebook.codes, into: workspace, mapping: mapping, inferComponents: codebook.origin != ReviewCodebook.origin)
    }

    /// Plans the import of a code tree (a codebook's or a project's) into a workspace.
    public static func plan(_ codes: [REFICode], into workspace: Workspace, mapping: DomainMapping = .seed,
                            inferComponents: Bool = true) -> CodebookImportPlan {
        var resolver = Resolver(workspace: workspace, mapping: mapping, inferComponents: inferComponents)
        for code in codes { resolver.walk(code) }
        return resolver.finish()
    }

    /// What a name says on its own.
    struct NameMeaning {
        var coding = FrameworkCoding()
        var source: COMBComponent.Source?
        var isEmpty: Bool { coding.isEmpty && source == nil }
    }

    /// The context a code inherits from its ancestors.
    struct Context {
        var coding = FrameworkCoding()
        var source: COMBComponent.Source?
        var freeCode: String?
        var path: [String] = []
    }

    struct Resolver {
        let workspace: Workspace
        let mapping: DomainMapping
        let inferComponents: Bool
        var codes: [CodebookImportPlan.ResolvedCode] = []
        var index: [String: Int] = [:]
        var newThemes: [(theme: SubTheme, preferredID: Int?, order: Int)] = []
        var freeCodes: [String] = []
        var freeKeys = Set<String>()
        var themeKeys: [String: Int] = [:]         // group + label key → sub-theme id (existing and new)
        var nextNumber: [String: Int] = [:]         // group → next sub-theme number
        var usedIDs: Set<Int>

        init(workspace: Workspace, mapping: DomainMapping, inferComponents: Bool) {
            self.workspace = workspace
            self.mapping = mapping
            self.inferComponents = inferComponents
            usedIDs = Set(workspace.subThemes.map(\.id))
            for theme in workspace.subThemes {
                let group = Self.group(theme.direction, theme.component, theme.domain)
                themeKeys[group + "|" + TextFolding.nameKey(theme.label)] = theme.id
                nextNumber[group] = max(nextNumber[group] ?? 1, theme.number + 1)
            }
        }

        static func group(_ direction: Direction, _ component: COMBComponent, _ domain: TDFDomain) -> String {
            "\(direction.rawValue).\(component.rawValue).\(domain.rawValue)"
        }

        /// Walks a code tree depth first without recursion.
        mutating func walk(_ root: REFICode) {
            var stack: [(REFICode, Context)] = [(root, Context())]
            while let (code, context) = stack.popLast() {
                let child = resolve(code, in: context)
                for next in code.children.reversed() { stack.append((next, child)) }
            }
        }

        /// Resolves one code and returns the context its children inherit.
        mutating func resolve(_ code: REFICode, in context: Context) -> Context {
            let name = code.name.trimmingCharacters(in: .whitespacesAndNewlines)
            var inner = context
            inner.path.append(name)
            var resolved = CodebookImportPlan.ResolvedCode(guid: code.guid, path: inner.path, meaning: .framework,
                                                           coding: context.coding, freeCode: context.freeCode)
            defer {
                index[REFIGUID.key(code.guid)] = codes.count
                codes.append(resolved)
            }

            // Under a free code or a sub-theme, everything is a further free code (keeping the coding above it).
            if context.freeCode == nil, context.coding.subTheme == nil, let meaning = Self.meaning(of: name, source: context.source) {
                if let merged = context.coding.merged(with: meaning.coding) {
                    resolved.coding = merged
                    inner.source = meaning.source ?? context.source
                    fillComponent(&resolved.coding)
                    inner.coding = resolved.coding
                    return inner
                }
                resolved.note = "'\(name)' contradicts the code above it (\(context.coding.summary))"
            } else if context.freeCode == nil, context.coding.subTheme == nil,
                      let theme = subTheme(named: name, description: code.description, coding: context.coding) {
                resolved.coding.subTheme = theme.id
                resolved.coding = resolvedThemeCoding(theme.id, base: context.coding)
                resolved.meaning = theme.isNew ? .newSubTheme(id: theme.id) : .existingSubTheme(id: theme.id)
                inner.coding = resolved.coding
                return inner
            }
            let tag = name.isEmpty ? "(unnamed code)" : name
            resolved.meaning = .freeCode(tag)
            resolved.freeCode = tag
            fillComponent(&resolved.coding)
            inner.freeCode = tag
            inner.coding = resolved.coding
            if freeKeys.insert(TextFolding.nameKey(tag)).inserted { freeCodes.append(tag) }
            return inner
        }

        /// The coding of a sub-theme: its group's parts.
        func resolvedThemeCoding(_ id: Int, base: FrameworkCoding) -> FrameworkCoding {
            var coding = base
            coding.subTheme = id
            if let theme = workspace.subTheme(id) ?? newThemes.first(where: { $0.theme.id == id })?.theme {
                coding.direction = theme.direction
                coding.component = theme.component
                coding.domain = theme.domain
            }
            return coding
        }

        /// Fills the component from the domain when the mapping puts the domain under exactly one component.
        func fillComponent(_ coding: inout FrameworkCoding) {
            guard inferComponents, coding.component == nil, let domain = coding.domain else { return }
            let components = mapping.components(of: domain)
            if components.count == 1 { coding.component = components[0] }
        }

        /// The sub-theme a code under a direction names: an existing one by label, else a new one. Nil when the
        /// code's context lacks a direction, a domain, or a component that can be told.
        mutating func subTheme(named name: String, description: String?, coding: FrameworkCoding) -> (id: Int, isNew: Bool)? {
            var coding = coding
            if coding.component == nil, let domain = coding.domain {
                // A sub-theme needs its component even in an export that infers nothing else.
                let components = mapping.components(of: domain)
                if components.count == 1 { coding.component = components[0] }
            }
            guard let direction = coding.direction, let component = coding.component, let domain = coding.domain, !name.isEmpty else { return nil }
            let (number, label) = Self.numberedLabel(name)
            guard !label.isEmpty else { return nil }
            let group = Self.group(direction, component, domain)
            let key = group + "|" + TextFolding.nameKey(label)
            if let id = themeKeys[key] { return (id, workspace.subTheme(id) == nil) }
            let preferred = description.flatMap(Self.preferredID)
            let themeNumber = number ?? nextNumber[group] ?? 1
            nextNumber[group] = max(nextNumber[group] ?? 1, themeNumber + 1)
            // Ids are assigned in `finish`, once every preferred id is known; a placeholder keeps them apart.
            let placeholder = -(newThemes.count + 1)
            newThemes.append((SubTheme(id: placeholder, direction: direction, component: component, domain: domain, number: themeNumber, label: label),
                              preferred, newThemes.count))
            themeKeys[key] = placeholder
            return (placeholder, true)
        }

        /// "2. Lack of training" → (2, "Lack of training"); "B/ECR/2 Lack of training" → (2, …); else (nil, name).
        static func numberedLabel(_ name: String) -> (Int?, String) {
            var rest = Substring(name)
            if let space = rest.firstIndex(of: " ") {
                let head = rest[..<space]
                let parts = head.split(separator: "/")
                if parts.count == 3, ["b", "f"].contains(parts[0].lowercased()), let number = Int(parts[2]), number > 0 {
                    return (number, rest[rest.index(after: space)...].trimmingCharacters(in: .whitespaces))
                }
            }
            let digits = rest.prefix(while: { $0.isASCII && $0.isNumber })
            guard !digits.isEmpty, digits.count <= 6, let number = Int(digits), number > 0 else { return (nil, name) }
            rest = rest.dropFirst(digits.count)
            guard let mark = rest.first, mark == "." || mark == ")" else { return (nil, name) }
            let label = rest.dropFirst().trimmingCharacters(in: .whitespaces)
            return label.isEmpty ? (nil, name) : (number, label)
        }

        /// The id `review` wrote into a sub-theme's description ("review sub-theme 14 (B/ECR/2): …").
        static func preferredID(_ description: String) -> Int? {
            let prefix = "review sub-theme "
            guard description.hasPrefix(prefix) else { return nil }
            let digits = description.dropFirst(prefix.count).prefix(while: { $0.isASCII && $0.isNumber })
            guard digits.count <= 9, let id = Int(digits), id > 0 else { return nil }
            return id
        }

        /// What a code's name means in the framework: the whole name first, then its parts split at ":", " - ",
        /// "|", ">" or " / " when every part resolves ("Barrier: Knowledge", "B - ECR").
        static func meaning(of name: String, source: COMBComponent.Source?) -> NameMeaning? {
            if let whole = single(name, source: source) { return whole }
            for separator in ["::", ":", " - ", " – ", " — ", "|", ">", " / "] where name.contains(separator) {
                let parts = name.components(separatedBy: separator).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
                guard parts.count > 1 else { continue }
                var combined = NameMeaning()
                var ok = true
                for part in parts {
                    guard let meaning = single(part, source: combined.source ?? source),
                          let merged = combined.coding.merged(with: meaning.coding) else { ok = false; break }
                    combined.coding = merged
                    combined.source = meaning.source ?? combined.source
                }
                if ok && !combined.isEmpty { return combined }
            }
            return nil
        }

        /// One name: a direction, component, domain or COM-B source, matched exactly by name or alias (case,
        /// accents, spacing and "&" ignored). Prefixes are not accepted here: a free code such as "Know-how"
        /// must not become Knowledge.
        static func single(_ name: String, source: COMBComponent.Source?) -> NameMeaning? {
            let key = TextFolding.nameKey(name)
            guard !key.isEmpty else { return nil }
            var meaning = NameMeaning()
            if let direction = exact(Framework.directions, key, Names.directions) {
                meaning.coding.direction = direction
                return meaning
            }
            if let source, let component = exact(Framework.components, TextFolding.nameKey(name + " " + source.rawValue), Names.components),
               component.source == source {
                meaning.coding.component = component
                return meaning
            }
            if let component = exact(Framework.components, key, Names.components) {
                meaning.coding.component = component
                return meaning
            }
            if let domain = exact(Framework.domains, key, Names.domains) {
                meaning.coding.domain = domain
                return meaning
            }
            if let found = exact(Framework.sources, key, Names.sources) {
                meaning.source = found
                return meaning
            }
            return nil
        }

        /// The folded names and aliases of each kind, so that only a whole name or alias is resolved (and a code
        /// that is no framework name never pays for the matcher's spelling suggestions).
        enum Names {
            static let directions = keys(Direction.allCases.map { [$0.name] + $0.aliases })
            static let components = keys(COMBComponent.allCases.map { [$0.name, $0.slug] + $0.aliases })
            static let domains = keys(TDFDomain.allCases.map { [$0.name, $0.slug] + $0.aliases })
            static let sources = keys(COMBComponent.Source.allCases.map { [$0.name, $0.rawValue + "s"] })

            static func keys(_ names: [[String]]) -> Set<String> { Set(names.joined().map(TextFolding.nameKey)) }
        }

        /// The framework's `NameMatcher`, consulted only for a key that is a whole name or alias.
        static func exact<Value: Sendable & Equatable>(_ matcher: NameMatcher<Value>, _ key: String, _ names: Set<String>) -> Value? {
            guard names.contains(key), case .found(let value) = matcher.resolve(key) else { return nil }
            return value
        }

        mutating func finish() -> CodebookImportPlan {
            // Preferred ids (from the review's own export) where free, then the next free ids in document order.
            var assigned: [Int: Int] = [:]
            for entry in newThemes {
                if let preferred = entry.preferredID, !usedIDs.contains(preferred) {
                    usedIDs.insert(preferred)
                    assigned[entry.theme.id] = preferred
                }
            }
            var next = (usedIDs.max() ?? 0) + 1
            for entry in newThemes where assigned[entry.theme.id] == nil {
                while usedIDs.contains(next) { next += 1 }
                usedIDs.insert(next)
                assigned[entry.theme.id] = next
            }
            var themes = newThemes.map { entry -> (SubTheme, Int?, Int) in
                var theme = entry.theme
                theme.id = assigned[theme.id]!
                return (theme, entry.preferredID, entry.order)
            }
            themes.sort { ($0.1 ?? Int.max, $0.2) < ($1.1 ?? Int.max, $1.2) }
            for i in codes.indices {
                if let old = codes[i].coding.subTheme, old < 0, let id = assigned[old] { codes[i].coding.subTheme = id }
                if case .newSubTheme(let old) = codes[i].meaning, let id = assigned[old] { codes[i].meaning = .newSubTheme(id: id) }
                if case .existingSubTheme(let old) = codes[i].meaning, old < 0, let id = assigned[old] { codes[i].meaning = .newSubTheme(id: id) }
            }
            var plan = CodebookImportPlan(codes: codes, newSubThemes: themes.map(\.0), freeCodes: freeCodes)
            plan.index = index
            return plan
        }
    }
}
