/// `test "Name" { STEP... }` (LANGUAGE.md §10, Grammar/rules.ebnf `test_decl`).
/// The words of this grammar (`test expect fired time times for to with queued
/// nothing approve reject template`) are keywords only here, where a step
/// starts or an expectation needs them: everywhere else they stay names, so
/// `event.text` and `{ note: ... }` keep working.
extension Parser {
    /// `test` followed by a string: the word `test` alone is an ordinary name.
    mutating func atTestStart() -> Bool {
        at(.identifier) && text(of: current) == "test" && peek().kind == .stringLiteral
    }

    mutating func parseTest() -> TestDecl {
        let start = advance().start
        let name = parseStringLiteral()
        guard let opening = expect(.leftBrace, "`{` to open the test's body") else {
            synchronize(.block)
            _ = eat(.rightBrace)
            return TestDecl(name: name, steps: [], range: range(from: start))
        }
        var steps: [TestStep] = []
        var progress = LoopProgress()
        while !atEnd, !at(.rightBrace), !atDeclarationStart(), progress.advanced(self) {
            guard atTestStepStart() else {
                reportUnexpected(expected: "a test step (`now`, `at`, `fan`, `event`, `template`, `expect`, `approve` or `reject`)",
                                 code: .unknownClause)
                synchronizeTestStep()
                continue
            }
            let stepStart = current.start
            if let kind = parseTestStep() {
                steps.append(TestStep(kind: kind, range: range(from: stepStart)))
            }
            if panicMode { synchronizeTestStep() }
        }
        closeBlock(opening: opening, what: "the test \"\(name.value)\"")
        return TestDecl(name: name, steps: steps, range: range(from: start))
    }

    private func atTestStepStart() -> Bool {
        switch current.kind {
        case .keyword(.now), .keyword(.at), .keyword(.fan), .keyword(.event): return true
        case .identifier: return Self.testStepWords.contains(text(of: current))
        default: return false
        }
    }

    private static let testStepWords: Set<String> = ["template", "expect", "approve", "reject"]

    /// Skips to the next step (at brace depth 0) or the test's closing brace.
    private mutating func synchronizeTestStep() {
        var depth = 0
        var progress = LoopProgress()
        while !atEnd, progress.advanced(self) {
            if atDeclarationStart() { break }
            if at(.leftBrace) || at(.leftBracket) || at(.leftParen) { depth += 1 }
            if at(.rightBracket) || at(.rightParen) { depth = max(0, depth - 1) }
            if at(.rightBrace) {
                if depth == 0 { break }
                depth -= 1
            }
            advance()
            if depth == 0, atTestStepStart() { break }
        }
        panicMode = false
    }

    private mutating func parseTestStep() -> TestStepKind? {
        switch current.kind {
        case .keyword(.now):
            advance()
            return .now(parseExpression())
        case .keyword(.at):
            advance()
            return .at(parseExpression())
        case .keyword(.fan):
            advance()
            guard at(.identifier) else {
                reportUnexpected(expected: "the fan's name, such as `fan ana { }`")
                return nil
            }
            let name = identifier(advance())
            let fields = at(.leftBrace) ? parseTestFields(what: "the fan `\(name.name)`") : []
            return .fan(name: name, fields: fields)
        case .keyword(.event):
            advance()
            let trigger = parseTestTrigger()
            guard let fan = expectTestFan("`for FAN` after the event's trigger") else { return nil }
            let fields = at(.leftBrace) ? parseTestFields(what: "the event") : []
            return .event(trigger: trigger, fan: fan, fields: fields)
        default:
            let word = text(of: advance())
            switch word {
            case "template":
                let name = expectStringOrName("a template name") ?? StringLiteral(value: "", range: insertionPoint)
                let body = expectStringLiteral("the template's body") ?? StringLiteral(value: "", range: insertionPoint)
                return .template(name: name, body: body)
            case "approve", "reject":
                guard let pattern = parseActionPattern() else { return nil }
                return .decide(approve: word == "approve", action: pattern)
            default:
                return parseExpectation().map(TestStepKind.expect)
            }
        }
    }

