import Foundation
import Testing
@testable import ReviewKit

/// Checks docs/primer.md against the engine and the data, so the primer cannot drift.
@Suite("Teaching: primer")
struct PrimerTests {
    static let text: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<4 { url.deleteLastPathComponent() }
        return (try? String(contentsOf: url.appendingPathComponent("docs/primer.md"), encoding: .utf8)) ?? ""
    }()

    @Test("the primer quotes every domain and COM-B definition verbatim")
    func definitions() {
        #expect(!Self.text.isEmpty, "docs/primer.md not found")
        for domain in TDFDomain.allCases {
            #expect(Self.text.contains("| \(domain.rawValue) | \(domain.name) | \"\(domain.definition)\" | \(domain.constructs.count) |"), "\(domain.name)")
        }
        for source in COMBComponent.Source.allCases {
            #expect(Self.text.contains("\"\(source.definition)\""), "\(source.name)")
        }
        for question in CASPQuestion.all {
            #expect(Self.text.contains("\(question.id). \"\(question.text)\""), "Q\(question.id)")
        }
    }

    @Test("the primer's table of quote counts matches the embedded review")
    func counts() throws {
        let quotes = TeachingFixtures.quotes(TeachingFixtures.workspace)
        for domain in TDFDomain.allCases {
            let here = quotes.filter { $0.domain == domain }
            let barriers = here.filter { $0.direction == .barrier }.count
            let line = "| \(domain.name) | \(here.count) (\(barriers) / \(here.count - barriers)) |"
            #expect(Self.text.contains(line) == !here.isEmpty, "\(line)")
        }
    }

    @Test("the primer's mapping table matches the engine's mappings")
    func mappingTable() {
        for component in COMBComponent.allCases {
            let rows = Self.text.split(separator: "\n").filter { $0.hasPrefix("| \(component.name) |") }
                .map { $0.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) } }
            let row = rows.first { $0.count == 3 }
            #expect(row != nil, "no mapping row for \(component.name)")
            guard let cells = row else { continue }
            for (cell, mapping) in zip(cells[1...2], [DomainMapping.seed, .standard]) {
                let named = mapping.domains(of: component).map(\.name)
                if cell == "the same six" { #expect(named == DomainMapping.seed.domains(of: component).map(\.name)); continue }
                let listed = cell.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces).components(separatedBy: " (").first! }
                #expect(listed == named, "\(component.name), \(mapping)")
            }
        }
    }
}
