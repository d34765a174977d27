/// A piece of SQL with the values bound to its `?` placeholders, so composed
/// queries keep values out of the SQL text (STORE.md: values are always bound).
public struct SQLFragment: Sendable, Hashable, CustomStringConvertible {
    public var text: String
    public var bindings: [SQLValue]

    public init(_ text: String, _ bindings: [SQLValue] = []) {
        self.text = text
        self.bindings = bindings
    }

    /// Joins fragments with a separator (`" AND "`), keeping bindings in order.
    public static func joined(_ parts: [SQLFragment], separator: String) -> SQLFragment {
        SQLFragment(parts.map(\.text).joined(separator: separator), parts.flatMap(\.bindings))
    }

    public static func + (lhs: SQLFragment, rhs: SQLFragment) -> SQLFragment {
        SQLFragment(lhs.text + rhs.text, lhs.bindings + rhs.bindings)
    }

    public static func += (lhs: inout SQLFragment, rhs: SQLFragment) { lhs = lhs + rhs }

    /// `(text)`, for nesting inside a larger expression.
    public var parenthesized: SQLFragment { SQLFragment("(" + text + ")", bindings) }

    public var description: String {
        bindings.isEmpty ? text : text + "  -- " + bindings.map(\.description).joined(separator: ", ")
    }
}
