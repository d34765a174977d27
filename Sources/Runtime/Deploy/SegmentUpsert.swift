import Planning
import Semantics
import Store
import Syntax

/// Deploy's segment step: one `fan_segments` row per segment of the program,
/// inserted or updated in place. A segment gone from the program keeps its
/// row (membership history refers to it); nothing runs it any more.
struct SegmentUpsert {
    let store: CreatorStore
    let now: Int64

    private struct Stored { var id: Int64; var displayName: String?; var definition: String; var planJSON: String? }

    func apply(program: CheckedProgram, sources: [FileID: SourceFile], report: inout DeployReport) throws {
        var stored: [String: Stored] = [:]
        try store.forEachRow("SELECT id, name, display_name, definition, plan_json FROM fan_segments WHERE user_id = :user") { row in
            stored[row.string(1)] = Stored(id: row.int64(0), displayName: row.optionalString(2), definition: row.string(3),
                                           planJSON: row.optionalString(4))
        }
        for segment in program.segments {
            let definition = sources[segment.declaration.range.file]?.text(in: segment.declaration.range) ?? ""
            let plan = PlanBuilder.plan(segment.condition, program: program, scope: .allFans).json.serialized()
            guard let existing = stored[segment.name] else {
                try store.execute("""
                    INSERT INTO fan_segments (user_id, name, display_name, definition, plan_json, updated_at)
                    VALUES (:user, ?, ?, ?, ?, ?)
                    """, [.text(segment.name), .optional(segment.displayName), .text(definition), .text(plan), .integer(now)])
                report.segmentsAdded.append(segment.name)
                continue
            }
            if existing.definition == definition, existing.planJSON == plan, existing.displayName == segment.displayName {
                report.segmentsUnchanged.append(segment.name)
                continue
            }
            try store.execute("""
                UPDATE fan_segments SET display_name = ?, definition = ?, plan_json = ?, updated_at = ?
                WHERE user_id = :user AND id = ?
                """, [.optional(segment.displayName), .text(definition), .text(plan), .integer(now), .integer(existing.id)])
            report.segmentsChanged.append(segment.name)
        }
    }
}
