import Foundation
import Planning
import Store

/// The private copy a backtest works on (docs/SIMULATE.md): the user's store
/// is copied with SQLite's online backup (one read transaction, so a
/// concurrent `run` keeps writing through WAL; pages are copied as they are,
/// several times faster than `VACUUM INTO`), into memory when it is small
/// enough (`inMemoryLimit`), else into a new file deleted afterwards.
/// Nothing is ever written to the user's store.
final class ShadowStore {
    let store: Store
    let creator: CreatorStore
    private let path: String?

    /// Stores up to this size are copied into memory: every commit of the
    /// replay then costs no write to a file.
    static let inMemoryLimit: UInt64 = 2 << 30

    /// Copies `source`'s database into memory, or, when it is larger than
    /// `inMemoryLimit` or `folder` is given, into a new file in `folder`
    /// (default: the system's temporary folder), and opens it for `source`'s creator.
    init(copying source: CreatorStore, folder: URL? = nil) throws {
        if source.database.dialect == .postgres {
            // One creator's rows, copied into memory (`copyCreator`).
            path = nil
            store = try EngineStore.open(path: ":memory:")
            try store.database.execute("PRAGMA foreign_keys = OFF")
            try Self.copyCreator(of: source, into: store.database)
            creator = store.creator(source.userID)
            try Self.prepare(store.database)
            return
        }
        let size = (try? FileManager.default.attributesOfItem(atPath: source.database.path)[.size] as? UInt64) ?? 0
        if folder == nil, size <= Self.inMemoryLimit {
            path = nil
            store = try EngineStore.open(path: ":memory:")
            try source.database.backup(into: store.database)
        } else {
            let directory = folder ?? FileManager.default.temporaryDirectory
            let path = directory.appendingPathComponent("rulec-simulate-\(UUID().uuidString).sqlite").path
            self.path = path
            do {
                try source.database.backup(into: path)
                store = try EngineStore.open(path: path)
            } catch {
                Self.remove(path)
                throw error
            }
        }
        creator = store.creator(source.userID)
        try Self.prepare(store.database)
    }

    private static func prepare(_ database: Database) throws {
        // A scratch copy: durability buys nothing, and rows are moved between
        // tables in an order that foreign keys would refuse midway.
        try database.execute("PRAGMA foreign_keys = OFF")
        try database.execute("PRAGMA journal_mode = MEMORY")
        try database.execute("PRAGMA synchronous = OFF")
        try database.execute("PRAGMA cache_size = -65536")
        try database.execute("PRAGMA temp_store = MEMORY")
        // Clock events (`ClockEvents`) and `ApprovalQueue.expire` look approvals up by expiry, once per batch.
        try database.execute("CREATE INDEX IF NOT EXISTS simulate_hitl_by_expiry ON hitl_action_queue(user_id, status, expires_at)")
    }

    deinit { if let path { Self.remove(path) } }

    private static func remove(_ path: String) {
        for suffix in ["", "-wal", "-shm", "-journal"] {
            try? FileManager.default.removeItem(atPath: path + suffix)
        }
    }
}
