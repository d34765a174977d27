import Foundation
import Planning
import RulecTestSupport
@testable import Runtime
import Store
import Syntax
import Testing

/// A backtest never holds up a concurrent `rulec run` (issue 14): it reads
/// the user's store once, in one read transaction (`ShadowStore`), and holds
/// nothing of it afterwards. Tested without timing: while the replay runs
/// (inside a rule evaluation of the shadow), a second connection with no busy
/// timeout at all takes the write lock, commits, and truncates the WAL, which
/// SQLite refuses while any reader still holds an older snapshot; and a
/// writer that holds the write lock for the whole backtest does not stop it.
@Suite struct SimulationConcurrencyTests {
    static let t0 = EngineFixture.t0
    static let hour = EngineFixture.hour

    /// Writes to the user's store from inside the replay, once.
    final class WriterDuringReplay: EvaluationObserver, @unchecked Sendable {
        let path: String
        let fan: Int64
        var outcome: String?

        init(path: String, fan: Int64) {
            self.path = path
            self.fan = fan
        }

        func evaluating(rule: String, fanID: Int64?, context: EvaluationContext) {
            guard outcome == nil else { return }
            do {
                let writer = try Database(path: path, options: Database.Options(busyTimeoutMilliseconds: 0, access: .readWrite))
                _ = try writer.transaction(.immediate) {
                    try writer.execute("""
                        INSERT INTO fan_transactions (user_id, fan_id, platform, kind, amount_cents, occurred_at)
                        VALUES ('creator_a', ?, 'onlyfans', 'tip', 100, ?)
                        """, [.integer(fan), .integer(EngineFixture.t0 + 40 * EngineFixture.hour)])
                }
                let checkpoint = try writer.rows("PRAGMA wal_checkpoint(TRUNCATE)")
                // (busy, frames in the log, frames copied): busy 0 is no reader in the way.
                outcome = "busy \(checkpoint.first?[0].int64 ?? -1), log \(checkpoint.first?[1].int64 ?? -1)"
            } catch {
                outcome = "failed: \(error)"
            }
        }
    }

    static func store() throws -> (EngineFixture, Int64) {
        let fixture = try EngineFixture()
        try fixture.addCreator()
        let (fan, _) = try fixture.addFan("mia")
        try fixture.deploy("""
            rule "Thanks" { on transaction.tip then { send "hello" } }
            """)
        for hour: Int64 in [1, 2, 3] { try fixture.addTip(fan: fan, cents: 500, at: Self.t0 + hour * Self.hour) }
        return (fixture, fan)
    }

    @Test func aWriterNeverWaitsForTheReplay() throws {
        let (fixture, fan) = try Self.store()
        // The control: a reader that holds a snapshot makes the same writer's checkpoint busy.
        let reader = try Database(path: fixture.path, options: Database.Options(access: .readOnly))
        try reader.execute("BEGIN")
        _ = try reader.rows("SELECT count(*) FROM fan_profiles")
        let control = WriterDuringReplay(path: fixture.path, fan: fan)
        control.evaluating(rule: "control", fanID: nil, context: EvaluationContext(now: Self.t0, zone: TimeZone(identifier: "UTC")!, event: nil))
        #expect(control.outcome?.hasPrefix("busy 1") == true, "\(control.outcome ?? "")")
        try reader.execute("COMMIT")

        let source = try EngineStore.openExisting(path: fixture.path, readOnly: true)
        var simulation = Simulation(from: Self.t0, to: Self.t0 + 4 * Self.hour)
        let writer = WriterDuringReplay(path: fixture.path, fan: fan)
        simulation.observer = writer
        let report = try simulation.run(source: source.creator("creator_a"))
        #expect(writer.outcome == "busy 0, log 0")
        #expect(report.rule(named: "Thanks")?.fired == 3)
        #expect(try fixture.count("SELECT count(*) FROM fan_transactions WHERE user_id = :user") == 5)
    }

    @Test func aBacktestRunsWhileAWriterHoldsTheLock() throws {
        let (fixture, fan) = try Self.store()
        let writer = try Database(path: fixture.path, options: Database.Options(busyTimeoutMilliseconds: 0, access: .readWrite))
        try writer.execute("BEGIN IMMEDIATE")
        try writer.execute("""
            INSERT INTO fan_transactions (user_id, fan_id, platform, kind, amount_cents, occurred_at)
            VALUES ('creator_a', ?, 'onlyfans', 'tip', 100, ?)
            """, [.integer(fan), .integer(Self.t0 + 2 * Self.hour)])
        let source = try EngineStore.openExisting(path: fixture.path, readOnly: true)
        let report = try Simulation(from: Self.t0, to: Self.t0 + 4 * Self.hour).run(source: source.creator("creator_a"))
        // The backtest sees the store as committed: the writer's tip is not there yet.
        #expect(report.rule(named: "Thanks")?.fired == 3)
        try writer.execute("COMMIT")
    }
}
