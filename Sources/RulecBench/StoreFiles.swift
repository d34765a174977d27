import Foundation

/// The files of a benchmark's SQLite store: the database and what SQLite
/// keeps beside it (write-ahead log, its index, a rollback journal).
enum StoreFiles {
    /// Removes the store at `path` and its side files, whichever exist.
    static func remove(_ path: String) {
        for suffix in ["", "-wal", "-shm", "-journal"] { try? FileManager.default.removeItem(atPath: path + suffix) }
    }
}
