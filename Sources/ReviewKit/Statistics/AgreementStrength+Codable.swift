/// Machine output writes a band as a snake_case key ("almost_perfect"), the project's one vocabulary.
extension AgreementStrength: Codable {
    /// The snake_case key used in JSON and CSV, e.g. "almost_perfect".
    public var key: String {
        switch self {
        case .almostPerfect: "almost_perfect"
        default: rawValue
        }
    }

    /// Reads a band from its snake_case key.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let key = try container.decode(String.self)
        guard let strength = Self.allCases.first(where: { $0.key == key }) else {
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "unknown agreement strength '\(key)'")
        }
        self = strength
    }

    /// Writes the band's snake_case key.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(key)
    }
}
