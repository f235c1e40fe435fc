import ReviewKit

/// `prisma`: the PRISMA 2020 flow counts of the review: show them with every check of their arithmetic, set
/// them (all or nothing, undoable), clear them.
struct PrismaCommand: Command {
    let name = "prisma"
    let group = CommandGroup.figures
    let summary = "PRISMA 2020 flow counts: show them and every box that does not add up; set or clear them"
    let usage = [
        "prisma",
        "prisma set KEY=COUNT …",
        "prisma clear KEY | prisma clear all",
    ]
    let details = """
    The boxes of the PRISMA 2020 flow diagram (Page et al. 2021): databases, registers, websites, organisations, citations, \
    duplicates, automation_excluded, other_removed, records_screened, records_excluded, reports_sought, reports_not_retrieved, \
    reports_assessed, other_reports_sought, other_reports_not_retrieved, other_reports_assessed, studies_included, reports_included, \
    and for an updated review previous_studies, previous_reports, total_studies, total_reports. Breakdowns are named with a colon: \
    database:NAME, register:NAME, reports_excluded:REASON, other_reports_excluded:REASON (quote a name with spaces: \
    "reports_excluded:Wrong population=3"). An empty value (or ?) records a step whose count is not reported. \
    'prisma set' takes several assignments and makes all of them or none; 'undo' takes them back. \
    'prisma' lists every check the diagram implies (records screened = databases + registers − duplicates − removals, \
    sought = screened − excluded, assessed = sought − not retrieved, reports included = assessed − Σ reasons, totals, \
    studies ≤ reports, and studies included = the workspace's studies) and says by how much each box that does not add up is off; \
    no number is ever corrected. The embedded review starts with what its text reports (section 2.2–3.1). \
    Write the diagram with 'figure prisma FILE.svg' and the PRISMA2020 R package's template with 'export prisma FILE.csv'.
    """
    let examples = [
        "prisma",
        "prisma set databases=162 duplicates=23 records_screened=139 records_excluded=90",
        "prisma set database:MEDLINE=80 database:EMBASE=82",
        "prisma set \"reports_excluded:Wrong population=12\" reports_assessed=49",
        "prisma clear duplicates",
        "undo",
    ]
    let signature = ArgumentSignature(positionals: [.optional("action", .keyword(["clear"])), .optional("key", .text)],
                                      extra: { _ in "'prisma clear' takes one key" },
                                      unknownOption: { _ in "write 'prisma set KEY=COUNT …' to record counts" },
                                      rest: .init(.text, introducedBy: "set"))

    func run(_ arguments: ParsedArguments, in context: CommandContext) throws(Diagnostic) -> CommandResult {
        if let rest = arguments.rest {
            if let word = arguments.positional(0) { throw arguments.error("unexpected '\(word.text)' before 'set'", at: word.span) }
            return try set(rest, arguments, context)
        }
        guard let action = arguments.positional(0) else { return Self.show(context.workspace) }
        guard action.text.lowercased() == "clear" else {
            throw arguments.error("unknown prisma action '\(action.text)'", at: action.span, notes: ["expected 'prisma', 'prisma set KEY=COUNT …' or 'prisma clear KEY'"])
        }
        guard let keyWord = arguments.positional(1) else { throw arguments.missing("clear which box? e.g. 'prisma clear duplicates', or 'prisma clear all'") }
        var flow = context.workspace.prisma
        if keyWord.text.lowercased() == "all" && !keyWord.quoted {
            guard !flow.isEmpty else { return .message("no PRISMA counts are recorded") }
            flow = PRISMAFlow()
        } else {
            do throws(ReviewError) { try flow.clear(key: keyWord.text) } catch { throw arguments.error(error.message, at: keyWord.span, notes: error.notes) }
            if flow == context.workspace.prisma { return .message("\(keyWord.text) is not recorded; nothing changed") }
        }
        try arguments.invocation.engine { () throws(ReviewError) in
            try context.document.apply(.setPRISMA(flow), command: arguments.invocation.text)
        }
        return .message("cleared \(keyWord.text) ('undo' takes it back)")
    }

