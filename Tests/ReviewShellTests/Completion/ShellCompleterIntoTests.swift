import Foundation
import Testing
@testable import ReviewShell
import ReviewKit

/// Tab completion of `into FILE [format=F] [bom] [guard] [excel]` and of `output`/`once`.
@Suite struct ShellCompleterIntoTests {
    let shell: Shell
    let completer: ShellCompleter
    let directory: URL

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("review-complete-into-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try "".write(to: directory.appendingPathComponent("barriers.csv"), atomically: true, encoding: .utf8)
        shell = Shell(session: try Session.embedded(), input: ScriptedLineSource([]), output: BufferedOutput())
        completer = ShellCompleter(shell: shell)
    }

    @Test func intoIsOfferedAfterAQueryAndAFileAfterIt() {
        #expect(completer.complete("quotes where direction = barrier int").candidates.contains("into"))
        #expect(completer.complete("bands in").candidates.contains("into"))
        // Not where the command shows no result, nor inside free text.
        #expect(!completer.complete("save x.snapshot int").candidates.contains("into"))
        #expect(!completer.complete("note int").candidates.contains("into"))
        let file = completer.complete("quotes where direction = barrier into \(directory.path)/bar")
        #expect(file.candidates == ["\(directory.path)/barriers.csv"])
    }

    @Test func optionsAndFormatsFollowTheFile() {
        let options = completer.complete("studies into s.csv ")
        #expect(options.candidates == ["format=", "bom", "guard", "excel"])
        let formats = completer.complete("studies into s.out format=j")
        #expect(formats.candidates == ["json"])
        #expect(formats.replacingLast == 1)
        #expect(completer.complete("output x.csv ex").candidates == ["excel"])
        #expect(completer.complete("output o").candidates.contains("off"))
    }
}
