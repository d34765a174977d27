/// PostgreSQL's spellings of a plan. The language's semantics come from SQL
/// functions that migration 18 creates (`PostgresSchema.languageFunctions`),
/// each a transcription of the Swift the evaluator runs (`Arithmetic`,
/// `Strings`, `Time`); docs/PLANS.md lists them and what stays with the
/// evaluator on PostgreSQL. Every operand of a function is cast to the type
/// its language type is stored as (bigint, double precision, text), so the
/// server resolves the one function meant whatever a parameter's type is.
extension SQLDialect {
    static let postgres: SQLDialect = {
        var dialect = SQLDialect(
            name: .postgres,
            placeholder: { _ in "?" },
            creatorParameter: ":user",
            outerAlias: "f",
            isTrue: { "coalesce((\($0)) = 1, false)" },
            definite: { "coalesce(\($0), false)" },
            toReal: { "CAST(\($0) AS double precision)" })
        dialect.truthParameter = { "(\($0) = 1)" }
        dialect.conditionValue = { "CAST((\($0)) AS integer)" }
        dialect.arithmetic = PostgresExpressions.arithmetic
        dialect.negate = PostgresExpressions.negate
        dialect.stringTest = PostgresExpressions.stringTest
        dialect.call = PostgresExpressions.call
        // PostgreSQL has no empty `IN ()`: nothing is in an empty list.
        dialect.notIn = { x, items in
            items.isEmpty ? "(\(x) IS NOT NULL)"
                : "(SELECT rulec_x IS NOT NULL AND NOT coalesce(rulec_x IN (\(PlanSQL.joined(items, separator: ", "))), false) FROM (SELECT \(x) AS rulec_x) AS rulec_v)"
        }
        dialect.inList = { x, items in items.isEmpty ? "false" : "(\(x) IN (\(PlanSQL.joined(items, separator: ", "))))" }
        // Byte order, which for UTF-8 is the order of Unicode scalars: the
        // language's, whatever the database's locale.
        dialect.compare = { a, op, b, strings in strings ? "(\(a) \(raw: op) \(b) COLLATE \"C\")" : "(\(a) \(raw: op) \(b))" }
        // sum(bigint) is exact (numeric); out of Int64's range is the language's null.
        dialect.integerSum = { "rulec_bigint(coalesce(sum(\($0)), 0))" }
        // The evaluator adds the values as doubles in row (id) order; so does this.
        dialect.moneyAverage = { "rulec_money_avg(sum(\($0)), count(\($0)))" }
        dialect.integerAverage = { column, alias in
            "(sum(CAST(\(column) AS double precision) ORDER BY \(raw: alias).id) / count(\(column)))"
        }
        dialect.derivedTable = { "(\($0)) AS rulec_s" }
        return dialect
    }()
}

/// The PostgreSQL forms of the language's operators and functions.
enum PostgresExpressions {
    /// The column type a language type tag is stored as.
    static func sqlType(_ tag: String) -> String? {
        switch tag {
        case "i", "m", "d", "t", "b": "bigint"
        case "n": "double precision"
        case "s": "text"
        default: nil
        }
    }

    static func typed(_ tag: String, _ sql: PlanSQL) -> PlanSQL {
        guard let type = sqlType(tag) else { return "NULL" }
        return "CAST(\(sql) AS \(raw: type))"
    }

    private static let integers: Set<String> = ["i", "n"]

