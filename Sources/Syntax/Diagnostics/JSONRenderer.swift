/// Renders diagnostics for tools, exactly in the shape RULEC.md pins:
///
///     {"diagnostics":[{"file","line","column","end_line","end_column",
///       "severity","code","message","fixit"?}],"errors":N,"warnings":N}
///
/// Lines and columns are 1-based and count Unicode scalars; the end is
/// exclusive (one past the last character, as LSP and SARIF have it). `fixit`
/// is present only when the diagnostic has one and holds the first:
/// `{"message","replacement","line","column","end_line","end_column"}` with
/// the range to replace in the same convention. Notes are not part of the
/// pinned shape and appear only in text output. Nothing is capped.
public struct JSONRenderer: Sendable {
    public init() {}

    /// One line of compact JSON, ending in a newline.
    public func render(_ diagnostics: [Diagnostic], in files: SourceFiles) -> String {
        document(for: diagnostics, in: files).serialized() + "\n"
    }

    /// The same report as a value, for callers that embed it in a larger document.
    public func document(for diagnostics: [Diagnostic], in files: SourceFiles) -> JSONValue {
        let sorted = diagnostics.sortedByPosition()
        let counts = DiagnosticCounts(sorted)
        return [
            "diagnostics": .array(sorted.map { entry(for: $0, in: files) }),
            "errors": .int(counts.errors),
            "warnings": .int(counts.warnings),
        ]
    }

    private func entry(for diagnostic: Diagnostic, in files: SourceFiles) -> JSONValue {
        let span = files.span(of: diagnostic.range)
        var members: [(key: String, value: JSONValue)] = [
            ("file", .string(span.path)),
            ("line", .int(span.start.line)),
            ("column", .int(span.start.column)),
            ("end_line", .int(span.end.line)),
            ("end_column", .int(span.end.column)),
            ("severity", .string(diagnostic.severity.rawValue)),
            ("code", .string(diagnostic.code.id)),
            ("message", .string(diagnostic.message)),
        ]
        if let fixIt = diagnostic.fixIts.first {
            let edit = files.span(of: fixIt.range)
            members.append(("fixit", [
                "message": .string(fixIt.message),
                "replacement": .string(fixIt.replacement),
                "line": .int(edit.start.line),
                "column": .int(edit.start.column),
                "end_line": .int(edit.end.line),
                "end_column": .int(edit.end.column),
            ]))
        }
        return .object(members)
    }
}
