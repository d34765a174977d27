import Foundation
import Planning
import Semantics
import Store
import Syntax

/// A checked program from source text, failing loudly on any error.
func checkedProgram(_ source: String) throws -> CheckedProgram {
    let file = SourceFile(id: FileID(0), path: "test.rules", text: source)
    let parsed = Parse.file(file)
    let result = Check.program([parsed.syntax])
    let errors = (parsed.diagnostics + result.diagnostics).filter { $0.severity == .error }
    guard errors.isEmpty else {
        throw TestFailure(message: errors.map { "\($0.code): \($0.message)" }.joined(separator: "\n"))
    }
    return result.program
}

struct TestFailure: Error, CustomStringConvertible {
    let message: String
    var description: String { message }
}

/// A temporary store with the rulec functions registered.
func temporaryStore() throws -> (Store, String) {
    let path = FileManager.default.temporaryDirectory
        .appendingPathComponent("rulec-planning-\(UUID().uuidString).sqlite").path
    let store = try Store.open(path: path)
    try SQLFunctions.register(on: store.database)
    return (store, path)
}

func removeStore(at path: String) {
    for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
}
