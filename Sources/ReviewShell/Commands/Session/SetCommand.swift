import ReviewKit

/// `set`: show or change the session's settings.
struct SetCommand: Command {
    let name = "set"
    let group = CommandGroup.session
    let summary = "show or change settings: format, width, bands, mapping, colour, pager, glyphs, journal"
    let usage = ["set", "set NAME VALUE"]
    let details = """
    format, bands and mapping are saved in snapshots: changing them is a change to save, and it is journaled for crash recovery. \
    width, colour, pager, glyphs and journal belong to this run (a load keeps them). 'set bands seed' restores the review's cut-offs. \
    'set journal off' lets you edit when the crash-recovery journal cannot be written: changes are then kept only by 'save', \
    and 'set journal on' needs a save first. Tables fit the width (wrapping at word boundaries); 'set expanded on' prints each row \
    as a block of label and value lines (psql's \\x), 'auto' (the default) does so only when a table cannot fit, 'off' never. \
    With --format json or csv, 'set' gives typed values: on/off as true/false, width as a number, an unset value (auto, none) \
    as null with the word in value_reason.
    """
    let examples = ["set format csv", "set width 80", "set expanded on", "set bands \"high >8..10; moderate 6..8; low ..5.5\"", "set mapping standard"]
    let signature = ArgumentSignature(positionals: [.optional("setting", .setting), .optional("value", .settingValue)],
                                      extra: { _ in "too many values; quote a value with spaces" })

    func run(_ arguments: ParsedArguments, in context: CommandContext) throws(Diagnostic) -> CommandResult {
        let session = context.session
        guard let nameWord = arguments.positional(0) else {
            return .table(ResultTable(title: "Settings", columns: [.init("setting"), .init("value", wraps: true), .init("meaning", wraps: true)],
                                      rows: Settings.catalogue.map { [.text($0.name), $0.value(in: session.settings), .text($0.summary)] }))
        }
        let name = nameWord.text.lowercased()
        guard let valueWord = arguments.positional(1) else {
            if let setting = Settings.setting(named: name) { return .figure(ResultFigure(setting.name, value: setting.value(in: session.settings))) }
            throw arguments.missing("'set \(nameWord.text)' needs a value")
        }
        var settings = session.settings
        do throws(ReviewError) {
            try settings.set(name, to: valueWord.text)
        } catch {
            var error = error
            error.span = error.kind == .unknownSetting ? nameWord.span : valueWord.span
            throw arguments.invocation.diagnostic(error)
        }
        if settings.journal && !session.settings.journal && session.document.hasUnjournaledChanges {
            // The journal would replay onto a base that lacks the changes made while it was off.
            throw arguments.error("changes were made while the journal was off, and the journal cannot hold them; 'save FILE' first, then 'set journal on'",
                                  at: valueWord.span)
        }
        // Only what a snapshot keeps is a change to save (and to journal); width, colour, pager, glyphs and journal are this run's.
        let key = Settings.setting(named: name)?.name ?? name
        if Settings.keptInSnapshots.contains(key), settings.snapshotValues[key] != session.settings.snapshotValues[key] {
            try arguments.invocation.engine { () throws(ReviewError) in
                try session.record(.setting(key: key, value: settings.snapshotValues[key]), command: arguments.invocation.text)
            }
        }
        session.settings = settings
        return .message("\(name) = \(session.settings.value(of: name) ?? "")")
    }
}
