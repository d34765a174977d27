import Dispatch
import Foundation
import Store

/// Runs the SQL of a plan over all fans on several connections at once, each
/// over one range of fan ids, for the commands a person waits on (`segment
/// eval`, the REPL). SQLite runs a statement on one core; a plan that reads
/// most of a big creator's rows (`sum(fan.transactions.amount within 90d)` on
/// 100,000 fans reads 600,000 index entries) takes that core for tens of
/// milliseconds. Split by fan id, each part seeks its range of the per-fan
/// indexes: SQLite pushes `fan_id BETWEEN ? AND ?` on the plan's rows down
/// into every scan of them (grouped sets and the `fan_profiles` scan alike),
/// so the parts read disjoint halves and the wall time halves on two cores.
/// The CPU time does not fall (a little rises: a connection to open per part).
///
/// The parts read one snapshot (`Database.beginSharedRead`); when writers
/// keep committing so that none can be shared, or the store is not a SQLite
/// file, or the connection is inside a transaction (whose own writes another
/// connection cannot see), the caller runs the plan on its own connection.
struct PartitionedRead {
    /// Below this estimated cost (ShapeChooser's units, about 0.04 µs each:
    /// about 20 ms) opening connections costs more than splitting saves.
    static let minimumCost = 500_000.0

    let store: CreatorStore
    let ways: Int

    /// Whether `plan` is worth splitting: over all fans, and estimated expensive.
    static func worthSplitting(_ plan: ConditionPlan) -> Bool {
        guard plan.scope == .allFans else { return false }
        let cost = plan.shapes.reduce(0.0) { $0 + ($1.shape == .correlated ? $1.correlatedCost : $1.groupedCost) }
        return cost >= minimumCost
    }

    /// The plan's fan ids, ascending, read in `ways` parts; nil when the parts
    /// could not share a snapshot (the caller then reads on its own connection).
    func fanIDs(sql: String, values: [SQLValue]) throws -> [Int64]? {
        let database = store.database
        guard ways > 1, database.dialect == .sqlite, database.path != ":memory:", !database.isInTransaction else { return nil }
        let peers = try (1..<ways).map { _ in try database.readOnlyPeer() }
        for peer in peers { try SQLFunctions.register(on: peer) }
        let connections = [database] + peers
        guard try Database.beginSharedRead(connections) else { return nil }
        defer { Database.endSharedRead(connections) }

        guard let bounds = try store.rows("SELECT min(id), max(id) FROM fan_profiles WHERE user_id = :user").first,
              let low = bounds[0].int64, let high = bounds[1].int64 else { return [] }
        let ranges = Self.split(low...high, into: connections.count)
        // The two `?` come last in the text, so they take the last two values.
        let partSQL = "WITH plan_rows(fan_id) AS (\(sql)) SELECT fan_id FROM plan_rows WHERE fan_id BETWEEN ? AND ?"
        let parts = PartResults(count: ranges.count)
        let stores = connections.map { CreatorStore(database: $0, userID: store.userID) }
        let work = PartWork(stores: stores, ranges: ranges, sql: partSQL, values: values, results: parts)
        DispatchQueue.concurrentPerform(iterations: ranges.count) { work.run(part: $0) }
        return try parts.joined()
    }

    /// `range` cut into at most `count` consecutive ranges of about equal width.
    static func split(_ range: ClosedRange<Int64>, into count: Int) -> [ClosedRange<Int64>] {
        let width = (range.upperBound - range.lowerBound) / Int64(count) + 1
        return stride(from: range.lowerBound, through: range.upperBound, by: Int(width)).map { start in
            start...min(start + width - 1, range.upperBound)
        }
    }
}

/// One part's work, shared read-only by the threads: part `i` uses only
/// `stores[i]` (a connection is never used by two threads) and writes only
/// its own slot of `results`.
private struct PartWork: @unchecked Sendable {
    let stores: [CreatorStore]
    let ranges: [ClosedRange<Int64>]
    let sql: String
    let values: [SQLValue]
    let results: PartResults

    func run(part: Int) {
        let range = ranges[part]
        results.set(part, Result {
            var ids: [Int64] = []
            try stores[part].forEachRow(sql, values + [.integer(range.lowerBound), .integer(range.upperBound)]) {
                ids.append($0.int64(0))
            }
            return ids
        })
    }
}

/// A slot per part, each written by one thread, read after all have finished.
private final class PartResults: @unchecked Sendable {
    private var slots: UnsafeMutableBufferPointer<Result<[Int64], Error>>

    init(count: Int) {
        slots = .allocate(capacity: count)
        slots.initialize(repeating: .success([]))
    }

    deinit {
        slots.deinitialize()
        slots.deallocate()
    }

    func set(_ part: Int, _ result: Result<[Int64], Error>) { slots[part] = result }

    /// The parts' ids in order (each sorted: a part's rows come in no promised
    /// order once wrapped), or the first part's error.
    func joined() throws -> [Int64] {
        var ids: [Int64] = []
        for slot in slots { ids += try slot.get().sorted() }
        return ids
    }
}
