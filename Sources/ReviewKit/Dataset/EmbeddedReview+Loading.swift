/// The review `review` starts on: Shaw et al. (2025), transcribed from its text into a snapshot.
///
/// The snapshot text is compiled into the binary (`EmbeddedReview.swift`, generated from
/// `sessions/shaw-2025.snapshot`), so no file is needed at start-up.
public enum EmbeddedReview {
    /// The embedded snapshot's text with a final newline, as the file holds it.
    public static var text: String { snapshotText + "\n" }

    /// Decodes the embedded snapshot (validated like any other snapshot file).
    /// The review's PRISMA flow as far as its text reports it (`PRISMAFlow.shaw2025`) is added when the
    /// embedded snapshot records none, so a session on the embedded review starts with it.
    public static func load() throws(FileError) -> Snapshot {
        var snapshot = try SnapshotReader.decode(Array(text.utf8), path: "<embedded review>")
        if snapshot.workspace.prisma.isEmpty { snapshot.workspace.prisma = .shaw2025 }
        return snapshot
    }

    /// A short name for banners ("Shaw et al. 2025").
    public static let shortName = "Shaw et al. 2025"
}
