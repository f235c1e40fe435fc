import Foundation

/// Digital Object Identifiers as reference managers write them, reduced to one comparable form.
///
/// A DOI is "10." + registrant + "/" + suffix, and is case-insensitive (DOI Handbook §2.4), so the
/// normalised form is lowercase without any resolver prefix: "https://doi.org/10.1186/S12913-018-3778-2",
/// "doi:10.1186/s12913-018-3778-2" and "DOI 10.1186/s12913-018-3778-2." all give "10.1186/s12913-018-3778-2".
public enum DOI {
    /// The normalised DOI, or nil when the text holds none.
    public static func normalized(_ text: String) -> String? {
        var rest = Substring(text.trimmingCharacters(in: .whitespacesAndNewlines))
        let lower = rest.lowercased()
        for prefix in ["https://", "http://"] where lower.hasPrefix(prefix) {
            rest = rest.dropFirst(prefix.count)
            break
        }
        let lowerHost = rest.lowercased()
        for host in ["dx.doi.org/", "www.doi.org/", "doi.org/"] where lowerHost.hasPrefix(host) {
            rest = rest.dropFirst(host.count)
            if rest.contains("%"), let decoded = String(rest).removingPercentEncoding { rest = Substring(decoded) }
            break
        }
        let lowerRest = rest.lowercased()
        for label in ["doi:", "doi "] where lowerRest.hasPrefix(label) {
            rest = rest.dropFirst(label.count).drop(while: { $0 == " " })
            break
        }
        while let last = rest.last, ".,;".contains(last) || last.isWhitespace { rest = rest.dropLast() }
        // Scalars, not Characters: a suffix may start with a combining mark that would merge with the "/".
        let doi = rest.lowercased()
        let scalars = Array(doi.unicodeScalars)
        guard scalars.starts(with: ["1", "0", "."]), let slash = scalars.firstIndex(of: "/") else { return nil }
        let registrant = scalars[3..<slash]
        guard !registrant.isEmpty, registrant.allSatisfy({ ("0"..."9").contains($0) || $0 == "." }),
              slash + 1 < scalars.count, !scalars.contains(where: { $0.properties.isWhitespace }) else { return nil }
        return doi
    }
}
