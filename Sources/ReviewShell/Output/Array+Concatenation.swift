extension Array where Element == String {
    /// The strings one after another with `separator` between them: what `joined(separator:)` gives.
    ///
    /// Why not `joined(separator:)`: the standard library's version for arrays of strings is generic, not
    /// specialised into the caller, and its first call in a process looks its types up at run time, a scan of every
    /// protocol-conformance record of every loaded library. The terminal table (every `review -c` that prints one)
    /// joins its lines with this instead (issue 15's start-up; docs/architecture.md).
    func concatenated(separator: String = "") -> String {
        var text = ""
        for (index, string) in enumerated() {
            if index > 0 { text += separator }
            text += string
        }
        return text
    }
}
