import Foundation
import Testing
@testable import ReviewShell
import ReviewKit

/// Every result column and record field has a stable snake_case key, unique within its result, and every
/// value has the column's type: checked over every command of the golden scripts and every help example.
@Suite struct ResultColumnTests {
    static func isSnakeCase(_ key: String) -> Bool {
        guard let first = key.unicodeScalars.first, first == "_" || ("a"..."z").contains(first) else { return false }
        return key.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "_" }
    }

    /// The commands to run: each line of the golden scripts, then each example of `help`.
    static var commands: [String] {
        let golden = TranscriptRunner.goldenDirectory
        let scripts = ((try? FileManager.default.contentsOfDirectory(atPath: golden.path)) ?? []).filter { $0.hasSuffix(".review") }.sorted()
        let lines = scripts.flatMap { name in
            ((try? String(contentsOf: golden.appendingPathComponent(name), encoding: .utf8)) ?? "").split(separator: "\n").map(String.init)
        }
        return lines.filter { !$0.hasPrefix("#") && !$0.lowercased().hasPrefix("quiz") } + CommandRegistry.standard.commands.flatMap(\.examples)
    }

    static func check(_ result: CommandResult, _ command: String) {
        switch result {
        case .table(let table):
            let keys = table.columns.map(\.key)
            #expect(keys.allSatisfy(isSnakeCase), "\(command): \(keys)")
            #expect(Set(keys).count == keys.count, "\(command): duplicate keys \(keys)")
            for row in table.rows {
                // `set`'s value column holds each setting's own type (a boolean, a width, a word; docs/formats.md).
                for (column, value) in zip(table.columns, row) where value != .missing && !(table.title == "Settings" && column.key == "value") {
                    if case .absent = value { continue }
                    let fits = value.type == column.type || (column.type == .number && value.type == .integer)
                    #expect(fits, "\(command): column \(column.key) is \(column.type) but holds \(value)")
                }
            }
        case .record(let record):
            let keys = record.fields.map(\.key)
            #expect(keys.allSatisfy(isSnakeCase), "\(command): \(keys)")
            #expect(Set(keys).count == keys.count, "\(command): duplicate keys \(keys)")
        case .figure(let figure):
            #expect(isSnakeCase(figure.key), "\(command): \(figure.key)")
        case .sequence(let items):
            for item in items { check(item, command) }
        case .text, .message, .empty:
            break
        }
    }

    @Test func everyColumnIsKeyedAndTyped() throws {
        // The commands write files (save, export, history save): run them in a scratch copy of the fixtures.
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("review-columns-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch.appendingPathComponent("out"), withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: TranscriptRunner.goldenDirectory.appendingPathComponent("fixtures"), to: scratch.appendingPathComponent("fixtures"))
        defer { try? FileManager.default.removeItem(at: scratch) }
        var options = ShellOptions()
        options.workingDirectory = scratch.path
        let shell = Shell(session: try Session.embedded(), input: ScriptedLineSource([]), output: BufferedOutput(), options: options)
        var checked = 0
        for command in Self.commands {
            guard let invocation = Invocation(command), let result = try? shell.execute(invocation) else { continue }
            Self.check(result, command)
            checked += 1
        }
        #expect(checked > 100, "only \(checked) commands gave a result")
    }

    @Test func formattedFiguresStayNumbers() throws {
        let shell = Shell(session: try Session.embedded(), input: ScriptedLineSource([]), output: BufferedOutput())
        guard case .table(let domains) = try shell.execute(Invocation("domains")!) else { Issue.record("domains gave no table"); return }
        let barriers = try #require(domains.columns.firstIndex { $0.key == "barriers" })
        #expect(domains.rows.contains { $0[barriers] == .pair(2, 2) })
        #expect(domains.rows.contains { $0.last == .absent("no data") })
        #expect(shell.run("expect p < 0.001 from kappa fleiss counts \"0,0,0,0,14; 0,2,6,4,2; 0,0,3,5,6; 0,3,9,2,0; 2,2,8,1,1; 7,7,0,0,0; 3,2,6,3,0; 2,5,3,2,2; 6,5,2,1,0; 0,2,2,3,7\""))
        #expect(ResultValue.pValue(0.0004).description == "< 0.001")
        #expect(ResultValue.pValue(0.0123).description == "0.012")
        #expect(ResultValue.pValue(.nan).description == "n/a")
        #expect(ResultValue.pValue(.nan).numericValue == nil)
        #expect(ResultValue.list([.number(10, decimals: 0), .number(9.5, decimals: 1)]).description == "10, 9.5")
    }
}
