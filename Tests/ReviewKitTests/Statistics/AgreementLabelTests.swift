import Foundation
import Testing

@testable import ReviewKit

@Suite("Landis & Koch labels at the printed precision")
struct AgreementLabelTests {
    // Issue 9: `kappa label 0.405` said "moderate" with the range "0.41–0.60" printed beside "0.405".
    @Test("0.405 printed with 2 decimals is 0.41, moderate, 0.41–0.60; typed with 3 it stays 0.405 in 0.401–0.600")
    func issueExample() throws {
        let two = try AgreementLabel(kappa: 0.405, decimals: 2)
        #expect(two.text == "0.41")
        #expect(two.strength == .moderate)
        #expect(two.range == "0.41–0.60")
        let typed = try AgreementLabel(parsing: "0.405")
        #expect(typed.text == "0.405")
        #expect(typed.decimals == 3)
        #expect(typed.strength == .moderate)
        #expect(typed.range == "0.401–0.600")
    }

    @Test("a value that rounds onto a boundary takes the band of the printed value")
    func roundingOntoBoundary() throws {
        let label = try AgreementLabel(kappa: 0.2004, decimals: 3)
        #expect(label.text == "0.200")
        #expect(label.strength == .slight, "0.200 is printed, and 0.200 is slight")
        #expect(AgreementStrength(kappa: 0.2004) == .fair, "unrounded it is fair: the old label disagreed with the print")
        #expect(try AgreementLabel(kappa: 0.8049, decimals: 2).strength == .substantial)
        #expect(try AgreementLabel(kappa: 0.8049, decimals: 2).text == "0.80")
        #expect(try AgreementLabel(kappa: 0.8051, decimals: 2).strength == .almostPerfect)
    }

    // Issue 9: "a slightly negative kappa prints 0.000".
    @Test("negative values are printed as they are and are poor")
    func negatives() throws {
        let small = try AgreementLabel(kappa: -0.0004, decimals: 3)
        #expect(small.text == "-0.0004")
        #expect(small.decimals == 4)
        #expect(small.strength == .poor)
        #expect(small.range == "< 0.0000")
        let tiny = try AgreementLabel(kappa: -1e-9, decimals: 3)
        #expect(tiny.text == "-0.000")
        #expect(tiny.strength == .poor)
        #expect(try AgreementLabel(kappa: -0.25).text == "-0.25")
        #expect(try AgreementLabel(kappa: -0.0).text == "0.00")
        #expect(try AgreementLabel(kappa: -0.0).strength == .slight)
        #expect(AgreementLabel.format(-0.00000004, decimals: 2) == "-0.00")
        #expect(AgreementLabel.format(-0.0, decimals: 3) == "0.000")
    }

    // Issue 9: `kappa label 1.2` was accepted.
    @Test("values outside [-1, 1], NaN and infinities are refused", arguments: [1.2, -1.5, 1.0000001, .nan, .infinity, -.infinity])
    func refusesOutOfRange(value: Double) {
        #expect(throws: StatisticsError.self) { try AgreementLabel(kappa: value) }
    }

    @Test("typed text is parsed strictly, with the whole text as the error's location")
    func parsing() throws {
        #expect(try AgreementLabel(parsing: "0.588").text == "0.588")
        #expect(try AgreementLabel(parsing: "1").text == "1.00")
        #expect(try AgreementLabel(parsing: "-1").strength == .poor)
        #expect(try AgreementLabel(parsing: "−0.2").text == "-0.20")
        #expect(try AgreementLabel(parsing: ".41").range == "0.41–0.60")
        #expect(try AgreementLabel(parsing: "4.1e-1").decimals == 3)
        #expect(throws: StatisticsError("kappa must be between -1 and 1; got 1.2", location: .span(0..<3))) {
            try AgreementLabel(parsing: "1.2")
        }
        for text in ["nan", "inf", "-inf", "0x1p-2", "abc", "", "0.4.1", "1e", "--1", "1e999"] {
            #expect(throws: StatisticsError.self, "\(text)") { try AgreementLabel(parsing: text) }
        }
        #expect(throws: StatisticsError(
            "'nan' is not a number; expected a kappa between -1 and 1 such as 0.588", location: .span(0..<3))
        ) {
            try AgreementLabel(parsing: "nan")
        }
    }

    @Test("every printed value lies in the printed range of its band, at every precision")
    func printedValueInPrintedRange() throws {
        var generator = SystemRandomNumberGenerator()
        for decimals in 1...6 {
            for _ in 0..<2000 {
                let value = Double.random(in: -1...1, using: &generator)
                let label = try AgreementLabel(kappa: value, decimals: decimals)
                let shown = try #require(Double(label.text))
                if label.strength == .poor {
                    #expect(value < 0 && label.range.hasPrefix("< "))
                    continue
                }
                let bounds = label.range.split(separator: "–").compactMap { Double($0) }
                try #require(bounds.count == 2, "\(label.range)")
                #expect(bounds[0] <= shown && shown <= bounds[1], "\(value) printed \(label.text) outside \(label.range)")
            }
            // The bands tile [0, 1] at this precision: each lower bound is one step above the previous upper bound.
            let ranges = AgreementStrength.allCases.dropFirst().map { $0.range(decimals: decimals) }
            let step = pow(10, -Double(decimals))
            for (previous, next) in zip(ranges, ranges.dropFirst()) {
                let upper = Double(previous.split(separator: "–")[1])!
                let lower = Double(next.split(separator: "–")[0])!
                #expect(abs(lower - upper - step) < step / 10, "\(previous) then \(next)")
            }
        }
    }

    @Test("computed coefficients below -1 are labelled poor rather than refused")
    func computedBelowMinusOne() throws {
        let label = try #require(AgreementLabel(coefficient: -1.7))
        #expect(label.strength == .poor)
        #expect(AgreementLabel(coefficient: .nan) == nil)
        #expect(AgreementLabel(coefficient: .infinity) == nil)
    }

    @Test("labels encode with snake_case strength keys")
    func encoding() throws {
        let data = try JSONEncoder().encode(AgreementLabel(kappa: 0.95))
        let text = String(decoding: data, as: UTF8.self)
        #expect(text.contains("\"strength\":\"almost_perfect\""))
        #expect(try JSONDecoder().decode(AgreementLabel.self, from: data) == AgreementLabel(kappa: 0.95))
    }
}
