/// Decides whether Enter ends an entry or starts another line of it.
///
/// The default counts brackets: an entry continues while a `(`, `[` or `{` is
/// open. Brackets inside string literals (`"..."` with `\` escapes) and `#`
/// comments do not count. It is deliberately lexer-free so the editor has no
/// dependency on the language; the REPL may pass a lexer-based test instead.
public enum Continuation {
    public static func bracketsOpen(in text: String) -> Bool {
        var depth = 0
        var state = State.code
        for scalar in text.unicodeScalars {
            switch (state, scalar) {
            case (.code, "("), (.code, "["), (.code, "{"): depth += 1
            case (.code, ")"), (.code, "]"), (.code, "}"): depth -= 1
            case (.code, "\""): state = .string
            case (.code, "#"): state = .comment
            case (.string, "\\"): state = .stringEscape
            case (.string, "\""): state = .code
            // Strings cannot span lines (LANGUAGE.md), so a newline ends an
            // unterminated one, as the lexer's recovery does.
            case (.string, "\n"), (.stringEscape, "\n"), (.comment, "\n"): state = .code
            case (.stringEscape, _): state = .string
            default: break
            }
        }
        // Too many closers is an error for the parser to report, not a reason to wait.
        return depth > 0
    }

    private enum State {
        case code, string, stringEscape, comment
    }
}
