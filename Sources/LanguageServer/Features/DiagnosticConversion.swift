import Syntax

/// A checker diagnostic as an LSP `Diagnostic`: the same code, range and
/// message `rulec check` prints; notes that point somewhere become
/// `relatedInformation`, the others are appended to the message as `check`'s
/// text output appends them (`note: …`).
enum DiagnosticConversion {
    static func json(_ diagnostic: Diagnostic, in analysis: Analysis, encoding: PositionEncoding) -> JSONValue {
        func location(_ range: SourceRange) -> JSONValue? {
            guard let file = analysis.file(range.file), let uri = analysis.uri(range.file) else { return nil }
            return .object(["uri": .string(uri), "range": LineIndex(file).range(start: range.start, end: range.end, encoding: encoding).json])
        }
        var message = diagnostic.message
        var related: [JSONValue] = []
        for note in diagnostic.notes {
            if let range = note.range, let location = location(range) {
                related.append(.object(["location": location, "message": .string(note.message)]))
            } else {
                message += "\nnote: " + note.message
            }
        }
        let range = location(diagnostic.range)?["range"] ?? LSPRange(start: Position(line: 0, character: 0), end: Position(line: 0, character: 0)).json
        return .object([
            "range": range,
            "severity": .int(severity(diagnostic.severity)),
            "code": .string(diagnostic.code.id),
            "source": .string("rulec"),
            "message": .string(message),
            "relatedInformation": related.isEmpty ? nil : .array(related),
        ])
    }

    static func severity(_ severity: Severity) -> Int {
        switch severity {
        case .error: 1
        case .warning: 2
        case .note: 3
        }
    }
}
