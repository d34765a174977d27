import Semantics
import Syntax

extension SQLCompiler {
    /// A non-boolean value as an SQL expression. Anything that does not depend
    /// on the fan is a bound parameter; arithmetic and functions on fan data go
    /// through the registered `rulec_*` functions, which run the evaluator's code.
    func scalar(_ expr: Expr) throws -> PlanSQL {
        if !dependsOnFan(expr) { return bind(.expression(expr)) }
        switch program.resolution(of: expr) {
        case .fanField(let field)?:
            switch field.storage {
            case .column(let column):
                return .outer(column)
            case .hasActiveSubscription:
                return dialect.conditionValue("EXISTS (SELECT 1 FROM fan_subscriptions s WHERE s.user_id = \(PlanSQL.creator) AND s.fan_id = \(PlanSQL.outer("id")) AND s.status = \(bind(.value(.string("active")))))")
            case .tags, .platforms:
                throw ResidualReason(message: "a list is only usable with `in` or `length`")
            }
        case .scoreDimension(let dimension)?:
            return "(SELECT \(Self.scoreValue(dimension)) FROM fan_scores WHERE user_id = \(PlanSQL.creator) AND fan_id = \(PlanSQL.outer("id")) AND dimension = \(bind(.value(.string(dimension.dimension)))))"
        case .elementField(_, let field)?:
            guard let alias = currentElementAlias else { throw ResidualReason(message: "element field outside an aggregate") }
            return "\(raw: alias).\(raw: field.column)"
        default:
            break
        }
        switch expr.kind {
        case .parenthesized(let inner):
            return try scalar(inner)
        case .binary(let op, let lhs, let rhs) where op != .and && op != .or:
            return dialect.arithmetic(op.rawValue, tag(lhs), try scalar(lhs), tag(rhs), try scalar(rhs))
        case .unary(.negate, let operand):
            return dialect.negate(tag(operand), try scalar(operand))
        case .ago(let duration):
            return dialect.arithmetic("-", "t", bind(.now), "d", try scalar(duration))
        case .call(let function, let arguments):
            return try call(function.name, arguments, type: program.type(of: expr))
        case .aggregate(let aggregate):
            return try aggregateScalar(aggregate)
        case .comparison, .binary, .unary(.not, _), .within, .isNull:
            // A condition used as a value: two-valued, so exact form.
            return "(CASE WHEN \(try condition(expr, .exact)) THEN 1 ELSE 0 END)"
        default:
            throw ResidualReason(message: "no SQL form for this expression")
        }
    }

    private func call(_ name: String, _ arguments: [Expr], type: ExprType?) throws -> PlanSQL {
        if name == "coalesce" {
            // SQLite's coalesce is the language's: the first argument that is
            // not null. When the checker typed it a number, an int argument
            // widens to a number (§6), as the evaluator's value does.
            let sql: PlanSQL = "coalesce(\(PlanSQL.joined(try arguments.map { try scalar($0) }, separator: ", ")))"
            return type == .number ? dialect.toReal(sql) : sql
        }
        if name == "length", arguments.count == 1, let list = fanList(arguments[0]) {
            // `fan.platforms` is distinct (§5): two accounts on one platform count once.
            return "(SELECT count(DISTINCT \(raw: list.column)) FROM \(raw: list.table) WHERE user_id = \(PlanSQL.creator) AND fan_id = \(PlanSQL.outer("id")))"
        }
        let values = try arguments.map { try scalar($0) }
        return try dialect.call(name, arguments.map { tag($0) }, values, bind(.now), bind(.zoneName))
    }

    func tag(_ expr: Expr) -> String { SQLEncoding.tag(program.type(of: expr)) }

    /// `fan.tags` and `fan.platforms`: lists kept as rows of another table.
    func fanList(_ expr: Expr) -> (table: String, column: String)? {
        if case .parenthesized(let inner) = expr.kind { return fanList(inner) }
        guard case .fanField(let field)? = program.resolution(of: expr) else { return nil }
        switch field.storage {
        case .tags: return (field.storage.table, "tag")
        case .platforms: return (field.storage.table, "platform")
        default: return nil
        }
    }

    /// `x in fan.tags`: a semi-join over all fans (index `(user_id, tag, fan_id)`),
    /// an EXISTS probe for one. Both are definite, so no null handling is needed
    /// beyond `not in` refusing a null `x`.
    func listMembership(_ element: Expr, _ list: (table: String, column: String), negated: Bool) throws -> PlanSQL {
        func probe() throws -> PlanSQL {
            switch buildsSets ? FanScope.allFans : .oneFan {
            case .allFans:
                return .fanIn("SELECT fan_id FROM \(raw: list.table) WHERE user_id = \(PlanSQL.creator) AND \(raw: list.column) = \(try scalar(element))")
            case .oneFan:
                return "EXISTS (SELECT 1 FROM \(raw: list.table) WHERE user_id = \(PlanSQL.creator) AND fan_id = \(PlanSQL.outer("id")) AND \(raw: list.column) = \(try scalar(element)))"
            }
        }
        guard negated else { return try probe() }
        return "(\(try scalar(element)) IS NOT NULL AND NOT (\(try probe())))"
    }
}
