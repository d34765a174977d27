import Foundation
import RulecTestSupport
import Testing
@testable import Semantics
@testable import Syntax

/// Whole programs through the front end's one entry point, `Check.sources`:
/// each folder `Golden/programs/NAME/` holds the `.rules` files of one program
/// (numbered in name order, as `rulec check` numbers them) and `NAME.expected`
/// beside it holds every diagnostic, rendered as `rulec check` prints them.
/// These pin the one-pass behaviour: a syntax error in one declaration or file
/// hides nothing else, and a broken declaration causes no cascade.
@Suite struct OnePassGoldenTests {
    static let folder = GoldenFolder("Golden/programs")

    static func programs() -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { name in
            var isDirectory: ObjCBool = false
            return FileManager.default.fileExists(atPath: folder.path + "/" + name, isDirectory: &isDirectory) && isDirectory.boolValue
        }.sorted()
    }

    @Test(arguments: programs())
    func programDiagnostics(_ name: String) throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: Self.folder.path + "/" + name)
            .filter { $0.hasSuffix(".rules") }.sorted()
        let files = try names.enumerated().map { index, file in
            SourceFile(id: FileID(UInt32(index)), path: file, bytes: Array(try Self.folder.read(name + "/" + file)))
        }
        let result = Check.sources(files)
        try Self.folder.expect(TextRenderer().render(result.diagnostics, in: SourceFiles(files)), matches: name + ".expected")
        // Every program here has a syntax error or a semantic one, and the checker ran.
        #expect(result.diagnostics.contains { $0.code.id.hasPrefix("E1") }, "\(name): the checker reported nothing")
    }

    @Test func everyProgramHasItsExpectedOutput() {
        #expect(Self.programs().count >= 4)
        #expect(Self.folder.inputs(withExtension: "expected") == Self.programs())
    }
}
