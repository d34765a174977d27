import Syntax

/// A `test` declaration as the checker left it: the tree, plus what the runner
/// needs resolved (each event step's trigger, by step index).
public struct CheckedTest: Hashable, Sendable {
    public var name: String
    public var declaration: TestDecl
    /// The trigger of every `event` step, by index in `declaration.steps`.
    public var triggers: [Int: CheckedTrigger]
}

/// What a field name in a test's `fan { }` block means (docs/TESTING.md).
public enum TestFanField: Hashable, Sendable {
    /// A column of fan_profiles, `tags` or `platforms`.
    case field(FanField)
    /// `score.churn_risk` …: a fan_scores row.
    case score(ScoreDimension)
    /// `transactions: [{ … }]` …: rows of a collection.
    case collection(CollectionSpec)

    /// The names a fan block accepts (for did-you-mean).
    public static var names: [String] {
        Catalog.fanFields.filter { $0.name != "id" && $0.name != "is_subscribed" }.map(\.name)
            + Catalog.scoreDimensions.map { "score." + $0.name } + Catalog.collectionList.map(\.name)
    }

    public static func named(_ name: String) -> TestFanField? {
        if name.hasPrefix("score.") {
            return Catalog.scoreDimension(named: String(name.dropFirst("score.".count))).map(TestFanField.score)
        }
        if let collection = Catalog.collections[name] { return .collection(collection) }
        if name == "id" || name == "is_subscribed" { return nil }
        return Catalog.fanField(named: name).map(TestFanField.field)
    }
}

extension CollectionSpec {
    /// Every field a record of the collection may give, its time field first.
    public var recordFields: [FieldSpec] { fields.contains(timeField) ? fields : [timeField] + fields }
}
