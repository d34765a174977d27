import Foundation
import Semantics
import Store
import Syntax

/// What one segment's refresh changed.
public struct SegmentRefresh: Sendable, Equatable {
    public var name: String
    public var segmentID: Int64
    /// Members after the refresh.
    public var members: Int
    public var entered: Int
    public var exited: Int
}

/// Materializes segments into fan_segment_members (`rulec segments refresh`).
///
/// All segments are refreshed in one transaction, which also computes the new
/// member sets, so the difference is taken against the members as they are
/// under the write lock and a crash leaves either the old sets or the new ones.
/// Only the difference is written: added fans are inserted, removed fans
/// deleted, and each change appends a fan_segment_member_events row (the
/// source of `segment.entered` / `segment.exited`). A refresh that changes
/// nothing writes no member rows and no events; member_count and
/// evaluated_at are still updated, since the segment was evaluated.
public struct SegmentRefresher {
    public let store: CreatorStore
    public let program: CheckedProgram

    /// `store`'s connection must have the `rulec_*` functions (`EngineStore.open`).
    public init(store: CreatorStore, program: CheckedProgram) {
        self.store = store
        self.program = program
    }

    /// Refreshes the named segments (all of the program's when `names` is nil),
    /// in dependency order. A segment with no fan_segments row yet gets one,
    /// holding its source text and plan, as `deploy` would write it.
    public func refresh(_ names: [String]? = nil, now: Int64, zone: TimeZone) throws -> [SegmentRefresh] {
        let wanted = names.map(Set.init)
        let segments = program.segments.filter { wanted?.contains($0.name) ?? true }
        let executor = PlanExecutor(store: store, program: program)
        let context = EvaluationContext(now: now, zone: zone)
        let estimator = PlanEstimator(store: store, program: program, context: context)
        return try store.transaction(.immediate) {
            try segments.map { segment in
                // The stored plan is the program's own (no estimates); the one
                // run has the shapes this store's data makes cheapest.
                let stored = PlanBuilder.plan(segment.condition, program: program, scope: .allFans)
                let plan = PlanBuilder.plan(segment.condition, program: program, scope: .allFans, estimator: estimator)
                let segmentID = try rowID(of: segment, plan: stored, now: now)
                let members = Set(try executor.fanIDs(plan, context: context))
                return try materialize(segment.name, segmentID: segmentID, members: members, now: now)
            }
        }
    }

    private func materialize(_ name: String, segmentID: Int64, members: Set<Int64>, now: Int64) throws -> SegmentRefresh {
        let current = Set(try store.rows(
            "SELECT fan_id FROM fan_segment_members WHERE user_id = :user AND segment_id = ?",
            [.integer(segmentID)]).compactMap { $0[0].int64 })
        let entered = members.subtracting(current).sorted()
        let exited = current.subtracting(members).sorted()
        for fan in entered {
            try store.execute("INSERT INTO fan_segment_members (user_id, segment_id, fan_id, added_at) VALUES (:user, ?, ?, ?)",
                              [.integer(segmentID), .integer(fan), .integer(now)])
        }
        for fan in exited {
            try store.execute("DELETE FROM fan_segment_members WHERE user_id = :user AND segment_id = ? AND fan_id = ?",
                              [.integer(segmentID), .integer(fan)])
        }
        for (fans, change) in [(entered, "entered"), (exited, "exited")] {
            for fan in fans {
                try store.execute("""
                    INSERT INTO fan_segment_member_events (user_id, segment_id, fan_id, change, occurred_at)
                    VALUES (:user, ?, ?, ?, ?)
                    """, [.integer(segmentID), .integer(fan), .text(change), .integer(now)])
            }
        }
        try store.execute("UPDATE fan_segments SET member_count = ?, evaluated_at = ? WHERE user_id = :user AND id = ?",
                          [.integer(Int64(members.count)), .integer(now), .integer(segmentID)])
        return SegmentRefresh(name: name, segmentID: segmentID, members: members.count, entered: entered.count, exited: exited.count)
    }

    /// The segment's fan_segments id, inserting the row when the segment was
    /// never deployed (refreshing from `--rules` files).
    private func rowID(of segment: CheckedSegment, plan: ConditionPlan, now: Int64) throws -> Int64 {
        if let id = try store.scalar("SELECT id FROM fan_segments WHERE user_id = :user AND name = ?", [.text(segment.name)]).int64 {
            return id
        }
        return try store.insert("""
            INSERT INTO fan_segments (user_id, name, display_name, definition, plan_json, created_at, updated_at)
            VALUES (:user, ?, ?, ?, ?, ?, ?)
            """, [.text(segment.name), .optional(segment.displayName), .text(Format.expression(segment.condition)),
                  .text(plan.json.serialized()), .integer(now), .integer(now)])
    }
}
