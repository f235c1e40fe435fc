import Testing

@testable import ReviewKit

@Suite("Landis & Koch agreement strength")
struct AgreementStrengthTests {
    @Test(
        "bands and boundaries follow the documented convention",
        arguments: [
            (-1.0, AgreementStrength.poor), (-0.0001, .poor), (0.0, .slight), (0.1, .slight),
            (0.20, .slight), (0.2000001, .fair), (0.40, .fair), (0.41, .moderate), (0.60, .moderate),
            (0.600001, .substantial), (0.80, .substantial), (0.8000001, .almostPerfect),
            (1.0, .almostPerfect),
        ])
    func bands(kappa: Double, strength: AgreementStrength) {
        #expect(AgreementStrength(kappa: kappa) == strength)
    }

    @Test("an undefined (NaN) kappa is classed as poor")
    func notANumber() {
        #expect(AgreementStrength(kappa: .nan) == .poor)
    }

    @Test("labels and display ranges")
    func labelsAndRanges() {
        #expect(AgreementStrength.allCases.map(\.label) == [
            "poor", "slight", "fair", "moderate", "substantial", "almost perfect",
        ])
        #expect(AgreementStrength.allCases.map(\.range) == [
            "< 0.00", "0.00–0.20", "0.21–0.40", "0.41–0.60", "0.61–0.80", "0.81–1.00",
        ])
        #expect(AgreementStrength.almostPerfect.rawValue == "almostPerfect")
    }

    @Test("the worked examples get the expected bands")
    func workedExamples() throws {
        #expect(AgreementStrength(kappa: 0.430245) == .moderate)  // Fleiss 1971
        #expect(AgreementStrength(kappa: 0.209931) == .fair)  // Wikipedia Fleiss example
        #expect(try CohenKappa(table: [[20, 5], [10, 15]]).strength == .fair)  // 0.40 is fair
    }
}
