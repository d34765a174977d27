import Foundation
import RulecTestSupport
import Store
import Testing

/// The folder every test's files live in goes away with everything in it:
/// a store's `-wal` and `-shm` files too, and also when the test throws.
@Suite struct TemporaryFolderTests {
    struct Failure: Error {}

    @Test func aStoreAndItsSideFilesGoWithTheFolder() throws {
        var folderPath = ""
        do {
            let folder = try TemporaryFolder("folder-test")
            folderPath = folder.path
            let store = try Store.open(path: folder.path("crm.sqlite"))
            try store.database.execute("CREATE TABLE scratch (x INTEGER)")
            try store.database.execute("INSERT INTO scratch VALUES (1)")
            let files = try FileManager.default.contentsOfDirectory(atPath: folder.path)
            #expect(files.contains("crm.sqlite-wal") && files.contains("crm.sqlite-shm"), "a WAL store writes side files: \(files)")
        }
        #expect(!folderPath.isEmpty)
        #expect(!FileManager.default.fileExists(atPath: folderPath))
    }

    @Test func aTestThatThrowsHalfWayStillLeavesNothing() {
        var folderPath = "", filePath = ""
        func halfWay() throws {
            let folder = try TemporaryFolder("folder-test")
            folderPath = folder.path
            filePath = try folder.write("rule", to: "sub/a.rules")
            #expect(FileManager.default.fileExists(atPath: filePath))
            throw Failure()
        }
        #expect(throws: Failure.self) { try halfWay() }
        #expect(filePath.hasPrefix(folderPath + "/"))
        #expect(!FileManager.default.fileExists(atPath: folderPath))
    }
}
