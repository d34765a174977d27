import Store

extension CreatorStore {
    /// The dialect plans run on this store must be written in.
    var planDialect: PlanDialect { PlanDialect(rawValue: database.dialect.rawValue) ?? .sqlite }
}
