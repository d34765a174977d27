/// A failure reported by SQLite, as a typed value: the primary and extended
/// result codes, SQLite's own message, and the SQL that was running (empty when
/// the failure was not tied to a statement, such as opening the file).
public struct SQLiteError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Primary result code (`SQLITE_CONSTRAINT`, `SQLITE_BUSY`, ...).
    public let code: Int32
    /// Extended result code (`SQLITE_CONSTRAINT_UNIQUE`, ...), equal to `code` when none.
    public let extendedCode: Int32
    public let message: String
    public let sql: String

    public init(code: Int32, extendedCode: Int32? = nil, message: String, sql: String = "") {
        self.code = code
        self.extendedCode = extendedCode ?? code
        self.message = message
        self.sql = sql
    }

    /// The database stayed locked by another writer past the busy timeout.
    public var isBusy: Bool { code == 5 /* SQLITE_BUSY */ || code == 6 /* SQLITE_LOCKED */ }
    /// "attempt to write a readonly database": the file or its folder cannot be written.
    public var isReadOnly: Bool { code == 8 /* SQLITE_READONLY */ }
    /// A CHECK, UNIQUE, NOT NULL, FOREIGN KEY or trigger `RAISE(ABORT)` refused the change.
    public var isConstraint: Bool { code == 19 /* SQLITE_CONSTRAINT */ }

    public var description: String {
        var text = "SQLite error \(code)"
        if extendedCode != code { text += " (extended \(extendedCode))" }
        text += ": \(message)"
        if !sql.isEmpty { text += "\n  while running: \(sql)" }
        return text
    }
}
