import Foundation
import LanguageServer
import Syntax

/// `lsp`: how long the language server takes, after a one-character edit in
/// a workspace of 1,000 rules (20 files of 50 rules, plus a file of segments
/// and constants), to re-check the program and publish diagnostics — what a
/// creator waits for after a keystroke once the debounce has passed.
/// The target (issue 17) is under 50 ms in a release build.
enum LspBenchmark {
    static func run(rules: Int = 1_000, files: Int = 20, rounds: Int = 31) {
        for incremental in [true, false] { run(rules: rules, files: files, rounds: rounds, incremental: incremental) }
    }

    static func run(rules: Int, files: Int, rounds: Int, incremental: Bool) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("rulec-lsp-bench-\(UUID().uuidString)").path
        try! FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }

        let chunks = CheckBenchmark.program(rules: rules).components(separatedBy: "\nrule ")
        try! (chunks[0] + "\n").write(toFile: folder + "/segments.rules", atomically: true, encoding: .utf8)
        let perFile = (chunks.count - 1 + files - 1) / files
        var texts: [String] = []
        for index in 0..<files {
            let slice = chunks.dropFirst(1 + index * perFile).prefix(perFile)
            let text = slice.map { "rule " + $0 }.joined(separator: "\n") + "\n"
            texts.append(text)
            try! text.write(toFile: folder + "/rules_\(index).rules", atomically: true, encoding: .utf8)
        }

        var published = 0
        let server = LanguageServer { message in
            if message["method"]?.string == "textDocument/publishDiagnostics" { published += 1 }
        }
        let uri = URL(fileURLWithPath: folder + "/rules_7.rules").absoluteString
        server.receive(.request(id: .int(1), method: "initialize", params: .object([
            ("rootUri", .string(URL(fileURLWithPath: folder).absoluteString)), ("capabilities", .object([])),
        ])))
        server.receive(.notification(method: "textDocument/didOpen", params: .object([("textDocument", .object([
            ("uri", .string(uri)), ("languageId", .string("rules")), ("version", .int(1)), ("text", .string(texts[7])),
        ]))])))
        server.workspace.incremental = incremental
        let coldStart = ContinuousClock.now
        server.publishDiagnostics()
        let cold = ContinuousClock.now - coldStart

        // Each round types one more character into the first rule's name, so every
        // round's text is new (none is the text of the last full check).
        var times: [Double] = []
        for round in 0..<rounds {
            let change: JSONValue = .object([
                ("range", .object([("start", .object([("line", .int(0)), ("character", .int(11))])),
                                   ("end", .object([("line", .int(0)), ("character", .int(11))]))])),
                ("text", .string("x")),
            ])
            server.receive(.notification(method: "textDocument/didChange", params: .object([
                ("textDocument", .object([("uri", .string(uri)), ("version", .int(round + 2))])),
                ("contentChanges", .array([change])),
            ])))
            let start = ContinuousClock.now
            server.publishDiagnostics()
            times.append(milliseconds(ContinuousClock.now - start))
        }
        let diagnostics = server.workspace.analysis.diagnostics
        precondition(server.workspace.lastCheckWasIncremental == incremental, "the last check took the path asked for")
        times.sort()
        print("lsp (\(incremental ? "incremental" : "full re-check")): \(rules) rules in \(files + 1) files, \(diagnostics.count) diagnostics, \(published) publishes")
        print(String(format: "  first check %.1f ms; after a one-character edit: min %.1f ms, median %.1f ms, max %.1f ms (%d rounds)",
                     milliseconds(cold), times.first!, times[times.count / 2], times.last!, rounds))
    }

    private static func milliseconds(_ d: Duration) -> Double {
        Double(d.components.seconds) * 1000 + Double(d.components.attoseconds) * 1e-15
    }
}
