#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The dozen libsqlite3 functions the SQLite export calls, looked up with `dlopen`/`dlsym` at the first export.
///
/// Why not GRDB, or a link to libsqlite3: `review -c studies` must start in about the time of a Swift hello
/// world (issue 15), and every library linked at load time costs the dynamic loader symbol lookups and
/// relocations on every start, export or not. GRDB links libsqlite3 at load; the export needs a dozen calls
/// (open, exec, prepare, bind, step, reset, finalize, errors, close). So libsqlite3 is loaded only when a
/// database is written, and a machine without it can still run everything else. The tests read the exports
/// back with GRDB, an independent reader.
///
/// The table is immutable; `shared` is loaded once, thread-safely (a `static let`), and never unloaded.
struct SQLiteLibrary: Sendable {
    /// Why libsqlite3 could not be loaded.
    struct Unavailable: Error, Sendable, Equatable {
        /// A lowercase sentence naming the library and the package that provides it.
        let message: String
    }

    typealias OpenV2 = @convention(c) (UnsafePointer<CChar>?, UnsafeMutablePointer<OpaquePointer?>?, Int32, UnsafePointer<CChar>?) -> Int32
    typealias Exec = @convention(c) (OpaquePointer?, UnsafePointer<CChar>?, OpaquePointer?, UnsafeMutableRawPointer?,
                                     UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32
    typealias PrepareV2 = @convention(c) (OpaquePointer?, UnsafePointer<CChar>?, Int32, UnsafeMutablePointer<OpaquePointer?>?,
                                          UnsafeMutablePointer<UnsafePointer<CChar>?>?) -> Int32
    typealias BindInt64 = @convention(c) (OpaquePointer?, Int32, Int64) -> Int32
    typealias BindDouble = @convention(c) (OpaquePointer?, Int32, Double) -> Int32
    /// The last parameter is the destructor; `transient` (-1, SQLITE_TRANSIENT) makes SQLite copy the text.
    typealias BindText = @convention(c) (OpaquePointer?, Int32, UnsafePointer<CChar>?, Int32, Int) -> Int32
    typealias StatementCall = @convention(c) (OpaquePointer?) -> Int32
    typealias BindNull = @convention(c) (OpaquePointer?, Int32) -> Int32
    typealias ErrorMessage = @convention(c) (OpaquePointer?) -> UnsafePointer<CChar>?

    /// `SQLITE_TRANSIENT`, the destructor value `(sqlite3_destructor_type)-1`.
    static let transient = -1

    let openV2: OpenV2
    let exec: Exec
    let prepareV2: PrepareV2
    let bindInt64: BindInt64
    let bindDouble: BindDouble
    let bindText: BindText
    let bindNull: BindNull
    let bindParameterCount: StatementCall
    let step: StatementCall
    let reset: StatementCall
    let clearBindings: StatementCall
    let finalize: StatementCall
    let errmsg: ErrorMessage
    let extendedErrcode: StatementCall
    let closeV2: StatementCall

    /// The library's file name (the soname Debian's libsqlite3-0 installs).
    #if canImport(Darwin)
    static let defaultName = "libsqlite3.dylib"
    #else
    static let defaultName = "libsqlite3.so.0"
    #endif

    /// The process's libsqlite3, loaded at the first use.
    static let shared: Result<SQLiteLibrary, Unavailable> = load(named: defaultName)

    /// Loads `name` and looks up every function; tests pass a name that does not exist.
    static func load(named name: String) -> Result<SQLiteLibrary, Unavailable> {
        let library: DynamicLibrary
        switch DynamicLibrary.open(name) {
        case .success(let opened): library = opened
        case .failure(let failure):
            return .failure(Unavailable(message: "cannot load \(name), which writing a SQLite database needs "
                + "(install the debian package libsqlite3-0): \(failure.reason)"))
        }
        var missing: [String] = []
        func symbol<Function>(_ symbolName: String, as type: Function.Type) -> Function? {
            let function = library.function(symbolName, as: type)
            if function == nil { missing.append(symbolName) }
            return function
        }
        let openV2 = symbol("sqlite3_open_v2", as: OpenV2.self)
        let exec = symbol("sqlite3_exec", as: Exec.self)
        let prepareV2 = symbol("sqlite3_prepare_v2", as: PrepareV2.self)
        let bindInt64 = symbol("sqlite3_bind_int64", as: BindInt64.self)
        let bindDouble = symbol("sqlite3_bind_double", as: BindDouble.self)
        let bindText = symbol("sqlite3_bind_text", as: BindText.self)
        let bindNull = symbol("sqlite3_bind_null", as: BindNull.self)
        let bindParameterCount = symbol("sqlite3_bind_parameter_count", as: StatementCall.self)
        let step = symbol("sqlite3_step", as: StatementCall.self)
        let reset = symbol("sqlite3_reset", as: StatementCall.self)
        let clearBindings = symbol("sqlite3_clear_bindings", as: StatementCall.self)
        let finalize = symbol("sqlite3_finalize", as: StatementCall.self)
        let errmsg = symbol("sqlite3_errmsg", as: ErrorMessage.self)
        let extendedErrcode = symbol("sqlite3_extended_errcode", as: StatementCall.self)
        let closeV2 = symbol("sqlite3_close_v2", as: StatementCall.self)
        guard let openV2, let exec, let prepareV2, let bindInt64, let bindDouble, let bindText, let bindNull,
              let bindParameterCount, let step, let reset, let clearBindings, let finalize, let errmsg,
              let extendedErrcode, let closeV2 else {
            library.close()
            return .failure(Unavailable(message: "\(name) lacks \(missing.joined(separator: ", ")); "
                + "install a current libsqlite3-0 (sqlite 3.7.14 or later)"))
        }
        return .success(SQLiteLibrary(
            openV2: openV2, exec: exec, prepareV2: prepareV2, bindInt64: bindInt64, bindDouble: bindDouble,
            bindText: bindText, bindNull: bindNull, bindParameterCount: bindParameterCount, step: step, reset: reset,
            clearBindings: clearBindings, finalize: finalize, errmsg: errmsg, extendedErrcode: extendedErrcode,
            closeV2: closeV2))
    }
}
