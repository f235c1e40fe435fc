import Foundation
import Testing

@testable import ReviewKit

/// A small seeded generator (SplitMix64), so that every run sees the same random tables and a failure
/// can be replayed.
struct StatisticsRandom: RandomNumberGenerator {
    var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Random ratings tables as reviewers export them, with the generator's own knowledge of which
/// columns are raters, checked against the reader and against identities the coefficients must satisfy.
/// (The figures themselves are checked against irrcac and krippendorff in AgreementReferenceTests.)
@Suite("Agreement properties over random tables")
struct AgreementPropertyTests {
    static let vocabularies = [
        ["include", "maybe", "exclude"], ["yes", "can't tell", "no"], ["1", "2", "3", "4", "5"],
        ["barrier", "facilitator"], ["a", "b", "c", "d", "e", "f", "g", "h"],
    ]

    struct Generated {
        var header: [String]
        var rows: [[String]]
        /// 1-based columns of raters that rated something.
        var raterColumns: [Int]
        var vocabulary: [String]
    }

    static func spell(_ label: String, _ rng: inout StatisticsRandom) -> String {
        var text = label
        switch Int.random(in: 0..<6, using: &rng) {
        case 0: text = text.uppercased()
        case 1: text = text.capitalized
        default: break
        }
        if Bool.random(using: &rng) && Int.random(in: 0..<4, using: &rng) == 0 { text = " " + text + "  " }
        return text
    }

    static func table(_ rng: inout StatisticsRandom) -> Generated {
        let vocabulary = vocabularies.randomElement(using: &rng)!
        let raters = [2, 2, 3, 4, 6, 10].randomElement(using: &rng)!
        let units = [1, 2, 4, 9, 30, 120].randomElement(using: &rng)!
        let missing = [0.0, 0.1, 0.4, 0.8].randomElement(using: &rng)!
        let agreement = Double.random(in: 0...1, using: &rng)
        var grid: [[Int?]] = (0..<units).map { _ in
            let truth = Int.random(in: 0..<vocabulary.count, using: &rng)
            return (0..<raters).map { _ in
                if Double.random(in: 0..<1, using: &rng) < missing { return nil }
                return Double.random(in: 0..<1, using: &rng) < agreement ? truth : Int.random(in: 0..<vocabulary.count, using: &rng)
            }
        }
        if raters > 2 && Int.random(in: 0..<8, using: &rng) == 0 {
            for u in 0..<units { grid[u][raters - 1] = nil }  // a reviewer who rated nothing
        }
        var header: [String] = []
        var leading: [[String]] = Array(repeating: [], count: units)
        switch Int.random(in: 0..<4, using: &rng) {
        case 0, 1:
            header.append(["record_id", "Covidence #", "ID", "Study ID", "item"].randomElement(using: &rng)!)
            for u in 0..<units { leading[u].append(String(1000 + u)) }
        case 2 where units >= 25:
            header.append("code")
            for u in 0..<units { leading[u].append(String(format: "R%04d", u + 1)) }
        default: break
        }
        if !header.isEmpty && Bool.random(using: &rng) {
            header.append("Title")
            for u in 0..<units { leading[u].append("Study \(u) of something") }
        }
        let first = header.count
        header += (0..<raters).map { "reviewer_\($0 + 1)" }
        let rows = (0..<units).map { u in
            leading[u] + grid[u].map { $0.map { spell(vocabulary[$0], &rng) } ?? "" }
        }
        let rated = (0..<raters).filter { r in grid.contains { $0[r] != nil } }
        return Generated(header: header, rows: rows, raterColumns: rated.map { first + $0 + 1 }, vocabulary: vocabulary)
    }

    @Test("random exports: the right columns are raters, labels fold, and every figure is consistent or refused")
    func randomTables() throws {
        var rng = StatisticsRandom(seed: 20_250_614)
        var computed = 0
        var refused = 0
        for index in 0..<400 {
            let generated = Self.table(&rng)
            let name = "table \(index)"
            let read = Result { () throws(StatisticsError) in
                try RatingsMatrix(header: generated.header, rows: generated.rows)
            }
            guard case .success(let matrix) = read else {
                let message = (try? read.get()) == nil ? Self.message(read) : ""
                refused += 1
                #expect(generated.raterColumns.count < 2, "\(name): refused '\(message)'")
                #expect(message.hasPrefix("no ratings") || message.hasPrefix("at least two raters"))
                continue
            }
            #expect(generated.raterColumns.count >= 2, "\(name): expected a refusal")
            #expect(matrix.raters.map(\.number) == generated.raterColumns, "\(name): rater columns \(generated.header)")
            let keys = matrix.categories.map { $0.lowercased() }
            #expect(Set(keys).count == keys.count, "\(name): folded categories are distinct")
            #expect(Set(keys).isSubset(of: Set(generated.vocabulary)), "\(name): categories")

            let report = try AgreementReport(matrix)
            computed += 1
            try checkConsistency(report, name)

            // Shuffling units and raters changes nothing.
            var shuffledRows = generated.rows
            shuffledRows.shuffle(using: &rng)
            let raterOrder = matrix.raters.map { String($0.number) }.shuffled(using: &rng)
            let shuffled = try AgreementReport(
                RatingsMatrix(header: generated.header, rows: shuffledRows, columns: RatingsColumns(raters: raterOrder)))
            for estimate in report.estimates {
                let other = shuffled.estimate(estimate.coefficient, metric: estimate.metric)
                #expect(close(estimate.value, other?.value), "\(name): \(estimate.coefficient) under shuffling")
                #expect(close(estimate.standardError, other?.standardError), "\(name): \(estimate.coefficient) SE under shuffling")
            }

            // Complete data: classic Fleiss equals Gwet's generalisation; two raters: Conger equals Cohen.
            let complete = (0..<matrix.unitCount).allSatisfy { unit in
                (0..<matrix.raterCount).allSatisfy { matrix.category(unit: unit, rater: $0) != nil }
            }
            if complete, let fleiss = report.estimate(.fleissKappa)?.value {
                let classic = try FleissKappa(ratings: RatingsTable(matrix))
                #expect(abs(classic.kappa - fleiss) < 1e-12, "\(name): classic and generalised Fleiss")
            }
            if complete && matrix.raterCount == 2, let conger = report.estimate(.congerKappa)?.value {
                let cohen = try #require(report.estimate(.cohenKappa)?.value)
                #expect(abs(cohen - conger) < 1e-12, "\(name): Conger equals Cohen for two raters")
            }
        }
        #expect(computed > 300 && refused > 0, "computed \(computed), refused \(refused)")
    }

