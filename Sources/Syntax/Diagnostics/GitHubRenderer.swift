/// Renders diagnostics as GitHub Actions workflow commands, which GitHub turns
/// into annotations on the pull request's changed lines:
///
///     ::error file=rules/vip.rules,line=3,col=7,endLine=3,endColumn=20,title=E1003::unknown field…
///
/// `::warning` for warnings, `::notice` for notes. `title` is the code, as
/// RULEC.md pins it. `endColumn` is exclusive like everywhere else, and it is
/// left out when the span covers several lines, because GitHub accepts columns
/// only on single-line annotations. Attached notes and fix-its are folded into
/// the message as extra lines (`note: …`, `help: …`), so one problem stays one
/// annotation. Nothing is capped; GitHub applies its own per-step limits.
public struct GitHubRenderer: Sendable {
    public init() {}

    public func render(_ diagnostics: [Diagnostic], in files: SourceFiles) -> String {
        diagnostics.sortedByPosition().map { line(for: $0, in: files) + "\n" }.joined()
    }

    private func line(for diagnostic: Diagnostic, in files: SourceFiles) -> String {
        let span = files.span(of: diagnostic.range)
        var properties = [
            ("file", span.path),
            ("line", String(span.start.line)),
            ("col", String(span.start.column)),
            ("endLine", String(span.end.line)),
        ]
        if span.isSingleLine { properties.append(("endColumn", String(span.end.column))) }
        properties.append(("title", diagnostic.code.id))

        var message = [diagnostic.message]
        for note in diagnostic.notes {
            let location = note.range.map { range -> String in
                let at = files.span(of: range)
                return "\(at.path):\(at.start.line):\(at.start.column): "
            }
            message.append((location ?? "") + "note: " + note.message)
        }
        for fixIt in diagnostic.fixIts {
            message.append("help: \(fixIt.message) (replace with \(fixIt.replacement.debugDescription))")
        }

        let rendered = properties.map { "\($0.0)=\(Self.escapeProperty($0.1))" }.joined(separator: ",")
        return "::\(command(for: diagnostic.severity)) \(rendered)::\(Self.escapeData(message.joined(separator: "\n")))"
    }

    private func command(for severity: Severity) -> String {
        switch severity {
        case .error: "error"
        case .warning: "warning"
        case .note: "notice"
        }
    }

    /// The message part: GitHub's runner decodes `%25`, `%0D` and `%0A`.
    static func escapeData(_ text: String) -> String {
        text.replacingAll(["%": "%25", "\r": "%0D", "\n": "%0A"])
    }

    /// A property value additionally may not contain the `:` and `,` that delimit properties.
    static func escapeProperty(_ text: String) -> String {
        text.replacingAll(["%": "%25", "\r": "%0D", "\n": "%0A", ":": "%3A", ",": "%2C"])
    }
}

private extension String {
    /// Replaces each listed scalar in one pass, so an escape's own `%` is never escaped again.
    func replacingAll(_ table: [Unicode.Scalar: String]) -> String {
        var out = ""
        for scalar in unicodeScalars {
            if let replacement = table[scalar] { out += replacement } else { out.unicodeScalars.append(scalar) }
        }
        return out
    }
}
