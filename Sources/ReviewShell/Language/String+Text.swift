/// Small text helpers the shell uses where Foundation's would need bridging or behave differently.
extension String {
    /// The text without leading and trailing white space.
    var trimmingSpaces: String {
        var s = Substring(self)
        while s.first?.isWhitespace == true { s = s.dropFirst() }
        while s.last?.isWhitespace == true { s = s.dropLast() }
        return String(s)
    }

    /// The text without trailing white space.
    var trimmingTrailingWhitespace: String {
        var copy = Substring(self)
        while copy.last?.isWhitespace == true { copy = copy.dropLast() }
        return String(copy)
    }

    /// The text without trailing spaces (table lines).
    var trailingSpacesRemoved: String {
        var copy = self
        while copy.last == " " { copy.removeLast() }
        return copy
    }

    /// Replaces every occurrence of a substring.
    func replacingAll(_ target: String, with replacement: String) -> String {
        guard !target.isEmpty, contains(target) else { return self }
        return split(separator: target, omittingEmptySubsequences: false).joined(separator: replacement)
    }

    /// The text padded with spaces to `width` Characters.
    func padding(_ width: Int) -> String { self + String(repeating: " ", count: max(0, width - count)) }
}
