import Testing
@testable import ReviewShell
import ReviewKit

/// The one argument parser: positionals, options, flags, sub-commands and rests read against a signature, with
/// located errors for what is missing, extra, unknown or given twice.
@Suite struct ArgumentParserTests {
    static let signature = ArgumentSignature(
        positionals: [.required("quote", .quoteID, missing: "which quote?"), .optional("file", .file)],
        options: [.init("ref", aliases: ["reference"], .number), .init("page")], flags: ["discard"])

    func parse(_ line: String, _ signature: ArgumentSignature = signature) throws(Diagnostic) -> ParsedArguments {
        try ArgumentParser.parse(Invocation(line)!, as: signature)
    }

    func failure(_ line: String, _ signature: ArgumentSignature = signature) -> Diagnostic? {
        do { _ = try parse(line, signature); return nil } catch { return error }
    }

    @Test func positionalsOptionsAndFlagsAreSortedOut() throws {
        let parsed = try parse("cmd Q12 reference=33 out.csv discard page=\"p. 7\"")
        #expect(parsed.positionals.map(\.text) == ["Q12", "out.csv"])
        #expect(parsed.option("ref")?.value == "33", "an alias is filed under the declared key")
        #expect(parsed.option("page")?.value == "p. 7")
        #expect(parsed.option("page")?.valueSpan == 42..<48)
        #expect(parsed.has("discard"))
        #expect(try parsed.integer("ref") == .some(33))
        #expect(try parsed.integer("missing") == .none)
    }

    @Test func aQuotedFlagWordIsAPositional() throws {
        let parsed = try parse("cmd Q12 \"discard\"")
        #expect(!parsed.has("discard"))
        #expect(parsed.positionals.map(\.text) == ["Q12", "discard"])
    }

    @Test func missingExtraUnknownAndRepeatedArgumentsAreLocated() {
        let missing = failure("cmd")
        #expect(missing?.message == "which quote?")
        #expect(missing?.column == 4, "a missing argument points just past the end of the line")
        let extra = failure("cmd Q1 a.csv more")
        #expect(extra?.message == "unexpected 'more'; options are written FIELD=VALUE")
        #expect(extra?.column == 14)
        let unknown = failure("cmd Q1 colour=blue")
        #expect(unknown?.message == "unknown option 'colour'")
        #expect(unknown?.column == 8 && unknown?.length == 6, "the caret is under the key")
        #expect(unknown?.notes == ["options here: ref, reference, page"])
        let twice = failure("cmd Q1 ref=1 reference=2")
        #expect(twice?.message == "'ref' is given twice")
        #expect(failure("cmd Q1 ref=1", ArgumentSignature(positionals: [.optional("x", .text)]))?.notes == ["'cmd' takes no options"])
    }

    @Test func customMessagesComeFromTheSignature() {
        let signature = ArgumentSignature(positionals: [.optional("x", .text)], extra: { "only one, not '\($0)'" },
                                          options: [.init("q1")], unknownOption: { "no question '\($0)'" })
        #expect(failure("cmd a b", signature)?.message == "only one, not 'b'")
        #expect(failure("cmd a q11=yes", signature)?.message == "no question 'q11'")
    }

    @Test func subcommandsChooseTheirSignature() throws {
        let signature = ArgumentSignature.subcommands(
            [.init("study", ArgumentSignature(positionals: [.required("label", .text, missing: "label?")])), .init("theme", aliases: ["subtheme"])],
            missing: "add what?", unknown: { "cannot add '\($0)'" }, notes: ["expected study or theme"])
        let parsed = try parse("add study \"Smith et al.\"", signature)
        #expect(parsed.subcommand?.name == "study")
        #expect(parsed.positionals.map(\.text) == ["Smith et al."])
        #expect(try parse("add SubTheme", signature).subcommand?.name == "theme")
        #expect(failure("add", signature)?.message == "add what?")
        let unknown = failure("add widget", signature)
        #expect(unknown?.message == "cannot add 'widget'")
        #expect(unknown?.notes == ["expected study or theme"])
        #expect(failure("add study", signature)?.message == "label?")
    }

    @Test func optionalSubcommandsFallBackToTheCommandsOwnArguments() throws {
        let signature = ArgumentSignature.subcommands([.init("save", ArgumentSignature(positionals: [.required("file", .file, missing: "file?")]))],
                                                      missing: nil, unknown: { $0 }, otherwise: ArgumentSignature(positionals: [.optional("count", .number)]))
        #expect(try parse("history 10", signature).positionals.map(\.text) == ["10"])
        #expect(try parse("history save a.review", signature).subcommand?.name == "save")
        #expect(try parse("history", signature).subcommand == nil)
    }

    @Test func aRestIsTakenAsTyped() throws {
        let rest = try parse("quotes  where text contains \"it's\"  ", .rest(.query(.quote)))
        #expect(rest.rest?.text == "where text contains \"it's\"")
        #expect(rest.rest?.offset == 8)
        #expect(try parse("quotes", .rest(.query(.quote))).rest == nil)
        let matrix = ArgumentSignature(positionals: [.optional("view", .keyword(["study"]))], repeatsLastPositional: true,
                                       rest: .init(.query(.quote), introducedBy: "where"))
        let parsed = try parse("matrix study barrier where domain = skills ", matrix)
        #expect(parsed.positionals.map(\.text) == ["study", "barrier"])
        #expect(parsed.rest?.text == "where domain = skills")
        #expect(parsed.rest?.offset == 21)
        #expect(try parsed.query(for: .quote).filter != nil)
    }
}
