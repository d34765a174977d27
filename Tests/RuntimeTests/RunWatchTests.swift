import Foundation
import Store
import Testing

/// `rulec run --watch`: keeps consuming new events pass after pass, and a
/// SIGTERM ends it cleanly after the batch in hand.
@Suite struct RunWatchTests {
    typealias F = EngineFixture

    @Test func watchPicksUpNewEventsAndStopsOnSigterm() throws {
        let f = try F()
        try f.addCreator()
        let (fan, _) = try f.addFan("mia")
        try f.deploy(#"rule "Thanks" { on transaction.tip then { note "thanks" } }"#)

        let process = Process()
        process.executableURL = try EngineExactlyOnceTests.rulecBinary()
        process.arguments = ["run", "--watch", "--interval", "1s", "--now", String(F.t0 + F.day), "--db", f.path,
                             "--user", "creator_a", "--format", "json"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        defer { if process.isRunning { kill(process.processIdentifier, SIGKILL) } }

        // An event written while it watches is handled by a later pass.
        Thread.sleep(forTimeInterval: 0.3)
        _ = try f.addTip(fan: fan, cents: 500, at: F.t0 + F.hour)
        let deadline = Date().addingTimeInterval(15)
        var notes: Int64 = 0
        while Date() < deadline {
            notes = try f.count("SELECT count(*) FROM fan_notes WHERE user_id = :user")
            if notes > 0 { break }
            Thread.sleep(forTimeInterval: 0.1)
        }
        #expect(notes == 1, "the watching run did not handle the new tip")
        #expect(process.isRunning, "--watch keeps running between passes")

        kill(process.processIdentifier, SIGTERM)
        let stopDeadline = Date().addingTimeInterval(10)
        while process.isRunning && Date() < stopDeadline { Thread.sleep(forTimeInterval: 0.05) }
        #expect(!process.isRunning, "SIGTERM ends --watch")
        if !process.isRunning {
            #expect(process.terminationReason == .exit && process.terminationStatus == 0)
        }
        #expect(try f.count("SELECT count(*) FROM fan_notes WHERE user_id = :user") == 1)
    }
}