    /// `prisma set a=1 b=2 …`: every assignment is checked first; then all are made as one undoable change.
    private func set(_ rest: (text: String, offset: Int), _ arguments: ParsedArguments, _ context: CommandContext) throws(Diagnostic) -> CommandResult {
        let words = Array(try WordSplitter.split(rest.text, offset: rest.offset).dropFirst())
        guard !words.isEmpty else {
            throw arguments.missing("set what? e.g. 'prisma set databases=162 duplicates=23'", notes: ["keys: " + PRISMAFlow.Box.allCases.map(\.key).joined(separator: ", ")])
        }
        var flow = context.workspace.prisma
        var keys: [String: Word] = [:]
        var changed: [String] = []
        for word in words {
            let assignment = word.option.map { "\($0.key)=\($0.value)" } ?? word.text
            // Checked alone first, so an error points at its word and a key given twice is caught by its canonical name.
            var single = PRISMAFlow()
            do throws(ReviewError) { try single.assign(assignment) } catch {
                throw arguments.error(error.message, at: word.span, notes: error.notes)
            }
            guard let key = single.keyValuePairs.first?.key else { continue }
            if let first = keys[key] {
                throw arguments.error("'\(key)' is given twice", at: word.span, notes: ["first as '\(first.text)'; nothing was changed"])
            }
            keys[key] = word
            do throws(ReviewError) { try flow.assign(assignment) } catch { throw arguments.error(error.message, at: word.span, notes: error.notes) }
            changed.append(key)
        }
        guard flow != context.workspace.prisma else { return .message("those counts are already recorded; nothing changed") }
        try arguments.invocation.engine { () throws(ReviewError) in
            try context.document.apply(.setPRISMA(flow), command: arguments.invocation.text)
        }
        var lines = ["set " + changed.joined(separator: ", ") + " ('undo' takes \(changed.count == 1 ? "it" : "them") back)"]
        let problems = Self.checks(flow, context.workspace).filter(\.isProblem)
        if problems.isEmpty {
            lines.append("every box that can be checked adds up")
        } else {
            lines.append("\(problems.count) box\(problems.count == 1 ? " does" : "es do") not add up (nothing was corrected):")
            lines += problems.map { "  " + $0.message }
        }
        return .message(lines.joined(separator: "\n"))
    }

    /// Every check the flow's diagram implies, then the included studies against the workspace.
    static func checks(_ flow: PRISMAFlow, _ workspace: Workspace) -> [PRISMACheck] {
        flow.checks + [flow.checkIncludedStudies(against: workspace)]
    }

