import Foundation

/// One subcommand. Each lives in its own file under Commands/ and is listed in
/// `CommandTable.all`.
public protocol Command: Sendable {
    /// The words that select it (`["check"]`, `["db", "seed"]`).
    static var path: [String] { get }
    static var summary: String { get }
    /// Full `--help` text: usage line, then options.
    static var help: String { get }
    static func run(_ arguments: inout Arguments, _ context: CommandContext) throws -> ExitCode
}

/// What every command may need from its surroundings; tests substitute their own.
public struct CommandContext {
    public var environment: [String: String]
    public var standardOutput: OutputStream
    public var standardError: OutputStream
    public var workingDirectory: String
    /// The wall clock, in Unix seconds, for commands run without `--now`. The one
    /// place a command reads the time of day, so tests can fix it (they set it
    /// years ahead, so a test that forgets `--now` fails today, not next month).
    public var clock: @Sendable () -> Int64
    /// All of standard input, for a command given `-` as its file (`fmt -`);
    /// tests replace it.
    public var readStandardInput: @Sendable () -> [UInt8] = { Array(FileHandle.standardInput.readDataToEndOfFile()) }

    public init(environment: [String: String], standardOutput: OutputStream, standardError: OutputStream, workingDirectory: String,
                clock: @escaping @Sendable () -> Int64 = CommandContext.systemClock) {
        self.environment = environment
        self.standardOutput = standardOutput
        self.standardError = standardError
        self.workingDirectory = workingDirectory
        self.clock = clock
    }

    /// The machine's clock.
    public static let systemClock: @Sendable () -> Int64 = { Int64(Date().timeIntervalSince1970) }

    /// Color only on a terminal and never with NO_COLOR (RULEC.md).
    public func useColor(for stream: OutputStream) -> Bool {
        environment["NO_COLOR"] == nil && stream.isTerminal
    }
}

/// A sink for text that knows whether it is a terminal.
public final class OutputStream: @unchecked Sendable {
    private let write: (String) -> Void
    public let isTerminal: Bool

    public init(isTerminal: Bool, write: @escaping (String) -> Void) {
        self.isTerminal = isTerminal
        self.write = write
    }

    public func print(_ text: String, terminator: String = "\n") { write(text + terminator) }

    public static func fileDescriptor(_ fd: Int32) -> OutputStream {
        let handle = FileHandle(fileDescriptor: fd)
        return OutputStream(isTerminal: isatty(fd) == 1) { handle.write(Data($0.utf8)) }
    }

    /// Collects everything written, for tests.
    public final class Capture: @unchecked Sendable {
        public private(set) var text = ""
        public init() {}
        public lazy var stream = OutputStream(isTerminal: false) { [unowned self] in self.text += $0 }
    }
}
