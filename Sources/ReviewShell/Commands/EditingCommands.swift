import ReviewKit

extension CommandSpec {
    static let add = CommandSpec(
        "add", group: "editing",
        summary: "add a study, a quote or a sub-theme",
        usage: [
            "add study LABEL [id=S34] [ref=N] [year=N] [country=…] [design=…] [collection=…] [analysis=…] [participants=N]",
            "add quote \"TEXT\" [study=ID] [ref=N] [page=\"p. 7\"] [domain=… direction=… component=… subtheme=…]",
            "add theme DIRECTION DOMAIN \"LABEL\" [component=…] [number=N]",
        ],
        details: "Every field is checked against the framework: an unknown domain lists the valid ones. 'undo' takes the addition back.",
        examples: ["add study \"Janoušková et al.\" year=2017 country=Czechia", "add quote \"I felt like an outsider\" study=S32 ref=43 page=\"p. 318\"",
                   "add theme barrier knowledge \"Staff unaware of the peer role\""],
        subcommands: ["study", "quote", "theme"],
        argument: .editing, changesWorkspace: true
    ) { invocation, shell throws(Diagnostic) in
        let words = try invocation.words()
        guard let what = words.first else { throw invocation.missing("add what? 'add study …', 'add quote …' or 'add theme …'") }
        var editor = Editor(invocation: invocation, shell: shell, words: Array(words.dropFirst()))
        switch what.text.lowercased() {
        case "study":
            guard let label = editor.positional.first else { throw invocation.missing("'add study' needs the study's label, e.g. add study \"Smith et al.\"") }
            var study = Study(id: editor.options["id"]?.value ?? shell.session.workspace.nextStudyID, label: label.text)
            try editor.applyStudyOptions(to: &study, allowing: ["id"])
            try editor.noExtraPositional(1)
            try editor.commit(.addStudy(study, at: nil))
            return .message("added study \(study.id): \(study.label)")
        case "quote":
            guard let text = editor.positional.first else { throw invocation.missing("'add quote' needs the quote's text in quotes") }
            var quote = Quote(id: shell.session.workspace.nextQuoteID, text: text.text)
            try editor.applyQuoteOptions(to: &quote)
            try editor.noExtraPositional(1)
            try editor.commit(.addQuote(quote))
            return .message("added \(quote.label)" + (quote.domain == nil ? " (not coded yet: 'code \(quote.label) domain=… direction=…')" : " coded \(Editor.describe(quote))"))
        case "theme", "subtheme":
            guard editor.positional.count >= 3 else {
                throw invocation.missing("'add theme' needs DIRECTION DOMAIN \"LABEL\", e.g. add theme barrier knowledge \"Staff unaware of the role\"")
            }
            let direction = try editor.direction(editor.positional[0])
            let domain = try editor.domain(editor.positional[1])
            let component = try editor.component(for: domain, given: editor.options["component"])
            let existing = shell.session.workspace.subThemes.filter { $0.direction == direction && $0.domain == domain && $0.component == component }
            var number = (existing.map(\.number).max() ?? 0) + 1
            if let option = editor.options["number"] {
                guard let value = Int(option.value), value > 0 else { throw invocation.error("number must be a positive whole number", at: option.span) }
                number = value
            }
            let theme = SubTheme(id: shell.session.workspace.nextSubThemeID, direction: direction, component: component, domain: domain, number: number, label: editor.positional[2].text)
            try editor.noExtraPositional(3)
            try editor.checkOptions(["component", "number"])
            try editor.commit(.addSubTheme(theme, at: nil))
            return .message("added sub-theme \(theme.code): \(theme.number). \(theme.label) (\(component.name), \(domain.name), \(direction.slug))")
        default:
            throw invocation.error("cannot add '\(what.text)'", at: what.span, notes: ["expected study, quote or theme"])
        }
    }

