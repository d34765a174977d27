import Syntax

/// Pass 5: warnings and notes over a program that checked without errors.
extension CheckState {
    mutating func lint() {
        lintUnboundedMessaging()
        lintConditions()
        lintDuplicateSends()
        lintUnusedSegments()
        lintPolicy()
    }
}
