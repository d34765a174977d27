// libFuzzer entry for the lexer and parser. Built by Fuzz/run.sh together
// with Sources/Syntax (no SwiftPM: the sanitizer flags apply to every file).
// Besides "never crash, never hang", it checks invariants that later phases
// rely on: every range lies inside the file, and the tree can be walked.

@_cdecl("LLVMFuzzerTestOneInput")
public func parserFuzzTestOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let file = SourceFile(id: FileID(0), path: "fuzz.rules", bytes: bytes)
    let result = Parse.file(file)
    for diagnostic in result.diagnostics {
        let r = diagnostic.range
        precondition(r.start >= 0 && r.start <= r.end && r.end <= size, "diagnostic range out of bounds: \(diagnostic)")
        for fixIt in diagnostic.fixIts {
            precondition(fixIt.range.start >= 0 && fixIt.range.end <= size, "fix-it range out of bounds: \(fixIt)")
        }
        _ = file.location(of: r.start)
    }
    for declaration in result.syntax.declarations {
        let r = declaration.range
        precondition(r.start >= 0 && r.start <= r.end && r.end <= size, "declaration range out of bounds")
    }
    for comment in result.syntax.comments {
        precondition(comment.range.end <= size, "comment range out of bounds")
    }
    // Walks the whole tree: deep trees would overflow the stack here.
    _ = TreeDump.file(result.syntax)
    return 0
}
