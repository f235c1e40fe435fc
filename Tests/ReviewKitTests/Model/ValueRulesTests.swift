import Foundation
import Testing
@testable import ReviewKit

/// One rule per field: the ranges and spellings every reader and editor shares.
@Suite struct ValueRulesTests {
    @Test func rangesAreTheDocumentedOnes() {
        #expect(ValueRules.studyReference.range == 1...2_147_483_647)
        #expect(ValueRules.quoteReference.range == ValueRules.studyReference.range)  // one reference list, one rule
        #expect(ValueRules.year.range == 1800...2200)
        #expect(ValueRules.participants.range == 0...2_147_483_647)
        #expect(ValueRules.subThemeNumber.range == 1...2_147_483_647)
        #expect(ValueRules.subThemeID.range == 1...2_147_483_647)
        #expect(ValueRules.quoteID.range == 1...2_147_483_647)
    }

    @Test func exactSyntaxIsDigitsOnly() throws {
        #expect(try ValueRules.studyReference.parse("33", syntax: .exact) == 33)
        #expect(try ValueRules.studyReference.parse("0033", syntax: .exact) == 33)
        #expect(try ValueRules.studyReference.parse("2147483647", syntax: .exact) == 2_147_483_647)
        for bad in ["", " 33", "+33", "33.0", "-1", "0", "2147483648", "9223372036854775807", "9223372036854775808",
                    String(repeating: "9", count: 5000), "٣٣", "3e1", "33 "] {
            #expect(throws: ReviewError.self, "\(bad.prefix(30))") { try ValueRules.studyReference.parse(bad, syntax: .exact) }
        }
        let error = try #require(throws: ReviewError.self) { try ValueRules.studyReference.parse("2147483648", syntax: .exact) }
        #expect(error.message == "reference must be a whole number from 1 to 2147483647; got '2147483648'")
    }

    @Test func tolerantSyntaxReadsWhatSpreadsheetsWrite() throws {
        #expect(try ValueRules.participants.parse("35.0") == 35)
        #expect(try ValueRules.participants.parse(" 35.000 ") == 35)
        #expect(try ValueRules.year.parse("2020.0") == 2020)
        #expect(try ValueRules.year.parse("+2020") == 2020)
        #expect(try ValueRules.participants.parse("35.") == 35)
        let fraction = try #require(throws: ReviewError.self) { try ValueRules.participants.parse("35.5") }
        #expect(fraction.message.contains("not a fraction"))
        for bad in ["35.5", "3,5", "1e3", "-3", "NaN", ".5", "35.0.0", "2147483648.0"] {
            #expect(throws: ReviewError.self, "\(bad)") { try ValueRules.participants.parse(bad) }
        }
    }

    @Test func bytesAndStringsAgree() throws {
        for text in ["1", "33", "2147483647", "2147483648", "0", "", "12a", "99999999999"] {
            let fromString = try? ValueRules.subThemeNumber.parse(text, syntax: .exact)
            let fromBytes = Array(text.utf8).withUnsafeBufferPointer { try? ValueRules.subThemeNumber.parse(utf8: $0) }
            #expect(fromString == fromBytes, "\(text)")
        }
    }

    @Test func wholeItemsAreChecked() throws {
        #expect(throws: Never.self) { try ValueRules.check(Study(id: "S1", label: "A", reference: 1, year: 2000, participants: 0)) }
        for study in [Study(id: "S1", label: "A", reference: 0), Study(id: "S1", label: "A", reference: 2_147_483_648),
                      Study(id: "S1", label: "A", participants: Int.max), Study(id: "S1", label: "A", participants: -1),
                      Study(id: "S1", label: "A", year: 1799), Study(id: "S 1", label: "A"), Study(id: "S1", label: " \n")] {
            #expect(throws: ReviewError.self, "\(study)") { try ValueRules.check(study) }
        }
        let theme = SubTheme(id: 1, direction: .barrier, component: .physicalOpportunity, domain: .environmentalContextAndResources, number: 2_147_483_648, label: "x")
        #expect(throws: ReviewError.self) { try ValueRules.check(theme) }
        #expect(throws: ReviewError.self) { try ValueRules.check(Quote(id: 1, text: "x", reference: 0)) }
        #expect(throws: ReviewError.self) { try ValueRules.check(Quote(id: 0, text: "x")) }
    }

    @Test func messagesShortenValuesAtWordBoundaries() {
        let long = "Nobody told me what the role was and so I just did what I could on the ward every single day"
        let short = FileError.shortened(long, limit: 40)
        #expect(short == "Nobody told me what the role was and so…")
        #expect(long.hasPrefix(String(short.dropLast())))
        #expect(FileError.shortened("short") == "short")
        #expect(FileError.shortened(String(repeating: "x", count: 100), limit: 10) == "xxxxxxxxxx…")
    }
}
