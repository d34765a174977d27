/// Renders diagnostics for people, in the style of clang, cel-go and rustc:
///
///     rules/vip.rules:3:27: error[E1003]: unknown field 'lifetime_spnd' on fan
///      3 |   fan.lifetime_spnd >= $500
///        |       ^~~~~~~~~~~~~
///     help: did you mean 'lifetime_spend'?
///      3 |   fan.lifetime_spend >= $500
///        |       ~~~~~~~~~~~~~~
///
///     1 error
///
/// Diagnostics come sorted by file, then position; one blank line separates
/// them; after `limit` of them the rest are counted ("and 3 more"); the last
/// line sums up the whole report, or nothing is printed when it is clean.
/// docs/CLI.md describes the format for users.
public struct TextRenderer: Sendable {
    /// ANSI colors and bold; the CLI asks for them only on a terminal without NO_COLOR.
    public var useColor: Bool
    /// How many diagnostics are shown in full before the rest are only counted.
    public var limit: Int

    public init(useColor: Bool = false, limit: Int = 100) {
        self.useColor = useColor
        self.limit = limit
    }

    /// The whole report; every line ends with a newline, and a clean report is "".
    public func render(_ diagnostics: [Diagnostic], in files: SourceFiles) -> String {
        let sorted = diagnostics.sortedByPosition()
        var blocks = sorted.prefix(max(0, limit)).map { block(for: $0, in: files) }
        if sorted.count > limit { blocks.append("and \(sorted.count - max(0, limit)) more\n") }
        if let summary = DiagnosticCounts(sorted).summary { blocks.append(style.bold(summary) + "\n") }
        return blocks.joined(separator: "\n")
    }

    private var style: TextStyle { TextStyle(enabled: useColor) }

    /// One part of a diagnostic's block: a header line and maybe a snippet,
    /// whose markers take the part's color.
    private struct Section {
        enum Kind { case primary(Severity), note, help }
        var kind: Kind
        var header: String
        var snippet: SourceSnippet?
    }

    /// One diagnostic: its header and snippet, its notes, then its fix-its.
    private func block(for diagnostic: Diagnostic, in files: SourceFiles) -> String {
        let span = files.span(of: diagnostic.range)
        let label = "\(diagnostic.severity.rawValue)[\(diagnostic.code.id)]:"
        var sections = [Section(
            kind: .primary(diagnostic.severity),
            header: location(span) + style.severity(diagnostic.severity, label) + " " + style.bold(diagnostic.message),
            snippet: SourceSnippet.underlining(span)
        )]
        for note in diagnostic.notes {
            // A note that points somewhere gets its own location and excerpt,
            // which may be in another file (the first definition of a name).
            let noteSpan = note.range.map(files.span(of:))
            sections.append(Section(
                kind: .note,
                header: (noteSpan.map(location) ?? "") + style.severity(.note, "note:") + " " + note.message,
                snippet: noteSpan.flatMap(SourceSnippet.underlining)
            ))
        }
        for fixIt in diagnostic.fixIts {
            let snippet = SourceSnippet.applying(fixIt, in: files)
            let edit = snippet == nil ? describeEdit(fixIt, in: files) : ""
            sections.append(Section(kind: .help, header: style.help("help:") + " " + fixIt.message + edit, snippet: snippet))
        }
        // One gutter width per diagnostic, so that all its excerpts line up.
        let widest = sections.compactMap { $0.snippet?.rows.map(\.lineNumber).max() }.max() ?? 1
        let width = String(widest).count
        var lines: [String] = []
        for section in sections {
            lines.append(section.header)
            for row in section.snippet?.rows ?? [] {
                lines.append(gutter(row.lineNumber, width: width) + (row.source.isEmpty ? "" : " " + row.source))
                lines.append(gutter(nil, width: width) + " " + marker(row.marker, for: section.kind))
            }
        }
        return lines.map { $0 + "\n" }.joined()
    }

    private func location(_ span: ResolvedSpan) -> String {
        style.bold("\(span.path):\(span.start.line):\(span.start.column):") + " "
    }

    private func marker(_ text: String, for kind: Section.Kind) -> String {
        switch kind {
        case .primary(let severity): style.severity(severity, text)
        case .note: style.severity(.note, text)
        case .help: style.help(text)
        }
    }

    /// ` 12 |` with the number right-aligned, or `    |` under it.
    private func gutter(_ lineNumber: Int?, width: Int) -> String {
        let number = lineNumber.map(String.init) ?? ""
        return " " + String(repeating: " ", count: width - number.count) + number + " |"
    }

    /// A fix-it that cannot be drawn on one line, spelled out instead.
    private func describeEdit(_ fixIt: FixIt, in files: SourceFiles) -> String {
        let span = files.span(of: fixIt.range)
        let location = "\(span.path):\(span.start.line):\(span.start.column)"
        let replacement = fixIt.replacement.debugDescription
        return fixIt.range.isEmpty
            ? " (insert \(replacement) at \(location))"
            : " (replace \(location)-\(span.end.line):\(span.end.column) with \(replacement))"
    }
}

/// ANSI styling that disappears when color is off, so layout code never branches on it.
struct TextStyle {
    let enabled: Bool

    func bold(_ text: String) -> String { wrap(text, "1") }
    func help(_ text: String) -> String { wrap(text, "1;32") }

    func severity(_ severity: Severity, _ text: String) -> String {
        switch severity {
        case .error: wrap(text, "1;31")
        case .warning: wrap(text, "1;33")
        case .note: wrap(text, "1;36")
        }
    }

    private func wrap(_ text: String, _ code: String) -> String {
        enabled && !text.isEmpty ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
    }
}
