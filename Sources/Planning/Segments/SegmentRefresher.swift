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
    /// The fans re-evaluated by an incremental refresh; nil when every fan was
    /// (a full refresh: the first one, `--full`, a changed definition, a
    /// clock read the refresh cannot bound, or too many candidates).
    public var candidates: Int? = nil
}

/// How `segments refresh` finds the new members.
public enum RefreshMode: Sendable {
    /// Re-evaluate only the fans whose data or windows changed since the
    /// segment's last refresh, when that can be known (docs/PLANS.md).
    case incremental
    /// Re-evaluate every fan (`segments refresh --full`).
    case full
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
///
/// Incremental refresh (the default): each refresh leaves a mark per segment
/// (migration 16: its clock, the change log's position, a fingerprint of what
/// was evaluated). The next one re-evaluates only the candidates, the fans in
/// the change log since the mark and the fans with a row whose time crossed a
/// window edge as the clock moved (`ClockEdges`), in one query restricted to
/// them, and diffs their membership alone. The result is the full refresh's,
/// rows and events alike (`RefreshDifferentialTests`).
public struct SegmentRefresher {
    public let store: CreatorStore
    public let program: CheckedProgram
    /// Above this share of the creator's fans, candidates are not worth
    /// singling out and the segment is refreshed in full. Measured on the
    /// library's segments (BENCHMARKS.md, "Incremental refresh"): a candidate
    /// costs about twice what a fan costs in a full refresh, so the two meet
    /// near half the fans; at 10% the incremental refresh still took 0.18 of
    /// the full one's time. A quarter keeps a margin for segments whose full
    /// plan is cheaper per fan than their per-fan reads.
    public var fullRefreshShare = 0.25

    /// The temporary table of candidate fan ids the restricted plan joins
    /// (`temp` is SQLite's schema of temporary tables, `pg_temp` PostgreSQL's).
    var candidateTable: String {
        store.database.dialect == .postgres ? "pg_temp.rulec_refresh_candidates" : "temp.rulec_refresh_candidates"
    }

    /// `store`'s connection must have the `rulec_*` functions (`EngineStore.open`).
    public init(store: CreatorStore, program: CheckedProgram) {
        self.store = store
        self.program = program
    }

    /// Refreshes the named segments (all of the program's when `names` is nil),
    /// in dependency order. A segment with no fan_segments row yet gets one,
    /// holding its source text and plan, as `deploy` would write it.
    public func refresh(_ names: [String]? = nil, now: Int64, zone: TimeZone, mode: RefreshMode = .incremental) throws -> [SegmentRefresh] {
        let wanted = names.map(Set.init)
        let segments = program.segments.filter { wanted?.contains($0.name) ?? true }
        let executor = PlanExecutor(store: store, program: program)
        let context = EvaluationContext(now: now, zone: zone)
        let estimator = PlanEstimator(store: store, program: program, context: context)
        return try store.transaction(.immediate) {
            if store.database.dialect == .postgres {
                // Identity values follow insert order, not commit order: wait for
                // every transaction that wrote the log, and hold off new ones, so
                // that no change below max(id) can still commit after it is read.
                try store.database.execute("LOCK TABLE fan_changes IN SHARE ROW EXCLUSIVE MODE")
            }
            // Every change up to here is committed and seen by this transaction.
            let changeID = try store.database.scalar("SELECT coalesce(max(id), 0) FROM fan_changes").int64 ?? 0
            var fans = FanCount(store: store)
            let results = try segments.map { segment in
                // The stored plan is the program's own (no estimates); the one
                // run has the shapes this store's data makes cheapest.
                let stored = PlanBuilder.plan(segment.condition, program: program, scope: .allFans)
                let segmentID = try rowID(of: segment, plan: stored, now: now)
                let fingerprint = try self.fingerprint(of: segment, plan: stored, zone: zone)
                var result: SegmentRefresh?
                if mode == .incremental, let mark = try RefreshMark.load(segmentID, from: store),
                   mark.fingerprint == fingerprint, mark.refreshedAt <= now {
                    result = try incremental(segment, segmentID: segmentID, since: mark, context: context, fans: &fans)
                }
                if result == nil {
                    let plan = PlanBuilder.plan(segment.condition, program: program, scope: .allFans, estimator: estimator)
                    let members = Set(try executor.fanIDs(plan, context: context))
                    result = try materializeAll(segment.name, segmentID: segmentID, members: members, now: now)
                }
                try RefreshMark(segmentID: segmentID, refreshedAt: now, changeID: changeID, fingerprint: fingerprint).save(to: store)
                return result!
            }
            try RefreshMark.pruneChanges(of: store, keeping: program.segments.map(\.name))
            return results
        }
    }

