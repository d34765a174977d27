import Foundation

/// The process's CPU time so far (user + system), in seconds. On this shared
/// 2-core machine a wall-clock time says as much about the neighbours as about
/// the code; SQLite runs in the process, so its work is counted here too.
enum ProcessCPU {
    static func seconds() -> Double {
        var now = timespec()
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &now)
        return Double(now.tv_sec) + Double(now.tv_nsec) * 1e-9
    }
}
