/// A failure reported by SQLite, as a typed value: the primary and extended
/// result codes, SQLite's own message, and the SQL that was running (empty when
/// the failure was not tied to a statement, such as opening the file).
///
/// PostgreSQL's failures are this type too (one error type for one database
/// layer), with the `sqlState` PostgreSQL reported and the primary code SQLite
/// would have given the same failure, so `isBusy`, `isConstraint` and the
/// CLI's messages work on both.
public struct SQLiteError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Primary result code (`SQLITE_CONSTRAINT`, `SQLITE_BUSY`, ...).
    public let code: Int32
    /// Extended result code (`SQLITE_CONSTRAINT_UNIQUE`, ...), equal to `code` when none.
    public let extendedCode: Int32
    public let message: String
    public let sql: String
    /// PostgreSQL's SQLSTATE (`23505`, `40P01`...); nil for SQLite's errors.
    public let sqlState: String?

    public init(code: Int32, extendedCode: Int32? = nil, message: String, sql: String = "", sqlState: String? = nil) {
        self.code = code
        self.extendedCode = extendedCode ?? code
        self.message = message
        self.sql = sql
        self.sqlState = sqlState
    }

    /// A PostgreSQL error, with the SQLite code of the same kind of failure:
    /// integrity violations, raised exceptions (the append-only triggers) and
    /// row-level security refusals are CONSTRAINT; lock timeouts, deadlocks and
    /// serialization failures BUSY; a read-only transaction READONLY.
    init(postgresMessage message: String, sqlState: String, sql: String) {
        let code: Int32 = switch sqlState {
        case _ where sqlState.hasPrefix("23"), "P0001", "42501": 19
        case "55P03", "40001", "40P01", "57014": 5
        case "25006": 8
        default: 1
        }
        self.init(code: code, message: message, sql: sql, sqlState: sqlState)
    }

    /// The database stayed locked by another writer past the busy timeout.
    public var isBusy: Bool { code == 5 /* SQLITE_BUSY */ || code == 6 /* SQLITE_LOCKED */ }
    /// "attempt to write a readonly database": the file or its folder cannot be written.
    public var isReadOnly: Bool { code == 8 /* SQLITE_READONLY */ }
    /// A CHECK, UNIQUE, NOT NULL, FOREIGN KEY or trigger `RAISE(ABORT)` refused the change.
    public var isConstraint: Bool { code == 19 /* SQLITE_CONSTRAINT */ }

    public var description: String {
        if let sqlState {
            return "PostgreSQL error \(sqlState): \(message)" + (sql.isEmpty ? "" : "\n  while running: \(sql)")
        }
        var text = "SQLite error \(code)"
        if extendedCode != code { text += " (extended \(extendedCode))" }
        text += ": \(message)"
        if !sql.isEmpty { text += "\n  while running: \(sql)" }
        return text
    }
}