    // MARK: Incremental

    /// The refresh over the candidates alone, or nil when it must be full.
    private func incremental(_ segment: CheckedSegment, segmentID: Int64, since mark: RefreshMark,
                             context: EvaluationContext, fans: inout FanCount) throws -> SegmentRefresh? {
        let last = EvaluationContext(now: mark.refreshedAt, zone: context.zone)
        guard let edges = try? ClockEdges.edges(of: segment.condition, program: program, from: last, to: context,
                                                dialect: store.planDialect) else { return nil }
        let tables = TablesRead.of(segment.condition, program: program).sorted()
        let count = try fillCandidates(since: mark.changeID, tables: tables, edges: edges, segmentID: segmentID, context: context)
        if count > 0, try fans.atMost(Int(Double(count) / fullRefreshShare)) { return nil }

        var candidates = Set<Int64>()
        try store.database.forEachRow("SELECT fan_id FROM \(candidateTable)") { candidates.insert($0.int64(0)) }
        var members = Set<Int64>()
        if !candidates.isEmpty {
            let plan = PlanBuilder.plan(segment.condition, program: program, scope: .oneFan, candidates: candidateTable, dialect: store.planDialect)
            // The evaluator's fallback (an overflowing SQL sum) answers for every
            // fan: only the candidates' answers are new.
            members = Set(try PlanExecutor(store: store, program: program).fanIDs(plan, context: context)).intersection(candidates)
        }
        // CROSS JOIN keeps SQLite's order: the candidates, each looked up among
        // the members. The temporary table has no statistics, and left to itself
        // SQLite read every member of the segment and probed the candidates
        // (BENCHMARKS.md, "Incremental refresh"). PostgreSQL plans it as a join.
        var current = Set<Int64>()
        try store.forEachRow("""
            SELECT m.fan_id FROM \(candidateTable) c
            CROSS JOIN fan_segment_members m WHERE m.user_id = :user AND m.segment_id = ? AND m.fan_id = c.fan_id
            """, [.integer(segmentID)]) { current.insert($0.int64(0)) }
        let entered = members.subtracting(current).sorted(), exited = current.subtracting(members).sorted()
        let before = try store.scalar("SELECT member_count FROM fan_segments WHERE user_id = :user AND id = ?", [.integer(segmentID)]).int64 ?? 0
        var result = try write(segment.name, segmentID: segmentID, entered: entered, exited: exited,
                               members: Int(before) + entered.count - exited.count, now: context.now)
        result.candidates = candidates.count
        return result
    }

