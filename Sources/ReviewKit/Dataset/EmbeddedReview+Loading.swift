/// The review `review` starts on: Shaw et al. (2025), transcribed from its text into a snapshot.
///
/// The snapshot text is compiled into the binary (`EmbeddedReview.swift`, generated from
/// `sessions/shaw-2025.snapshot`), so no file is needed at start-up.
public enum EmbeddedReview {
    /// The embedded snapshot's text with a final newline, as the file holds it.
    public static var text: String { snapshotText + "\n" }

    /// Decodes the embedded snapshot (validated like any other snapshot file).
    public static func load() throws(FileError) -> Snapshot {
        try SnapshotReader.decode(Array(text.utf8), path: "<embedded review>")
    }

    /// A short name for banners ("Shaw et al. 2025").
    public static let shortName = "Shaw et al. 2025"
}
