import Planning
/// What approving a queued action did.
public enum ApprovalOutcome: Sendable, Equatable {
    /// Executed now; the tag events it raised.
    case executed(EffectResult)
    /// It has `after D`: scheduled at approval time + D.
    case scheduled(dueAt: Int64)
}

/// Why a decision on a queued action was refused. Nothing was changed.
public enum ApprovalError: Error, Equatable, CustomStringConvertible {
    /// No item with that id for this creator (another creator's item is not found either).
    case notFound(Int64)
    /// The item was already decided (approved, rejected or expired).
    case notPending(id: Int64, status: String)
    /// The item is still pending but past its expiry time.
    case expired(id: Int64, expiredAt: Int64)

    public var description: String {
        switch self {
        case .notFound(let id): "no approval item #\(id) for this creator"
        case .notPending(let id, "expired"): "approval item #\(id) has expired without a decision; it can no longer be decided"
        case .notPending(let id, let status): "approval item #\(id) is already \(status); only a pending item can be decided"
        case .expired(let id, let expiredAt):
            "approval item #\(id) expired at \(Time.iso8601(expiredAt)) without a decision; it can no longer be decided"
        }
    }
}
