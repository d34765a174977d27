/// glibc's allocator settings for a long run. By default `free` hands memory
/// at the top of the heap back to the kernel as soon as 128 KiB are free
/// there, so the engine's steady churn of small allocations (SQLite's
/// per-statement savepoint state, Swift strings and arrays per action) shrank
/// and regrew the heap with `brk` over and over, and every regrown page was
/// zero-filled again by a page fault: about a quarter of `run`'s time in the
/// profile (`perf`: `sqlite3BtreeBeginTrans` → `malloc` → `brk` → page faults).
/// Keeping up to 64 MiB of free heap, grown 4 MiB at a time, stops that. The
/// peak resident size does not grow: only memory the run already used is kept.
enum AllocatorTuning {
    static func forLongRun() {
        #if os(Linux)
        _ = glibcMallopt(mTrimThreshold, 64 << 20)
        _ = glibcMallopt(mTopPad, 4 << 20)
        #endif
    }

    // `<malloc.h>` is not part of the Glibc module, so its two parameters are spelled out.
    private static let mTrimThreshold: Int32 = -1
    private static let mTopPad: Int32 = -2
}

#if os(Linux)
@_silgen_name("mallopt")
private func glibcMallopt(_ parameter: Int32, _ value: Int32) -> Int32
#endif