    static let edit = CommandSpec(
        "edit", group: "editing",
        summary: "change fields of a study, a quote or a sub-theme",
        usage: ["edit study ID FIELD=VALUE…", "edit quote ID FIELD=VALUE…", "edit theme CODE FIELD=VALUE…"],
        details: "Study fields: label ref year country design collection analysis participants. Quote fields: text study ref page (coding: 'code'). Sub-theme fields: label number. 'unknown' clears a field.",
        examples: ["edit study S06 year=2017 country=Czechia", "edit quote Q47 page=\"p. 12\"", "edit theme B/ECR/2 label=\"Lack of training\""],
        subcommands: ["study", "quote", "theme"],
        argument: .editing, changesWorkspace: true
    ) { invocation, shell throws(Diagnostic) in
        let words = try invocation.words()
        guard let what = words.first, words.count >= 2 else { throw invocation.missing("edit what? e.g. 'edit study S06 year=2017'") }
        var editor = Editor(invocation: invocation, shell: shell, words: Array(words.dropFirst(2)))
        let workspace = shell.session.workspace
        guard !editor.options.isEmpty else { throw invocation.missing("say what to change as FIELD=VALUE") }
        switch what.text.lowercased() {
        case "study":
            guard var study = workspace.study(words[1].text) ?? workspace.studies.first(where: { $0.id.lowercased() == words[1].text.lowercased() }) else {
                throw invocation.error("no study with id '\(words[1].text)'", at: words[1].span, notes: ["'studies' lists the ids"])
            }
            if let label = editor.options["label"] { study.label = label.value }
            try editor.applyStudyOptions(to: &study, allowing: ["label"])
            try editor.commit(.updateStudy(study))
            return .message("updated study \(study.id)")
        case "quote":
            let id = try invocation.quoteID(in: workspace, word: 1)
            var quote = workspace.quote(id)!
            if let text = editor.options["text"] { quote.text = text.value }
            try editor.applyQuoteOptions(to: &quote, coding: false, allowing: ["text"])
            try editor.commit(.updateQuote(quote))
            return .message("updated \(quote.label)")
        case "theme", "subtheme":
            var theme = try editor.subTheme(words[1])
            if let label = editor.options["label"] { theme.label = label.value }
            if let option = editor.options["number"] {
                guard let value = Int(option.value), value > 0 else { throw invocation.error("number must be a positive whole number", at: option.span) }
                theme.number = value
            }
            try editor.checkOptions(["label", "number"])
            try editor.commit(.updateSubTheme(theme))
            return .message("updated sub-theme \(theme.code)")
        default:
            throw invocation.error("cannot edit '\(what.text)'", at: what.span, notes: ["expected study, quote or theme"])
        }
    }

    static let remove = CommandSpec(
        "remove", aliases: ["rm", "delete"], group: "editing",
        summary: "remove a study (with its appraisals), a quote or a sub-theme",
        usage: ["remove study ID", "remove quote ID", "remove theme CODE", "remove appraisal STUDY [reviewer=…]"],
        details: "A study still cited by quotes, or a sub-theme still used, is not removed; the error says how many. 'undo' restores what was removed.",
        examples: ["remove quote Q47", "remove study S34", "remove theme F/Know/3"],
        subcommands: ["study", "quote", "theme", "appraisal"],
        argument: .editing, changesWorkspace: true
    ) { invocation, shell throws(Diagnostic) in
        let words = try invocation.words()
        guard let what = words.first, words.count >= 2 else { throw invocation.missing("remove what? e.g. 'remove quote Q47'") }
        var editor = Editor(invocation: invocation, shell: shell, words: Array(words.dropFirst(2)))
        let workspace = shell.session.workspace
        switch what.text.lowercased() {
        case "study":
            guard let study = workspace.study(words[1].text) ?? workspace.studies.first(where: { $0.id.lowercased() == words[1].text.lowercased() }) else {
                throw invocation.error("no study with id '\(words[1].text)'", at: words[1].span, notes: ["'studies' lists the ids"])
            }
            try editor.commit(.removeStudy(id: study.id))
            return .message("removed study \(study.id): \(study.label)")
        case "quote":
            let id = try invocation.quoteID(in: workspace, word: 1)
            try editor.commit(.removeQuote(id: id))
            return .message("removed Q\(id)")
        case "theme", "subtheme":
            let theme = try editor.subTheme(words[1])
            try editor.commit(.removeSubTheme(id: theme.id))
            return .message("removed sub-theme \(theme.code)")
        case "appraisal":
            let reviewer = editor.options["reviewer"]?.value ?? workspace.appraisal(of: words[1].text)?.reviewer ?? ""
            try editor.commit(.removeAppraisal(studyID: words[1].text, reviewer: reviewer))
            return .message("removed the appraisal of \(words[1].text)")
        default:
            throw invocation.error("cannot remove '\(what.text)'", at: what.span, notes: ["expected study, quote, theme or appraisal"])
        }
    }