    /// Fills the candidate table: fans in the change log after `changeID` with
    /// a change to one of `tables` (or logged before the log named tables), and
    /// fans with a row on a clock edge. Returns how many there are.
    ///
    /// An edge that can only move fans out of the segment (`.down`) names
    /// only its members, one that can only move fans in only the others: a
    /// fan not in the log has the data it had at the mark, so its stored
    /// membership is its answer at the mark's clock, and when every edge it
    /// is on moves the condition the same way, only a fan on the other side
    /// of that way can change (docs/PLANS.md, "Edges by direction").
    private func fillCandidates(since changeID: Int64, tables: [String], edges: [ClockEdges.Edge], segmentID: Int64,
                                context: EvaluationContext) throws -> Int {
        let type = store.database.dialect == .postgres ? "bigint" : "INTEGER"
        try store.database.execute("CREATE TEMP TABLE IF NOT EXISTS rulec_refresh_candidates (fan_id \(type) PRIMARY KEY)")
        try store.database.execute("DELETE FROM \(candidateTable)")
        // Both engines' upsert; each SELECT has a WHERE, which SQLite needs to
        // read the ON CONFLICT as the insert's.
        let list = tables.map { _ in "?" }.joined(separator: ", ")
        try store.execute("""
            INSERT INTO \(candidateTable) (fan_id) SELECT fan_id FROM fan_changes
            WHERE id > ? AND user_id = :user AND (source_table IS NULL OR source_table IN (\(list))) ON CONFLICT DO NOTHING
            """, [.integer(changeID)] + tables.map(SQLValue.text))
        let executor = PlanExecutor(store: store, program: program)
        for edge in edges {
            let member: PlanSQL = """
                EXISTS (SELECT 1 FROM fan_segment_members m WHERE m.user_id = \(PlanSQL.creator) \
                AND m.segment_id = \(PlanSQL.parameter(.value(.int(segmentID)))) AND m.fan_id = \(raw: edge.alias).\(raw: edge.fanColumn))
                """
            let side: PlanSQL = switch edge.effect {
            case .either: ""
            case .down: " AND " + member
            case .up: " AND NOT " + member
            }
            let insert: PlanSQL = "INSERT INTO \(raw: candidateTable) (fan_id) \(edge.query)\(side) ON CONFLICT DO NOTHING"
            try store.execute(insert.rendered(in: SQLDialect.named(store.planDialect)),
                              try executor.bindingValues(insert.bindings, context: context))
        }
        return Int(try store.database.scalar("SELECT count(*) FROM \(candidateTable)").int64 ?? 0)
    }

    /// The creator's fans, counted only as far as a question needs, once.
    struct FanCount {
        let store: CreatorStore
        private var exact: Int?
        /// Counting stopped here: there are more fans than this.
        private var moreThan = 0
        init(store: CreatorStore) { self.store = store }

        /// Whether the creator has at most `limit` fans (counting stops there).
        mutating func atMost(_ limit: Int) throws -> Bool {
            if let exact { return exact <= limit }
            if limit < moreThan { return false }
            let counted = Int(try store.scalar("SELECT count(*) FROM (SELECT 1 FROM fan_profiles WHERE user_id = :user LIMIT ?) AS fans",
                                               [.integer(Int64(limit) + 1)]).int64 ?? 0)
            if counted <= limit { exact = counted } else { moreThan = limit }
            return counted <= limit
        }
    }

    /// What the members depend on besides the data: the plan's SQL, its
    /// bound values (at a fixed clock), the segments it reads, the zone, and,
    /// when the evaluator decides part of it, the constants. A refresh whose
    /// fingerprint differs from the mark's is full.
    private func fingerprint(of segment: CheckedSegment, plan: ConditionPlan, zone: TimeZone) throws -> String {
        let fixed = EvaluationContext(now: 0, zone: zone)
        let values = (try? PlanExecutor(store: store, program: program).bindingValues(plan, context: fixed))
            .map { $0.map(\.description).joined(separator: ",") } ?? "unbound"
        var parts = [plan.sql, values, zone.identifier]
        var seen = Set<String>(), pending = [segment.name]
        while let name = pending.popLast() {
            guard seen.insert(name).inserted, let s = program.segment(named: name) else { continue }
            parts.append(name + ": " + Format.expression(s.condition))
            pending += s.dependencies
        }
        if !plan.residual.isEmpty {
            parts += program.constants.keys.sorted().map { "let \($0) = \(program.constants[$0]!.value)" }
        }
        return parts.joined(separator: "\n")
    }

    // MARK: Writing

    private func materializeAll(_ name: String, segmentID: Int64, members: Set<Int64>, now: Int64) throws -> SegmentRefresh {
        let current = Set(try store.rows(
            "SELECT fan_id FROM fan_segment_members WHERE user_id = :user AND segment_id = ?",
            [.integer(segmentID)]).compactMap { $0[0].int64 })
        return try write(name, segmentID: segmentID, entered: members.subtracting(current).sorted(),
                         exited: current.subtracting(members).sorted(), members: members.count, now: now)
    }

    private func write(_ name: String, segmentID: Int64, entered: [Int64], exited: [Int64], members: Int, now: Int64) throws -> SegmentRefresh {
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
                          [.integer(Int64(members)), .integer(now), .integer(segmentID)])
        return SegmentRefresh(name: name, segmentID: segmentID, members: members, entered: entered.count, exited: exited.count)
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
