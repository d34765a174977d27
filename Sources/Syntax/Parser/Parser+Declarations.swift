/// Top level (LANGUAGE.md §3): `let`, `segment` and `rule` declarations in
/// any order. After an error inside one, parsing resumes at the next
/// declaration keyword.
extension Parser {
    mutating func parseFile() -> [Declaration] {
        var declarations: [Declaration] = []
        var progress = LoopProgress()
        while !atEnd, progress.advanced(self) {
            let errorsBefore = errorCount
            misplacedWithClose = nil
            switch current.kind {
            case .keyword(.let):
                declarations.append(.constant(parseConstant()))
            case .keyword(.segment):
                declarations.append(.segment(parseSegment()))
            case .keyword(.rule):
                declarations.append(.rule(parseRule()))
            case .identifier where atTestStart():
                declarations.append(.test(parseTest()))
            case .identifier where atPolicyStart():
                declarations.append(.policy(parsePolicy()))
            default:
                reportUnexpected(expected: "a declaration (`let`, `segment` or `rule`)", code: .expectedDeclaration)
                // A declaration whose keyword is mangled (`et x = 1`) is lost; the names
                // in its text let the checker stay quiet about uses of them.
                recordsSkippedNames = true
                synchronize(.declaration)
                recordsSkippedNames = false
                continue
            }
            // Whatever went wrong inside a declaration, the next one starts clean.
            if panicMode || !(atEnd || atDeclarationStart()) {
                if !panicMode {
                    reportUnexpected(expected: "a declaration (`let`, `segment` or `rule`)", code: .expectedDeclaration)
                }
                synchronize(.declaration)
            }
            if errorCount > errorsBefore { declarationsWithErrors.insert(declarations.count - 1) }
        }
        return declarations
    }

    /// `let NAME = EXPR`
    mutating func parseConstant() -> ConstantDecl {
        let start = advance().start
        let name = parseDeclaredName(what: "a constant")
        if let typo = eat(.equalEqual) {
            diagnose(.expectedToken, "a constant is bound with `=`, not `==`", at: range(of: typo),
                     fixIts: [FixIt(range: range(of: typo), replacement: "=", message: "use `=`")])
        } else if expect(.equal, "`=` after the constant's name") == nil {
            return ConstantDecl(name: name, value: makeExpr(.invalid, insertionPoint), range: range(from: start))
        }
        let value = parseExpression()
        return ConstantDecl(name: name, value: value, range: range(from: start))
    }

    /// `segment NAME ["Display name"] { EXPR }`
    mutating func parseSegment() -> SegmentDecl {
        let start = advance().start
        let name = parseDeclaredName(what: "a segment")
        var displayName: StringLiteral?
        if at(.stringLiteral) { displayName = parseStringLiteral() }
        guard let opening = expect(.leftBrace, "`{` to open the segment's condition") else {
            synchronize(.block)
            _ = eat(.rightBrace)
            return SegmentDecl(name: name, displayName: displayName, condition: makeExpr(.invalid, insertionPoint), range: range(from: start))
        }
        let condition = parseExpression()
        closeBlock(opening: opening, what: "the segment `\(name.name)`")
        return SegmentDecl(name: name, displayName: displayName, condition: condition, range: range(from: start))
    }

    /// The identifier a `let` or `segment` declares. A keyword there is
    /// reported and used anyway, so one mistake gives one diagnostic.
    mutating func parseDeclaredName(what: String) -> Identifier {
        if at(.identifier) { return identifier(advance()) }
        if case .keyword(let keyword) = current.kind, !keyword.startsDeclaration {
            let token = advance()
            diagnose(.reservedKeyword, "`\(keyword.rawValue)` is a reserved word and cannot name \(what)", at: range(of: token),
                     notes: [DiagnosticNote("keywords are names only after `.` and as keys inside `with { }`")])
            return identifier(token)
        }
        reportUnexpected(expected: "a name for \(what)")
        return Identifier(name: "", range: insertionPoint)
    }

    /// A string literal token's value and range; the caller checked the kind.
    mutating func parseStringLiteral() -> StringLiteral {
        let token = advance()
        guard case .string(let value) = token.value else { return StringLiteral(value: "", range: range(of: token)) }
        return StringLiteral(value: value, range: range(of: token))
    }

    /// A string where the grammar requires one (rule names, templates, tags).
    /// A bare word is the common slip: report it with a fix-it adding quotes.
    mutating func expectStringLiteral(_ what: String) -> StringLiteral? {
        if at(.stringLiteral) { return parseStringLiteral() }
        if at(.identifier) {
            let token = advance()
            let word = text(of: token)
            diagnose(.expectedToken, "\(what) is a string: write `\"\(word)\"`", at: range(of: token),
                     fixIts: [FixIt(range: range(of: token), replacement: "\"\(word)\"", message: "add quotes")])
            return StringLiteral(value: word, range: range(of: token))
        }
        reportUnexpected(expected: "\(what) (a string)")
        return nil
    }
}
