@testable import Syntax

/// Hand-made files and diagnostics shared by the renderer tests; the codes are
/// made up here so that these tests do not depend on any phase's catalog.
enum RenderFixtures {
    static let badToken = DiagnosticCode("E0901", "test-bad-token")
    static let duplicate = DiagnosticCode("E1901", "test-duplicate")
    static let shadowed = DiagnosticCode("W2901", "test-shadowed", .warning)
    static let remark = DiagnosticCode("N3901", "test-remark", .note)

    static func file(_ id: UInt32, _ path: String, _ text: String) -> SourceFile {
        SourceFile(id: FileID(id), path: path, text: text)
    }

    /// The byte range of the first occurrence of `needle` in `file`.
    static func range(of needle: String, in file: SourceFile, occurrence: Int = 0) -> SourceRange {
        let haystack = file.bytes, pattern = Array(needle.utf8)
        var seen = 0
        for start in 0...(haystack.count - pattern.count) where Array(haystack[start..<start + pattern.count]) == pattern {
            if seen == occurrence { return SourceRange(file: file.id, start: start, end: start + pattern.count) }
            seen += 1
        }
        fatalError("'\(needle)' not found in \(file.path)")
    }
}
