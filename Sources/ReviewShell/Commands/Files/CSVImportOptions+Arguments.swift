import ReviewKit

/// `import FILE.csv delimiter=; extra=error`: the CSV import's options as the shell spells them.
extension CSVImportOptions {
    /// The option keys `import` takes for a CSV file.
    static let shellKeys: Set<String> = ["delimiter", "extra"]

    /// Options from `delimiter=` (`,` `;` or `tab`, also written `comma`, `semicolon`, `\t`; absent: told from the
    /// header) and `extra=` (`ignore`, the default, or `error`); a value outside those is an error at the value.
    init(_ arguments: ParsedArguments) throws(Diagnostic) {
        self.init()
        if let option = arguments.option("delimiter") {
            switch option.value.lowercased() {
            case ",", "comma": delimiter = 44
            case ";", "semicolon": delimiter = 59
            case "tab", "\t", "\\t": delimiter = 9
            default: throw arguments.error("delimiter= takes , ; or tab; got '\(option.value)'", at: option.valueSpan)
            }
        }
        if let option = arguments.option("extra") {
            switch option.value.lowercased() {
            case "ignore": unknownColumns = .ignore
            case "error", "refuse": unknownColumns = .refuse
            default: throw arguments.error("extra= takes ignore or error; got '\(option.value)'", at: option.valueSpan)
            }
        }
    }
}