    /// After `expect`.
    private mutating func parseExpectation() -> Expectation? {
        // `expect not "Rule" fired`, `expect not send …`: a negated rule or action.
        // A string then `fired` names a rule; any other string starts a condition (`"vip" in fan.tags`).
        var negated = false
        if at(.not), (peek().kind == .stringLiteral && isWord(peek(2), "fired")) || Self.actionKind(peek().kind) != nil
            || isWord(peek(), "queued") {
            advance()
            negated = true
        }
        if at(.stringLiteral), isWord(peek(), "fired") || negated {
            let rule = parseStringLiteral()
            guard expectWord("fired", "`fired` after the rule's name") else { return nil }
            var times: Expr?
            if at(.intLiteral) {
                times = parseExpression()
                if isWord(current, "time") || isWord(current, "times") { advance() } else {
                    reportUnexpected(expected: "`time` or `times` after the count")
                    return nil
                }
            }
            var fan: Identifier?
            if isWord(current, "for") { fan = expectTestFan("the fan's name after `for`") }
            return .fired(rule: rule, negated: negated, times: times, fan: fan)
        }
        if Self.actionKind(current.kind) != nil {
            return parseActionPattern().map { .action($0, negated: negated) }
        }
        if isWord(current, "queued") {
            advance()
            return parseActionPattern().map { .queued($0, negated: negated) }
        }
        if isWord(current, "nothing"), isWord(peek(), "for") {
            advance()
            return expectTestFan("the fan's name after `for`").map { .nothing(fan: $0) }
        }
        let condition = parseExpression()
        if isWord(current, "for") {
            return expectTestFan("the fan's name after `for`").map { .condition(condition, fan: $0) }
        }
        // `expect ana in whales`: membership names the fan on the left.
        if case .comparison(let op, let lhs, let rhs) = condition.kind, op == .in || op == .notIn,
           case .name(let fan) = lhs.kind, case .name(let segment) = rhs.kind {
            return .member(fan: Identifier(name: fan, range: lhs.range), segment: Identifier(name: segment, range: rhs.range),
                           negated: op == .notIn)
        }
        if condition.kind != .invalid {
            reportUnexpected(expected: "`for FAN` after the condition")
        }
        return nil
    }

    /// `send "tpl" [with { … }] (to|for) FAN`, `tag "t" for FAN`, `untag …`, `note "text" for FAN`.
    private mutating func parseActionPattern() -> TestActionPattern? {
        let start = current.start
        guard let kind = Self.actionKind(current.kind) else {
            reportUnexpected(expected: "an action (`send`, `tag`, `untag` or `note`)", code: .unknownAction)
            return nil
        }
        advance()
        let argument = expectStringLiteral(kind == .send ? "a template name" : kind == .note ? "the note's text" : "a tag")
            ?? StringLiteral(value: "", range: insertionPoint)
        var arguments: [WithArgument] = []
        if kind == .send, at(.with) { arguments = parseTestWith() }
        guard isWord(current, "to") || isWord(current, "for") else {
            reportUnexpected(expected: "`\(kind == .send ? "to" : "for") FAN` after the action")
            return nil
        }
        advance()
        guard at(.identifier) else {
            reportUnexpected(expected: "the fan's name")
            return nil
        }
        let fan = identifier(advance())
        if kind == .send, arguments.isEmpty, at(.with) { arguments = parseTestWith() }
        return TestActionPattern(kind: kind, argument: argument, with: arguments, fan: fan, range: range(from: start))
    }

    private static func actionKind(_ kind: TokenKind) -> TestActionPattern.Kind? {
        switch kind {
        case .keyword(.send): .send
        case .keyword(.tag): .tag
        case .keyword(.untag): .untag
        case .keyword(.note): .note
        default: nil
        }
    }

    /// `with { key: EXPR, ... }` of an expected send.
    private mutating func parseTestWith() -> [WithArgument] {
        advance()  // `with`
        return parseTestFields(what: "the `with` arguments").compactMap { field in
            guard case .expr(let value) = field.value else { return nil }
            return WithArgument(key: field.path[0], value: value)
        }
    }

    /// The trigger after `event`: a dotted path, then a segment name or a tag
    /// string for `segment.*` and `tag.added` (never the word `for`).
    private mutating func parseTestTrigger() -> TriggerSyntax {
        let start = current.start
        var path: [Identifier] = []
        if at(.schedule), peek().kind != .dot {
            // A schedule is played by moving the clock: skip it whole, to its `for FAN`.
            error(.invalidSchedule, "a schedule is not an event a test plays: move the clock over its slot with `at`",
                  at: range(of: current))
            var progress = LoopProgress()
            while !atEnd, !isWord(current, "for"), !at(.rightBrace), progress.advanced(self) { advance() }
            panicMode = false
            return .event(path: path, argument: nil, range: range(from: start))
        }
        guard current.kind.isWord else {
            reportUnexpected(expected: "a trigger, such as `transaction.tip`")
            return .event(path: path, argument: nil, range: insertionPoint)
        }
        path += parseEventPathWords()
        var argument: TriggerArgument?
        if at(.identifier), !isWord(current, "for") {
            argument = .name(identifier(advance()))
        } else if at(.stringLiteral) {
            argument = .string(parseStringLiteral())
        }
        return .event(path: path, argument: argument, range: range(from: start))
    }

