/// Who made a REFI-QDA coding, as the review sees it: a reviewer, the team's consensus, or nobody in particular
/// (the quote's own coding).
public enum REFICoder: Sendable, Hashable {
    /// A reviewer, by a name that satisfies ``ReviewerName``.
    case reviewer(String)
    /// The agreed coding (a User named "consensus", as `review` exports it and as a team may name its agreed coding).
    case consensus
    /// The quote's own coding: codings that name no user, and in `review`'s own export the codings of the project's
    /// creating user (the coding figures used when it was written).
    case own
}

/// Maps the Users of a REFI-QDA project to reviewers.
///
/// The reviewer's name is the User's `name` (white space runs, tabs and line breaks made one space), else its `id`,
/// else "user " and the first eight hex digits of its GUID. A name longer than the reviewer-name rule allows (40
/// characters) is cut to 39 and "…"; a name a second User already has gets the second one's short GUID in
/// parentheses. A User named "consensus" (any case) is the consensus. Each change is reported in ``notes``.
struct REFICoders {
    /// The reviewer names of the project's Users, by GUID key.
    private var coders: [String: REFICoder] = [:]
    /// Names taken, with the GUID key that took each.
    private var taken: [String: String] = [:]
    /// The GUID key of the user whose codings are the quote's own coding (review's own export), if any.
    private let ownUser: String?
    /// The reviewers in the order their Users are listed (then first met), not the consensus.
    private(set) var reviewers: [String] = []
    /// One lowercase line per User whose reviewer name is not its name as written.
    private(set) var notes: [String] = []
    /// The reviewer names given to GUIDs the project does not list as Users.
    private(set) var unlisted: [String] = []

    /// The longest reviewer name (``ReviewerName``'s rule).
    static let maximumLength = 40

    /// Maps the project's users; `ownUser` is the GUID whose codings are the quote's own coding.
    init(users: [REFIProject.User], ownUser: String?) {
        self.ownUser = ownUser.map(REFIGUID.key)
        for user in users { _ = register(user) }
    }

    /// Who made a coding: the GUID its Coding (or selection, or source) names; nil when none names one.
    mutating func coder(_ guid: String?) -> REFICoder {
        guard let guid else { return .own }
        let key = REFIGUID.key(guid)
        if let known = coders[key] { return known }
        let coder = register(REFIProject.User(guid: guid))
        if case .reviewer(let name) = coder { unlisted.append(name) }
        return coder
    }

    /// Records a user and returns who they are.
    private mutating func register(_ user: REFIProject.User) -> REFICoder {
        let key = REFIGUID.key(user.guid)
        if let known = coders[key] { return known }
        if key == ownUser {
            coders[key] = .own
            return .own
        }
        let written = [user.name, user.id].compactMap { $0.map(Self.oneLine) }.first { !$0.isEmpty }
        if let written, written.lowercased() == ReviewerCoding.consensus {
            coders[key] = .consensus
            return .consensus
        }
        let short = Self.shortGUID(key)
        var name = written ?? "user \(short)"
        if name.count > Self.maximumLength {
            name = String(name.prefix(Self.maximumLength - 1)) + "…"
            notes.append("user '\(written!.prefix(60))…' has a name longer than \(Self.maximumLength) characters; their codings are reviewer '\(name)'")
        }
        if let other = taken[name], other != key {
            let suffix = " (\(short))"
            var unique = String(name.prefix(Self.maximumLength - suffix.count)) + suffix
            if taken[unique] != nil { unique = "user " + key.filter { $0 != "-" }.lowercased() }
            notes.append("two users are named '\(name)'; the codings of user \(short) are reviewer '\(unique)'")
            name = unique
        }
        if (try? ReviewerName.check(name)) == nil { name = "user " + key.filter { $0 != "-" }.lowercased() }
        taken[name] = key
        coders[key] = .reviewer(name)
        reviewers.append(name)
        return .reviewer(name)
    }

    /// A name on one line: runs of white space (tabs, line breaks) become one space; trimmed.
    static func oneLine(_ text: String) -> String {
        text.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }

    /// The first eight hex digits of a GUID key, lowercased ("7e570003").
    static func shortGUID(_ key: String) -> String {
        String(key.filter { $0 != "-" && $0 != "{" && $0 != "}" }.prefix(8)).lowercased()
    }
}
