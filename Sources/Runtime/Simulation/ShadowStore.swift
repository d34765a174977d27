import Foundation
import Planning
import Store

/// The private copy a backtest works on (docs/SIMULATE.md): the user's file is
/// copied with `VACUUM INTO` (one read transaction, so a concurrent `run` keeps
/// writing through WAL), the copy is opened read-write and deleted afterwards.
/// Nothing is ever written to the user's store.
final class ShadowStore {
    let store: Store
    let creator: CreatorStore
    private let path: String

    /// Copies `source`'s database into a new file in `folder` (default: the
    /// system's temporary folder) and opens it for `source`'s creator.
    init(copying source: CreatorStore, folder: URL? = nil) throws {
        // The copy is a SQLite file made by SQLite's own `VACUUM INTO`; a PostgreSQL
        // store would need its creator's rows copied table by table (not built yet).
        guard source.database.dialect == .sqlite else {
            throw SQLiteError(code: 1, message: "simulate runs on a SQLite store only: its private copy of the store "
                              + "is not built for PostgreSQL yet (docs/SCALE.md)")
        }
        let directory = folder ?? FileManager.default.temporaryDirectory
        let path = directory.appendingPathComponent("rulec-simulate-\(UUID().uuidString).sqlite").path
        self.path = path
        try source.database.execute("VACUUM INTO ?", [.text(path)])
        do {
            store = try EngineStore.open(path: path)
        } catch {
            Self.remove(path)
            throw error
        }
        creator = store.creator(source.userID)
        // A scratch copy: durability buys nothing, and rows are moved between
        // tables in an order that foreign keys would refuse midway.
        try store.database.execute("PRAGMA foreign_keys = OFF")
        try store.database.execute("PRAGMA journal_mode = MEMORY")
        try store.database.execute("PRAGMA synchronous = OFF")
        try store.database.execute("PRAGMA cache_size = -65536")
        try store.database.execute("PRAGMA temp_store = MEMORY")
    }

    deinit { Self.remove(path) }

    private static func remove(_ path: String) {
        for suffix in ["", "-wal", "-shm", "-journal"] {
            try? FileManager.default.removeItem(atPath: path + suffix)
        }
    }
}
