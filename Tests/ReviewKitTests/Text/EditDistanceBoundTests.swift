import Testing
@testable import ReviewKit

/// Suggestions for a mistyped name compare only names that could be near it (issue 16: `explain` with a
/// 1 MB argument took 30 s, a full edit distance against every name). The bounded distance is checked
/// against the full one, the second implementation.
@Suite struct EditDistanceBoundTests {
    @Test func theBoundedDistanceIsTheFullOneWhenItIsWithinTheLimit() {
        let words = ["knowledge", "knowlege", "skills", "skill", "emotion", "emotions", "", "k", "spri", "madp", "Kivistö", "Kivisto"]
        for a in words {
            for b in words {
                for limit in 0...4 {
                    let full = EditDistance.between(a, b)
                    let bounded = EditDistance.between(Array(a), Array(b), atMost: limit)
                    #expect(bounded == (full <= limit ? full : nil), "\(a) / \(b) within \(limit)")
                }
            }
        }
    }

    @Test func aHugeNameGetsNoSuggestions() {
        let huge = String(repeating: "k", count: 1_000_000)
        #expect(EditDistance.nearest(to: huge, in: ["knowledge", "skills"]).isEmpty)
        #expect(EditDistance.nearest(to: "knowlege", in: ["knowledge", "skills"]) == ["knowledge"])
        switch Framework.domains.resolve(huge) {
        case .unknown(let suggestions): #expect(suggestions.isEmpty)
        default: Issue.record("a megabyte of k matched a domain")
        }
    }
}
