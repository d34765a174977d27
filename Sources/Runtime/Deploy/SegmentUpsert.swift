import Planning
import Semantics
import Store
import Syntax

/// Deploy's segment step: one `fan_segments` row per segment of the program,
/// inserted or updated in place; decided first (`plan`, reads only), then
/// written (`apply`). A segment whose text changed but not its plan or name
/// (a comment, the layout) is unchanged; its row still takes the new text. A segment gone from the program keeps its row
/// (membership history refers to it); nothing runs it any more.
struct SegmentUpsert {
    let store: CreatorStore
    let now: Int64

    struct Stored { var id: Int64; var displayName: String?; var definition: String; var planJSON: String? }

    /// One segment of the program and the row it gets; `existing` nil inserts, `write` false leaves the row alone.
    struct Decision {
        var segment: CheckedSegment
        var existing: Stored?
        var definition: String
        var planJSON: String
        var write: Bool
    }

    static func plan(program: CheckedProgram, sources: DeploySources, store: CreatorStore,
                     into plan: inout DeployPlan) throws -> [Decision] {
        var stored: [String: Stored] = [:]
        try store.forEachRow("SELECT id, name, display_name, definition, plan_json FROM fan_segments WHERE user_id = :user") { row in
            stored[row.string(1)] = Stored(id: row.int64(0), displayName: row.optionalString(2), definition: row.string(3),
                                           planJSON: row.optionalString(4))
        }
        let files = Dictionary(uniqueKeysWithValues: sources.files.map { ($0.id, $0) })
        return program.segments.map { segment in
            let definition = files[segment.declaration.range.file]?.text(in: segment.declaration.range) ?? ""
            let planJSON = PlanBuilder.plan(segment.condition, program: program, scope: .allFans).json.serialized()
            guard let existing = stored[segment.name] else {
                plan.added.append(.init(.segment, segment.name))
                return Decision(segment: segment, existing: nil, definition: definition, planJSON: planJSON, write: true)
            }
            var what: [String] = []
            if existing.planJSON != planJSON { what.append("condition") }
            if existing.displayName != segment.displayName { what.append("display name") }
            if !what.isEmpty {
                plan.changed.append(.init(kind: .segment, name: segment.name, what: what, version: nil))
            } else if sources.sourceSegments.contains(segment.name) {
                plan.unchanged.append(.init(.segment, segment.name))
            }
            return Decision(segment: segment, existing: existing, definition: definition, planJSON: planJSON, write: !what.isEmpty || existing.definition != definition)
        }
    }

    func apply(_ decisions: [Decision]) throws {
        for decision in decisions where decision.write {
            let segment = decision.segment
            guard let existing = decision.existing else {
                try store.execute("""
                    INSERT INTO fan_segments (user_id, name, display_name, definition, plan_json, updated_at)
                    VALUES (:user, ?, ?, ?, ?, ?)
                    """, [.text(segment.name), .optional(segment.displayName), .text(decision.definition), .text(decision.planJSON),
                          .integer(now)])
                continue
            }
            try store.execute("""
                UPDATE fan_segments SET display_name = ?, definition = ?, plan_json = ?, updated_at = ?
                WHERE user_id = :user AND id = ?
                """, [.optional(segment.displayName), .text(decision.definition), .text(decision.planJSON), .integer(now), .integer(existing.id)])
        }
    }
}
