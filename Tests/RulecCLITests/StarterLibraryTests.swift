import Foundation
import RulecTestSupport
import Starter
import Testing

/// `Rules/` is the source of the compiled-in library: the generated file and
/// the library the binary carries must both be exactly the folder's files.
@Suite struct StarterLibraryTests {
    /// The generated source is what the generator makes of `Rules/` today (regenerates it on demand).
    @Test func theGeneratedSourceIsUpToDate() throws {
        let expected = try StarterLibrarySource.render(StarterLibrarySource.libraryOnDisk())
        let url = StarterLibrarySource.generatedFile
        if ProcessInfo.processInfo.environment["RULEC_REGENERATE_GOLDEN"] == "1" {
            try Data(expected.utf8).write(to: url)
            return
        }
        let actual = (try? String(decoding: Data(contentsOf: url), as: UTF8.self)) ?? ""
        #expect(actual == expected, """
            Sources/Starter/StarterLibrary.swift is stale (\(GoldenFolder.firstDifference(actual, expected))); \
            run RULEC_REGENERATE_GOLDEN=1 swift test --filter StarterLibraryTests, then build again
            """)
    }

    /// The library compiled into this build: the same set of files, byte for byte.
    @Test func theCompiledInLibraryIsRulesByteForByte() throws {
        let disk = try StarterLibrarySource.libraryOnDisk()
        #expect(!disk.isEmpty)
        let hint = "run RULEC_REGENERATE_GOLDEN=1 swift test --filter StarterLibraryTests, then build again"
        #expect(StarterLibrary.files.map(\.path) == disk.map(\.path), "the compiled-in files are not Rules/'s; \(hint)")
        for (embedded, file) in zip(StarterLibrary.files, disk) {
            #expect(Data(embedded.text.utf8) == file.bytes, "\(file.path) differs from its compiled-in copy; \(hint)")
        }
    }

    /// Texts a naive literal would change: backslashes, quotes, a `"""#`, no final newline.
    @Test(arguments: ["a \\(x) \\n \"q\" \"\"\" end\n", "\"\"\"# and \\# and \\## \n\n", "no newline at the end", ""])
    func theDelimiterKeepsAwkwardTexts(_ text: String) throws {
        let hashes = StarterLibrarySource.delimiterLength(for: text)
        let fence = String(repeating: "#", count: hashes)
        #expect(!text.contains("\\" + fence) && !text.contains("\"\"\"" + fence))
        let rendered = try StarterLibrarySource.render([("Rules/x.rules", Data(text.utf8))])
        #expect(rendered.contains("text: \(fence)\"\"\"\n\(text)\n\"\"\"\(fence)),"))
    }
}
