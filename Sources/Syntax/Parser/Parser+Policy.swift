/// `policy { ... }` and the rule clause `bypass policy` (LANGUAGE.md §11).
/// `policy`, `bypass`, `sends`, `quiet`, `hours` and `to` are not reserved:
/// they are read as keywords only where this grammar needs them, so
/// `event.text`, `{ note: ... }` and a constant named `hours` keep working.
extension Parser {
    /// The current token is the word `word` (an identifier, not a keyword).
    func atWord(_ word: String) -> Bool {
        current.kind == .identifier && text(of: current) == word
    }

    /// At `policy {`: the only place `policy` starts a declaration.
    mutating func atPolicyStart() -> Bool {
        atWord("policy") && peek().kind == .leftBrace
    }

    /// At `bypass policy` inside a rule body.
    mutating func atBypassPolicy() -> Bool {
        guard atWord("bypass") else { return false }
        let next = peek()
        return next.kind == .identifier && text(of: next) == "policy"
    }

    /// `bypass policy`, the clause: both words consumed.
    mutating func parseBypassPolicy() -> RuleClause {
        let start = advance().start
        advance()
        return RuleClause(kind: .bypassPolicy, range: range(from: start))
    }

    /// `policy { (limit N sends per fan per D | quiet hours HH:MM to HH:MM)* }`
    mutating func parsePolicy() -> PolicyDecl {
        let start = advance().start
        let opening = advance()  // `{`, checked by atPolicyStart
        var items: [PolicyItem] = []
        var progress = LoopProgress()
        while !atEnd, !at(.rightBrace), !atDeclarationStart(), progress.advanced(self) {
            let itemStart = current.start
            if at(.limit), let limit = parsePolicyLimit() {
                items.append(PolicyItem(kind: .limit(limit), range: range(from: itemStart)))
            } else if atWord("quiet"), let quiet = parseQuietHours() {
                items.append(PolicyItem(kind: .quietHours(quiet), range: range(from: itemStart)))
            } else if !panicMode {
                reportUnexpected(expected: "`limit N sends per fan per D` or `quiet hours HH:MM to HH:MM` in the policy",
                                 code: .unknownClause)
            }
            if panicMode { skipToPolicyItem() }
        }
        closeBlock(opening: opening, what: "the policy")
        return PolicyDecl(items: items, range: range(from: start))
    }

    /// `limit N sends per fan per D`
    private mutating func parsePolicyLimit() -> PolicyLimitSyntax? {
        advance()
        guard let (count, countRange) = signedLiteral(.intLiteral, "the number of sends after `limit`") else { return nil }
        guard expectWord("sends", "`sends` after the count (`limit 3 sends per fan per 1d`)"),
              expect(.keyword(.per), "`per fan` after `sends`") != nil,
              expect(.keyword(.fan), "`fan` after `per` (policy limits count sends per fan)") != nil,
              expect(.keyword(.per), "`per DURATION` (the window, as in `per 1d`)") != nil else { return nil }
        guard let (window, windowRange) = signedLiteral(.durationLiteral, "a duration for the window (`1d`, `4h`)") else { return nil }
        let windowText = String(decoding: bytes[windowRange.start..<windowRange.end], as: UTF8.self)
        return PolicyLimitSyntax(count: count, countRange: countRange, windowSeconds: window, windowText: windowText,
                                 windowRange: windowRange)
    }

    /// `quiet hours HH:MM to HH:MM`
    private mutating func parseQuietHours() -> PolicyQuietHoursSyntax? {
        advance()
        guard expectWord("hours", "`hours` after `quiet`"),
              let start = expectClock("a clock time `HH:MM` after `quiet hours`"),
              expectWord("to", "`to` between the two clock times"),
              let end = expectClock("a clock time `HH:MM` after `to`") else { return nil }
        return PolicyQuietHoursSyntax(start: start, end: end)
    }

    private mutating func expectWord(_ word: String, _ what: String) -> Bool {
        if atWord(word) { advance(); return true }
        reportUnexpected(expected: what)
        return false
    }

    private mutating func expectClock(_ what: String) -> ClockTime? {
        if at(.invalidLiteral) { advance(); panicMode = true; return nil }  // the lexer said why
        guard let token = expect(.clockLiteral, what), case .clock(let time) = token.value else { return nil }
        return time
    }

    /// An int or duration literal with an optional leading `-` folded in; the
    /// value is nil when it does not fit (the checker reports a bad value).
    private mutating func signedLiteral(_ kind: TokenKind, _ what: String) -> (Int64?, SourceRange)? {
        let start = current.start
        let negative = eat(.minus) != nil
        if at(.invalidLiteral) { advance(); panicMode = true; return nil }
        guard let token = expect(kind, what) else { return nil }
        let magnitude: UInt64?
        switch token.value {
        case .int(let m), .duration(let m): magnitude = m
        default: magnitude = nil
        }
        let value = magnitude.flatMap { Int64(exactly: $0) }.map { negative ? -$0 : $0 }
        return (value, range(from: start))
    }

    /// After an error inside the policy: the next item, the closing `}`, or the next declaration.
    private mutating func skipToPolicyItem() {
        var progress = LoopProgress()
        while !atEnd, progress.advanced(self) {
            if at(.rightBrace) || atDeclarationStart() { break }
            if at(.limit) || atWord("quiet") { break }
            advance()
        }
        panicMode = false
    }
}
