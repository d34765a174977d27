/// Decides where each comment goes, by byte position alone, so that every
/// comment lands in exactly one place:
/// - a comment that shares its source line with code stays at the end of the
///   output line that holds that code (trailing);
/// - a comment inside code that the formatter joined onto one line moves to
///   just above that line;
/// - any other comment goes above the line whose code follows it in the
///   source (leading), or inside the block above its closing brace, or at the
///   end of the file.
/// Lines are matched by source position rather than output order, so a
/// comment travels with its rule clause when clauses are reordered.
struct CommentPlacement {
    /// Comments above each line, in source order.
    var leading: [[Comment]]
    /// At most one comment after each line's code.
    var trailing: [Comment?]
    /// Comments after the last line of code.
    var end: [Comment] = []

    init(comments: [Comment], lines: [LayoutLine], source: [UInt8]) {
        leading = Array(repeating: [], count: lines.count)
        trailing = Array(repeating: nil, count: lines.count)
        let byStart = lines.indices.sorted { lines[$0].sourceStart < lines[$1].sourceStart }
        let starts = byStart.map { lines[$0].sourceStart }

        for comment in comments.sorted(by: { $0.range.start < $1.range.start }) {
            let position = comment.range.start
            // The last line starting at or before the comment, and the first after it.
            let after = Self.firstIndex(in: starts, greaterThan: position)
            let containing = after > 0 ? byStart[after - 1] : nil
            let following = after < byStart.count ? byStart[after] : nil

            if let containing, position < lines[containing].sourceEnd {
                leading[containing].append(comment)
            } else if let containing, trailing[containing] == nil,
                      SourceScan.hasCodeBefore(in: source, offset: position) {
                trailing[containing] = comment
            } else if let following {
                leading[following].append(comment)
            } else {
                end.append(comment)
            }
        }
    }

    /// Binary search: the number of elements of the ascending `values` that are ≤ `value`.
    private static func firstIndex(in values: [Int], greaterThan value: Int) -> Int {
        var low = 0, high = values.count
        while low < high {
            let mid = (low + high) / 2
            if values[mid] <= value { low = mid + 1 } else { high = mid }
        }
        return low
    }
}
