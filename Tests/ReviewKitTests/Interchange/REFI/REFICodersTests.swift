import Testing
@testable import ReviewKit

/// How REFI-QDA Users become reviewers (REFICoders): every name given satisfies the reviewer-name rule.
@Suite struct REFICodersTests {
    static func guid(_ n: Int) -> String { String(format: "7E57%04X-0000-4000-8000-%012X", n, n) }

    @Test func usersBecomeReviewersUnderTheRulesNames() throws {
        let long = String(repeating: "Dr. Ana María Fernández-López ", count: 2)
        let users: [REFIProject.User] = [
            .init(guid: Self.guid(1), name: "  Ana\tRuiz\n"),
            .init(guid: Self.guid(2), name: "Ana Ruiz"),
            .init(guid: Self.guid(3)),
            .init(guid: Self.guid(4), name: "", id: "MQ-7"),
            .init(guid: Self.guid(5), name: "CONSENSUS"),
            .init(guid: "{" + Self.guid(6).lowercased() + "}", name: long),
            .init(guid: Self.guid(7), name: "review"),
        ]
        var coders = REFICoders(users: users, ownUser: Self.guid(7))
        #expect(coders.coder(Self.guid(1)) == .reviewer("Ana Ruiz"), "white space made one space")
        #expect(coders.coder(Self.guid(2)) == .reviewer("Ana Ruiz (7e570002)"), "a second user of the same name")
        #expect(coders.coder(Self.guid(3)) == .reviewer("user 7e570003"), "no name: the GUID shortened")
        #expect(coders.coder(Self.guid(4)) == .reviewer("MQ-7"), "no name: the tool's id")
        #expect(coders.coder(Self.guid(5).lowercased()) == .consensus, "GUIDs compare ignoring case")
        let cut = try #require({ if case .reviewer(let name) = coders.coder(Self.guid(6)) { return name }; return nil }())
        #expect(cut.count == 40 && cut.hasSuffix("…") && long.hasPrefix(cut.dropLast()))
        #expect(coders.coder(Self.guid(7)) == .own, "the own export's project user holds the quotes' own coding")
        #expect(coders.coder(nil) == .own, "a coding by no user is the quote's own coding")
        #expect(coders.coder(Self.guid(8)) == .reviewer("user 7e570008") && coders.unlisted == ["user 7e570008"])
        #expect(coders.reviewers == ["Ana Ruiz", "Ana Ruiz (7e570002)", "user 7e570003", "MQ-7", cut, "user 7e570008"])
        for name in coders.reviewers { #expect(throws: Never.self) { try ReviewerName.check(name) } }
        #expect(coders.notes.count == 2, "\(coders.notes)")
        #expect(coders.notes.contains("two users are named 'Ana Ruiz'; the codings of user 7e570002 are reviewer 'Ana Ruiz (7e570002)'"))
        #expect(coders.notes.contains { $0.hasSuffix("has a name longer than 40 characters; their codings are reviewer '\(cut)'") })
    }

    @Test func aForeignProjectsUserNamedReviewIsAReviewer() {
        var coders = REFICoders(users: [.init(guid: Self.guid(1), name: "review")], ownUser: nil)
        #expect(coders.coder(Self.guid(1)) == .reviewer("review"))
    }
}
