import Foundation

/// Raw mode on a terminal for the time one entry is edited: no line buffering,
/// no echo, no signals from Ctrl-C/Ctrl-Z (they arrive as bytes), no CR/LF
/// translation. `restore()` puts the saved settings back; the editor calls it
/// from a `defer`, so every return path restores.
///
/// A process killed by a signal never runs `defer`, which would leave the
/// user's shell without echo. While raw mode is on, handlers for SIGTERM,
/// SIGHUP, SIGINT and SIGQUIT restore the terminal and then die of the same
/// signal with its default action, so the parent still sees how it ended.
final class TerminalMode {
    private let fd: Int32
    private let original: termios
    private var previousActions: [(signal: Int32, action: sigaction)] = []
    private var restored = false

    /// Switches `fd` to raw mode; nil when `fd` is not a terminal (a pipe in a
    /// test), where there is nothing to switch.
    static func enterRaw(fd: Int32) -> TerminalMode? {
        guard isatty(fd) == 1 else { return nil }
        var original = termios()
        guard tcgetattr(fd, &original) == 0 else { return nil }
        var raw = original
        raw.c_iflag &= ~tcflag_t(BRKINT | ICRNL | INPCK | ISTRIP | IXON)
        raw.c_oflag &= ~tcflag_t(OPOST)
        raw.c_cflag |= tcflag_t(CS8)
        raw.c_lflag &= ~tcflag_t(ECHO | ICANON | IEXTEN | ISIG)
        withUnsafeMutableBytes(of: &raw.c_cc) { cc in
            cc[Int(VMIN)] = 1   // read returns as soon as one byte is there
            cc[Int(VTIME)] = 0
        }
        let mode = TerminalMode(fd: fd, original: original)
        mode.armSignalHandlers()
        // TCSANOW throughout. Not TCSAFLUSH: keys typed ahead (or pasted) while
        // the REPL was busy must not be thrown away. Not TCSADRAIN: it waits for
        // the terminal to read our output, forever if the terminal is gone or
        // stopped (a hangup, XOFF), which would hang the exit path; output
        // already written was processed when written, so nothing is lost.
        guard tcsetattr(fd, TCSANOW, &raw) == 0 else {
            mode.disarmSignalHandlers()
            return nil
        }
        return mode
    }

    private init(fd: Int32, original: termios) {
        self.fd = fd
        self.original = original
    }

    func restore() {
        guard !restored else { return }
        restored = true
        var settings = original
        _ = tcsetattr(fd, TCSANOW, &settings)
        disarmSignalHandlers()
    }

    deinit { restore() }

    // MARK: Signals

    private static let fatalSignals: [Int32] = [SIGTERM, SIGHUP, SIGINT, SIGQUIT]

    private func armSignalHandlers() {
        // Touch the shared slots before any handler can run, so the handler
        // never triggers their lazy initialization (not async-signal-safe).
        SignalRestoreSlots.termios.pointee = original
        SignalRestoreSlots.fd.pointee = fd
        var action = sigaction()
        action.__sigaction_handler.sa_handler = { signal in
            let fd = SignalRestoreSlots.fd.pointee
            if fd >= 0 { _ = tcsetattr(fd, TCSANOW, SignalRestoreSlots.termios) }
            Glibc.signal(signal, SIG_DFL)
            raise(signal)  // blocked until the handler returns, then fatal
        }
        sigemptyset(&action.sa_mask)
        for signalNumber in Self.fatalSignals {
            var previous = sigaction()
            guard sigaction(signalNumber, nil, &previous) == 0 else { continue }
            // A signal the parent chose to ignore (nohup) stays ignored.
            if Self.isIgnored(previous) { continue }
            if sigaction(signalNumber, &action, nil) == 0 {
                previousActions.append((signalNumber, previous))
            }
        }
    }

    /// C function pointers are not Equatable in Swift; compare their addresses.
    private static func isIgnored(_ action: sigaction) -> Bool {
        guard let handler = action.__sigaction_handler.sa_handler else { return false }
        return unsafeBitCast(handler, to: Int.self) == unsafeBitCast(SIG_IGN, to: Int.self)
    }

    private func disarmSignalHandlers() {
        for (signalNumber, action) in previousActions {
            var action = action
            sigaction(signalNumber, &action, nil)
        }
        previousActions = []
        SignalRestoreSlots.fd.pointee = -1
    }
}

/// What a signal handler needs to restore the terminal. A C signal handler can
/// reach nothing but global state, so this is the one deliberate exception to
/// "no mutable globals": two fixed slots written only by `TerminalMode` while no
/// handler is installed, and read only by the handler.
private enum SignalRestoreSlots {
    nonisolated(unsafe) static let termios = UnsafeMutablePointer<Glibc.termios>.allocate(capacity: 1)
    nonisolated(unsafe) static let fd: UnsafeMutablePointer<Int32> = {
        let slot = UnsafeMutablePointer<Int32>.allocate(capacity: 1)
        slot.initialize(to: -1)
        return slot
    }()
}
