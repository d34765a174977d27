import Syntax

/// The top-level expressions of a declaration, in source order, so features
/// can walk every expression of a file without repeating the tree's shape.
enum SyntaxWalk {
    static func roots(of declaration: Declaration) -> [Expr] {
        if case .constant(let constant) = declaration { return [constant.value] }
        if case .segment(let segment) = declaration { return [segment.condition] }
        if case .rule(let rule) = declaration { return roots(of: rule) }
        return []
    }

    static func roots(of rule: RuleDecl) -> [Expr] {
        var roots: [Expr] = []
        for clause in rule.clauses {
            switch clause.kind {
            case .on(.schedule(.every(let interval), _)): roots.append(interval)
            case .on: break
            case .when(let e), .priority(let e), .cooldown(let e): roots.append(e)
            case .limit(let limit): roots += [limit.count] + (limit.window.map { [$0] } ?? [])
            case .then(let actions):
                for action in actions {
                    if case .send(_, let with, let via) = action.kind {
                        roots += with.map(\.value)
                        if let via { roots.append(via) }
                    }
                    if let after = action.after { roots.append(after) }
                }
            default: break
            }
        }
        return roots
    }

    /// Every expression of a file, parents before children.
    static func forEachExpr(in file: FileSyntax, _ visit: (Expr, Declaration) -> Void) {
        for declaration in file.declarations {
            for root in roots(of: declaration) { root.walk { visit($0, declaration) } }
        }
    }

    /// The innermost expression whose range holds `offset` (touching its end counts,
    /// so a caret right after `fan.tags` is on it).
    static func innermostExpr(at offset: Int, in file: FileSyntax) -> (expr: Expr, declaration: Declaration)? {
        var best: (Expr, Declaration)?
        forEachExpr(in: file) { expr, declaration in
            guard expr.range.start <= offset, offset <= expr.range.end else { return }
            if let current = best, current.0.range.end - current.0.range.start < expr.range.end - expr.range.start { return }
            best = (expr, declaration)
        }
        return best
    }

    static func declaration(at offset: Int, in file: FileSyntax) -> Declaration? {
        file.declarations.first { $0.range.start <= offset && offset <= $0.range.end }
    }
}
