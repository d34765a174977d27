import RulecTestSupport
import Foundation
import Testing
@testable import RulecCLI

@Suite struct HistoryTests {
    /// A history file's place in a fresh folder (the file itself is not made).
    func historyFile(in folder: TemporaryFolder) -> URL { folder.url.appendingPathComponent("history") }

    @Test func consecutiveDuplicatesAndBlankEntriesAreNotRecorded() {
        var history = History()
        for entry in ["a", "a", "b", "  ", "", "a", "a"] { history.add(entry) }
        #expect(history.entries == ["a", "b", "a"])
    }

    @Test func theOldestEntriesGoBeyondTheCap() {
        var history = History(limit: 3)
        for n in 1...5 { history.add("entry \(n)") }
        #expect(history.entries == ["entry 3", "entry 4", "entry 5"])
    }

    @Test func savedHistoryReloadsTheSameIncludingMultiLineEntries() throws {
        let folder = try TemporaryFolder("history")
        let url = historyFile(in: folder)
        var history = History()
        let entries = ["fan.spend > $20", "segment vip {\n  fan.spend > $500\n}", #"note "a\nb" \\ end"#, "世界 🙂", "cr\rhere"]
        for entry in entries { history.add(entry) }
        try history.save(to: url)

        let text = try String(contentsOf: url, encoding: .utf8)
        #expect(text.split(separator: "\n").count == entries.count, "one line per entry")
        #expect(text.contains(#"segment vip {\n  fan.spend > $500\n}"#))
        #expect(try History.load(from: url).entries == entries)
        let permissions = try FileManager.default.attributesOfItem(atPath: url.path)[.posixPermissions] as? Int
        #expect(permissions == 0o600, "readable by its owner only")
    }

    @Test func aMissingFileIsAnEmptyHistory() throws {
        let folder = try TemporaryFolder("history")
        #expect(try History.load(from: historyFile(in: folder)).entries.isEmpty)
    }

    @Test func loadingAppliesTheCap() throws {
        let folder = try TemporaryFolder("history")
        let url = historyFile(in: folder)
        try History(entries: (1...10).map { "e\($0)" }).save(to: url)
        #expect(try History.load(from: url, limit: 4).entries == ["e7", "e8", "e9", "e10"])
    }

    @Test func failuresAreTypedErrorsWithTheSystemsReason() {
        let missingFolder = "/nonexistent-dir-\(UUID().uuidString)"
        #expect(throws: HistoryError.unwritable(path: missingFolder + "/history", reason: "No such file or directory")) {
            try History(entries: ["x"]).save(to: URL(fileURLWithPath: missingFolder + "/history"))
        }
        let folder = FileManager.default.temporaryDirectory.path
        #expect(throws: HistoryError.unreadable(path: folder, reason: "Is a directory")) {
            try History.load(from: URL(fileURLWithPath: folder))
        }
    }

    @Test func escapingRoundTripsBackslashesBeforeN() {
        // A literal backslash followed by "n" must not come back as a newline.
        for entry in [#"a\nb"#, "\\", "\\\n", "end\\"] {
            #expect(History.unescape(History.escape(entry)) == entry)
        }
    }
}