    static func message(_ result: Result<RatingsMatrix, StatisticsError>) -> String {
        if case .failure(let error) = result { return error.message }
        return ""
    }

    private func close(_ a: Double?, _ b: Double?) -> Bool {
        switch (a, b) {
        case (nil, nil): true
        case (let a?, let b?): abs(a - b) <= 1e-11 * max(1, abs(a), abs(b))
        default: false
        }
    }

    private func checkConsistency(_ report: AgreementReport, _ name: String) throws {
        for estimate in report.estimates {
            let what = "\(name): \(estimate.coefficient.rawValue) \(estimate.metric.rawValue)"
            guard let value = estimate.value else {
                #expect(estimate.undefinedReason?.isEmpty == false, "\(what): undefined without a reason")
                #expect(estimate.standardError == nil && estimate.confidenceInterval == nil)
                continue
            }
            #expect(value.isFinite && value <= 1 + 1e-12, "\(what): \(value)")
            if let pa = estimate.observedAgreement {
                #expect(pa >= -1e-12 && pa <= 1 + 1e-12, "\(what): pa \(pa)")
                if let pe = estimate.chanceAgreement, estimate.coefficient != .percentAgreement {
                    #expect(abs((pa - pe) / (1 - pe) - value) < 1e-9 * max(1, abs(value)), "\(what): (pa − pe)/(1 − pe)")
                }
            }
            if let se = estimate.standardError {
                #expect(se.isFinite && se >= 0, "\(what): SE \(se)")
                let interval = try #require(estimate.confidenceInterval)
                #expect(interval.lower <= value + 1e-12 && value <= interval.upper + 1e-12, "\(what): interval")
                // irrCAC caps the upper bound at 1; Cohen's kappa keeps the unclipped Wald interval of SAS.
                #expect(interval.upper <= 1 || estimate.coefficient == .cohenKappa, "\(what): upper bound above 1")
            }
            if let label = estimate.label(decimals: 2) {
                #expect(label.strength == AgreementStrength(value: value, decimals: 2))
            }
        }
    }

    // Issue 9: counts strings crashed the process; random ones must parse, compute or be refused where they fail.
    @Test("random counts strings and huge counts: a result or a located refusal, never a trap")
    func randomCounts() {
        var rng = StatisticsRandom(seed: 99)
        let alphabet = Array("0123456789,;; ,-.x\n9９é")
        let magnitudes: [Int] = [0, 1, 7, 1_000, 99_999_999_999, 9_254_775_807, 1 << 52, 1 << 53, Int.max]
        for _ in 0..<3000 {
            let text: String
            if Bool.random(using: &rng) {
                text = String((0..<Int.random(in: 0..<30, using: &rng)).map { _ in alphabet.randomElement(using: &rng)! })
            } else {
                let k = Int.random(in: 1...4, using: &rng)
                let rows = Int.random(in: 1...4, using: &rng)
                text = (0..<rows).map { _ in
                    (0..<k).map { _ in
                        let m = magnitudes.randomElement(using: &rng)!
                        return String(m == Int.max ? m : Int.random(in: 0...m, using: &rng))
                    }.joined(separator: ",")
                }.joined(separator: "; ")
            }
            do {
                let table = try CountsTable(parsing: text)
                #expect(table.total <= CountsTable.maximumTotal)
                if let fleiss = try? FleissKappa(counts: table.counts) {
                    #expect(fleiss.kappa.isFinite && fleiss.kappa <= 1, "\(text)")
                }
                if table.counts.count == table.counts[0].count, let cohen = try? CohenKappa(table: table.counts) {
                    #expect(cohen.kappa.isFinite && cohen.kappa <= 1 + 1e-15, "\(text)")
                    #expect(cohen.standardError.isFinite, "\(text)")
                }
            } catch {
                guard case .span(let span) = error.location else {
                    Issue.record("\(text): refusal without a location: \(error.message)")
                    continue
                }
                #expect(span.lowerBound >= 0 && span.upperBound <= max(1, text.count) && !span.isEmpty, "\(text): \(span)")
                #expect(error.message.first?.isLowercase == true, "\(error.message)")
            }
        }
    }
}
