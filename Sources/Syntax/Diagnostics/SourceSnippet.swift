/// One source line as the text renderer shows it: exactly one printable
/// string per column, where a column is a Unicode scalar (or one malformed
/// byte), the unit `SourceFile.location` counts in. Building the displayed line
/// and the caret line from the same units is what keeps them aligned.
struct DisplayLine {
    /// The shown form of each column: the scalar itself, a tab kept as a tab,
    /// U+FFFD for a malformed byte, or a Control Pictures glyph for any other
    /// control character (so a stray escape byte cannot drive the terminal).
    let columns: [String]

    init(file: SourceFile, line: Int) {
        guard line >= 1, line <= file.lineStarts.count else { columns = []; return }
        let bytes = file.bytes
        let start = file.lineStarts[line - 1]
        var end = line < file.lineStarts.count ? file.lineStarts[line] - 1 : bytes.count
        if end > start, bytes[end - 1] == UInt8(ascii: "\r") { end -= 1 }
        var columns: [String] = []
        var index = start
        while index < end {
            let length = UTF8Scalar.length(ofSequenceStartingWith: bytes[index], in: bytes, at: index)
            let scalars = String(decoding: bytes[index..<min(index + length, end)], as: UTF8.self).unicodeScalars
            columns.append(scalars.count == 1 ? Self.shown(scalars.first!) : "\u{FFFD}")
            index += length
        }
        self.columns = columns
    }

    private init(columns: [String]) { self.columns = columns }

    var text: String { columns.joined() }

    private static func shown(_ scalar: Unicode.Scalar) -> String {
        switch scalar.value {
        case 0x09: "\t"
        case 0x00...0x1F: String(Unicode.Scalar(0x2400 + scalar.value)!)
        case 0x7F: "\u{2421}"
        case 0x80...0x9F: "\u{FFFD}"
        default: String(scalar)
        }
    }

    /// Blank space that lines up with columns `1..<column`: a tab where the
    /// line has a tab (so the terminal expands both alike), a space elsewhere.
    func padding(before column: Int) -> String {
        let count = max(0, min(column - 1, columns.count))
        var pad = columns[..<count].map { $0 == "\t" ? "\t" : " " }.joined()
        if column - 1 > columns.count { pad += String(repeating: " ", count: column - 1 - columns.count) }
        return pad
    }

    /// The line with columns `[from, to)` replaced by `replacement`.
    func replacing(from: Int, to: Int, with replacement: String) -> DisplayLine {
        let lower = max(0, min(from - 1, columns.count))
        let upper = max(lower, min(to - 1, columns.count))
        let inserted = replacement.unicodeScalars.map { Self.shown($0) }
        return DisplayLine(columns: Array(columns[..<lower]) + inserted + Array(columns[upper...]))
    }
}

/// A source excerpt under a diagnostic: numbered source lines, each followed
/// by a marker line (`^~~~` under an error's span, `~~~` under a fix-it's
/// replacement). Laid out with a shared gutter width by `TextRenderer`.
struct SourceSnippet {
    struct Row {
        var lineNumber: Int
        var source: String
        var marker: String
    }
    var rows: [Row]

    /// The line where `span` starts, underlined from its start to its end, or
    /// to the end of that line when the span runs on (the start is what the
    /// reader needs; the location header already gives the full extent).
    static func underlining(_ span: ResolvedSpan) -> SourceSnippet? {
        guard let file = span.file else { return nil }
        let line = DisplayLine(file: file, line: span.start.line)
        let lastColumn = span.isSingleLine ? span.end.column : line.columns.count + 1
        let width = max(1, lastColumn - span.start.column)
        let marker = line.padding(before: span.start.column) + "^" + String(repeating: "~", count: width - 1)
        return SourceSnippet(rows: [Row(lineNumber: span.start.line, source: line.text, marker: marker)])
    }

    /// The line as it reads after the fix-it, with its edit marked: `~` under
    /// replaced text, `+` under pure insertions, `-` under deleted text (shown
    /// on the original line, as there is nothing left to point at). `nil` when
    /// the edit spans lines or inserts them; the caller prints it as text then.
    static func applying(_ fixIt: FixIt, in files: SourceFiles) -> SourceSnippet? {
        let span = files.span(of: fixIt.range)
        guard let file = span.file, span.isSingleLine, !fixIt.replacement.contains(where: \.isNewline) else { return nil }
        let original = DisplayLine(file: file, line: span.start.line)
        let replacedWidth = span.end.column - span.start.column
        let insertedWidth = fixIt.replacement.unicodeScalars.count
        if insertedWidth == 0 {
            let marker = original.padding(before: span.start.column) + String(repeating: "-", count: max(1, replacedWidth))
            return SourceSnippet(rows: [Row(lineNumber: span.start.line, source: original.text, marker: marker)])
        }
        let fixed = original.replacing(from: span.start.column, to: span.end.column, with: fixIt.replacement)
        let symbol = replacedWidth == 0 ? "+" : "~"
        let marker = fixed.padding(before: span.start.column) + String(repeating: symbol, count: insertedWidth)
        return SourceSnippet(rows: [Row(lineNumber: span.start.line, source: fixed.text, marker: marker)])
    }
}
