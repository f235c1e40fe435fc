import CEditLine

/// libedit's functions, loaded with `dlopen` when the first `LineEditor` starts.
///
/// libedit is not linked (Sources/CEditLine has no `link`): a linked libedit, with the libtinfo, libbsd and
/// libmd it pulls in, costs the dynamic loader symbol lookups on every start, and `review -c`, scripts and
/// pipes never edit a line (issue 15: start-up close to a Swift hello world). The variadic functions are
/// called through the C wrappers in shim.h, which take their pointers from this table.
struct Libedit: @unchecked Sendable {
    // @unchecked: an immutable table of C function pointers into a library that is never unloaded.

    /// Why libedit could not be loaded.
    struct Unavailable: Error, Sendable, Equatable {
        /// A lowercase sentence naming the library and the Debian package that provides it.
        let message: String
    }

    /// The function table (see shim.h).
    let functions: review_libedit

    /// The library's file name: the soname Debian's libedit2 installs.
    #if canImport(Darwin)
    static let defaultName = "libedit.3.dylib"
    #else
    static let defaultName = "libedit.so.2"
    #endif

    /// The process's libedit, loaded at the first use.
    static let shared: Result<Libedit, Unavailable> = load(named: defaultName)

    /// Loads `name` and looks up every function; tests pass a name that does not exist.
    static func load(named name: String) -> Result<Libedit, Unavailable> {
        let table = UnsafeMutablePointer<review_libedit>.allocate(capacity: 1)
        defer { table.deallocate() }
        if let failure = review_libedit_load(name, table) {
            return .failure(Unavailable(message: "cannot load \(name) for line editing "
                + "(install the debian package libedit2): \(String(cString: failure).lowercased())"))
        }
        return .success(Libedit(functions: table.pointee))
    }
}
