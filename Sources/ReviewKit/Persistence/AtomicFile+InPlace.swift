import Foundation

extension AtomicFile {
    /// Whether a write to `url` goes into the file in place (a named pipe, a character device such as a
    /// terminal, or an open descriptor such as `/dev/stdout`) rather than replacing a regular file.
    ///
    /// A writer that adds to what it wrote before (`output FILE`) rewrites a regular file whole, atomically,
    /// but sends only the new part to a pipe or a device, which keeps what it was given.
    public static func writesInPlace(_ url: URL) throws(FileError) -> Bool {
        switch try Destination.resolve(url.path, display: displayPath(url)) {
        case .replace: false
        case .inPlace, .descriptor: true
        }
    }
}
