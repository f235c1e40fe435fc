import Testing
@testable import ReviewKit

/// A total's band name: its band, "none", or every band it falls in joined by "+" in the bands' order.
@Suite struct QualityBandsTests {
    static let overlapping = QualityBands(bands: [
        .init(name: "high", lower: 14, lowerExclusive: false, upper: nil, upperExclusive: false),
        .init(name: "moderate", lower: 10, lowerExclusive: false, upper: 16, upperExclusive: false),
        .init(name: "low", lower: nil, lowerExclusive: false, upper: 10, upperExclusive: true),
        .init(name: "", lower: 0, lowerExclusive: false, upper: 2, upperExclusive: false),
    ])

    @Test(arguments: [QualityBands.seed, overlapping, QualityBands(bands: [])])
    func bandNameJoinsEveryBandOfTheTotal(bands: QualityBands) {
        for total in -2...22 {
            let names = bands.bands(containing: total).map(\.name)
            #expect(bands.bandName(halfPoints: total) == (names.isEmpty ? QualityBands.noneName : names.joined(separator: "+")), "\(total)")
        }
    }

    @Test func namesOfTheSeedAndOfOverlaps() {
        #expect(QualityBands.seed.bandName(halfPoints: 18) == "high")
        #expect(QualityBands.seed.bandName(halfPoints: 15) == "none")  // 7.5: the seed's text leaves it in no band
        #expect(Self.overlapping.bandName(halfPoints: 15) == "high+moderate")
        #expect(Self.overlapping.bandName(halfPoints: 1) == "low+")  // a band with an empty name still takes its place
    }
}
