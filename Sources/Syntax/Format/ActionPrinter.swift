/// Actions inside `then { }`: one a line, parts in a fixed order,
/// `send "T" with { k: v } via X after D requires approval`.
extension DeclarationPrinter {
    /// The lines of one action. A `send` whose line would pass the width limit
    /// puts each `with` argument on its own line, the rest after the `}`:
    ///
    ///     send "T" with {
    ///       a: 1,
    ///       b: 2
    ///     } after 2d
    func lines(for action: ActionSyntax, indent: Int) -> [LayoutLine] {
        let flat = text(of: action)
        guard case .send(let template, let arguments, _) = action.kind, !arguments.isEmpty,
              LineBreaking.width(of: flat, indent: indent) > LineBreaking.maximumWidth else {
            return [LayoutLine(indent: indent, text: flat, sourceStart: action.range.start, sourceEnd: action.range.end)]
        }
        let head = LayoutLine(indent: indent, text: "send " + LiteralPrinter.string(template.value) + " with {",
                              sourceStart: action.range.start, sourceEnd: template.range.end)
        let body = arguments.enumerated().map { index, argument in
            LayoutLine(indent: indent + 1, text: self.argument(argument) + (index < arguments.count - 1 ? "," : ""),
                       sourceStart: argument.key.range.start, sourceEnd: argument.value.range.end)
        }
        let brace = SourceScan.closingBrace(in: file.bytes, after: arguments[arguments.count - 1].value.range.end)
        let tail = LayoutLine(indent: indent, text: "}" + modifiers(of: action),
                              sourceStart: brace, sourceEnd: action.range.end, isCloser: true)
        return [head] + body + [tail]
    }

    /// The whole action on one line.
    func text(of action: ActionSyntax) -> String {
        var text: String
        switch action.kind {
        case .send(let template, let arguments, _):
            text = "send " + LiteralPrinter.string(template.value)
            if !arguments.isEmpty {
                text += " with { " + arguments.map(argument).joined(separator: ", ") + " }"
            }
        case .tag(let tag):
            text = "tag " + LiteralPrinter.string(tag.value)
        case .untag(let tag):
            text = "untag " + LiteralPrinter.string(tag.value)
        case .note(let note):
            text = "note " + LiteralPrinter.string(note.value)
        }
        return text + modifiers(of: action)
    }

    private func argument(_ argument: WithArgument) -> String {
        argument.key.name + ": " + expr.print(argument.value)
    }

    /// What follows the `with` block: ` via X after D requires approval`.
    private func modifiers(of action: ActionSyntax) -> String {
        var text = ""
        if case .send(_, _, let via?) = action.kind { text += " via " + expr.print(via) }
        if let after = action.after { text += " after " + expr.print(after) }
        if action.requiresApproval { text += " requires approval" }
        return text
    }
}
