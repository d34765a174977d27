/// `rulec fmt`'s one canonical layout (docs/FORMAT.md). The output parses to
/// the same tree as the input (rule clauses aside, which are put in canonical
/// order), keeps every comment, and formats to itself.
public enum Format {
    static let indentUnit = "  "

    /// The formatted text of a parsed file. Meant for a tree without syntax
    /// errors: an `invalid` node has no spelling and is printed as `<invalid>`.
    public static func source(_ syntax: FileSyntax) -> String {
        let lines = DeclarationPrinter(file: syntax.file).lines(for: syntax.declarations)
        let placement = CommentPlacement(comments: syntax.comments, lines: lines, source: syntax.file.bytes)
        var writer = Writer(source: syntax.file.bytes)
        for (index, line) in lines.enumerated() {
            if line.blankBefore { writer.blankLine() }
            // Comments above a closing brace belong to the block's body.
            let commentIndent = line.indent + (line.isCloser ? 1 : 0)
            for comment in placement.leading[index] { writer.comment(comment, indent: commentIndent) }
            writer.code(line, trailing: placement.trailing[index])
        }
        for comment in placement.end { writer.comment(comment, indent: 0) }
        return writer.finish()
    }

    /// Accumulates output lines; blank lines never double up and never lead or end the file.
    private struct Writer {
        let source: [UInt8]
        private var lines: [String] = []

        init(source: [UInt8]) { self.source = source }

        mutating func blankLine() {
            if let last = lines.last, !last.isEmpty { lines.append("") }
        }

        mutating func code(_ line: LayoutLine, trailing: Comment?) {
            var text = String(repeating: Format.indentUnit, count: line.indent) + line.text
            if let trailing { text += "  " + Self.spelling(of: trailing) }
            lines.append(text)
        }

        /// Top-level comments keep the author's blank lines around them (a
        /// file header stays apart from the first declaration); inside blocks
        /// the layout is fixed.
        mutating func comment(_ comment: Comment, indent: Int) {
            let topLevel = indent == 0
            if topLevel, SourceScan.blankLinePrecedes(in: source, offset: comment.range.start) { blankLine() }
            lines.append(String(repeating: Format.indentUnit, count: indent) + Self.spelling(of: comment))
            if topLevel, SourceScan.blankLineFollows(in: source, offset: comment.range.end) { blankLine() }
        }

        mutating func finish() -> String {
            while lines.last?.isEmpty == true { lines.removeLast() }
            return lines.isEmpty ? "" : lines.joined(separator: "\n") + "\n"
        }

        private static func spelling(of comment: Comment) -> String {
            var scalars = comment.text.unicodeScalars
            while let last = scalars.last, last == " " || last == "\t" || last == "\r" {
                scalars.removeLast()
            }
            return "#" + String(scalars)
        }
    }
}

extension Format {
    /// One expression on one line, as `fmt` would print it (for `explain`,
    /// `why` and messages that quote a condition).
    public static func expression(_ expr: Expr, in file: SourceFile? = nil) -> String {
        ExprPrinter(file: file).print(expr)
    }
}
