import Foundation
import Planning
import RulecTestSupport
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

/// A store with the rulec functions registered, in a temporary folder that
/// goes (with the store's -wal and -shm files) when the caller lets go of it.
func temporaryStore() throws -> (Store, TemporaryFolder) {
    let folder = try TemporaryFolder("planning")
    let store = try Store.open(path: folder.path("crm.sqlite"))
    try SQLFunctions.register(on: store.database)
    return (store, folder)
}
