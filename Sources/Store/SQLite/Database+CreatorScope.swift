/// The creator scope of a PostgreSQL transaction. Row-level security reads
/// `rulec.user_id`, which `CreatorStore.transaction` sets for its transaction
/// (`set_config(…, true)`, a `SET LOCAL`). A nested `transaction` (a savepoint)
/// inside one already scoped to the same creator need not set it again: in
/// `rulec run` that was one statement, and one round trip, in every sixteen
/// (a savepoint around each rule run and action).
///
/// What the server does with the setting decides what is tracked
/// (`transactionScope`): a `SET LOCAL` made inside a savepoint survives its
/// release (it belongs to the enclosing level from then on) and is undone by
/// its rollback, or by a rollback of any level around it; COMMIT and ROLLBACK
/// end it. Inside a transaction begun by hand, whose end `transaction` cannot
/// see, nothing is remembered past the level that set it.
extension Database {
    /// Sets `rulec.user_id` to `userID` for the rest of the open transaction,
    /// unless an open level of it already did.
    public func scopeTransaction(to userID: String) throws {
        guard dialect == .postgres else { return }
        if let scope = transactionScope, scope.userID == userID, scope.depth <= transactionDepth { return }
        try execute("SELECT set_config('rulec.user_id', ?, true)", [.text(userID)])
        transactionScope = transactionDepth > 0 ? (userID, transactionDepth) : nil
    }

    /// A session-wide `set_config` inside a transaction replaces the local value too.
    func sessionScopeChanged(to userID: String) {
        if let scope = transactionScope, scope.userID != userID { transactionScope = nil }
    }

    /// The level `level` ends well: a setting it made now belongs to the level
    /// around it, or to no level of ours when there is none (COMMIT, or a
    /// transaction begun by hand).
    func scopeOutlives(level: Int) {
        guard let scope = transactionScope, scope.depth >= level else { return }
        transactionScope = level > 1 ? (scope.userID, level - 1) : nil
    }

    /// The level `level` is rolled back: so is any setting made in it.
    func scopeRolledBack(level: Int) {
        if let scope = transactionScope, scope.depth >= level { transactionScope = nil }
    }
}
