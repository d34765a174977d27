import Syntax

extension LanguageServer {
    /// `textDocument/definition`: a segment, constant or rule named at the
    /// caret → where it is declared (in whichever file of the workspace).
    /// A rule is named by its name string (tests name rules that way).
    func definition(_ params: JSONValue) throws(RPCError) -> JSONValue {
        let located = try locate(params)
        let index = SymbolIndex(located.analysis)
        guard let (kind, name) = index.symbol(at: located.offset, file: located.file.id) ?? ruleNamed(at: located, index) else {
            return .null
        }
        return .array(index.declarations(of: kind, named: name).compactMap { located.location($0.nameRange) })
    }

    /// `textDocument/references`: every use of the segment or constant at the
    /// caret across the workspace (and its declaration when asked).
    func references(_ params: JSONValue) throws(RPCError) -> JSONValue {
        let located = try locate(params)
        let index = SymbolIndex(located.analysis)
        guard let (kind, name) = index.symbol(at: located.offset, file: located.file.id) ?? ruleNamed(at: located, index) else {
            return .null
        }
        let includeDeclaration = params["context"]?["includeDeclaration"]?.bool ?? true
        return .array(index.references(of: kind, named: name, includeDeclaration: includeDeclaration).compactMap(located.location))
    }

    /// A string literal at the caret that spells a rule's name.
    private func ruleNamed(at located: Located, _ index: SymbolIndex) -> (SymbolIndex.Kind, String)? {
        let tokens = Lexer.tokenize(located.file).tokens
        guard let token = tokens.first(where: { $0.kind == .stringLiteral && $0.start <= located.offset && located.offset <= $0.end }),
              case .string(let value) = token.value, !index.declarations(of: .rule, named: value).isEmpty else { return nil }
        return (.rule, value)
    }

    /// `textDocument/documentSymbol`: the file's segments, constants and rules
    /// (rules with their clauses as children), as an outline.
    func documentSymbols(_ params: JSONValue) throws(RPCError) -> JSONValue {
        let located = try locate(params, needsPosition: false)
        var symbols: [JSONValue] = []
        func symbol(_ name: String, kind: Int, detail: String?, range: SourceRange, selection: SourceRange, children: [JSONValue] = []) -> JSONValue {
            .object(["name": .string(name.isEmpty ? "(unnamed)" : name), "detail": detail.map(JSONValue.string), "kind": .int(kind),
                     "range": located.range(range).json, "selectionRange": located.range(selection).json,
                     "children": children.isEmpty ? nil : .array(children)])
        }
        for declaration in located.syntax.declarations {
            if case .segment(let s) = declaration {
                symbols.append(symbol(s.name.name, kind: 5, detail: s.displayName.map { "segment \"\($0.value)\"" } ?? "segment",
                                      range: s.range, selection: s.name.range))
            }
            if case .constant(let c) = declaration {
                symbols.append(symbol(c.name.name, kind: 14, detail: "let", range: c.range, selection: c.name.range))
            }
            if case .rule(let r) = declaration {
                let clauses = r.clauses.map { clause in
                    symbol(clause.kind.keyword, kind: 8, detail: nil, range: clause.range, selection: clause.range)
                }
                let trigger = r.trigger.map { located.file.text(in: $0.range) }
                symbols.append(symbol(r.name.value, kind: 12, detail: trigger.map { "rule on \($0)" } ?? "rule",
                                      range: r.range, selection: r.name.range, children: clauses))
            }
        }
        return .array(symbols)
    }
}
