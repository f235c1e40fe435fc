import Foundation

/// Consistency checks over findings and their CERQual judgements. They flag; they never change a judgement.
public enum CERQualCheck {
    /// What a flag is about.
    public enum Kind: String, Sendable, CaseIterable {
        /// A component has serious concerns, yet the overall confidence is high.
        case seriousWithHighConfidence = "serious-with-high-confidence"
        /// A component is rated worse than "no or very minor concerns" without an explanation.
        case missingExplanation = "missing-explanation"
        /// The overall confidence has no explanation.
        case overallWithoutExplanation = "overall-without-explanation"
        /// The overall confidence is set while some component is not yet judged.
        case overallBeforeComponents = "overall-before-components"
        /// No quote of the finding can be traced to a study or a reference number.
        case noContributingStudy = "no-contributing-study"
        /// A written finding names sub-themes the workspace no longer has.
        case missingSubThemes = "missing-sub-themes"
        /// An assessment belongs to no finding in force (its sub-theme was removed or joined a written finding).
        case orphanedAssessment = "orphaned-assessment"
    }

    /// One flag.
    public struct Flag: Sendable, Equatable {
        /// The finding.
        public let finding: FindingID
        /// What is flagged.
        public let kind: Kind
        /// The component concerned, where there is one.
        public let component: CERQualComponent?
        /// The message, lowercase.
        public let message: String
    }

    /// Checks every finding in force and every stored assessment, in finding order.
    public static func run(_ synthesis: Synthesis, in workspace: Workspace) -> [Flag] {
        var flags: [Flag] = []
        let findings = synthesis.findings(in: workspace)
        let inForce = Set(findings.map(\.id))
        for finding in findings {
            let data = FindingData(finding, in: workspace)
            if !data.missingSubThemeIDs.isEmpty {
                flags.append(Flag(finding: finding.id, kind: .missingSubThemes, component: nil,
                                  message: "names sub-theme\(data.missingSubThemeIDs.count == 1 ? "" : "s") \(data.missingSubThemeIDs.map(String.init).joined(separator: ", ")), which no longer exist\(data.missingSubThemeIDs.count == 1 ? "s" : "")"))
            }
            if data.sources.isEmpty {
                let why = data.quotes.isEmpty ? "no quote supports it" : "none of its \(ReviewFindings.plural(data.quotes.count, "quote")) has a study or a reference number"
                flags.append(Flag(finding: finding.id, kind: .noContributingStudy, component: nil, message: "no contributing study: \(why)"))
            }
            if let assessment = synthesis.assessment(of: finding.id) { flags += check(assessment, finding.id) }
        }
        for id in synthesis.assessments.keys.sorted() where !inForce.contains(id) {
            flags.append(Flag(finding: id, kind: .orphanedAssessment, component: nil,
                              message: "has a cerqual assessment but is no longer a finding (its sub-theme was removed or is now part of a written finding)"))
        }
        return flags
    }

    /// The flags for one assessment.
    public static func check(_ assessment: CERQualAssessment, _ id: FindingID) -> [Flag] {
        var flags: [Flag] = []
        for component in CERQualComponent.allCases {
            guard let judgement = assessment[component] else { continue }
            if judgement.level.needsExplanation && judgement.explanation.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                flags.append(Flag(finding: id, kind: .missingExplanation, component: component,
                                  message: "\(judgement.level.name) regarding \(component.name) without an explanation"))
            }
        }
        if let overall = assessment.overall {
            let serious = CERQualComponent.allCases.filter { assessment[$0]?.level == .serious }
            if overall.level == .high && !serious.isEmpty {
                flags.append(Flag(finding: id, kind: .seriousWithHighConfidence, component: serious.first,
                                  message: "high confidence despite serious concerns regarding \(Explainer.joined(serious.map(\.name)))"))
            }
            if overall.explanation.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                flags.append(Flag(finding: id, kind: .overallWithoutExplanation, component: nil,
                                  message: "\(overall.level.name) confidence without an explanation"))
            }
            if !assessment.isComplete {
                flags.append(Flag(finding: id, kind: .overallBeforeComponents, component: nil,
                                  message: "overall confidence set before \(Explainer.joined(assessment.missingComponents.map(\.name))) \(assessment.missingComponents.count == 1 ? "is" : "are") judged"))
            }
        }
        return flags
    }
}
