import Foundation
import Testing

/// A private tmux server with one pane, for driving `rulec repl` on a real
/// terminal: keys go in with `send-keys`, the screen comes back with
/// `capture-pane`. Each server has its own socket name, so tests never meet a
/// user's tmux or each other; `kill()` ends the server and everything in it.
final class Tmux {
    static var executable: URL? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return path.split(separator: ":")
            .map { URL(fileURLWithPath: String($0)).appendingPathComponent("tmux") }
            .first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }

    static var isInstalled: Bool { executable != nil }

    let socket: String
    private let executable: URL

    /// Starts a detached `width`×40 session running `command` (a `sh -c` string).
    init(name: String, command: String, width: Int = 120) throws {
        executable = try #require(Self.executable)
        socket = "rulec-test-\(getpid())-\(name)"
        // `-f /dev/null`: no user configuration to change key or screen behavior.
        // remain-on-exit keeps the screen readable after the command ends (set
        // before any key is sent, and the command waits for keys to end).
        try run(["-f", "/dev/null", "new-session", "-d", "-x", String(width), "-y", "40", command,
                 ";", "set-option", "-g", "remain-on-exit", "on"])
    }

    /// Types text literally.
    func type(_ text: String) throws { try run(["send-keys", "-l", text]) }

    /// Presses named keys (`Left`, `BSpace`, `Home`, `C-c`, ...).
    func press(_ keys: String...) throws { try run(["send-keys"] + keys) }

    /// Presses one key several times.
    func press(_ key: String, times: Int) throws { try run(["send-keys", "-N", String(times), key]) }

    /// The visible screen, or with `scrollback` everything the pane has shown
    /// (for output taller than the 40 rows).
    func screen(scrollback: Bool = false) throws -> String {
        try run(["capture-pane", "-p"] + (scrollback ? ["-S", "-"] : []))
    }

    /// Polls the screen until `condition` holds; records the last screen if it never does.
    @discardableResult
    func waitFor(_ what: String, timeout: TimeInterval = 10, scrollback: Bool = false,
                 sourceLocation: SourceLocation = #_sourceLocation, _ condition: (String) -> Bool) throws -> String {
        let deadline = Date().addingTimeInterval(timeout)
        var last = ""
        while Date() < deadline {
            last = try screen(scrollback: scrollback)
            if condition(last) { return last }
            usleep(30_000)
        }
        Issue.record("timed out waiting for \(what); screen:\n\(last)", sourceLocation: sourceLocation)
        throw TimedOut()
    }

    struct TimedOut: Error {}

    /// Ends the server and whatever runs in it, and removes its socket file
    /// (tmux leaves it behind in /tmp/tmux-UID).
    func kill() {
        let socketPath = (try? run(["display-message", "-p", "#{socket_path}"]))?
            .trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        _ = try? run(["kill-server"])
        if socketPath.hasSuffix("/" + socket) { unlink(socketPath) }
    }

    /// Runs one tmux command and returns its standard output.
    ///
    /// Spawned by hand rather than with `Process`: the child must start with no
    /// signals blocked and default handlers (test-runner threads block some, and
    /// the tmux server and the REPL in it would inherit that, so SIGHUP and
    /// SIGTERM could not end them), and `Process.waitUntilExit` was seen to hang
    /// on the tmux client that forks the server.
    @discardableResult
    private func run(_ arguments: [String]) throws -> String {
        let outputPath = FileManager.default.temporaryDirectory.appendingPathComponent("rulec-tmux-\(UUID().uuidString)").path
        defer { unlink(outputPath) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outputPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        var defaultSignals = sigset_t()
        sigemptyset(&defaultSignals)
        for signal in [SIGHUP, SIGINT, SIGQUIT, SIGTERM, SIGPIPE, SIGCHLD] { sigaddset(&defaultSignals, signal) }
        posix_spawnattr_setsigdefault(&attributes, &defaultSignals)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

        let words = [executable.path, "-L", socket] + arguments
        let argv = words.map { strdup($0) } + [nil]
        defer { for word in argv { free(word) } }
        var pid = pid_t()
        let spawned = posix_spawn(&pid, executable.path, &actions, &attributes, argv, environ)
        guard spawned == 0 else { throw SpawnFailed(code: spawned) }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        return (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? ""
    }

    struct SpawnFailed: Error { let code: Int32 }
}

extension String {
    /// The screen's lines with trailing blanks removed, empty rows at the end dropped.
    var screenLines: [String] {
        var lines = split(separator: "\n", omittingEmptySubsequences: false).map {
            String($0.reversed().drop { $0 == " " }.reversed())
        }
        while lines.last == "" { lines.removeLast() }
        return lines
    }

    func occurrences(of needle: String) -> Int {
        components(separatedBy: needle).count - 1
    }
}
