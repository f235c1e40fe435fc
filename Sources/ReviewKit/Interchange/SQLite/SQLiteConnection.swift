/// A failed SQLite call: the extended result code and SQLite's message.
struct SQLiteError: Error, Sendable {
    /// The extended result code (`sqlite3_extended_errcode`).
    let code: Int32
    /// `sqlite3_errmsg`, or nil when SQLite gave none.
    let message: String?
}

/// A value the SQLite export binds to a statement parameter: integers, reals and text (nil binds NULL).
protocol SQLiteBindable {
    /// Binds `self` to parameter `index` (1-based); returns the SQLite result code.
    func bind(to statement: OpaquePointer, at index: Int32, in library: SQLiteLibrary) -> Int32
}

extension Int: SQLiteBindable {
    func bind(to statement: OpaquePointer, at index: Int32, in library: SQLiteLibrary) -> Int32 {
        library.bindInt64(statement, index, Int64(self))
    }
}

extension Double: SQLiteBindable {
    func bind(to statement: OpaquePointer, at index: Int32, in library: SQLiteLibrary) -> Int32 {
        library.bindDouble(statement, index, self)
    }
}

extension String: SQLiteBindable {
    /// Bound as NUL-terminated UTF-8 (length -1) and copied by SQLite, as GRDB bound it.
    func bind(to statement: OpaquePointer, at index: Int32, in library: SQLiteLibrary) -> Int32 {
        withCString { library.bindText(statement, index, $0, -1, SQLiteLibrary.transient) }
    }
}

/// One connection to a database file, opened read-write (created if missing) with foreign keys enforced.
///
/// Only what the export needs: run SQL, prepare and execute insert statements, transactions, close.
/// Not thread-safe; used by one export at a time.
final class SQLiteConnection {
    let library: SQLiteLibrary
    /// The `sqlite3 *`; valid while `isOpen`.
    let database: OpaquePointer
    private var isOpen = true

    /// Opens (creating) the database at `path`.
    init(path: String, library: SQLiteLibrary) throws(SQLiteError) {
        self.library = library
        var handle: OpaquePointer?
        let code = library.openV2(path, &handle, Self.openReadWrite | Self.openCreate, nil)
        guard code == 0, let handle else {
            let error = SQLiteError(code: handle.map { library.extendedErrcode($0) } ?? code,
                                    message: handle.flatMap { library.errmsg($0) }.map { String(cString: $0) })
            _ = library.closeV2(handle)
            throw error
        }
        database = handle
        // GRDB, which wrote these files before, turns foreign keys on for every connection.
        try execute(sql: "PRAGMA foreign_keys = ON")
    }

    deinit {
        if isOpen { _ = library.closeV2(database) }
    }

    /// Runs one or more SQL statements, ignoring any rows.
    func execute(sql: String) throws(SQLiteError) {
        let handle = try openHandle()
        guard library.exec(handle, sql, nil, nil, nil) == 0 else { throw lastError() }
    }

    /// Compiles one statement.
    func makeStatement(sql: String) throws(SQLiteError) -> SQLiteStatement {
        let handle = try openHandle()
        var statement: OpaquePointer?
        guard library.prepareV2(handle, sql, -1, &statement, nil) == 0, let statement else {
            _ = library.finalize(statement)
            throw lastError()
        }
        return SQLiteStatement(statement, connection: self)
    }

    /// Runs `body` in a deferred transaction, committed when `body` returns and rolled back when it throws.
    func inTransaction(_ body: () throws -> Void) throws {
        try execute(sql: "BEGIN DEFERRED TRANSACTION")
        do {
            try body()
        } catch {
            try? execute(sql: "ROLLBACK TRANSACTION")
            throw error
        }
        try execute(sql: "COMMIT TRANSACTION")
    }

    /// Closes the connection; later calls fail.
    func close() throws(SQLiteError) {
        guard isOpen else { return }
        guard library.closeV2(database) == 0 else { throw lastError() }
        isOpen = false
    }

    /// The connection's last error.
    func lastError() -> SQLiteError {
        SQLiteError(code: library.extendedErrcode(database), message: library.errmsg(database).map { String(cString: $0) })
    }

    private func openHandle() throws(SQLiteError) -> OpaquePointer {
        guard isOpen else { throw SQLiteError(code: Self.misuse, message: "the database is closed") }
        return database
    }

    static let openReadWrite: Int32 = 0x0000_0002
    static let openCreate: Int32 = 0x0000_0004
    static let misuse: Int32 = 21
    static let row: Int32 = 100
    static let done: Int32 = 101
}

/// A compiled statement, finalized when released.
final class SQLiteStatement {
    private let statement: OpaquePointer
    private let connection: SQLiteConnection
    private let parameterCount: Int

    fileprivate init(_ statement: OpaquePointer, connection: SQLiteConnection) {
        self.statement = statement
        self.connection = connection
        parameterCount = Int(connection.library.bindParameterCount(statement))
    }

    deinit { _ = connection.library.finalize(statement) }

    /// Binds `arguments` (one per parameter, in order; nil is NULL) and steps the statement to its end.
    func execute(arguments: [(any SQLiteBindable)?]) throws(SQLiteError) {
        let library = connection.library
        guard arguments.count == parameterCount else {
            throw SQLiteError(code: 25, message: "wrong number of statement arguments: \(arguments.count), expected \(parameterCount)")
        }
        _ = library.reset(statement)
        _ = library.clearBindings(statement)
        for (offset, argument) in arguments.enumerated() {
            let index = Int32(offset + 1)
            let code = argument.map { $0.bind(to: statement, at: index, in: library) } ?? library.bindNull(statement, index)
            guard code == 0 else { throw failure(code) }
        }
        while true {
            let code = library.step(statement)
            if code == SQLiteConnection.done { break }
            guard code == SQLiteConnection.row else {
                _ = library.reset(statement)
                throw failure(code)
            }
        }
    }

    private func failure(_ code: Int32) -> SQLiteError {
        let error = connection.lastError()
        return error.code == 0 ? SQLiteError(code: code, message: error.message) : error
    }
}
