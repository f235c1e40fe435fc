/// A flow is coded as its text form's `[key, value]` pairs in diagram order (as `keyValuePairs` gives them),
/// so a journaled `prisma set` reads like the command and decoding validates every count like `prisma set`.
extension PRISMAFlow: Codable {
    /// Decodes `[[key, value], …]`; a bad key or count is a decoding error.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let pairs = try container.decode([[String]].self)
        guard pairs.allSatisfy({ $0.count == 2 }) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "a PRISMA flow is a list of [key, value] pairs")
        }
        do throws(ReviewError) {
            try self.init(keyValuePairs: pairs.map { (key: $0[0], value: $0[1]) })
        } catch {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: error.message)
        }
    }

    /// Encodes `[[key, value], …]` in diagram order.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(keyValuePairs.map { [$0.key, $0.value] })
    }
}

extension PRISMAFlow {
    /// The comment line under a snapshot's `@prisma` section.
    public static let snapshotHeader = "# key\tvalue (empty: not reported)"
}
