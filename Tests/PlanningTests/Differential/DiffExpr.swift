import Semantics

/// The value types the generator aims at (LANGUAGE.md §6), enum strings with
/// their domain so literals compared with them stay in it.
indirect enum GType: Hashable {
    case bool, int, number, money, string, duration, timestamp
    case enumeration(EnumDomain)
    case list(GType)

    init?(_ type: ExprType) {
        switch type {
        case .bool: self = .bool
        case .int: self = .int
        case .number: self = .number
        case .money: self = .money
        case .string: self = .string
        case .duration: self = .duration
        case .timestamp: self = .timestamp
        case .enumeration(let d): self = .enumeration(d)
        case .list(let e): guard let element = GType(e) else { return nil }; self = .list(element)
        default: return nil
        }
    }

    var isStringLike: Bool {
        if case .enumeration = self { return true }
        return self == .string
    }
}

/// A generated expression: a small tree that renders to source text and
/// knows how to become simpler, for shrinking a failing case.
indirect enum GenExpr {
    /// Written as is: a literal, a path, a constant's name, `now`.
    case leaf(String, GType)
    /// `not (x)`, `-(x)`.
    case prefix(String, GenExpr, GType)
    /// `(l op r)`: arithmetic, comparisons, `and`, `or`, `within`.
    case infix(String, GenExpr, GenExpr, GType)
    /// `(x) is null`, `(d) ago`.
    case postfix(GenExpr, String, GType)
    case call(String, [GenExpr], GType)
    /// `fn(source [within w] [where f])`; `source` is `fan.C` or `fan.C.field`.
    case aggregate(String, source: String, window: GenExpr?, filter: GenExpr?, GType)
    case list([GenExpr], GType)

    var type: GType {
        switch self {
        case .leaf(_, let t), .prefix(_, _, let t), .infix(_, _, _, let t), .postfix(_, _, let t),
             .call(_, _, let t), .aggregate(_, _, _, _, let t), .list(_, let t): t
        }
    }

    var source: String {
        switch self {
        case .leaf(let text, _): return text
        case .prefix(let op, let x, _):
            // `not` binds looser than comparisons: parenthesize it whole, too.
            return op == "-" ? "-(\(x.source))" : "(\(op)(\(x.source)))"
        case .infix(let op, let l, let r, _): return "(\(l.source) \(op) \(r.source))"
        case .postfix(let x, let op, _):
            // `-1d ago` is `-(1d ago)`: postfix binds tighter than unary minus.
            let operand = x.isLeaf && !x.source.hasPrefix("-") ? x.source : "(\(x.source))"
            // `is null` is a comparison, which does not chain; `ago` is postfix.
            return op == "ago" ? "\(operand) ago" : "(\(operand) \(op))"
        case .call(let name, let args, _): return "\(name)(\(args.map(\.source).joined(separator: ", ")))"
        case .aggregate(let fn, let src, let window, let filter, _):
            var text = "\(fn)(\(src)"
            if let window { text += " within " + (window.isLeaf ? window.source : "(\(window.source))") }
            if let filter { text += " where \(filter.source)" }
            return text + ")"
        case .list(let items, _): return "[\(items.map(\.source).joined(separator: ", "))]"
        }
    }

    var isLeaf: Bool { if case .leaf = self { true } else { false } }

    var size: Int {
        switch self {
        case .leaf: 1
        case .prefix(_, let x, _), .postfix(let x, _, _): 1 + x.size
        case .infix(_, let l, let r, _): 1 + l.size + r.size
        case .call(_, let args, _), .list(let args, _): 1 + args.reduce(0) { $0 + $1.size }
        case .aggregate(_, _, let w, let f, _): 1 + (w?.size ?? 0) + (f?.size ?? 0)
        }
    }

    /// Simpler expressions of the same type, most aggressive first: a plain
    /// leaf, a same-typed child, then this node with one child simplified.
    /// Every candidate is well typed in the same scope, as this node was.
    func simplifications(leaf: (GType) -> [GenExpr]) -> [GenExpr] {
        var out: [GenExpr] = isLeaf ? [] : leaf(type)
        switch self {
        case .leaf:
            break
        case .prefix(let op, let x, let t):
            if x.type == t { out.append(x) }
            out += x.simplifications(leaf: leaf).map { .prefix(op, $0, t) }
        case .infix(let op, let l, let r, let t):
            if l.type == t { out.append(l) }
            if r.type == t { out.append(r) }
            out += l.simplifications(leaf: leaf).map { .infix(op, $0, r, t) }
            out += r.simplifications(leaf: leaf).map { .infix(op, l, $0, t) }
        case .postfix(let x, let op, let t):
            out += x.simplifications(leaf: leaf).map { .postfix($0, op, t) }
        case .call(let name, let args, let t):
            for (i, arg) in args.enumerated() {
                if arg.type == t && name != "round" { out.append(arg) }
                out += arg.simplifications(leaf: leaf).map { var a = args; a[i] = $0; return .call(name, a, t) }
            }
        case .aggregate(let fn, let src, let window, let filter, let t):
            if window != nil { out.append(.aggregate(fn, source: src, window: nil, filter: filter, t)) }
            if filter != nil { out.append(.aggregate(fn, source: src, window: window, filter: nil, t)) }
            if let window { out += window.simplifications(leaf: leaf).map { .aggregate(fn, source: src, window: $0, filter: filter, t) } }
            // Literal leaves mean the same in the element's scope as outside it.
            if let filter { out += filter.simplifications(leaf: leaf).map { .aggregate(fn, source: src, window: window, filter: $0, t) } }
        case .list(let items, let t):
            for i in items.indices {
                var fewer = items
                fewer.remove(at: i)
                out.append(.list(fewer, t))
            }
        }
        return out
    }
}
