import Foundation
import Testing
import Syntax
import Semantics
@testable import LanguageServer

/// The editor sees what `rulec check` prints: same codes, ranges, messages,
/// across every file of the workspace folder.
@Suite struct DiagnosticsTests {
    static let segments = "segment whales \"Big spenders\" {\n  fan.lifetime_spend >= $500\n}\n"
    static let rules = """
        rule "Thank whales" {
          on transaction.tip
          when fan in whales and fan.lifecycle_stage == "actve"
          then {
            tag "thanked"
          }
        }

        """

    @Test func aSegmentInAnotherFileResolvesAndTheMistakeIsReportedLikeCheck() throws {
        let harness = try ServerHarness(files: ["segments.rules": Self.segments, "rules/thanks.rules": Self.rules])
        harness.open("rules/thanks.rules", Self.rules)
        let published = harness.diagnostics()
        #expect(published["segments.rules"] == [])
        let list = try #require(published["rules/thanks.rules"])
        #expect(list.count == 1)
        let diagnostic = try #require(list.first)

        // What `check` computes for the same files (FileIDs in path order).
        let files = [SourceFile(id: FileID(0), path: "rules/thanks.rules", text: Self.rules),
                     SourceFile(id: FileID(1), path: "segments.rules", text: Self.segments)]
        let expected = try #require(Check.sources(files).diagnostics.first)
        #expect(diagnostic["code"]?.string == expected.code.id)
        #expect(diagnostic["message"]?.string == expected.message)
        #expect(diagnostic["severity"]?.int == 1)
        let start = files[0].location(of: expected.range.start), end = files[0].location(of: expected.range.end)
        #expect(diagnostic["range"] == .range(start.line - 1, start.column - 1, end.line - 1, end.column - 1))
        #expect(diagnostic["range"] == .range(2, 48, 2, 55))
    }

    @Test func fixingTheMistakeClearsTheDiagnosticAndAnUnknownSegmentIsReported() throws {
        let harness = try ServerHarness(files: ["segments.rules": Self.segments, "thanks.rules": Self.rules])
        harness.open("thanks.rules", Self.rules)
        #expect(harness.diagnostics()["thanks.rules"]?.count == 1)
        harness.change("thanks.rules", version: 2, [.object([("range", .range(2, 48, 2, 55)), ("text", .string("\"active\""))])])
        #expect(harness.diagnostics()["thanks.rules"] == [])
        // Renaming the segment in the other (open) file breaks this one.
        harness.open("segments.rules", Self.segments)
        harness.change("segments.rules", version: 2, [.object([("range", .range(0, 8, 0, 14)), ("text", .string("whale"))])])
        let list = try #require(harness.diagnostics()["thanks.rules"])
        #expect(list.count == 1)
        #expect(list.first?["message"]?.string?.contains("whales") == true)
        #expect(list.first?["message"]?.string?.contains("whale") == true)
    }

    @Test func closedFilesAreReadFromDiskAndClosingFallsBackToDisk() throws {
        let broken = Self.rules.replacingOccurrences(of: "then {", with: "then {{")
        let harness = try ServerHarness(files: ["segments.rules": Self.segments, "thanks.rules": broken])
        let fromDisk = try #require(harness.diagnostics()["thanks.rules"])
        #expect(fromDisk.first?["code"]?.string?.hasPrefix("E0") == true, "a syntax error, read from the closed file")
        harness.open("thanks.rules", Self.rules.replacingOccurrences(of: "actve", with: "active"))
        #expect(harness.diagnostics()["thanks.rules"] == [])
        harness.notify("textDocument/didClose", harness.document("thanks.rules"))
        #expect(harness.diagnostics()["thanks.rules"]?.first?["code"]?.string?.hasPrefix("E0") == true)
    }

    @Test func relatedNotesPointIntoTheOtherFile() throws {
        let harness = try ServerHarness(files: ["a.rules": Self.segments, "b.rules": Self.segments])
        let published = harness.diagnostics()
        let all = published.values.flatMap { $0 }
        let duplicate = try #require(all.first { $0["relatedInformation"] != nil })
        let related = try #require(duplicate["relatedInformation"]?[0])
        #expect(related["location"]?["uri"]?.string == harness.uri("a.rules"))
        #expect(related["location"]?["range"] == .range(0, 8, 0, 14))
    }

    /// The same diagnostic, on a line with an emoji before it, lands where the
    /// caret should in both encodings.
    @Test(arguments: [("utf-16", 27), ("utf-8", 29)])
    func rangesFollowTheNegotiatedEncoding(_ encoding: String, _ column: Int) throws {
        let text = "segment s {\n  \"😀\" in fan.tags and fan.lifetime_spnd > $1\n}\n"
        let harness = try ServerHarness(files: ["s.rules": text], encodings: [encoding])
        let list = try #require(harness.diagnostics()["s.rules"])
        let line = "  \"😀\" in fan.tags and fan.lifetime_spnd > $1"
        let prefix = line[..<line.range(of: "lifetime_spnd")!.lowerBound]
        #expect((encoding == "utf-8" ? prefix.utf8.count : prefix.utf16.count) == column)
        #expect(list.count == 1)
        #expect(list.first?["code"]?.string == "E1011")
        #expect(list.first?["range"]?["start"] == .object([("line", .int(1)), ("character", .int(column))]))
    }

    @Test func theFixItIsOfferedAsAQuickFix() throws {
        let harness = try ServerHarness(files: ["segments.rules": Self.segments, "thanks.rules": Self.rules])
        _ = harness.diagnostics()
        let reply = harness.request("textDocument/codeAction", .object([
            ("textDocument", .object([("uri", .string(harness.uri("thanks.rules")))])),
            ("range", .range(2, 50, 2, 50)), ("context", .object([("diagnostics", .array([]))])),
        ]))
        let action = try #require(reply["result"]?[0])
        #expect(action["kind"]?.string == "quickfix")
        let edit = try #require(action["edit"]?["changes"]?[harness.uri("thanks.rules")]?[0])
        #expect(edit["newText"]?.string == "\"active\"")
        #expect(edit["range"] == .range(2, 48, 2, 55))
    }
}
