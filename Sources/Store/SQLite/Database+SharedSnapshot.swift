import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Several connections to one SQLite file reading the same committed state,
/// so that one query split across them (`PartitionedRead`) answers as one
/// statement would.
///
/// SQLite gives each read transaction the state committed when it first
/// touches the file. Its snapshot API (`sqlite3_snapshot_open`), which would
/// hand one transaction's snapshot to another, is not compiled into the
/// system library, so the connections begin one after the other and the
/// write-ahead log's index header tells whether a commit came in between:
/// every commit rewrites it (its change counter and last frame), and a
/// reader's snapshot is the header it read. Same header before the first
/// begin and after the last: one snapshot. In rollback-journal mode a reader
/// holds the file's shared lock, which no commit can pass, so the first
/// begin already fixes the state for the others.
extension Database {
    /// A new read-only connection to the same file (SQLite only).
    public func readOnlyPeer() throws -> Database {
        guard dialect == .sqlite, path != ":memory:" else {
            throw SQLiteError(code: 1, message: "only a SQLite file can be read by several connections")
        }
        return try Database(path: path, options: Options(access: .readOnly))
    }

    /// Begins a read transaction on each connection (all on this connection's
    /// file) so that all of them read the same committed state. Tries up to
    /// `attempts` times while writers commit in between; returns false, with no
    /// transaction left open, when it never managed. The caller ends the
    /// transactions with `endSharedRead`. `afterEachBegin` lets tests commit
    /// in the window on purpose.
    public static func beginSharedRead(_ connections: [Database], attempts: Int = 3,
                                       afterEachBegin: (Int) throws -> Void = { _ in }) throws -> Bool {
        guard let first = connections.first, connections.allSatisfy({ $0.dialect == .sqlite && $0.path == first.path }) else {
            return false
        }
        let usesLog = try first.usesWriteAheadLog()
        for _ in 0..<attempts {
            let before = usesLog ? first.walIndexHeader() : nil
            if usesLog && before == nil { return false }
            var begun: [Database] = []
            do {
                for (index, connection) in connections.enumerated() {
                    try connection.execute("BEGIN DEFERRED")
                    begun.append(connection)
                    // The read transaction starts with the first read of the file.
                    try connection.execute("SELECT count(*) FROM sqlite_master")
                    try afterEachBegin(index)
                }
            } catch {
                endSharedRead(begun)
                throw error
            }
            if !usesLog || first.walIndexHeader() == before { return true }
            endSharedRead(begun)
        }
        return false
    }

    /// Ends the read transactions `beginSharedRead` began.
    public static func endSharedRead(_ connections: [Database]) {
        for connection in connections where connection.isInTransaction {
            try? connection.execute("COMMIT")
        }
    }

    /// Whether the file is in write-ahead-log mode (an `immutable` open reads
    /// the file alone, which nobody can change under it: not the log).
    func usesWriteAheadLog() throws -> Bool {
        guard !readsFileWithoutLog else { return false }
        return try rows("PRAGMA journal_mode").first?[0].string?.lowercased() == "wal"
    }

    /// The first 48 bytes of the `-shm` file: the write-ahead log's index
    /// header (SQLite's file format, "WAL-index format"), which every commit
    /// rewrites. Nil when it cannot be read.
    func walIndexHeader() -> [UInt8]? {
        let descriptor = Glibc.open(path + "-shm", O_RDONLY)
        guard descriptor >= 0 else { return nil }
        defer { Glibc.close(descriptor) }
        var header = [UInt8](repeating: 0, count: 48)
        let read = header.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, 48, 0) }
        return read == 48 ? header : nil
    }
}
