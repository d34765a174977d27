import Syntax

/// What a name, member path or call resolved to, keyed by `ExprID` in
/// `CheckedProgram.resolutions`. Planning turns each case into a column, a
/// parameter or a subquery without looking anything up again.
public enum Resolution: Hashable, Sendable {
    /// The keywords `fan`, `event`, `now`.
    case fan
    case event
    case now
    /// `fan.display_name` and friends.
    case fanField(FanField)
    /// `fan.score`, the namespace before a dimension.
    case scoreNamespace
    /// `fan.score.churn_risk`.
    case scoreDimension(ScoreDimension)
    /// `fan.transactions`, the source of `count`/`exists`.
    case collection(CollectionSpec)
    /// `fan.transactions.amount`, the source of `sum`/`avg`/`min`/`max`.
    case collectionField(CollectionSpec, FieldSpec)
    /// A bare name inside an aggregate's `where`: a field of the element.
    case elementField(CollectionSpec, FieldSpec)
    /// `event.amount`; the field's column is on the trigger's source table
    /// (for schedules, `occurred_at` is the slot time).
    case eventField(FieldSpec)
    /// A `let` constant, already folded.
    case constant(name: String, value: LiteralValue)
    /// A segment name right of `fan in`.
    case segment(name: String)
    /// A call of a catalog function.
    case function(FunctionSignature)
}
