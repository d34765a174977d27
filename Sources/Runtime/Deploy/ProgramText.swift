import Store
import Syntax

/// `automation_programs.files_json`: `[{"path": "...", "text": "..."}]`, the
/// files in the order they were checked, so FileIDs (and diagnostics) come
/// out the same when the runtime re-checks them.
public enum ProgramText {
    static func encode(_ files: [SourceFile]) -> String {
        JSONValue.array(files.map { file in
            .object([("path", .string(file.path)), ("text", .string(String(decoding: file.bytes, as: UTF8.self)))])
        }).serialized()
    }

    static func decode(_ json: String, programID: Int64? = nil) throws -> [SourceFile] {
        let value: JSONValue
        do { value = try JSONParser.parse(json) } catch {
            throw DeployError.corruptProgramText(programID: programID, reason: "\(error)")
        }
        guard case .array(let entries) = value else {
            throw DeployError.corruptProgramText(programID: programID, reason: "expected an array of files")
        }
        return try entries.enumerated().map { index, entry in
            guard let path = entry["path"]?.string, let text = entry["text"]?.string else {
                throw DeployError.corruptProgramText(programID: programID, reason: "file \(index) lacks path or text")
            }
            return SourceFile(id: FileID(UInt32(index)), path: path, text: text)
        }
    }

    /// The files of the creator's latest deployed program; nil when none was deployed.
    public static func latest(from store: CreatorStore) throws -> [SourceFile]? {
        guard let row = try store.cursor(
            "SELECT id, files_json FROM automation_programs WHERE user_id = :user ORDER BY id DESC LIMIT 1").next()
        else { return nil }
        return try decode(row.string(1), programID: row.int64(0))
    }
}
