import CSQLite

extension Database {
    /// Copies the whole database, as one read transaction sees it, into a new
    /// file at `path` with SQLite's online backup (`sqlite3_backup_*`): pages
    /// are copied as they are, so it costs the file's size in I/O and nothing
    /// else (`VACUUM INTO` rebuilds every table and index). All pages go in one
    /// step, so the copy is one consistent snapshot and a writer on another
    /// connection keeps committing through the WAL meanwhile. The file at
    /// `path` must not exist yet; it is left in rollback-journal mode.
    public func backup(into path: String) throws {
        var opened: OpaquePointer?
        defer { sqlite3_close_v2(opened) }
        let code = sqlite3_open_v2(path, &opened, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nil)
        guard code == SQLITE_OK, let destination = opened else {
            let message = opened.map { String(cString: sqlite3_errmsg($0)) } ?? String(cString: sqlite3_errstr(code))
            throw SQLiteError(code: code & 0xff, extendedCode: code, message: "cannot open \(path): \(message)")
        }
        try Self.copy(from: handle, to: destination, naming: path)
    }

    /// Copies the whole database into `destination`, an open connection
    /// (say, to `:memory:`) outside any transaction, replacing what it held.
    public func backup(into destination: Database) throws {
        try Self.copy(from: handle, to: destination.handle, naming: destination.path)
    }

    private static func copy(from handle: OpaquePointer, to destination: OpaquePointer, naming path: String) throws {
        guard let backup = sqlite3_backup_init(destination, "main", handle, "main") else {
            throw SQLiteError(code: sqlite3_errcode(destination), extendedCode: sqlite3_extended_errcode(destination),
                              message: "cannot back up into \(path): \(String(cString: sqlite3_errmsg(destination)))")
        }
        let stepped = sqlite3_backup_step(backup, -1)
        let finished = sqlite3_backup_finish(backup)
        guard stepped == SQLITE_DONE, finished == SQLITE_OK else {
            let failure = stepped == SQLITE_DONE ? finished : stepped
            throw SQLiteError(code: failure & 0xff, extendedCode: failure,
                              message: "backup into \(path) failed: \(String(cString: sqlite3_errstr(failure)))")
        }
    }
}
