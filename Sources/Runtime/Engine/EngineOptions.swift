/// How `run` consumes events (RULEC.md `rulec run`).
public struct EngineOptions: Sendable {
    /// At most this many source events per batch (one transaction).
    public var batchSize: Int
    /// An event older than this when consumed is recorded as stale and fires nothing.
    public var staleAfterSeconds: Int64
    /// Run everything in a transaction that is rolled back.
    public var dryRun: Bool
    /// Rule-raised events at this depth are cut (outcome `cascade_limit`);
    /// events the engine reads are depth 0.
    public var maxCascadeDepth: Int

    public static let defaultStaleAfterSeconds: Int64 = 24 * 3_600

    public init(batchSize: Int = 1_000, staleAfterSeconds: Int64 = EngineOptions.defaultStaleAfterSeconds,
                dryRun: Bool = false, maxCascadeDepth: Int = 8) {
        self.batchSize = max(1, batchSize)
        self.staleAfterSeconds = staleAfterSeconds
        self.dryRun = dryRun
        self.maxCascadeDepth = maxCascadeDepth
    }

    /// Whether an event read at `clock` is too old to fire anything: the one
    /// test `run` applies and `rulec why` reports.
    public func isStale(eventTime: Int64, clock: Int64) -> Bool {
        eventTime < clock - staleAfterSeconds
    }
}
