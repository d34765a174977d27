import Foundation
import Planning
import Semantics
import Store

/// The program's policy at the moment a send would execute (LANGUAGE.md §11).
/// Every path that executes a send asks it first: a rule's immediate send, a
/// delayed one when due, an approved one. It reads only rows written in the
/// same transaction as the send (fan_messages), so counts stay exact under
/// kill -9 and across batches.
public final class PolicyGate {
    public enum Decision: Equatable, Sendable {
        case execute
        /// Inside quiet hours: run again at this time (the end of the window on the fan's clock).
        case deferUntil(Int64)
        /// Over a cap; the reason names it (`frequency cap: 3 sends per fan per 1d`).
        case skip(reason: String)
    }

    let policy: CheckedPolicy
    /// Rules with `bypass policy`: their sends neither wait nor count.
    let bypassRuleIDs: Set<Int64>
    let store: CreatorStore
    let creatorZone: TimeZone
    private let longestWindow: Int64
    private var zones: [Int64: TimeZone] = [:]

    init(policy: CheckedPolicy, bypassRuleIDs: Set<Int64>, store: CreatorStore, creatorZone: TimeZone) {
        self.policy = policy
        self.bypassRuleIDs = bypassRuleIDs
        self.store = store
        self.creatorZone = creatorZone
        self.longestWindow = policy.limits.map(\.windowSeconds).max() ?? 0
    }

    /// The gate of a deployed program; nil when it has no policy.
    static func make(for deployed: DeployedProgram, store: CreatorStore) throws -> PolicyGate? {
        guard let policy = deployed.program.policy else { return nil }
        let bypass = Set(deployed.rules.filter { $0.rule.declaration.bypassesPolicy }.map(\.id))
        return PolicyGate(policy: policy, bypassRuleIDs: bypass, store: store, creatorZone: try CreatorProfile.load(from: store).zone)
    }

    /// The gate of `program` in `store` (`why`, which may be asked about a
    /// program given with `--rules`): bypassing rules are found by name among
    /// the store's rules, whose ids its sends carry.
    static func make(program: CheckedProgram, store: CreatorStore) throws -> PolicyGate? {
        guard let policy = program.policy else { return nil }
        var ids: [String: Int64] = [:]
        try store.forEachRow("SELECT name, id FROM automation_rules WHERE user_id = :user") { ids[$0.string(0)] = $0.int64(1) }
        let bypass = Set(program.rules.filter { $0.declaration.bypassesPolicy }.compactMap { ids[$0.name] })
        return PolicyGate(policy: policy, bypassRuleIDs: bypass, store: store, creatorZone: try CreatorProfile.load(from: store).zone)
    }

    /// The gate of the creator's latest deployed program (approvals, outside a run).
    static func load(from store: CreatorStore) throws -> PolicyGate? {
        guard let deployed = try DeployedProgram.load(from: store) else { return nil }
        return try make(for: deployed, store: store)
    }

    /// What the policy does to a send of `ruleID` to `fanID` executing at
    /// `now`. `alsoCounting`: sends taken as executed at `now` besides the
    /// store's (`why` predicting a rule's second send after its first).
    public func decide(ruleID: Int64, fanID: Int64, at now: Int64, alsoCounting extra: Int = 0) throws -> Decision {
        guard !bypassRuleIDs.contains(ruleID) else { return .execute }
        if let quiet = policy.quietHours, let until = try quietEnd(quiet, fanID: fanID, at: now) {
            return .deferUntil(until)
        }
        guard longestWindow > 0 else { return .execute }
        // Executed sends of counted rules in the longest window; each cap counts its own tail.
        var times = [Int64](repeating: now, count: max(0, extra))
        try store.forEachRow("""
            SELECT created_at, rule_id FROM fan_messages
            WHERE user_id = :user AND fan_id = ? AND direction = 'outbound' AND rule_id IS NOT NULL
              AND created_at > ? AND created_at <= ?
            """, [.integer(fanID), .integer(now - longestWindow), .integer(now)]) { row in
            if !bypassRuleIDs.contains(row.int64(1)) { times.append(row.int64(0)) }
        }
        for limit in policy.limits {
            let start = now - limit.windowSeconds
            if Int64(times.filter { $0 > start }.count) >= limit.count {
                return .skip(reason: "frequency cap: \(limit)")
            }
        }
        return .execute
    }

    /// When `now` falls in the quiet hours on the fan's clock, the end of that
    /// window; nil otherwise. The end is a wall time: one daylight saving skips
    /// runs at the next valid time, a repeated one at its first occurrence
    /// (`Time.utcSeconds`, as schedules do).
    func quietEnd(_ quiet: QuietHours, fanID: Int64, at now: Int64) throws -> Int64? {
        let zone = try zone(of: fanID)
        let local = Time.localSeconds(now, zone: zone) ?? now
        let day = Time.floorDivide(local, Time.secondsPerDay)
        let minute = Int((local - day * Time.secondsPerDay) / 60)
        guard quiet.contains(minuteOfDay: minute) else { return nil }
        let endDay = quiet.startMinute > quiet.endMinute && minute >= quiet.startMinute ? day + 1 : day
        let end = Time.utcSeconds(forWallClock: endDay * Time.secondsPerDay + Int64(quiet.endMinute) * 60, zone: zone)
        return max(end, now + 1)
    }

    private func zone(of fanID: Int64) throws -> TimeZone {
        if let zone = zones[fanID] { return zone }
        let name = try store.cursor("SELECT timezone FROM fan_profiles WHERE user_id = :user AND id = ?", [.integer(fanID)])
            .next()?.optionalString(0)
        let zone = name.flatMap(TimeZone.init(identifier:)) ?? creatorZone
        zones[fanID] = zone
        return zone
    }
}
