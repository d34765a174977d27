import Semantics

/// Everything a condition can read about one fan. The evaluator asks for
/// exactly what an expression names, so an implementation can load lazily.
public protocol FanFacts {
    var fanID: Int64 { get }
    /// A `fan.*` field, lists (`tags`, `platforms`) and `is_subscribed` included.
    func field(_ field: FanField) throws -> Value
    /// `fan.score.NAME`; null when the fan has no score in that dimension.
    func score(_ dimension: ScoreDimension) throws -> Value
    /// Every row of a collection for this fan, in id order, each holding every
    /// field of the collection by name.
    func rows(of collection: CollectionSpec) throws -> [ElementRow]
}

/// One element of a collection: field name → value.
public struct ElementRow: Sendable, Hashable {
    public var values: [String: Value]
    public init(_ values: [String: Value]) { self.values = values }
    public subscript(_ name: String) -> Value { values[name] ?? .null }
}