    /// `Arithmetic.add/subtract/multiply/divide/remainder`, case for case.
    static func arithmetic(_ op: String, _ ta: String, _ a: PlanSQL, _ tb: String, _ b: PlanSQL) -> PlanSQL {
        let x = typed(ta, a), y = typed(tb, b)
        let pair = ta + tb
        let bothNumeric = integers.contains(ta) && integers.contains(tb)
        func doubles(_ body: (PlanSQL, PlanSQL) -> PlanSQL) -> PlanSQL {
            guard bothNumeric else { return "CAST(NULL AS double precision)" }
            return body(typed("n", a), typed("n", b))
        }
        switch op {
        case "+":
            if ["ii", "mm", "dd", "td", "dt"].contains(pair) { return "rulec_add(\(x), \(y))" }
            return doubles { "rulec_number(\($0) + \($1))" }
        case "-":
            if ["ii", "mm", "dd", "td", "tt"].contains(pair) { return "rulec_subtract(\(x), \(y))" }
            return doubles { "rulec_number(\($0) - \($1))" }
        case "*":
            if ["ii", "mi", "im"].contains(pair) { return "rulec_multiply(\(x), \(y))" }
            if pair == "mn" { return "rulec_round_money(CAST(\(x) AS double precision) * \(y))" }
            if pair == "nm" { return "rulec_round_money(\(x) * CAST(\(y) AS double precision))" }
            return doubles { "rulec_number(\($0) * \($1))" }
        case "/":
            if pair == "ii" { return "rulec_divide(\(x), \(y))" }
            if pair == "mi" { return "rulec_divide_money(\(x), \(y))" }
            if pair == "mn" { return "rulec_divide_money(CAST(\(x) AS double precision), \(y))" }
            return doubles { "rulec_divide_number(\($0), \($1))" }
        case "%":
            return pair == "ii" ? "rulec_remainder(\(x), \(y))" : "CAST(NULL AS bigint)"
        default:
            return "NULL"
        }
    }

    /// `Arithmetic.negate`.
    static func negate(_ tag: String, _ a: PlanSQL) -> PlanSQL {
        switch tag {
        case "i", "m", "d": "rulec_negate(\(typed(tag, a)))"
        case "n": "(- \(typed(tag, a)))"
        default: "NULL"
        }
    }

    /// `Strings.contains/startsWith/endsWith`. A UTF-8 byte string contains
    /// another exactly when its scalars do, so the built-ins are exact.
    static func stringTest(_ name: String, _ a: PlanSQL, _ b: PlanSQL) -> PlanSQL {
        let s = typed("s", a), t = typed("s", b)
        switch name {
        case "contains": return "(strpos(\(s), \(t)) > 0)"
        case "starts": return "starts_with(\(s), \(t))"
        default: return "rulec_ends_with(\(s), \(t))"
        }
    }

    /// `Evaluator.apply` for values read from fan data.
    static func call(_ name: String, _ tags: [String], _ arguments: [PlanSQL], _ now: PlanSQL, _ zone: PlanSQL) throws -> PlanSQL {
        let tag = tags.first ?? "z"
        let first = arguments.first.map { typed(tag, $0) } ?? "NULL"
        /// The zone argument, else the creator's.
        let zoneArgument = arguments.count > 1 ? typed(tags[1], arguments[1]) : "CAST(\(zone) AS text)"
        switch (name, tag) {
        case ("lower", _), ("upper", _):
            // PostgreSQL maps case per character, by the database's locale; the
            // language uses Unicode's full mapping ("ß" uppercases to "SS").
            throw ResidualReason(message: "lower/upper run in the evaluator on PostgreSQL (full Unicode case mapping)")
        case ("length", "s"): return "CAST(char_length(\(first)) AS bigint)"
        case ("abs", "i"), ("abs", "m"): return "rulec_abs(\(first))"
        case ("abs", "n"): return "abs(\(first))"
        case ("round", "i"): return first
        case ("round", "n"): return "rulec_round_int(\(first))"
        case ("days_since", "t"): return "rulec_days_since(\(first), CAST(\(now) AS bigint))"
        case ("hour_of_day", "t"): return "rulec_hour_of_day(\(first), \(zoneArgument))"
        case ("day_of_week", "t"): return "rulec_day_of_week(\(first), \(zoneArgument))"
        case ("month_day", "t"): return "rulec_month_day(\(first), \(zoneArgument))"
        case ("date", "s"): return "rulec_date(\(first), CAST(\(zone) AS text))"
        default:
            throw ResidualReason(message: "\(name) has no PostgreSQL form for these arguments")
        }
    }
}
