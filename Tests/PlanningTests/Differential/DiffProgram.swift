/// A generated program: constants, helper segments, and the segment under
/// test, `target`, whose condition is planned and compared.
struct DiffProgram {
    var constants: [DiffConstant]
    /// Helper segments in order (`s1` may be used by `s2`), then `target`.
    var segments: [(name: String, condition: GenExpr)]

    var source: String {
        let lets = constants.map { "let \($0.name) = \($0.source)" }
        let segs = segments.map { "segment \($0.name) {\n  \($0.condition.source)\n}" }
        return (lets + segs).joined(separator: "\n") + "\n"
    }

    var size: Int { segments.reduce(0) { $0 + $1.condition.size } }

    /// Smaller programs: one segment's condition simplified at a time, the
    /// target's last (helpers often matter less).
    var shrinkCandidates: [DiffProgram] {
        var out: [DiffProgram] = []
        // Unused helpers and constants go first (the checker refuses the candidate if they were used).
        for index in segments.indices.dropLast() {
            var program = self
            program.segments.remove(at: index)
            out.append(program)
        }
        for index in constants.indices {
            var program = self
            program.constants.remove(at: index)
            out.append(program)
        }
        for index in segments.indices.reversed() {
            for simpler in segments[index].condition.simplifications(leaf: DiffLiterals.leaves) {
                var program = self
                program.segments[index].condition = simpler
                out.append(program)
            }
        }
        return out
    }

    static func generate(_ random: inout DiffRandom) -> DiffProgram {
        let constants = DiffProgram.constants(&random)
        var segments: [(String, GenExpr)] = []
        var names: [String] = []
        for name in ["s1", "s2"] where random.chance(0.6) {
            var generator = DiffExprGenerator(random: random.fork(), constants: constants, segments: names)
            segments.append((name, generator.gen(.bool, 2)))
            names.append(name)
        }
        var generator = DiffExprGenerator(random: random.fork(), constants: constants, segments: names)
        segments.append(("target", generator.gen(.bool, random.pick([2, 3, 4]))))
        return DiffProgram(constants: constants, segments: segments)
    }

    /// One constant of each type, values drawn from the edges; `amount` and
    /// `tier` are shadowed by element fields inside `where` (a warning).
    static func constants(_ random: inout DiffRandom) -> [DiffConstant] {
        func one(_ name: String, _ type: GType) -> DiffConstant {
            DiffConstant(name: name, type: type, source: random.pick(DiffLiterals.texts(type).filter { !$0.contains("now") && !$0.contains("ago") }))
        }
        func list(_ type: GType) -> String {
            let items = (0..<random.int(in: 0...3)).map { _ in random.pick(DiffLiterals.texts(type).filter { !$0.contains("now") && !$0.contains("ago") }) }
            return "[" + items.joined(separator: ", ") + "]"
        }
        return [
            one("k_int", .int), one("k_num", .number), one("k_money", .money), one("k_str", .string),
            one("k_dur", .duration), one("k_flag", .bool), one("k_when", .timestamp),
            DiffConstant(name: "k_tags", type: .list(.string), source: list(.string)),
            DiffConstant(name: "k_platforms", type: .list(.enumeration(.platform)), source: list(.enumeration(.platform))),
            DiffConstant(name: "k_amounts", type: .list(.money), source: list(.money)),
            DiffConstant(name: "k_days", type: .list(.timestamp), source: list(.timestamp)),
            DiffConstant(name: "k_calc", type: .money, source: "\(random.pick(DiffLiterals.money.filter { $0.count < 8 })) * \(random.pick(["3", "0.5", "-1"])) + $0.50"),
            one("amount", .money), one("tier", .string),
        ]
    }
}