    /// `{ name: value, ... }` where a name may be dotted and a value may be a
    /// list of records `[{ ... }, ...]`.
    private mutating func parseTestFields(what: String) -> [TestField] {
        guard let opening = expect(.leftBrace, "`{` to open \(what)") else { return [] }
        var fields: [TestField] = []
        var progress = LoopProgress()
        while !atEnd, !at(.rightBrace), !atDeclarationStart(), progress.advanced(self) {
            guard current.kind.isWord else {
                reportUnexpected(expected: "a field such as `amount: $25`")
                return fields
            }
            var path = [identifier(advance())]
            var dots = LoopProgress()
            while at(.dot), dots.advanced(self) {
                advance()
                guard current.kind.isWord else {
                    reportUnexpected(expected: "a field name after `.`")
                    return fields
                }
                path.append(identifier(advance()))
            }
            guard expect(.colon, "`:` after `\(path.map(\.name).joined(separator: "."))`") != nil else { return fields }
            fields.append(TestField(path: path, value: parseTestValue()))
            if panicMode { return fields }
            if eat(.comma) != nil || at(.rightBrace) { continue }
            if current.kind.isWord, peek().kind == .colon || peek().kind == .dot {
                diagnose(.expectedToken, "expected `,` between fields", at: insertionPoint,
                         fixIts: [FixIt(range: insertionPoint, replacement: ",", message: "insert `,`")])
                continue
            }
            reportUnexpected(expected: "`,` or `}` after the field")
            return fields
        }
        closeBlock(opening: opening, what: what)
        return fields
    }

    private mutating func parseTestValue() -> TestValue {
        guard at(.leftBracket), peek().kind == .leftBrace else { return .expr(parseExpression()) }
        let start = advance().start
        var records: [[TestField]] = []
        var progress = LoopProgress()
        while at(.leftBrace), progress.advanced(self) {
            records.append(parseTestFields(what: "the record"))
            if panicMode { return .records(records, range: range(from: start)) }
            if eat(.comma) == nil { break }
        }
        _ = expect(.rightBracket, "`]` to close the list of records")
        return .records(records, range: range(from: start))
    }

    private mutating func expectTestFan(_ what: String) -> Identifier? {
        if isWord(current, "for") { advance() }
        guard at(.identifier) else {
            reportUnexpected(expected: what)
            return nil
        }
        return identifier(advance())
    }

    private mutating func expectWord(_ word: String, _ what: String) -> Bool {
        if isWord(current, word) {
            advance()
            return true
        }
        reportUnexpected(expected: what)
        return false
    }

    private mutating func expectStringOrName(_ what: String) -> StringLiteral? {
        if at(.identifier) {
            let token = advance()
            return StringLiteral(value: text(of: token), range: range(of: token))
        }
        return expectStringLiteral(what)
    }

    func isWord(_ token: Token, _ word: String) -> Bool {
        token.kind == .identifier && text(of: token) == word
    }
}

extension TestDecl {
    /// Every expression the test holds, in source order (for the checker's id tables).
    public var expressions: [Expr] {
        var result: [Expr] = []
        func add(_ fields: [TestField]) {
            for field in fields {
                switch field.value {
                case .expr(let e): result.append(e)
                case .records(let rows, _): rows.forEach(add)
                }
            }
        }
        for step in steps {
            switch step.kind {
            case .now(let e), .at(let e): result.append(e)
            case .template: break
            case .fan(_, let fields), .event(_, _, let fields): add(fields)
            case .decide(_, let pattern): result += pattern.with.map(\.value)
            case .expect(let expectation):
                switch expectation {
                case .fired(_, _, let times, _): if let times { result.append(times) }
                case .action(let p, _), .queued(let p, _): result += p.with.map(\.value)
                case .condition(let e, _): result.append(e)
                case .member, .nothing: break
                }
            }
        }
        return result
    }
}