    /// The recorded boxes in diagram order, and every check.
    static func show(_ workspace: Workspace) -> CommandResult {
        let flow = workspace.prisma
        let boxes: [[ResultValue]] = flow.keyValuePairs.map { pair in
            let item = MachineBox(pair.key)
            return [.text(pair.key), .text(item.box), item.source.map(ResultValue.text) ?? .missing, item.exclusionReason.map(ResultValue.text) ?? .missing,
                    .text(label(pair.key)), pair.value.isEmpty ? .absent("not reported") : .integer(Int(pair.value) ?? 0)]
        }
        // Machine output names a box by structured fields (box slug, then the database or register, or the exclusion
        // reason, of a breakdown item), never by the 'prisma set' key "database:MEDLINE" that the table shows.
        let boxTable = ResultTable(title: "PRISMA 2020 flow",
                                   columns: [ResultColumn("key").onlyForTables(), ResultColumn("box").onlyForMachines(), ResultColumn("source").onlyForMachines(),
                                             ResultColumn("exclusion_reason").onlyForMachines(), .init("box_label", "box", wraps: true), .init("n", type: .integer)],
                                   rows: boxes,
                                   footnotes: flow.isEmpty ? ["no counts recorded: 'prisma set databases=… duplicates=…' records them"] : [])
        let checks = Self.checks(flow, workspace)
        let rows: [[ResultValue]] = checks.map { check in
            // The outcome is a slug of a closed set for machines (docs/formats.md): adds-up, differs, exceeds, not-checked, too-large.
            let outcome: ResultValue
            var detail = check.rule
            var missing: [String] = []
            switch check.outcome {
            case .agrees: outcome = .labelled(.text("adds-up"), display: "adds up")
            case .differs(let by):
                outcome = check.relation == "=" ? .labelled(.text("differs"), display: "off by \(by > 0 ? "+" : "")\(by)")
                                                : .labelled(.text("exceeds"), display: "over by \(by)")
            case .unchecked(let keys):
                detail = "no count for " + keys.joined(separator: ", ")
                // Machines get the boxes a check needs as slugs: an item without a count ("database:Web of Science") or a
                // breakdown with none ("reports_excluded:*") is its box; counts too large to add are their own outcome.
                let tooLarge = keys.contains { $0.contains("too large") }
                var seen = Set<String>()
                missing = keys.filter { !$0.contains("too large") }.map { MachineBox($0).box }.filter { seen.insert($0).inserted }
                outcome = .labelled(.text(tooLarge ? "too-large" : "not-checked"), display: "not checked")
            }
            var difference = ResultValue.absent("n/a")
            if case .differs(let by) = check.outcome { difference = .integer(by) } else if case .agrees = check.outcome { difference = .integer(0) }
            return [.text(check.box), outcome, check.recorded.map(ResultValue.integer) ?? .missing,
                    check.expected.map(ResultValue.integer) ?? .missing, difference, .text(detail), .text(check.rule), .list(missing.map(ResultValue.text))]
        }
        let problems = checks.filter(\.isProblem)
        var notes = [problems.isEmpty ? "every box that can be checked adds up"
                     : "\(problems.count) box\(problems.count == 1 ? " does" : "es do") not add up; nothing is corrected: fix a count with 'prisma set KEY=COUNT'"]
        notes += problems.map(\.message)
        let checkTable = ResultTable(title: "checks (PRISMA 2020 arithmetic)",
                                     columns: [.init("box"), .init("outcome"), .init("recorded", type: .integer), .init("expected", type: .integer),
                                               .init("difference", type: .integer), ResultColumn("rule_or_missing", "rule (or what it needs)", wraps: true).onlyForTables(),
                                               ResultColumn("rule").onlyForMachines(), ResultColumn("missing", type: .list).onlyForMachines()],
                                     rows: rows, footnotes: notes)
        return .sequence([.table(boxTable), .table(checkTable)])
    }

    /// A recorded key as machine output's structured fields: the box's slug (a breakdown item under the box it
    /// details: `databases`, `registers`, `reports_excluded`, `other_reports_excluded`) and the item's name as
    /// `source` (a database or register) or `exclusion_reason`.
    struct MachineBox: Equatable {
        var box: String
        var source: String?
        var exclusionReason: String?

        init(_ key: String) {
            guard let colon = key.firstIndex(of: ":"), let breakdown = PRISMAFlow.Breakdown(rawValue: String(key[..<colon])) else {
                box = key
                return
            }
            let name = String(key[key.index(after: colon)...])
            switch breakdown {
            case .databases: box = PRISMAFlow.Box.databases.key; source = name
            case .registers: box = PRISMAFlow.Box.registers.key; source = name
            case .reportsExcluded: box = "reports_excluded"; exclusionReason = name
            case .otherReportsExcluded: box = "other_reports_excluded"; exclusionReason = name
            }
        }
    }

    /// The wording of a key: a box's label, or "MEDLINE (database)" for a breakdown item.
    static func label(_ key: String) -> String {
        if let box = PRISMAFlow.Box(rawValue: key) { return box.label + (box.isOtherMethods ? " (other methods)" : "") }
        guard let colon = key.firstIndex(of: ":"), let breakdown = PRISMAFlow.Breakdown(rawValue: String(key[..<colon])) else { return key }
        let name = String(key[key.index(after: colon)...])
        switch breakdown {
        case .databases: return "\(name) (database)"
        case .registers: return "\(name) (register)"
        case .reportsExcluded: return "\(name) (reports excluded, reason)"
        case .otherReportsExcluded: return "\(name) (reports excluded, other methods, reason)"
        }
    }
}
