import Testing
@testable import ReviewShell
import ReviewKit

/// How agreement tables print a coefficient: as its Landis & Koch label judges it.
@Suite struct AgreementTablesTests {
    static func estimate(_ value: Double) -> AgreementEstimate {
        AgreementEstimate(coefficient: .cohenKappa, metric: .nominal, value: value, observedAgreement: 0.5, chanceAgreement: 0.5,
                          standardError: 0.01, confidenceInterval: nil, units: 10, ratings: 20, method: "test")
    }

    /// A kappa just below zero is labelled poor, so it must not print as "0.000" (which reads as slight):
    /// it stays visibly negative, and machine output keeps the full value.
    @Test func aSmallNegativeValueStaysVisiblyNegative() {
        let shown = AgreementTables.shown(Self.estimate(-0.0001))
        #expect(shown.description == "-0.0001")
        #expect(AgreementTables.strength(Self.estimate(-0.0001)) == .labelled(.text("poor"), display: "poor"))
        #expect(shown.machineValue == .number(-0.0001, decimals: 3))
        #expect(AgreementTables.shown(Self.estimate(0.4567)).description == "0.457")
    }
}
