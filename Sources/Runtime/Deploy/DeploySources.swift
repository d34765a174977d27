import Syntax

/// The files a deploy puts into `automation_programs`: the source being
/// deployed, plus what the deployed program has that this source does not
/// mention, so that `rulec deploy one.rules` leaves every other deployed rule
/// running as it was (docs/RUNTIME.md, "Deploy").
///
/// A declaration is "mentioned" by name: a rule of the new source replaces
/// the deployed rule of that name, a segment or `let` the deployed segment or
/// `let` of that name, wherever either lives. Every other rule, segment and `let` of the deployed program is
/// kept, in its file as it was deployed; declarations of other kinds (tests)
/// belong to the source they were written in and are not kept. A removed
/// declaration is blanked out (spaces, newlines kept), so a kept declaration
/// keeps its line and column. With `--prune` nothing is kept.
struct DeploySources {
    /// The files as given, then the kept files, numbered from 0 in that order.
    let files: [SourceFile]
    /// How many of `files` are the source being deployed (the rest are kept).
    let sourceCount: Int
    /// Rule names declared in the source being deployed.
    let sourceRules: Set<String>
    /// Segment names declared in the source being deployed.
    let sourceSegments: Set<String>

    init(source: [SourceFile], deployed: [SourceFile]?, prune: Bool) {
        var sourceRules: Set<String> = [], sourceSegments: Set<String> = [], constants: Set<String> = []
        var sourceHasPolicy = false
        for file in source {
            for declaration in Parse.file(file).syntax.declarations {
                switch declaration {
                case .rule(let rule): sourceRules.insert(rule.name.value)
                case .segment(let segment): sourceSegments.insert(segment.name.name)
                case .constant(let constant): constants.insert(constant.name.name)
                case .policy: sourceHasPolicy = true
                default: break
                }
            }
        }
        self.sourceRules = sourceRules
        self.sourceSegments = sourceSegments
        sourceCount = source.count
        var files = source.enumerated().map { SourceFile(id: FileID(UInt32($0.offset)), path: $0.element.path, bytes: $0.element.bytes) }
        guard !prune, let deployed else { self.files = files; return }
        // Segments and constants share one namespace: either kind replaces both.
        let identifiers = sourceSegments.union(constants)
        for file in deployed {
            var bytes = file.bytes
            var keptAny = false
            for declaration in Parse.file(file).syntax.declarations {
                let mentioned: Bool
                switch declaration {
                case .rule(let rule): mentioned = sourceRules.contains(rule.name.value)
                case .segment(let segment): mentioned = identifiers.contains(segment.name.name)
                case .constant(let constant): mentioned = identifiers.contains(constant.name.name)
                // A deployed policy stays until the source brings its own.
                case .policy: mentioned = sourceHasPolicy
                default: mentioned = true
                }
                if mentioned { Self.blank(declaration.range, in: &bytes) } else { keptAny = true }
            }
            if keptAny { files.append(SourceFile(id: FileID(UInt32(files.count)), path: file.path, bytes: bytes)) }
        }
        self.files = files
    }

    /// Whether `file` is one of the kept files rather than the source given.
    func isKept(_ file: FileID) -> Bool { Int(file.rawValue) >= sourceCount }

    /// Replaces the bytes of `range` with spaces, keeping line breaks.
    private static func blank(_ range: SourceRange, in bytes: inout [UInt8]) {
        let end = min(Int(range.end), bytes.count)
        var index = Int(range.start)
        while index < end {
            if bytes[index] != UInt8(ascii: "\n") && bytes[index] != UInt8(ascii: "\r") { bytes[index] = UInt8(ascii: " ") }
            index += 1
        }
    }
}
