import Semantics
import Syntax

/// A decision for coverage (docs/TESTING.md "Coverage"): a segment's condition
/// or a rule's `when`, split into its atomic conditions, the leaves of its
/// `and`/`or`/`not` tree (a comparison, membership, `is null`, an aggregate
/// test, a boolean field). Aggregates are atoms as a whole.
public struct Decision: Sendable {
    /// `segment whales` or `rule "Thank big tippers"`.
    public var key: String
    public var root: Expr
    public var atoms: [Expr]

    public static func all(in program: CheckedProgram) -> [Decision] {
        program.segments.map { Decision(key: "segment \($0.name)", root: $0.condition) }
            + program.rules.filter { !$0.isPaused }.compactMap { rule in
                rule.condition.map { Decision(key: Self.ruleKey(rule.name), root: $0) }
            }
    }

    static func ruleKey(_ name: String) -> String { "rule " + LiteralPrinter.string(name) }

    init(key: String, root: Expr) {
        self.key = key
        self.root = root
        var atoms: [Expr] = []
        Self.collectAtoms(root, into: &atoms)
        self.atoms = atoms
    }

    private static func collectAtoms(_ expr: Expr, into atoms: inout [Expr]) {
        switch expr.kind {
        case .binary(.and, let l, let r), .binary(.or, let l, let r):
            collectAtoms(l, into: &atoms)
            collectAtoms(r, into: &atoms)
        case .unary(.not, let operand), .parenthesized(let operand):
            collectAtoms(operand, into: &atoms)
        default:
            atoms.append(expr)
        }
    }

    /// The atoms' indexes that decide the outcome in one evaluation, under
    /// masking MC/DC: in `X and Y` the atoms of X are masked when Y is false
    /// (and those of Y when X is false); in `X or Y`, when the other side is true.
    func unmasked(_ values: [Bool?]) -> Set<Int> {
        var index = 0
        var result: Set<Int> = []
        _ = walk(root, values, &index, masked: false, &result)
        return result
    }

    /// The truth of a sub-tree from its atoms' values, collecting unmasked atoms.
    private func walk(_ expr: Expr, _ values: [Bool?], _ index: inout Int, masked: Bool, _ result: inout Set<Int>) -> Bool {
        switch expr.kind {
        case .binary(let op, let l, let r) where op == .and || op == .or:
            // The sides' truths first (masking depends on both), then the walk that records.
            var probe = index
            var ignored: Set<Int> = []
            let left = walk(l, values, &probe, masked: true, &ignored)
            let right = walk(r, values, &probe, masked: true, &ignored)
            let decisive = op == .and ? true : false
            _ = walk(l, values, &index, masked: masked || right != decisive, &result)
            _ = walk(r, values, &index, masked: masked || left != decisive, &result)
            return op == .and ? left && right : left || right
        case .unary(.not, let operand):
            return !walk(operand, values, &index, masked: masked, &result)
        case .parenthesized(let operand):
            return walk(operand, values, &index, masked: masked, &result)
        default:
            let value = values.indices.contains(index) ? values[index] ?? false : false
            if !masked, values.indices.contains(index), values[index] != nil { result.insert(index) }
            index += 1
            return value
        }
    }
}
