import Planning

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
    /// Told of every rule evaluation before it happens (`rulec test --coverage`
    /// traces conditions there, against the store as the rule sees it).
    public var observer: (any EvaluationObserver)?
    /// The program to run instead of loading the deployed one per batch: a
    /// backtest (docs/SIMULATE.md) runs thousands of one-second batches over
    /// a program that cannot change under it.
    public var program: DeployedProgram?

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

/// Watches the engine evaluate rules. Called inside the batch's transaction,
/// just before a rule's condition is evaluated, with the context it is
/// evaluated in: `fanID` is the event's fan, or nil for a schedule (every fan).
public protocol EvaluationObserver: AnyObject, Sendable {
    func evaluating(rule: String, fanID: Int64?, context: EvaluationContext)
}
