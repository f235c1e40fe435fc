import ReviewKit

/// `export csv findings|finding_subthemes|finding_sources|cerqual|screening FILE.csv` (or `export csv cerqual.csv`): one
/// table of the findings and their GRADE-CERQual judgements, or of the screening decisions (`SynthesisCSVTable`), written atomically.
extension ExportCommand {
    /// Writes the synthesis table the words name; nil when they name none (the other CSV tables go on as before).
    static func exportSynthesisTable(_ arguments: ParsedArguments, spreadsheet: SpreadsheetOptions = SpreadsheetOptions(),
                                     in context: CommandContext) throws(Diagnostic) -> CommandResult? {
        guard let second = arguments.positional(1) else { return nil }
        let table: SynthesisCSVTable
        let file: Word
        if let third = arguments.positional(2) {
            guard let named = SynthesisCSVTable(named: second.text) else { return nil }
            table = named
            file = third
        } else {
            // "cerqual.csv" alone names its table, as "quotes.csv" does.
            let name = second.text.split(separator: "/").last.map(String.init) ?? second.text
            guard name.lowercased().hasSuffix(".csv"), let named = SynthesisCSVTable(named: String(name.dropLast(4))) else { return nil }
            table = named
            file = second
        }
        do throws(FileError) {
            try table.write(context.workspace, to: context.files.url(forWriting: file.text), byteOrderMark: spreadsheet.byteOrderMark,
                            guardingFormulas: spreadsheet.guardsFormulas)
        } catch {
            throw Diagnostic(error.naming(file.text))
        }
        return .message("wrote \(table.rawValue) to \(file.text)")
    }
}
