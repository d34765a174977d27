import Foundation
@testable import Syntax

/// Prints `DeclT` values as source text while building the syntax tree, so the
/// tree's ranges point at the printed text.
struct TestProgram {
    private(set) var text = ""
    private var nextID: UInt32 = 0
    private let fileID: FileID
    private var declarations: [Declaration] = []

    init(file: Int = 0) { fileID = FileID(UInt32(file)) }

    /// One file holding the declarations, and its parsed form.
    static func file(_ decls: [DeclT], path: String = "test.rules", id: Int = 0) -> FileSyntax {
        var program = TestProgram(file: id)
        for decl in decls { program.add(decl) }
        let source = SourceFile(id: FileID(UInt32(id)), path: path, text: program.text)
        return FileSyntax(file: source, declarations: program.declarations, comments: [])
    }

    private mutating func write(_ s: String) -> SourceRange {
        let start = text.utf8.count
        text += s
        return SourceRange(file: fileID, start: start, end: text.utf8.count)
    }

    private mutating func identifier(_ name: String) -> Identifier { Identifier(name: name, range: write(name)) }
    private mutating func quoted(_ value: String) -> StringLiteral { StringLiteral(value: value, range: write("\"\(value)\"")) }

    mutating func add(_ decl: DeclT) {
        let start = text.utf8.count
        switch decl {
        case .constant(let name, let value):
            _ = write("let ")
            let id = identifier(name)
            _ = write(" = ")
            let e = expr(value)
            _ = write("\n")
            declarations.append(.constant(ConstantDecl(name: id, value: e, range: span(from: start))))
        case .segment(let name, let body):
            _ = write("segment ")
            let id = identifier(name)
            _ = write(" {\n  ")
            let e = expr(body)
            _ = write("\n}\n")
            declarations.append(.segment(SegmentDecl(name: id, displayName: nil, condition: e, range: span(from: start))))
        case .rule(let rule):
            _ = write("rule ")
            let name = quoted(rule.name)
            _ = write(" {\n")
            var clauses: [RuleClause] = []
            clauses.append(clause { $0.trigger(rule.on) })
            if let w = rule.when { clauses.append(clause { p in _ = p.write("when "); return .when(p.expr(w)) }) }
            if let v = rule.priority { clauses.append(clause { p in _ = p.write("priority "); return .priority(p.expr(v)) }) }
            if let v = rule.cooldown { clauses.append(clause { p in _ = p.write("cooldown "); return .cooldown(p.expr(v)) }) }
            if let (n, d) = rule.limit {
                clauses.append(clause { p in
                    _ = p.write("limit ")
                    let count = p.expr(n)
                    _ = p.write(" per fan")
                    var window: Expr?
                    if let d { _ = p.write(" per "); window = p.expr(d) }
                    return .limit(LimitSyntax(count: count, window: window))
                })
            }
            if rule.paused { clauses.append(clause { p in _ = p.write("paused"); return .paused }) }
            clauses.append(clause { p in
                _ = p.write("then {\n")
                let actions = rule.then.map { p.action($0) }
                _ = p.write("  }")
                return .then(actions)
            })
            _ = write("}\n")
            declarations.append(.rule(RuleDecl(name: name, clauses: clauses, range: span(from: start))))
        }
    }

    private mutating func clause(_ body: (inout TestProgram) -> RuleClauseKind) -> RuleClause {
        _ = write("  ")
        let start = text.utf8.count
        let kind = body(&self)
        let range = span(from: start)
        _ = write("\n")
        return RuleClause(kind: kind, range: range)
    }

    private mutating func trigger(_ t: TriggerT) -> RuleClauseKind {
        _ = write("on ")
        let start = text.utf8.count
        switch t {
        case .event(let name, let argument, let isQuoted):
            var path: [Identifier] = []
            for (i, part) in name.split(separator: ".").enumerated() {
                if i > 0 { _ = write(".") }
                path.append(identifier(String(part)))
            }
            var arg: TriggerArgument?
            if let argument {
                _ = write(" ")
                arg = isQuoted ? .string(quoted(argument)) : .name(identifier(argument))
            }
            return .on(.event(path: path, argument: arg, range: span(from: start)))
        case .daily(let h, let m):
            _ = write("schedule daily at \(clock(h, m))")
            return .on(.schedule(.daily(at: ClockTime(hour: h, minute: m)), range: span(from: start)))
        case .weekly(let day, let h, let m):
            _ = write("schedule weekly on ")
            let d = identifier(day)
            _ = write(" at \(clock(h, m))")
            return .on(.schedule(.weekly(day: d, at: ClockTime(hour: h, minute: m)), range: span(from: start)))
        case .every(let period):
            _ = write("schedule every ")
            let e = expr(period)
            return .on(.schedule(.every(e), range: span(from: start)))
        }
    }

