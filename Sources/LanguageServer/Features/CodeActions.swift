import Syntax

extension LanguageServer {
    /// `textDocument/codeAction`: every fix-it of a diagnostic that touches the
    /// requested range, as a quick fix (the first fix-it of a diagnostic is the
    /// preferred one, as `check --format json` reports it).
    func codeActions(_ params: JSONValue) throws(RPCError) -> JSONValue {
        let located = try locate(params, needsPosition: false)
        guard let range = LSPRange(params["range"]) else { throw RPCError(.invalidParams, "codeAction needs a range") }
        let start = located.lines.offset(of: range.start, encoding: encoding)
        let end = located.lines.offset(of: range.end, encoding: encoding)
        var actions: [JSONValue] = []
        for diagnostic in located.analysis.diagnostics where diagnostic.range.file == located.file.id {
            guard diagnostic.range.start <= end, start <= diagnostic.range.end else { continue }
            for (index, fixIt) in diagnostic.fixIts.enumerated() {
                guard let target = located.location(fixIt.range), let uri = target["uri"], let editRange = target["range"],
                      let uriText = uri.string else { continue }
                let edit = JSONValue.object(["range": editRange, "newText": .string(fixIt.replacement)])
                actions.append(.object([
                    "title": .string(fixIt.message),
                    "kind": .string("quickfix"),
                    "diagnostics": .array([DiagnosticConversion.json(diagnostic, in: located.analysis, encoding: encoding)]),
                    "isPreferred": index == 0 ? .bool(true) : nil,
                    "edit": .object(["changes": .object([(uriText, JSONValue.array([edit]))])]),
                ]))
            }
        }
        return .array(actions)
    }
}