    static let code = CommandSpec(
        "code", group: "editing",
        summary: "code a quote: TDF domain, COM-B component, direction and sub-theme",
        usage: ["code QUOTE domain=DOMAIN direction=barrier|facilitator [component=COMPONENT] [subtheme=CODE]", "code QUOTE subtheme=CODE"],
        details: """
        The component follows from the domain under the mapping in use when it is the only one (Skills, and under the standard mapping \
        role/identity and optimism, need component=). A sub-theme fixes all three codes. Names take aliases and unambiguous prefixes.
        """,
        examples: ["code Q47 domain=knowledge direction=barrier", "code Q47 subtheme=B/Know/1", "code Q47 domain=skills component=psychological direction=facilitator"],
        argument: .editing, changesWorkspace: true
    ) { invocation, shell throws(Diagnostic) in
        let workspace = shell.session.workspace
        let id = try invocation.quoteID(in: workspace)
        var editor = Editor(invocation: invocation, shell: shell, words: Array(try invocation.words().dropFirst()))
        guard !editor.options.isEmpty else { throw invocation.missing("give the coding, e.g. 'code Q\(id) domain=knowledge direction=barrier'") }
        var quote = workspace.quote(id)!
        try editor.applyQuoteOptions(to: &quote, coding: true, allowing: [])
        try editor.noExtraPositional(0)
        guard quote.domain != nil, quote.direction != nil, quote.component != nil else {
            throw invocation.missing("a coding needs domain= and direction= (or subtheme=)")
        }
        try editor.commit(.updateQuote(quote))
        var message = "coded \(quote.label): \(Editor.describe(quote))"
        if let c = quote.component, let d = quote.domain, !shell.session.settings.mapping.allows(c, d) {
            message += "\nnote: \(d.name) is not under \(c.name) in the \(shell.session.settings.mapping.rawValue) mapping"
        }
        return .message(message)
    }

    static let uncode = CommandSpec(
        "uncode", group: "editing",
        summary: "remove a quote's coding (domain, component, direction, sub-theme)",
        usage: ["uncode QUOTE"],
        examples: ["uncode Q47"],
        argument: .quoteID, changesWorkspace: true
    ) { invocation, shell throws(Diagnostic) in
        let workspace = shell.session.workspace
        let id = try invocation.quoteID(in: workspace)
        var quote = workspace.quote(id)!
        quote.direction = nil; quote.component = nil; quote.domain = nil; quote.subTheme = nil
        var editor = Editor(invocation: invocation, shell: shell, words: [])
        try editor.commit(.updateQuote(quote))
        return .message("uncoded \(quote.label)")
    }

    static let appraise = CommandSpec(
        "appraise", group: "editing",
        summary: "record CASP answers for a study (q1…q10 = yes, can't tell or no)",
        usage: ["appraise STUDY q1=ANSWER … q10=ANSWER [reviewer=NAME]"],
        details: "Answers: yes, can't tell (or ?, cant-tell, 0.5), no, or 1 / 0.5 / 0. Questions not given keep their answer; an appraisal by a new reviewer starts empty.",
        examples: ["appraise S06 q3=yes q4=\"can't tell\"", "appraise S34 q1=yes q2=yes q3=no reviewer=GT"],
        argument: .editing, changesWorkspace: true
    ) { invocation, shell throws(Diagnostic) in
        let words = try invocation.words()
        guard let studyWord = words.first, studyWord.option == nil else { throw invocation.missing("which study? e.g. 'appraise S06 q3=yes'") }
        let workspace = shell.session.workspace
        guard let study = workspace.study(studyWord.text) ?? workspace.studies.first(where: { $0.id.lowercased() == studyWord.text.lowercased() }) else {
            throw invocation.error("no study with id '\(studyWord.text)'", at: studyWord.span, notes: ["'studies' lists the ids"])
        }
        var editor = Editor(invocation: invocation, shell: shell, words: Array(words.dropFirst()))
        let reviewer = editor.options["reviewer"]?.value ?? workspace.appraisal(of: study.id)?.reviewer ?? ""
        var appraisal = workspace.appraisal(of: study.id, reviewer: reviewer) ?? Appraisal(studyID: study.id, reviewer: reviewer, answers: [])
        var changed = 0
        for (key, option) in editor.options where key != "reviewer" {
            guard key.hasPrefix("q"), let number = Int(key.dropFirst()), (1...10).contains(number) else {
                throw invocation.error("unknown question '\(key)'; expected q1 … q10 or reviewer=", at: option.span)
            }
            guard let answer = CASPAnswer(parsing: option.value) else {
                throw invocation.error("'\(option.value)' is not a CASP answer; expected yes, can't tell or no (or 1, 0.5, 0)", at: option.span)
            }
            appraisal.answers[number - 1] = answer
            changed += 1
        }
        guard changed > 0 else { throw invocation.missing("give answers as q1=yes q2=\"can't tell\" …") }
        try editor.noExtraPositional(0)
        try editor.commit(.setAppraisal(appraisal))
        let band = shell.session.settings.bands.bands(containing: appraisal.totalHalfPoints).map(\.name)
        guard appraisal.isComplete else {
            return .message("appraised \(study.id): total \(QualityBands.format(appraisal.totalHalfPoints)) so far, \(appraisal.answers.filter { $0 == nil }.count) question(s) unanswered")
        }
        return .message("appraised \(study.id): total \(QualityBands.format(appraisal.totalHalfPoints)), band \(band.isEmpty ? "none" : band.joined(separator: "+"))")
    }

