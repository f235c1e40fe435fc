import ReviewKit

extension CommandSpec {
    static let set = CommandSpec(
        "set", group: "session",
        summary: "show or change settings: format, width, bands, mapping, colour, pager",
        usage: ["set", "set NAME VALUE"],
        details: "Settings are saved in snapshots. 'set bands seed' restores the review's cut-offs.",
        examples: ["set format csv", "set width 80", "set bands \"high >8..10; moderate 6..8; low ..5.5\"", "set mapping standard"],
        subcommands: Settings.descriptions.map(\.name),
        argument: .setting
    ) { invocation, shell throws(Diagnostic) in
        let words = try invocation.words()
        guard let name = words.first else {
            return .table(ResultTable(title: "Settings", columns: [.init("setting"), .init("value", wraps: true), .init("meaning", wraps: true)],
                                      rows: Settings.descriptions.map { [.text($0.name), .text(shell.session.settings.value(of: $0.name) ?? ""), .text($0.summary)] }))
        }
        guard words.count >= 2 else {
            if let value = shell.session.settings.value(of: name.text.lowercased()) { return .figure(ResultFigure(name.text.lowercased(), value: .text(value))) }
            throw invocation.missing("'set \(name.text)' needs a value")
        }
        guard words.count == 2 else { throw invocation.error("too many values; quote a value with spaces", at: words[2].span) }
        do throws(ReviewError) {
            try shell.session.settings.set(name.text.lowercased(), to: words[1].text)
        } catch {
            var error = error
            error.span = error.message.hasPrefix("unknown setting") ? name.span : words[1].span
            throw invocation.diagnostic(error)
        }
        shell.session.hasUnsavedChanges = true
        return .message("\(name.text.lowercased()) = \(shell.session.settings.value(of: name.text.lowercased()) ?? "")")
    }

    static let note = CommandSpec(
        "note", group: "session",
        summary: "add a note to the notebook (saved in snapshots and notebook exports)",
        usage: ["note TEXT", "note"],
        examples: ["note the 8.0 totals fall between the moderate and high bands"]
    ) { invocation, shell throws(Diagnostic) in
        guard !invocation.arguments.isEmpty else {
            if shell.session.notes.isEmpty { return .message("no notes yet; 'note TEXT' adds one") }
            return .table(ResultTable(title: "Notes", columns: [.init("number", "#", type: .integer), .init("note", wraps: true)],
                                      rows: shell.session.notes.enumerated().map { [.integer($0.offset + 1), .text($0.element)] }))
        }
        shell.session.notes.append(invocation.arguments)
        shell.session.hasUnsavedChanges = true
        return .message("note \(shell.session.notes.count) added")
    }

    static let history = CommandSpec(
        "history", group: "session",
        summary: "list the numbered cells of this session, or save them as a replayable script",
        usage: ["history [N]", "history save FILE"],
        examples: ["history", "history 10", "history save analysis.review"],
        subcommands: ["save"],
        argument: .file
    ) { invocation, shell throws(Diagnostic) in
        let words = try invocation.words()
        if let first = words.first, first.text.lowercased() == "save" {
            guard words.count == 2 else { throw words.count < 2 ? invocation.missing("'history save' needs a file name") : invocation.error("unexpected '\(words[2].text)'", at: words[2].span) }
            let cells = shell.session.cells.filter { !$0.failed }
            var text = "# review script: \(cells.count) commands from this session (failed commands left out)\n"
            for note in shell.session.notes { text += "# note: \(note.replacingAll("\n", with: " "))\n" }
            for cell in cells { text += cell.command + "\n" }
            try shell.writeFile(text, to: words[1].text, invocation: invocation, span: words[1].span)
            return .message("wrote \(cells.count) commands to \(words[1].text)")
        }
        var cells = shell.session.cells
        if let first = words.first {
            guard let count = Int(first.text), count > 0 else { throw invocation.error("expected a number of cells or 'save FILE'", at: first.span) }
            cells = Array(cells.suffix(count))
        }
        return .table(ResultTable(columns: [.init("cell", "#", type: .integer), .init("command", wraps: true), .init("status")],
                                  rows: cells.map { [.integer($0.number), .text($0.command), .text($0.failed ? "failed" : "ok")] }))
    }

    static let notebook = CommandSpec(
        "notebook", group: "session",
        summary: "export the session as a Markdown notebook: commands, outputs and notes",
        usage: ["notebook export FILE.md"],
        examples: ["notebook export analysis.md"],
        subcommands: ["export"],
        argument: .file
    ) { invocation, shell throws(Diagnostic) in
        let words = try invocation.words()
        guard let first = words.first, first.text.lowercased() == "export" else {
            throw words.isEmpty ? invocation.missing("'notebook export FILE.md'") : invocation.error("expected 'export'", at: words[0].span)
        }
        guard words.count == 2 else { throw invocation.missing("'notebook export' needs a file name") }
        let session = shell.session
        var md = "# Review notebook\n\nWorkspace: \(session.sourceDescription); \(session.workspace.studies.count) studies, \(session.workspace.quotes.count) coded quotes.\n"
        if !session.notes.isEmpty {
            md += "\n## Notes\n\n" + session.notes.map { "- " + $0.replacingAll("\n", with: " ") }.joined(separator: "\n") + "\n"
        }
        md += "\n## Cells\n"
        for cell in session.cells {
            md += "\n### [\(cell.number)]\(cell.failed ? " (failed)" : "")\n\n```\n\(cell.command)\n```\n"
            if !cell.output.isEmpty { md += "\n```text\n" + cell.output + (cell.output.hasSuffix("\n") ? "" : "\n") + "```\n" }
        }
        try shell.writeFile(md, to: words[1].text, invocation: invocation, span: words[1].span)
        return .message("wrote \(session.cells.count) cells to \(words[1].text)")
    }

    static let quit = CommandSpec(
        "quit", aliases: ["exit"], group: "session",
        summary: "leave the shell (Ctrl-D does the same)",
        usage: ["quit"]
    ) { invocation, shell throws(Diagnostic) in
        if shell.session.hasUnsavedChanges && shell.input.isInteractive && !shell.warnedAboutUnsavedChanges {
            shell.warnedAboutUnsavedChanges = true
            return .message(Shell.unsavedWarning)
        }
        shell.quitRequested = true
        return .empty
    }
}
