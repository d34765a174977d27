import CSQLite
import Foundation

/// Copies a connection's WAL back into the database file on a thread of its
/// own, while the connection goes on writing.
///
/// SQLite's automatic checkpoint runs inside the COMMIT that crosses its mark:
/// the committing thread copies the pages and then waits for the database
/// file's fsync. On the run benchmark that was about an eighth of the wall time
/// (21 checkpoints, 0.84 s of `fdatasync` alone). A `PASSIVE` checkpoint from a
/// second connection takes SQLite's checkpoint lock, not the write lock, so it
/// runs while the writer works (the documented way to keep checkpoints off a
/// busy writer). Durability is unchanged: every COMMIT is still fsynced to the
/// WAL before it returns; a checkpoint only moves pages that are durable already.
///
/// The WAL restarts from its beginning only when a transaction begins with
/// every frame copied back, which a checkpointer racing the next transaction
/// seldom leaves. So once the WAL holds `limitPages`, the committing
/// connection checkpoints the rest itself, as SQLite's own hook would, after
/// the background checkpoint in progress (which copied most of it already).
/// With no other process reading or checkpointing the file, the WAL stays
/// within the limit (64 MiB by default) plus one transaction; another reader
/// can hold it longer, as it can under SQLite's own checkpoint.
public final class BackgroundCheckpointer {
    private let database: Database
    private let state: State
    private let context: Unmanaged<State>
    /// The connection's `wal_autocheckpoint` before, given back by `stop`.
    private let automaticPages: Int32
    private var stopped = false

    /// Starts checkpointing `database`'s WAL every `everyPages` frames it grows
    /// by. Nil for a database without a WAL file (`:memory:` or a journal mode
    /// other than WAL), which has nothing to copy back. One per connection.
    public init?(database: Database, everyPages: Int32 = 2_048, limitPages: Int32 = 16_384) throws {
        guard database.dialect == .sqlite, database.path != ":memory:", !database.path.isEmpty,
              try database.scalar("PRAGMA journal_mode").string == "wal" else { return nil }
        let connection = try Database(path: database.path)
        self.database = database
        self.automaticPages = Int32(try database.scalar("PRAGMA wal_autocheckpoint").int64 ?? 1_000)
        self.state = State(everyPages: everyPages, limitPages: max(limitPages, everyPages))
        self.context = Unmanaged.passRetained(state)
        let handOver = ConnectionHandOver(connection)
        let state = self.state
        let thread = Thread { Self.checkpointLoop(handOver, state: state) }
        thread.name = "rulec-checkpointer"
        thread.start()
        sqlite3_wal_hook(database.handle, walHook, context.toOpaque())
    }

    /// Gives the connection SQLite's own automatic checkpoint back and waits
    /// for the thread to finish the checkpoint it is in. Safe to call twice.
    public func stop() {
        guard !stopped else { return }
        stopped = true
        // Replaces our hook (and its pointer to `state`) before `state` can go.
        sqlite3_wal_autocheckpoint(database.handle, automaticPages)
        state.stopAndWait()
        context.release()
    }

    deinit { stop() }

    private static func checkpointLoop(_ handOver: ConnectionHandOver, state: State) {
        while state.waitForWork(), let connection = handOver.connection {
            // BUSY (another process's checkpoint holds the lock) is fine: the
            // writer's own checkpoint at the limit keeps the WAL bounded regardless.
            _ = sqlite3_wal_checkpoint_v2(connection.handle, nil, SQLITE_CHECKPOINT_PASSIVE, nil, nil)
            state.finishedCheckpoint()
        }
        // Closed before `stop` returns, so the writer's own close is the last
        // one and checkpoints the rest as SQLite does when a file's last
        // connection closes.
        handOver.connection = nil
        state.markFinished()
    }
}

/// What the writer's WAL hook and the checkpoint thread share.
private final class State: @unchecked Sendable {
    let everyPages: Int32
    let limitPages: Int32
    private let condition = NSCondition()
    // Guarded by `condition`.
    private var pending = false
    private var checkpointing = false
    private var writerCheckpointing = false
    private var stopping = false
    private var finished = false
    // Touched by the writer's hook only, on the writer's thread.
    var nextMark: Int32
    var lastFrames: Int32 = 0

    init(everyPages: Int32, limitPages: Int32) {
        self.everyPages = everyPages
        self.limitPages = limitPages
        self.nextMark = everyPages
    }

    func signal() {
        condition.lock()
        pending = true
        condition.signal()
        condition.unlock()
    }

    /// Blocks until there is a checkpoint to run (true) or the owner stops
    /// (false); while it runs, the writer's own checkpoint waits.
    func waitForWork() -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while (!pending || writerCheckpointing) && !stopping { condition.wait() }
        pending = false
        checkpointing = !stopping
        return !stopping
    }

    func finishedCheckpoint() {
        condition.lock()
        checkpointing = false
        condition.broadcast()
        condition.unlock()
    }

    /// Runs `body` (the writer's checkpoint) once the thread's is done, and
    /// keeps the thread from starting another meanwhile: SQLite lets one
    /// checkpoint run at a time and answers a second with BUSY at once.
    func exclusively(_ body: () -> Void) {
        condition.lock()
        while checkpointing { condition.wait() }
        writerCheckpointing = true
        condition.unlock()
        body()
        condition.lock()
        writerCheckpointing = false
        condition.broadcast()
        condition.unlock()
    }

    func markFinished() {
        condition.lock()
        finished = true
        condition.broadcast()
        condition.unlock()
    }

    func stopAndWait() {
        condition.lock()
        stopping = true
        condition.broadcast()
        while !finished { condition.wait() }
        condition.unlock()
    }
}

/// The checkpoint thread's connection, opened by the caller (so a failure to
/// open is the caller's error) and from then on touched by the thread alone.
private final class ConnectionHandOver: @unchecked Sendable {
    var connection: Database?
    init(_ connection: Database) { self.connection = connection }
}

/// Called by SQLite on the writer's thread after each commit, with the WAL's
/// size in frames.
private let walHook: @convention(c) (UnsafeMutableRawPointer?, OpaquePointer?, UnsafePointer<CChar>?, Int32) -> Int32 = {
    context, handle, _, frames in
    guard let context else { return SQLITE_OK }
    let state = Unmanaged<State>.fromOpaque(context).takeUnretainedValue()
    if frames < state.lastFrames { state.nextMark = state.everyPages }  // the WAL restarted
    state.lastFrames = frames
    if frames >= state.limitPages {
        state.exclusively { _ = sqlite3_wal_checkpoint_v2(handle, nil, SQLITE_CHECKPOINT_PASSIVE, nil, nil) }
    } else if frames >= state.nextMark {
        state.nextMark = frames + state.everyPages
        state.signal()
    }
    return SQLITE_OK
}