    private func clock(_ h: Int, _ m: Int) -> String { (h < 10 ? "0" : "") + "\(h):" + (m < 10 ? "0" : "") + "\(m)" }

    private mutating func action(_ a: ActionT) -> ActionSyntax {
        _ = write("    ")
        let start = text.utf8.count
        var after: Expr?
        let kind: ActionKind
        switch a {
        case .send(let template, let with, let via, let afterValue):
            _ = write("send ")
            let name = quoted(template)
            var arguments: [WithArgument] = []
            if !with.isEmpty {
                _ = write(" with { ")
                for (i, (key, value)) in with.enumerated() {
                    if i > 0 { _ = write(", ") }
                    let k = identifier(key)
                    _ = write(": ")
                    arguments.append(WithArgument(key: k, value: expr(value)))
                }
                _ = write(" }")
            }
            var viaExpr: Expr?
            if let via { _ = write(" via "); viaExpr = expr(via) }
            if let afterValue { _ = write(" after "); after = expr(afterValue) }
            kind = .send(template: name, with: arguments, via: viaExpr)
        case .tag(let t):
            _ = write("tag ")
            kind = .tag(quoted(t))
        }
        let range = span(from: start)
        _ = write("\n")
        return ActionSyntax(kind: kind, after: after, requiresApproval: false, range: range)
    }

    private func span(from start: Int) -> SourceRange { SourceRange(file: fileID, start: start, end: text.utf8.count) }

    private mutating func node(_ start: Int, _ kind: ExprKind) -> Expr {
        defer { nextID += 1 }
        return Expr(id: ExprID(file: fileID, index: nextID), kind: kind, range: span(from: start))
    }

    mutating func expr(_ t: T) -> Expr {
        let start = text.utf8.count
        switch t {
        case .int(let v): _ = write(String(v)); return node(start, .literal(.int(v)))
        case .number(let v): _ = write(String(v)); return node(start, .literal(.number(v)))
        case .money(let cents):
            _ = write("$\(cents / 100)" + (cents % 100 == 0 ? "" : String(format: ".%02d", cents % 100)))
            return node(start, .literal(.money(cents)))
        case .string(let s): _ = write("\"\(s)\""); return node(start, .literal(.string(s)))
        case .duration(let v, let spelled): _ = write(spelled); return node(start, .literal(.duration(v)))
        case .bool(let b): _ = write(b ? "true" : "false"); return node(start, .literal(.bool(b)))
        case .null: _ = write("null"); return node(start, .literal(.null))
        case .name(let n): _ = write(n); return node(start, .name(n))
        case .fan: _ = write("fan"); return node(start, .fan)
        case .event: _ = write("event"); return node(start, .event)
        case .now: _ = write("now"); return node(start, .now)
        case .member(let base, let field):
            let b = expr(base)
            _ = write(".")
            let f = identifier(field)
            return node(start, .member(base: b, field: f))
        case .call(let name, let args):
            let f = identifier(name)
            _ = write("(")
            let a = list(args)
            _ = write(")")
            return node(start, .call(function: f, arguments: a))
        case .aggregate(let function, let source, let window, let filter):
            let name = identifier(function.rawValue)
            _ = write("(")
            let s = expr(source)
            var w: Expr?, f: Expr?
            if let window { _ = write(" within "); w = expr(window) }
            if let filter { _ = write(" where "); f = expr(filter) }
            _ = write(")")
            return node(start, .aggregate(Aggregate(function: function, functionName: name, source: s, window: w, filter: f)))
        case .not(let e): _ = write("not "); return node(start, .unary(.not, expr(e)))
        case .negate(let e): _ = write("-"); return node(start, .unary(.negate, expr(e)))
        case .binary(let op, let l, let r):
            let a = expr(l); _ = write(" \(op.rawValue) "); let b = expr(r)
            return node(start, .binary(op, a, b))
        case .compare(let op, let l, let r):
            let a = expr(l); _ = write(" \(op.rawValue) "); let b = expr(r)
            return node(start, .comparison(op, a, b))
        case .within(let v, let d):
            let a = expr(v); _ = write(" within "); let b = expr(d)
            return node(start, .within(a, duration: b))
        case .isNull(let e, let negated):
            let a = expr(e); _ = write(negated ? " is not null" : " is null")
            return node(start, .isNull(a, negated: negated))
        case .ago(let e): let a = expr(e); _ = write(" ago"); return node(start, .ago(a))
        case .list(let items):
            _ = write("[")
            let a = list(items)
            _ = write("]")
            return node(start, .list(a))
        case .paren(let e): _ = write("("); let a = expr(e); _ = write(")"); return node(start, .parenthesized(a))
        }
    }

    private mutating func list(_ items: [T]) -> [Expr] {
        var result: [Expr] = []
        for (i, item) in items.enumerated() {
            if i > 0 { _ = write(", ") }
            result.append(expr(item))
        }
        return result
    }
}
