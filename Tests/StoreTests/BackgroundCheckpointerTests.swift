import Foundation
import Testing
@testable import Store

/// The engine's WAL is copied back by a second connection on its own thread;
/// the writer's WAL must still stay bounded and its data intact.
@Suite struct BackgroundCheckpointerTests {
    private func fileSize(_ path: String) -> Int {
        ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int) ?? 0
    }

    private func writer(in dir: TempDirectory) throws -> Database {
        let database = try Database(path: dir.path("wal.sqlite"))
        try database.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, body TEXT NOT NULL)")
        return database
    }

    /// One transaction of a few pages: 8 rows of 2 KiB.
    private func writeBatch(_ database: Database, _ batch: Int) throws {
        try database.transaction {
            for row in 0..<8 {
                try database.execute("INSERT INTO t (id, body) VALUES (?, ?)",
                                     [.int(batch * 8 + row), .text(String(repeating: "x", count: 2_048))])
            }
        }
    }

    @Test func copiesTheWALBackWhileTheWriterGoesOn() throws {
        let dir = try TempDirectory()
        let database = try writer(in: dir)
        // Below the limit the writer never checkpoints itself: pages reach the
        // database file only through the background thread.
        let checkpointer = try #require(try BackgroundCheckpointer(database: database, everyPages: 8, limitPages: 100_000))
        defer { checkpointer.stop() }
        let before = fileSize(dir.path("wal.sqlite"))
        for batch in 0..<20 { try writeBatch(database, batch) }
        let deadline = Date().addingTimeInterval(10)
        while fileSize(dir.path("wal.sqlite")) <= before && Date() < deadline { usleep(10_000) }
        #expect(fileSize(dir.path("wal.sqlite")) > before, "nothing was copied back into the database file")
    }

    @Test func theWALStaysBoundedAndNothingIsLost() throws {
        let dir = try TempDirectory()
        let database = try writer(in: dir)
        let checkpointer = try #require(try BackgroundCheckpointer(database: database, everyPages: 4, limitPages: 32))
        for batch in 0..<300 { try writeBatch(database, batch) }
        checkpointer.stop()
        // 300 batches wrote ~1,500 pages; the WAL restarts once it reaches the
        // limit, so it never holds more than the limit and one batch.
        let frameBytes = Int(try database.scalar("PRAGMA page_size").int64 ?? 4_096) + 24
        let walBytes = fileSize(dir.path("wal.sqlite-wal"))
        #expect(walBytes > 0)
        #expect(walBytes <= 32 + (32 + 16) * frameBytes, "WAL grew to \(walBytes) bytes")
        let reader = try Database(path: dir.path("wal.sqlite"))
        #expect(try reader.scalar("SELECT count(*) FROM t") == .integer(2_400))
        try reader.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        #expect(try reader.scalar("PRAGMA integrity_check") == .text("ok"))
    }

    @Test func stoppingGivesTheConnectionItsOwnAutomaticCheckpointBack() throws {
        let dir = try TempDirectory()
        let database = try writer(in: dir)
        try database.execute("PRAGMA wal_autocheckpoint = 123")
        let checkpointer = try #require(try BackgroundCheckpointer(database: database))
        checkpointer.stop()
        checkpointer.stop()
        #expect(try database.scalar("PRAGMA wal_autocheckpoint") == .integer(123))
        try writeBatch(database, 0)
    }

    @Test func aDatabaseWithoutAWALFileHasNoCheckpointer() throws {
        #expect(try BackgroundCheckpointer(database: Database(path: ":memory:")) == nil)
    }
}
