import Syntax

/// Where an expression stands, which decides what its names mean.
struct ResolutionScope {
    enum Owner {
        case constant(String)
        case segment(String)
        /// A rule, by index in `CheckState.rules`.
        case rule(Int)
        /// A `test` declaration, by name: it sees `fan` and `now`, no `event`.
        case test(String)
    }

    var owner: Owner
    /// Inside an aggregate's `where`: the collection whose fields are bare names.
    var element: CollectionSpec?

    func inside(_ collection: CollectionSpec) -> ResolutionScope {
        ResolutionScope(owner: owner, element: collection)
    }
}