    static let undo = CommandSpec(
        "undo", group: "editing",
        summary: "take back the latest change (add, edit, remove, code, appraise, import)",
        usage: ["undo"]
    ) { invocation, shell throws(Diagnostic) in
        guard let command = try engine(invocation, { () throws(ReviewError) in try shell.session.undo() }) else { return .message("nothing to undo") }
        return .message("undid: \(command)")
    }

    static let redo = CommandSpec(
        "redo", group: "editing",
        summary: "re-apply the change 'undo' took back",
        usage: ["redo"]
    ) { invocation, shell throws(Diagnostic) in
        guard let command = try engine(invocation, { () throws(ReviewError) in try shell.session.redo() }) else { return .message("nothing to redo") }
        return .message("redid: \(command)")
    }
}

/// Reads `key=value` options and positional words of an editing command and applies them with validation.
struct Editor {
    let invocation: Invocation
    let shell: Shell
    var positional: [Word] = []
    var options: [String: (value: String, span: Range<Int>)] = [:]
    var optionOrder: [String] = []

    init(invocation: Invocation, shell: Shell, words: [Word]) {
        self.invocation = invocation
        self.shell = shell
        for word in words {
            if let option = word.option {
                options[option.key] = (option.value, option.valueSpan)
                optionOrder.append(option.key)
            } else {
                positional.append(word)
            }
        }
    }

    func checkOptions(_ allowed: [String]) throws(Diagnostic) {
        for key in optionOrder where !allowed.contains(key) {
            throw invocation.error("unknown option '\(key)'", at: options[key]!.span, notes: ["options here: " + allowed.joined(separator: ", ")])
        }
    }

    func noExtraPositional(_ count: Int) throws(Diagnostic) {
        if positional.count > count {
            throw invocation.error("unexpected '\(positional[count].text)'" + (positional[count].text.contains(" ") ? "" : "; options are written FIELD=VALUE"), at: positional[count].span)
        }
    }

    func direction(_ word: Word) throws(Diagnostic) -> Direction {
        try ReviewShell.engine(invocation) { () throws(ReviewError) in try Framework.directions.value(for: word.text, what: "direction", at: word.span) }
    }

    func domain(_ word: Word) throws(Diagnostic) -> TDFDomain {
        try ReviewShell.engine(invocation) { () throws(ReviewError) in try Framework.domains.value(for: word.text, what: "TDF domain", at: word.span) }
    }

    /// The component for a domain: as given (checked), or the only one the mapping in use allows.
    func component(for domain: TDFDomain, given: (value: String, span: Range<Int>)?) throws(Diagnostic) -> COMBComponent {
        let mapping = shell.session.settings.mapping
        if let given {
            return try ReviewShell.engine(invocation) { () throws(ReviewError) in try Framework.components.value(for: given.value, what: "COM-B component", at: given.span) }
        }
        let allowed = mapping.components(of: domain)
        guard allowed.count == 1 else {
            throw invocation.missing("\(domain.name) sits under \(allowed.map(\.name).joined(separator: " and ")) in the \(mapping.rawValue) mapping; add component=…")
        }
        return allowed[0]
    }

    func subTheme(_ word: Word) throws(Diagnostic) -> SubTheme {
        let workspace = shell.session.workspace
        let key = TextFolding.fold(word.text)
        let matches = workspace.subThemes.filter { TextFolding.fold($0.code) == key || String($0.id) == key || TextFolding.fold($0.label) == key }
        guard matches.count == 1 else {
            let suggestions = EditDistance.nearest(to: word.text, in: workspace.subThemes.map(\.code))
            throw invocation.error(matches.isEmpty ? "no sub-theme '\(word.text)'" : "'\(word.text)' names \(matches.count) sub-themes; use its code",
                                   at: word.span, notes: suggestions.isEmpty ? ["'themes' lists the codes (B/ECR/2 …)"] : ["did you mean \(suggestions.joined(separator: " or "))?"])
        }
        return matches[0]
    }

