import Foundation
import Testing
@testable import ReviewShell

/// Every command file is registered, lives in the folder of its help group, and is documented; docs/commands.md
/// is generated from the same help.
@Suite struct CommandRegistryTests {
    static let commandsFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Sources/ReviewShell/Commands")

    /// The command files: `<Group>/<Name>Command.swift`, as (folder, type name).
    static var commandFiles: [(folder: String, type: String)] {
        CommandGroup.allCases.flatMap { group -> [(String, String)] in
            let folder = commandsFolder.appendingPathComponent(group.folder)
            let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
            return names.filter { $0.hasSuffix("Command.swift") }.map { (group.folder, String($0.dropLast(".swift".count))) }
        }
    }

    @Test func everyCommandFileIsRegisteredInItsGroupsFolder() {
        let files = Self.commandFiles
        #expect(files.count >= 30, "expected the command files under \(Self.commandsFolder.path)")
        let registered = Dictionary(uniqueKeysWithValues: CommandRegistry.standard.commands.map { (String(describing: type(of: $0)), $0) })
        for file in files {
            guard let command = registered[file.type] else {
                Issue.record("\(file.folder)/\(file.type).swift declares a command that CommandRegistry.standard does not list")
                continue
            }
            #expect(command.group.folder == file.folder, "\(file.type) is in \(file.folder)/ but helps under '\(command.group.rawValue)'")
        }
        for type in registered.keys where !files.contains(where: { $0.type == type }) {
            Issue.record("\(type) is registered but has no file Commands/<Group>/\(type).swift")
        }
    }

    @Test func everyCommandHasUsageAndAOneLineSummary() {
        for command in CommandRegistry.standard.commands {
            #expect(!command.usage.isEmpty, "\(command.name)")
            #expect(!command.summary.isEmpty && !command.summary.hasSuffix("."), "\(command.name): a one-line summary without a full stop")
        }
        let names = CommandRegistry.standard.allNames
        #expect(Set(names).count == names.count, "no two commands share a name or alias")
    }

    @Test func docsMatchTheHelp() throws {
        let url = ReproduceScriptTests.root.appendingPathComponent("docs/commands.md")
        let generated = HelpText.markdownReference(.standard)
        if TranscriptRunner.recording {
            try generated.write(to: url, atomically: true, encoding: .utf8)
            Issue.record("recorded docs/commands.md; run the tests again without REVIEW_RECORD_GOLDEN to check it")
            return
        }
        let onDisk = try String(contentsOf: url, encoding: .utf8)
        #expect(onDisk == generated, "docs/commands.md is out of date: run the tests once with REVIEW_RECORD_GOLDEN=1 and review the diff")
    }
}
