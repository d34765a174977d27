/// A fragment of a plan's SQL, built from typed parts rather than text: the
/// words the compiler chose, the parameters bound where they stand, the
/// columns of the outer fan it reads, and the creator it is scoped to.
///
/// Because a parameter is a part of the fragment it belongs to, composing
/// fragments (in any order, in any nesting, moved from a grouped set into a
/// correlated sub-query) keeps every value beside its placeholder: the
/// rendered bindings follow the rendered text by construction, never by the
/// order Swift happened to evaluate interpolations in. Which outer columns a
/// fragment reads is recorded as it is built, so whether a sub-query can stand
/// alone is known without reading its text. The spelling of placeholders,
/// the creator parameter and the outer alias is the dialect's (`SQLDialect`).
///
/// Written with string interpolation: `"\(alias).fan_id = \(PlanSQL.outer("id"))"`.
/// Only fragments interpolate by default; a plain string must say `raw:` and is
/// for words the compiler chose (table, column, alias and function names,
/// type tags), never for a value, which is always a parameter.
struct PlanSQL: Hashable, Sendable, ExpressibleByStringInterpolation {
    enum Part: Hashable, Sendable {
        case text(String)
        /// One bound value, rendered as the dialect's placeholder.
        case parameter(PlanBinding)
        /// A column of the outer `fan_profiles` row (the fan the query is about).
        case outerColumn(String)
        /// The creator every row is scoped to, bound by the creator-scoped store.
        case creator
    }

    private(set) var parts: [Part]
    /// When this fragment is `f.id IN (set)` and the set reads nothing of
    /// the outer fan: the set alone, so a plan made only of such sets can
    /// intersect them from their indexes without visiting fan_profiles.
    private(set) var standaloneFanSet: [Part]?

    init(parts: [Part]) {
        self.parts = Self.merged(parts)
    }

    init(stringLiteral value: String) {
        self.init(parts: [.text(value)])
    }

    init(stringInterpolation: StringInterpolation) {
        self.init(parts: stringInterpolation.parts)
    }

    struct StringInterpolation: StringInterpolationProtocol {
        var parts: [Part] = []
        init(literalCapacity: Int, interpolationCount: Int) {}
        mutating func appendLiteral(_ literal: String) { parts.append(.text(literal)) }
        mutating func appendInterpolation(_ fragment: PlanSQL) { parts += fragment.parts }
        /// A word the compiler chose (a name, an operator, a type tag); never a value.
        mutating func appendInterpolation(raw word: String) { parts.append(.text(word)) }
    }

    static func parameter(_ binding: PlanBinding) -> PlanSQL { PlanSQL(parts: [.parameter(binding)]) }
    static func outer(_ column: String) -> PlanSQL { PlanSQL(parts: [.outerColumn(column)]) }
    static let creator = PlanSQL(parts: [.creator])

    /// `f.id IN (set)`, remembering the set when it can stand alone.
    static func fanIn(_ set: PlanSQL) -> PlanSQL {
        var fragment: PlanSQL = "\(outer("id")) IN (\(set))"
        if !set.readsOuterFan { fragment.standaloneFanSet = set.parts }
        return fragment
    }

    var fanSet: PlanSQL? { standaloneFanSet.map { PlanSQL(parts: $0) } }

    static func + (lhs: PlanSQL, rhs: PlanSQL) -> PlanSQL { PlanSQL(parts: lhs.parts + rhs.parts) }

    static func joined(_ fragments: [PlanSQL], separator: String) -> PlanSQL {
        var parts: [Part] = []
        for (index, fragment) in fragments.enumerated() {
            if index > 0 { parts.append(.text(separator)) }
            parts += fragment.parts
        }
        return PlanSQL(parts: parts)
    }

    /// The outer fan's columns this fragment reads (`id` for a correlation).
    var outerColumns: Set<String> {
        Set(parts.compactMap { if case .outerColumn(let column) = $0 { column } else { nil } })
    }

    var readsOuterFan: Bool { !outerColumns.isEmpty }

    /// The parameters in the order their placeholders appear.
    var bindings: [PlanBinding] {
        parts.compactMap { if case .parameter(let binding) = $0 { binding } else { nil } }
    }

    func rendered(in dialect: SQLDialect = .sqlite) -> String {
        var text = ""
        var index = 0
        for part in parts {
            switch part {
            case .text(let words): text += words
            case .parameter:
                index += 1
                text += dialect.placeholder(index)
            case .outerColumn(let column): text += dialect.outerAlias + "." + column
            case .creator: text += dialect.creatorParameter
            }
        }
        return text
    }

    /// Adjacent text parts joined, so equal SQL has equal parts.
    private static func merged(_ parts: [Part]) -> [Part] {
        var result: [Part] = []
        result.reserveCapacity(parts.count)
        for part in parts {
            if case .text(let words) = part {
                if words.isEmpty { continue }
                if case .text(let previous)? = result.last {
                    result[result.count - 1] = .text(previous + words)
                    continue
                }
            }
            result.append(part)
        }
        return result
    }
}
