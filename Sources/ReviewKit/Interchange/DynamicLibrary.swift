#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A C library opened with `dlopen` by the command that first needs it, and typed look-ups of its functions.
///
/// Shared by the libxml2 and libsqlite3 bindings: linking those libraries would cost every start-up their
/// symbol lookups (issue 15), and most runs never read XML or write a database.
struct DynamicLibrary: @unchecked Sendable {
    // @unchecked: a handle to a library that is never closed once its functions are in use.

    /// The file name it was opened by.
    let name: String
    private let handle: UnsafeMutableRawPointer

    /// Opens `name` (`RTLD_NOW | RTLD_LOCAL`), or gives `dlerror`'s reason, lowercased.
    static func open(_ name: String) -> Result<DynamicLibrary, Failure> {
        guard let handle = dlopen(name, RTLD_NOW | RTLD_LOCAL) else {
            return .failure(Failure(reason: dlerror().map { String(cString: $0).lowercased() } ?? "not found"))
        }
        return .success(DynamicLibrary(name: name, handle: handle))
    }

    /// Why a library could not be opened.
    struct Failure: Error, Sendable {
        /// `dlerror`'s text, lowercased.
        let reason: String
    }

    /// The function `symbol` as the C function type `type`, or nil when the library lacks it.
    func function<Function>(_ symbol: String, as type: Function.Type) -> Function? {
        dlsym(handle, symbol).map { unsafeBitCast($0, to: type) }
    }

    /// Closes the library; only for one whose functions were never handed out.
    func close() { dlclose(handle) }
}