    func optionalInt(_ key: String) throws(Diagnostic) -> Int?? {
        guard let option = options[key] else { return .none }
        if option.value.lowercased() == "unknown" || option.value.isEmpty { return .some(nil) }
        guard let value = Int(option.value) else { throw invocation.error("\(key) must be a whole number (or unknown)", at: option.span) }
        return .some(value)
    }

    func optionalText(_ key: String) -> String?? {
        guard let option = options[key] else { return .none }
        return option.value.lowercased() == "unknown" || option.value.isEmpty ? .some(nil) : .some(option.value)
    }

    func applyStudyOptions(to study: inout Study, allowing extra: [String]) throws(Diagnostic) {
        try checkOptions(["ref", "reference", "year", "country", "design", "collection", "data-collection", "analysis", "participants", "n"] + extra)
        let reference = try optionalInt("ref"), referenceLong = try optionalInt("reference")
        if let v = reference ?? referenceLong { study.reference = v }
        if let v = try optionalInt("year") { study.year = v }
        let participants = try optionalInt("participants"), n = try optionalInt("n")
        if let v = participants ?? n { study.participants = v }
        if let v = optionalText("country") { study.country = v }
        if let v = optionalText("design") { study.design = v }
        if let v = optionalText("collection") ?? optionalText("data-collection") { study.dataCollection = v }
        if let v = optionalText("analysis") { study.analysis = v }
    }

    func applyQuoteOptions(to quote: inout Quote, coding: Bool = true, allowing extra: [String] = []) throws(Diagnostic) {
        let codingKeys = ["domain", "component", "direction", "subtheme", "theme"]
        try checkOptions(["study", "ref", "reference", "page"] + (coding ? codingKeys : []) + extra)
        let workspace = shell.session.workspace
        if let option = options["study"] {
            if option.value.lowercased() == "unknown" || option.value.isEmpty { quote.studyID = nil } else {
                guard let study = workspace.study(option.value) ?? workspace.studies.first(where: { $0.id.lowercased() == option.value.lowercased() }) else {
                    throw invocation.error("no study with id '\(option.value)'", at: option.span, notes: ["'studies' lists the ids"])
                }
                quote.studyID = study.id
            }
        }
        let reference = try optionalInt("ref"), referenceLong = try optionalInt("reference")
        if let v = reference ?? referenceLong { quote.reference = v }
        if let v = optionalText("page") { quote.page = v }
        guard coding else { return }
        if let option = options["subtheme"] ?? options["theme"] {
            let theme = try subTheme(Word(text: option.value, span: option.span, quoted: false, option: nil))
            quote.subTheme = theme.id
            quote.direction = theme.direction
            quote.component = theme.component
            quote.domain = theme.domain
            for key in ["domain", "component", "direction"] where options[key] != nil {
                throw invocation.error("\(key)= is fixed by the sub-theme \(theme.code); give one or the other", at: options[key]!.span)
            }
            return
        }
        if let option = options["direction"] { quote.direction = try direction(Word(text: option.value, span: option.span, quoted: false, option: nil)) }
        if let option = options["domain"] {
            let domain = try self.domain(Word(text: option.value, span: option.span, quoted: false, option: nil))
            quote.domain = domain
            quote.component = try component(for: domain, given: options["component"])
        } else if let option = options["component"] {
            quote.component = try ReviewShell.engine(invocation) { () throws(ReviewError) in try Framework.components.value(for: option.value, what: "COM-B component", at: option.span) }
        }
        // A change of coding leaves the old sub-theme behind unless it still fits.
        if let id = quote.subTheme, let theme = workspace.subTheme(id),
           theme.direction != quote.direction || theme.domain != quote.domain || theme.component != quote.component {
            quote.subTheme = nil
        }
    }

    /// Applies the change through the session (undo, unsaved changes, journal).
    func commit(_ change: WorkspaceChange) throws(Diagnostic) {
        do throws(ReviewError) {
            try shell.session.apply(change, command: invocation.text)
        } catch {
            throw invocation.diagnostic(error)
        }
    }

    static func describe(_ quote: Quote) -> String {
        [quote.direction?.slug, quote.component?.name, quote.domain?.name].compactMap { $0 }.joined(separator: ", ")
    }
}
