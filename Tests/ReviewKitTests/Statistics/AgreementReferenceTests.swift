import Foundation
import Testing

@testable import ReviewKit

@Suite("Agreement coefficients against irrcac, krippendorff and statsmodels")
struct AgreementReferenceTests {
    @Test("random reviewer exports (id columns, missing cells, mixed-case labels): every figure or the refusal")
    func randomTables() throws {
        let reference = try AgreementReference.load()
        #expect(reference.tables.count >= 80)
        #expect(reference.tables.contains { $0.expected.refusal != nil })
        #expect(reference.tables.contains { $0.expected.estimates?.contains { $0.value == nil } == true })
        for table in reference.tables {
            check(table)
        }
    }

    private func check(_ table: AgreementReference.Table) {
        let name = table.name
        let columns = RatingsColumns(raters: table.raters)
        let matrix: RatingsMatrix
        do {
            matrix = try RatingsMatrix(header: table.header, rows: table.rows, columns: columns, categories: table.categories)
        } catch {
            if let refusal = table.expected.refusal {
                #expect(error.message.contains(refusal), "\(name): refused with '\(error.message)'")
            } else {
                Issue.record("\(name): unexpected refusal '\(error.message)'")
            }
            return
        }
        guard table.expected.refusal == nil, let expected = table.expected.estimates else {
            Issue.record("\(name): expected a refusal")
            return
        }
        #expect(matrix.raters.map(\.number) == table.expected.raterColumns, "\(name): rater columns")
        #expect(matrix.categories.map { $0.lowercased() } == table.expected.categories, "\(name): categories")
        #expect(matrix.unitCount == table.expected.units, "\(name): units")
        #expect(matrix.ratingCount == table.expected.ratings, "\(name): ratings")
        let report: AgreementReport
        do {
            report = try AgreementReport(matrix, orderedScale: table.orderedScale)
        } catch {
            Issue.record("\(name): the report was refused: \(error.message)")
            return
        }
        #expect(report.estimates.count == expected.count, "\(name): number of estimates")
        for wanted in expected {
            let what = "\(name): \(wanted.coefficient.rawValue) (\(wanted.metric.rawValue))"
            guard let got = report.estimate(wanted.coefficient, metric: wanted.metric) else {
                Issue.record("\(what) is missing")
                continue
            }
            #expect(got.units == wanted.units, "\(what): units")
            #expect(got.ratings == wanted.ratings, "\(what): ratings")
            AgreementReference.expectClose(got.value, wanted.value, "\(what): value")
            #expect((got.undefinedReason != nil) == (wanted.value == nil), "\(what): undefined reason")
            guard wanted.value != nil else { continue }
            if let pa = wanted.pa { AgreementReference.expectClose(got.observedAgreement, pa, "\(what): pa") }
            if let pe = wanted.pe { AgreementReference.expectClose(got.chanceAgreement, pe, "\(what): pe") }
            AgreementReference.expectClose(got.standardError, wanted.se, "\(what): SE")
            AgreementReference.expectClose(got.confidenceInterval?.lower, wanted.lower, "\(what): lower bound")
            AgreementReference.expectClose(got.confidenceInterval?.upper, wanted.upper, "\(what): upper bound")
            #expect(got.confidenceInterval?.degreesOfFreedom == wanted.df, "\(what): degrees of freedom")
        }
        if let classic = table.expected.classicFleiss {
            do {
                let counted = try RatingsTable(matrix)
                #expect(counted.subjects == classic.subjects, "\(name): classic Fleiss subjects")
                #expect(counted.droppedSubjects == classic.dropped, "\(name): classic Fleiss dropped")
                #expect(counted.ratingsPerSubject == classic.ratingsPerSubject, "\(name): ratings per subject")
                #expect(counted.notes.contains { $0.kind == .incompleteUnitsDropped } == (classic.dropped > 0))
                if let kappa = classic.kappa {
                    KappaReference.expectClose(try FleissKappa(ratings: counted).kappa, kappa, "\(name): classic Fleiss kappa", absolute: 1e-12)
                } else {
                    #expect(throws: StatisticsError.singleCategory) { try FleissKappa(ratings: counted) }
                }
            } catch {
                Issue.record("\(name): classic Fleiss refused: \(error)")
            }
        }
    }

    @Test("two raters' cross tables: irrCAC's table formulas and statsmodels' (weighted) kappa")
    func crossTables() throws {
        let reference = try AgreementReference.load()
        #expect(reference.twoRaterTables.count >= 12)
        for test in reference.twoRaterTables {
            let result = try TwoRaterAgreement(table: test.table)
            for wanted in test.estimates {
                let what = "\(test.name): \(wanted.coefficient.rawValue)"
                let got = try #require(result[wanted.coefficient], "\(what) missing")
                AgreementReference.expectClose(got.value, wanted.value, "\(what): value")
                AgreementReference.expectClose(got.standardError, wanted.se, "\(what): SE")
                if let lower = wanted.lower {
                    AgreementReference.expectClose(got.confidenceInterval?.lower, lower, "\(what): lower")
                    AgreementReference.expectClose(got.confidenceInterval?.upper, wanted.upper, "\(what): upper")
                }
            }
            for (name, wanted) in test.weighted {
                let weighting = try #require(WeightedKappa.Weighting(rawValue: name))
                let got = try WeightedKappa(table: test.table, weighting: weighting)
                KappaReference.expectClose(got.kappa, wanted.value, "\(test.name): \(name) kappa")
                KappaReference.expectClose(got.standardError, wanted.se, "\(test.name): \(name) SE", absolute: 1e-12)
                KappaReference.expectClose(got.nullStandardError, wanted.se0, "\(test.name): \(name) SE0", absolute: 1e-12)
            }
        }
    }

    @Test("huge counts match exact rational arithmetic")
    func hugeCounts() throws {
        let reference = try AgreementReference.load()
        for test in reference.hugeCounts {
            let kappa = test.kind == "fleiss" ? try FleissKappa(counts: test.counts).kappa : try CohenKappa(table: test.counts).kappa
            KappaReference.expectClose(kappa, test.kappa, test.name, relative: 1e-14, absolute: 0)
        }
    }

    @Test("Student's t quantiles and CDF match scipy")
    func tDistribution() throws {
        let reference = try AgreementReference.load()
        for value in reference.tDistribution.quantile {
            KappaReference.expectClose(
                StudentTDistribution.quantile(value.p, degreesOfFreedom: value.df), value.quantile,
                "t quantile p=\(value.p), df=\(value.df)", relative: 1e-12, absolute: 1e-15)
        }
        for value in reference.tDistribution.cdf {
            KappaReference.expectClose(
                StudentTDistribution.cdf(value.t, degreesOfFreedom: value.df), value.cdf,
                "t cdf t=\(value.t), df=\(value.df)", relative: 1e-11, absolute: 1e-300)
        }
    }
}
