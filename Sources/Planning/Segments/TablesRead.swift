import Semantics
import Syntax

/// The tables a condition reads, the segments it names included: the tables
/// whose changes can move a fan in or out (docs/PLANS.md, "Changes by
/// table"). `fan_profiles` is always one of them: a fan who is new or gone
/// changes every segment's answer for that fan, whatever it reads.
enum TablesRead {
    static func of(_ condition: Expr, program: CheckedProgram) -> Set<String> {
        var tables: Set<String> = [Catalog.fanTable]
        var seen = Set<String>()
        var pending = [condition]
        while let expr = pending.popLast() {
            switch program.resolution(of: expr) {
            case .fanField(let field)?: tables.insert(field.storage.table)
            case .scoreDimension?: tables.insert(Catalog.scoreTable)
            case .collection(let c)?, .collectionField(let c, _)?, .elementField(let c, _)?: tables.insert(c.table)
            case .segment(let name)?:
                if seen.insert(name).inserted, let segment = program.segment(named: name) { pending.append(segment.condition) }
            default: break
            }
            pending += expr.children
        }
        return tables
    }
}
