import Foundation
import GRDB
import Testing
@testable import ReviewKit

/// The dlopen'd libsqlite3 binding behind `SQLiteExport`: loading, errors, transactions, foreign keys.
/// GRDB (a separate SQLite binding, linked into the tests only) reads what it wrote.
@Suite struct SQLiteConnectionTests {
    let library = try! SQLiteLibrary.shared.get()

    @Test func aMissingLibraryIsALowercaseErrorNamingTheDebianPackage() {
        guard case .failure(let unavailable) = SQLiteLibrary.load(named: "libsqlite3-review-missing.so.0") else {
            Issue.record("a library that does not exist loaded")
            return
        }
        #expect(unavailable.message.hasPrefix("cannot load libsqlite3-review-missing.so.0, which writing a SQLite database needs"))
        #expect(unavailable.message.contains("install the debian package libsqlite3-0"))
        #expect(unavailable.message.first?.isLowercase == true)
        #expect(unavailable.message.hasSuffix("cannot open shared object file: no such file or directory"))
    }

    @Test func anExportWithoutTheLibraryFailsAndLeavesTheFileAsItWas() throws {
        let directory = temporaryDirectory()
        defer { cleanUp(directory) }
        let url = directory.appendingPathComponent("review.sqlite")
        try Data("old contents\n".utf8).write(to: url)
        let missing = SQLiteLibrary.load(named: "libsqlite3-review-missing.so.0")
        #expect {
            try SQLiteExport.write(EmbeddedReview.load().workspace, to: url, library: missing)
        } throws: { error in
            guard let error = error as? FileError else { return false }
            return error.message.hasPrefix("cannot write the database: cannot load libsqlite3-review-missing.so.0")
                && error.message.contains("libsqlite3-0") && error.path != nil
        }
        #expect(try String(contentsOf: url, encoding: .utf8) == "old contents\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["review.sqlite"])
    }

    @Test func sqliteErrorsCarryTheMessageAndExtendedCode() throws {
        let directory = temporaryDirectory()
        defer { cleanUp(directory) }
        let db = try SQLiteConnection(path: directory.appendingPathComponent("e.sqlite").path, library: library)
        #expect { try db.execute(sql: "SELEC 1") } throws: { error in
            guard let error = error as? SQLiteError else { return false }
            return error.code == 1 && error.message == "near \"SELEC\": syntax error"
        }
        try db.execute(sql: "CREATE TABLE t (id INTEGER PRIMARY KEY NOT NULL, name TEXT NOT NULL)")
        let insert = try db.makeStatement(sql: "INSERT INTO t VALUES (?, ?)")
        try insert.execute(arguments: [1, "a"])
        #expect { try insert.execute(arguments: [1, "b"]) } throws: { error in
            // SQLITE_CONSTRAINT_PRIMARYKEY, the extended code (1555), not the primary one (19).
            (error as? SQLiteError)?.code == 1555 && (error as? SQLiteError)?.message?.contains("UNIQUE constraint failed") == true
        }
        #expect { try insert.execute(arguments: [2, nil]) } throws: { error in (error as? SQLiteError)?.code == 1299 }
        #expect { try insert.execute(arguments: [3]) } throws: { error in
            (error as? SQLiteError)?.message == "wrong number of statement arguments: 1, expected 2"
        }
        try db.close()
        #expect { try db.execute(sql: "SELECT 1") } throws: { error in (error as? SQLiteError)?.message == "the database is closed" }
    }

    @Test func valuesTransactionsAndForeignKeysReadBackWithGRDB() throws {
        let directory = temporaryDirectory()
        defer { cleanUp(directory) }
        let path = directory.appendingPathComponent("t.sqlite").path
        let db = try SQLiteConnection(path: path, library: library)
        try db.execute(sql: """
            CREATE TABLE parent (id INTEGER PRIMARY KEY NOT NULL);
            CREATE TABLE child (parent INTEGER REFERENCES parent(id), real REAL, text TEXT);
            """)
        try db.inTransaction {
            try db.makeStatement(sql: "INSERT INTO parent VALUES (?)").execute(arguments: [Int.max])
            let child = try db.makeStatement(sql: "INSERT INTO child VALUES (?, ?, ?)")
            try child.execute(arguments: [Int.max, 0.5, "Janoušková “quoted” 👩🏽‍⚕️"])
            try child.execute(arguments: [nil, nil, nil])
        }
        // A failing body rolls everything in the transaction back.
        #expect(throws: SQLiteError.self) {
            try db.inTransaction {
                try db.makeStatement(sql: "INSERT INTO parent VALUES (?)").execute(arguments: [7])
                try db.makeStatement(sql: "INSERT INTO child VALUES (?, ?, ?)").execute(arguments: [8, nil, nil])  // no parent 8
            }
        }
        try db.close()

        let queue = try DatabaseQueue(path: path)
        try queue.read { grdb in
            #expect(try Int.fetchAll(grdb, sql: "SELECT id FROM parent") == [Int.max])
            let rows = try Row.fetchAll(grdb, sql: "SELECT parent, real, text, typeof(real) AS kind FROM child ORDER BY rowid")
            #expect(rows.count == 2)
            #expect(rows[0]["parent"] as Int? == Int.max)
            #expect(rows[0]["real"] as Double? == 0.5)
            #expect(rows[0]["kind"] as String? == "real")
            #expect(rows[0]["text"] as String? == "Janoušková “quoted” 👩🏽‍⚕️")
            #expect(rows[1]["parent"] as Int? == nil && rows[1]["text"] as String? == nil)
        }
        try queue.close()
    }
}
