import Foundation

/// The constructed RIS files in `Fixtures/` (see Fixtures/README.md).
enum RISFixture {
    static func bytes(_ name: String) throws -> [UInt8] {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/\(name)")
        return try [UInt8](Data(contentsOf: url))
    }
}
