import Foundation
import Testing
@testable import ReviewKit

/// The verdict `validate_refi.py` prints (Python's `xmlschema` against Fixtures/Project.xsd and Codebook.xsd,
/// plus selections sliced by Python and the cross-reference checks the schema cannot express).
struct SchemaVerdict: Decodable {
    struct File: Decodable {
        struct Selection: Decodable { let name: String?; let source: String?; let start: Int; let end: Int; let text: String; let codes: [String]; let users: [String?] }
        let path: String
        let valid: Bool
        let errors: [String]
        let selections: [Selection]?
        let problems: [String]?
    }
    let xmlschema: String
    let files: [File]
}

/// Runs the independent validator. A missing python3 or `xmlschema` fails the test with what to install:
/// this check must not pass by being skipped.
enum SchemaValidator {
    static let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("validate_refi.py")

    static func python() -> URL? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        for directory in path.split(separator: ":") {
            let candidate = URL(fileURLWithPath: String(directory)).appendingPathComponent("python3")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        return nil
    }

    static func validate(_ files: [URL]) throws -> SchemaVerdict? {
        guard let python = python() else {
            Issue.record("python3 is not on PATH: REFI-QDA schema validation needs python3 with the xmlschema package (pip install xmlschema; scripts/bootstrap.sh installs both)")
            return nil
        }
        let process = Process()
        process.executableURL = python
        process.arguments = [script.path] + files.map(\.path)
        let output = Pipe(), errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            Issue.record(process.terminationStatus == 3
                         ? "the python package xmlschema is missing: pip install xmlschema (scripts/bootstrap.sh installs it). \(message)"
                         : "validate_refi.py failed (status \(process.terminationStatus)): \(message)")
            return nil
        }
        return try JSONDecoder().decode(SchemaVerdict.self, from: data)
    }
}

@Suite struct REFISchemaValidationTests {
    @Test func exportsAreValidAgainstTheSchemas() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("review-refi-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }

        let (workspace, options) = try RichReview.make()
        var dated = options
        dated.date = Date(timeIntervalSince1970: 1_764_583_200)
        let result = QDPXExport.export(workspace, options: dated)
        let qdpx = folder.appendingPathComponent("review.qdpx"), qdc = folder.appendingPathComponent("review.qdc")
        let standard = folder.appendingPathComponent("standard.qdc"), empty = folder.appendingPathComponent("empty.qdpx")
        try result.archive.write(to: qdpx, date: dated.date!)
        try result.codebook.codebook.write(to: qdc)
        try ReviewCodebook(workspace: workspace, mapping: .standard, tags: ["peer training"]).codebook.write(to: standard)
        try QDPXExport.export(Workspace()).archive.write(to: empty)
        // Two controls: the ATLAS.ti-shaped fixture is valid, the hand-made one is not (rgb() and alpha colours).
        let atlas = folder.appendingPathComponent("atlas.qdpx"), handmade = folder.appendingPathComponent("handmade.qdpx")
        let twoCoders = folder.appendingPathComponent("two-coders.qdpx")
        try Data(REFIFixture.qdpx("atlas-like")).write(to: atlas)
        try Data(REFIFixture.qdpx("handmade")).write(to: handmade)
        try Data(REFIFixture.qdpx("two-coders")).write(to: twoCoders)

        guard let verdict = try SchemaValidator.validate([qdpx, qdc, standard, empty, atlas, handmade, twoCoders]) else { return }
        let files = Dictionary(uniqueKeysWithValues: verdict.files.map { (URL(fileURLWithPath: $0.path).lastPathComponent, $0) })
        for name in ["review.qdpx", "review.qdc", "standard.qdc", "empty.qdpx", "atlas.qdpx", "two-coders.qdpx"] {
            let file = try #require(files[name])
            #expect(file.valid, "\(name): \(file.errors)")
            #expect(file.problems ?? [] == [], "\(name): \(file.problems ?? [])")
        }
        let invalid = try #require(files["handmade.qdpx"])
        #expect(!invalid.valid && invalid.errors.count == 2 && invalid.errors.allSatisfy { $0.contains("color") }, "\(invalid.errors)")

        // Python slices every selection from the exported source files: the same text as the quote it names.
        let selections = try #require(files["review.qdpx"]?.selections)
        #expect(selections.count == workspace.quotes.count)
        let coders = Dictionary(uniqueKeysWithValues: result.archive.project.users.map { ($0.guid, $0.name ?? "") })
        for selection in selections {
            let name = try #require(selection.name)
            let quote = try #require(workspace.quote(Int(name.dropFirst())!))
            #expect(selection.text == quote.text, "\(name)")
            let users = Set(selection.users.compactMap { $0.flatMap { coders[$0] } })
            // One User per reviewer who coded the quote (and the consensus), beside the quote's own coding.
            let reviewers = workspace.reviewerCodings.filter { $0.quoteID == quote.id }.map(\.reviewer)
            let own = FrameworkCoding(quote).isEmpty && options.tags[quote.id] == nil ? [] : ["review (quote coding)"]
            #expect(users == Set(reviewers + own), "\(name)")
        }
        // And the ATLAS.ti-shaped fixture, sliced by Python with CR LF as one position, gives the quotes the import gives.
        let atlasPlan = REFIImport.plan(try QDPXArchive(bytes: REFIFixture.qdpx("atlas-like")), into: Workspace())
        let atlasSelections = try #require(files["atlas.qdpx"]?.selections)
        #expect(atlasSelections.map(\.text) == atlasPlan.quotes.map(\.quote.text))
        // The two-coder fixture, sliced by Python after its BOM: the texts the import gives, each coded by both users.
        let twoPlan = REFIImport.plan(try QDPXArchive(bytes: REFIFixture.qdpx("two-coders")), into: Workspace())
        let twoSelections = try #require(files["two-coders.qdpx"]?.selections)
        #expect(twoSelections.map(\.text) == twoPlan.quotes.map(\.quote.text))
        #expect(twoSelections.allSatisfy { Set($0.users.compactMap { $0 }).count >= 2 })
        let handmadePlan = REFIImport.plan(try QDPXArchive(bytes: REFIFixture.qdpx("handmade")), into: Workspace())
        let handmadeTexts = (files["handmade.qdpx"]?.selections ?? []).map(\.text)
        for quote in handmadePlan.quotes { #expect(handmadeTexts.contains(quote.quote.text), "\(quote.quote.text)") }
    }
}
