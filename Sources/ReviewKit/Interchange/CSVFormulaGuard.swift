/// Guards CSV cells against spreadsheet formula execution ("CSV injection", OWASP): a cell that starts with
/// `=`, `+`, `-`, `@`, a tab or a carriage return is run as a formula by Excel, LibreOffice and Google Sheets
/// when the file is opened, so a guarded cell gets a single quote in front (`=HYPERLINK(…)` → `'=HYPERLINK(…)`),
/// which spreadsheets show as text.
///
/// A plain number (`-0.25`, `+3`, `-1.5e-3`) is left as it is: it cannot be a formula, and guarding it would turn
/// it into text. Guarding is off by default because it changes the data (the quote is part of the cell for any
/// reader that is not a spreadsheet); `unguarded` takes it off again.
///
/// Source: OWASP, "CSV Injection" (https://owasp.org/www-community/attacks/CSV_Injection), which lists the
/// characters and recommends the leading single quote.
public enum CSVFormulaGuard {
    /// The first bytes that make a spreadsheet read a cell as a formula: = + - @ TAB CR.
    public static let triggers: [UInt8] = [UInt8(ascii: "="), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "@"), 9, 13]

    /// The cell as a spreadsheet may open it safely: with a leading `'` when it starts with a trigger and is
    /// not a plain number.
    public static func guarded(_ cell: String) -> String {
        guard let first = cell.utf8.first, triggers.contains(first), !isPlainNumber(cell) else { return cell }
        return "'" + cell
    }

    /// Undoes `guarded`: drops the leading `'` of a cell whose next character is a trigger.
    public static func unguarded(_ cell: String) -> String {
        let bytes = cell.utf8
        guard bytes.first == UInt8(ascii: "'"), let second = bytes.dropFirst().first, triggers.contains(second) else { return cell }
        return String(cell.dropFirst())
    }

    /// Whether a cell is a decimal number and nothing else (`-12`, `+3.5`, `-1e-3`).
    static func isPlainNumber(_ cell: String) -> Bool {
        var bytes = Substring(cell).utf8[...]
        if let sign = bytes.first, sign == UInt8(ascii: "-") || sign == UInt8(ascii: "+") { bytes = bytes.dropFirst() }
        func digits() -> Int {
            let count = bytes.prefix { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }.count
            bytes = bytes.dropFirst(count)
            return count
        }
        var count = digits()
        if bytes.first == UInt8(ascii: ".") {
            bytes = bytes.dropFirst()
            count += digits()
        }
        guard count > 0 else { return false }
        if let e = bytes.first, e == UInt8(ascii: "e") || e == UInt8(ascii: "E") {
            bytes = bytes.dropFirst()
            if let sign = bytes.first, sign == UInt8(ascii: "-") || sign == UInt8(ascii: "+") { bytes = bytes.dropFirst() }
            guard digits() > 0 else { return false }
        }
        return bytes.isEmpty
    }
}
