/// What to generate: how many fans, for which creator, from which seed, and
/// the clock every timestamp is measured back from.
public struct SeedOptions: Sendable {
    public var fans: Int
    public var seed: UInt64
    public var userID: String
    /// Unix seconds; events spread over the 180 days before it.
    public var now: Int64

    /// 2026-11-24T00:00:00Z: a fixed default clock, so a seed without `--now` is reproducible.
    public static let defaultNow: Int64 = 1_795_478_400
    public static let historyDays: Int64 = 180

    public init(fans: Int, seed: UInt64 = 1, userID: String, now: Int64 = SeedOptions.defaultNow) {
        self.fans = fans
        self.seed = seed
        self.userID = userID
        self.now = now
    }
}

/// How far seeding has got, for a progress line.
public struct SeedProgress: Sendable {
    public let fansWritten: Int
    public let fansTotal: Int
}

/// What seeding wrote: rows per table, for the summary line.
public struct SeedReport: Sendable {
    public let rowsByTable: [(table: String, rows: Int)]
    public var totalRows: Int { rowsByTable.reduce(0) { $0 + $1.rows } }
}

/// Time units in seconds.
enum Seconds {
    static let minute: Int64 = 60
    static let hour: Int64 = 3_600
    static let day: Int64 = 86_400
}
