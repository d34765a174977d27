import Semantics
import Syntax

/// Where each segment, constant and rule of the workspace is declared and
/// where segments and constants are used, read from the syntax trees (so it
/// works while some file has errors) and refined by the checker's resolutions
/// when it ran (a bare name inside an aggregate's `where` is an element
/// field, not a constant that happens to share its name).
struct SymbolIndex {
    enum Kind: String { case segment, constant, rule }

    struct Symbol {
        var kind: Kind
        var name: String
        /// The name as written in its declaration (the segment or constant
        /// identifier, the rule's name string).
        var nameRange: SourceRange
        var declaration: Declaration
    }

    private(set) var symbols: [Symbol] = []
    /// Uses of segments, constants and (in tests) rules, not the declarations themselves.
    private(set) var uses: [(kind: Kind, name: String, range: SourceRange)] = []

    init(_ analysis: Analysis) {
        for file in analysis.syntax {
            for declaration in file.declarations {
                if case .segment(let s) = declaration { symbols.append(Symbol(kind: .segment, name: s.name.name, nameRange: s.name.range, declaration: declaration)) }
                if case .constant(let c) = declaration { symbols.append(Symbol(kind: .constant, name: c.name.name, nameRange: c.name.range, declaration: declaration)) }
                if case .rule(let r) = declaration { symbols.append(Symbol(kind: .rule, name: r.name.value, nameRange: r.name.range, declaration: declaration)) }
            }
        }
        let segments = Set(symbols.filter { $0.kind == .segment }.map(\.name))
        let constants = Set(symbols.filter { $0.kind == .constant }.map(\.name))
        for file in analysis.syntax {
            for declaration in file.declarations {
                if case .rule(let rule) = declaration, case .event(_, .name(let argument)?, _)? = rule.trigger,
                   segments.contains(argument.name) {
                    uses.append((.segment, argument.name, argument.range))
                }
                // Tests name rules (`expect "Rule" fired`) and segments (`expect ana in whales`).
                if case .test(let test) = declaration {
                    for step in test.steps {
                        guard case .expect(let expectation) = step.kind else { continue }
                        switch expectation {
                        case .fired(let rule, _, _, _): uses.append((.rule, rule.value, rule.range))
                        case .member(_, let segment, _): uses.append((.segment, segment.name, segment.range))
                        default: break
                        }
                    }
                }
            }
            SyntaxWalk.forEachExpr(in: file) { expr, _ in
                guard case .name(let name) = expr.kind else { return }
                switch analysis.resolution(expr.id) {
                case .segment?: uses.append((.segment, name, expr.range))
                case .constant?: uses.append((.constant, name, expr.range))
                case nil:
                    // Not resolved (the checker did not run): go by the declared names.
                    if segments.contains(name) { uses.append((.segment, name, expr.range)) }
                    else if constants.contains(name) { uses.append((.constant, name, expr.range)) }
                default: break
                }
            }
        }
    }

    func declarations(of kind: Kind, named name: String) -> [Symbol] {
        symbols.filter { $0.kind == kind && $0.name == name }
    }

    /// The symbol named at `offset` of a file: a declaration's name or a use.
    func symbol(at offset: Int, file: FileID) -> (kind: Kind, name: String)? {
        func holds(_ r: SourceRange) -> Bool { r.file == file && r.start <= offset && offset <= r.end }
        if let use = uses.first(where: { holds($0.range) }) { return (use.kind, use.name) }
        if let symbol = symbols.first(where: { holds($0.nameRange) }) { return (symbol.kind, symbol.name) }
        return nil
    }

    func references(of kind: Kind, named name: String, includeDeclaration: Bool) -> [SourceRange] {
        let declared = includeDeclaration ? declarations(of: kind, named: name).map(\.nameRange) : []
        return declared + uses.filter { $0.kind == kind && $0.name == name }.map(\.range)
    }
}
