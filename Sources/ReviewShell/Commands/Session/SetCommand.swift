import ReviewKit

/// `set`: show or change the session's settings.
struct SetCommand: Command {
    let name = "set"
    let group = CommandGroup.session
    let summary = "show or change settings: format, width, bands, mapping, colour, pager"
    let usage = ["set", "set NAME VALUE"]
    let details = "Settings are saved in snapshots. 'set bands seed' restores the review's cut-offs."
    let examples = ["set format csv", "set width 80", "set bands \"high >8..10; moderate 6..8; low ..5.5\"", "set mapping standard"]
    let signature = ArgumentSignature(positionals: [.optional("setting", .setting), .optional("value", .settingValue)],
                                      extra: { _ in "too many values; quote a value with spaces" })

    func run(_ arguments: ParsedArguments, in context: CommandContext) throws(Diagnostic) -> CommandResult {
        let session = context.session
        guard let nameWord = arguments.positional(0) else {
            return .table(ResultTable(title: "Settings", columns: [.init("setting"), .init("value", wraps: true), .init("meaning", wraps: true)],
                                      rows: Settings.catalogue.map { [.text($0.name), .text($0.show(session.settings)), .text($0.summary)] }))
        }
        let name = nameWord.text.lowercased()
        guard let valueWord = arguments.positional(1) else {
            if let value = session.settings.value(of: name) { return .figure(ResultFigure(name, value: .text(value))) }
            throw arguments.missing("'set \(nameWord.text)' needs a value")
        }
        do throws(ReviewError) {
            try session.settings.set(name, to: valueWord.text)
        } catch {
            var error = error
            error.span = error.kind == .unknownSetting ? nameWord.span : valueWord.span
            throw arguments.invocation.diagnostic(error)
        }
        // Who is at the keyboard (and blind mode) is not saved, so changing it leaves nothing unsaved.
        if Settings.setting(named: name)?.isSaved ?? true { session.hasUnsavedChanges = true }
        return .message("\(name) = \(session.settings.value(of: name) ?? "")")
    }
}
