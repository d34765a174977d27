import Foundation
import Testing
@testable import Store

/// `Database.beginSharedRead`: connections that begin one after the other
/// must still read one committed state, even when a writer commits between
/// their begins.
@Suite struct SharedSnapshotTests {
    /// A WAL file with `rows` rows, its writer, and two read-only peers.
    static func files(rows: Int, in folder: TempDirectory, journal: String = "WAL") throws -> (writer: Database, readers: [Database]) {
        let path = folder.path("snapshot.sqlite")
        let writer = try Database(path: path, options: Database.Options(busyTimeoutMilliseconds: 50))
        try writer.execute("PRAGMA journal_mode = \(journal)")
        try writer.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, v INTEGER NOT NULL)")
        for value in 0..<rows { try writer.execute("INSERT INTO t (v) VALUES (?)", [.integer(Int64(value))]) }
        return (writer, [try writer.readOnlyPeer(), try writer.readOnlyPeer()])
    }

    static func count(_ database: Database) throws -> Int64? {
        try database.scalar("SELECT count(*) FROM t").int64
    }

    @Test func aCommitBetweenTheBeginsIsSeenByAllOrNone() throws {
        let folder = try TempDirectory()
        let (writer, readers) = try Self.files(rows: 3, in: folder)
        var commits = 0, hooks = 0
        // The writer commits right after the first connection began, once.
        let shared = try Database.beginSharedRead(readers) { index in
            hooks += 1
            if index == 0 && commits == 0 {
                try writer.execute("INSERT INTO t (v) VALUES (99)")
                commits += 1
            }
        }
        #expect(shared)
        #expect(hooks > readers.count, "the first attempt saw the commit and began again")
        let counts = try readers.map(Self.count)
        #expect(counts == [4, 4])
        // Held: a commit now is invisible to both until the read ends.
        try writer.execute("INSERT INTO t (v) VALUES (100)")
        #expect(try readers.map(Self.count) == [4, 4])
        Database.endSharedRead(readers)
        #expect(readers.allSatisfy { !$0.isInTransaction })
        #expect(try readers.map(Self.count) == [5, 5])
    }

    @Test func withoutTheCheckTheConnectionsWouldDisagree() throws {
        // The situation the check exists for: begun one after the other with a
        // commit in between, two connections read different states.
        let folder = try TempDirectory()
        let (writer, readers) = try Self.files(rows: 3, in: folder)
        for reader in readers { try reader.execute("BEGIN") }
        #expect(try Self.count(readers[0]) == 3)
        try writer.execute("INSERT INTO t (v) VALUES (99)")
        #expect(try Self.count(readers[1]) == 4)
        for reader in readers { try reader.execute("COMMIT") }
    }

    @Test func aWriterCommittingEveryTimeMakesItGiveUpCleanly() throws {
        let folder = try TempDirectory()
        let (writer, readers) = try Self.files(rows: 1, in: folder)
        let shared = try Database.beginSharedRead(readers, attempts: 3) { index in
            if index == 0 { try writer.execute("INSERT INTO t (v) VALUES (1)") }
        }
        #expect(!shared)
        #expect(readers.allSatisfy { !$0.isInTransaction }, "no read transaction left open")
        #expect(try Self.count(writer) == 4)
    }

    @Test func inRollbackJournalModeTheFirstReaderHoldsOffCommits() throws {
        let folder = try TempDirectory()
        let (writer, readers) = try Self.files(rows: 2, in: folder, journal: "DELETE")
        #expect(try Database.beginSharedRead(readers))
        #expect(try readers.map(Self.count) == [2, 2])
        // The shared lock stops a commit while the readers read.
        #expect(throws: SQLiteError.self) { try writer.execute("INSERT INTO t (v) VALUES (5)") }
        Database.endSharedRead(readers)
        try writer.execute("INSERT INTO t (v) VALUES (5)")
        #expect(try readers.map(Self.count) == [3, 3])
    }

    @Test func aMemoryDatabaseHasNoPeers() throws {
        let database = try Database(path: ":memory:")
        #expect(throws: SQLiteError.self) { try database.readOnlyPeer() }
    }
}
