import ReviewKit

/// `export … bom|guard|excel` (CSV for spreadsheets) and `export robvis FILE.csv` (the CASP appraisals for robvis).
extension ExportCommand {
    /// The spreadsheet options of a CSV export: a UTF-8 byte-order mark, and guarded formula cells.
    struct SpreadsheetOptions {
        var byteOrderMark = false
        var guardsFormulas = false
    }

    /// Reads `bom`, `guard` and `excel` (both); they apply to CSV exports only, and `weight=` to robvis only.
    static func spreadsheetOptions(_ arguments: ParsedArguments, format: String) throws(Diagnostic) -> SpreadsheetOptions {
        if let weight = arguments.option("weight"), format != "robvis" {
            throw arguments.error("weight= applies to 'export robvis'", at: weight.span)
        }
        var options = SpreadsheetOptions()
        guard !arguments.flags.isEmpty else { return options }
        let words = (try? arguments.invocation.words()) ?? []
        for word in words where !word.quoted && word.option == nil && arguments.has(word.text.lowercased()) {
            guard format == "csv" || format == "robvis" else {
                throw arguments.error("'\(word.text)' applies to CSV exports ('export csv', 'export robvis')", at: word.span)
            }
            switch word.text.lowercased() {
            case "bom": options.byteOrderMark = true
            case "guard": options.guardsFormulas = true
            default: options = SpreadsheetOptions(byteOrderMark: true, guardsFormulas: true)
            }
        }
        return options
    }

    /// `export robvis FILE.csv [weight=quotes|participants]`.
    static func exportRobvis(_ arguments: ParsedArguments, spreadsheet: SpreadsheetOptions, in context: CommandContext) throws(Diagnostic) -> CommandResult {
        guard let file = arguments.positional(1) else { throw arguments.missing("name the file to write, e.g. 'export robvis casp-robvis.csv'") }
        if let third = arguments.positional(2) { throw arguments.error("unexpected '\(third.text)'", at: third.span) }
        var weight: RobvisExport.Weight?
        if let option = arguments.option("weight") {
            guard let chosen = RobvisExport.Weight(rawValue: option.value.lowercased()) else {
                throw arguments.error("unknown weight '\(option.value)'", at: option.valueSpan, notes: ["weights: quotes, participants"])
            }
            weight = chosen
        }
        let table = RobvisExport.table(context.workspace, bands: context.settings.bands, weight: weight)
        guard table.rows.count > 1 else { throw arguments.error("no study is appraised yet; 'appraise' records CASP answers", at: file.span) }
        if !table.missingWeight.isEmpty {
            throw arguments.error("weight=participants: \(table.missingWeight.count) stud\(table.missingWeight.count == 1 ? "y has" : "ies have") no number of participants (\(table.missingWeight.prefix(8).joined(separator: ", "))\(table.missingWeight.count > 8 ? ", …" : ""))",
                                  at: arguments.option("weight")!.span, notes: ["'edit study ID participants=N' adds it, or use weight=quotes"])
        }
        do throws(FileError) {
            try AtomicFile.write(RobvisExport.encode(table.rows, byteOrderMark: spreadsheet.byteOrderMark, guardingFormulas: spreadsheet.guardsFormulas),
                                 to: context.files.url(forWriting: file.text))
        } catch {
            throw Diagnostic(error.naming(file.text))
        }
        let studies = table.rows.count - 1
        var message = "wrote \(studies) appraised stud\(studies == 1 ? "y" : "ies") to \(file.text) for robvis (D1–D10 = CASP Q1–Q10; yes → Low, can't tell → Some concerns, no → High)"
        if !table.leftOut.isEmpty { message += "; \(table.leftOut.count) without an appraisal left out" }
        return .message(message)
    }
}
