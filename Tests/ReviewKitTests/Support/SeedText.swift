import Foundation

/// The seed review's tables and citation locators (Fixtures/Seed, extracted from the source review by
/// scripts/extract-seed-fixtures.sh), read independently of the dataset so tests can compare the two.
enum SeedText {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/Seed")

    static func fixture(_ name: String) -> String {
        (try? String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)) ?? ""
    }

    /// The table rows, then the citation locators, one per line.
    static let text: String = fixture("seed-tables.md") + "\n" + fixture("seed-citations.txt")

    static var lines: [String] { text.components(separatedBy: "\n") }

    /// Table 2 rows: label (without the cut-off " ("), the ten scores, and the printed total.
    static var table2: [(label: String, scores: [Double], total: Double)] {
        lines.filter { $0.hasPrefix("| ") && $0.contains(" ( |") && !$0.hasPrefix("| Study") }
            .map { line in
                let cells = line.split(separator: "|", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
                let label = String(cells[1].dropLast(2))
                return (label, cells[2...11].map { Double($0)! }, Double(cells[12])!)
            }
    }

    /// Rows of Tables 3 and 4 that start a sub-theme ("N. label"), with the table they are in.
    static var themeRows: [(table: Int, cells: [String])] {
        var table = 0
        var rows: [(Int, [String])] = []
        for line in lines {
            if line.hasPrefix("| COM-B | TDF") { table = table == 0 ? 3 : 4; continue }
            guard table > 0, line.hasPrefix("| "), line.contains("[(") else { continue }
            rows.append((table, line.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }))
        }
        return rows
    }
}
