extension ClockEdges {
    /// Which way something can move a condition as the clock moves forward:
    /// `.up` only from false to true (a fan can only enter the segment),
    /// `.down` only from true to false (a fan can only leave), `.either`
    /// when that is not known. Used both for a node's polarity in the
    /// condition (`.up`: the condition rises with it) and for an edge's effect.
    enum Direction: Hashable {
        case up, down, either

        /// The opposite way (under a `not`, or a falling count).
        var turned: Direction {
            switch self {
            case .up: .down
            case .down: .up
            case .either: .either
            }
        }

        /// A move in direction `other` of something whose rise moves the
        /// condition as `self` says.
        func times(_ other: Direction) -> Direction {
            switch (self, other) {
            case (.either, _), (_, .either): .either
            case (.up, let other): other
            case (.down, let other): other.turned
            }
        }

        /// One edge found twice, with two effects.
        func merged(with other: Direction) -> Direction {
            self == other ? self : .either
        }
    }
}
