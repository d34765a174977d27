/// Did-you-mean by edit distance, as swift-argument-parser does.
enum Suggestion {
    /// The closest candidate within a distance that still reads as a typo
    /// (a third of the word, at least 2); ties go to the earlier candidate.
    static func closest(to word: String, among candidates: some Sequence<String>) -> String? {
        let limit = max(2, word.unicodeScalars.count / 3)
        var best: (String, Int)?
        for candidate in candidates where candidate != word {
            let d = distance(word, candidate, cap: limit + 1)
            if d <= limit, d < (best?.1 ?? Int.max) { best = (candidate, d) }
        }
        return best?.0
    }

    /// Every candidate, closest first (ties in name order).
    static func ranked(_ word: String, among candidates: some Collection<String>) -> [String] {
        candidates.map { (name: $0, distance: distance(word, $0)) }
            .sorted { ($0.distance, $0.name) < ($1.distance, $1.name) }
            .map(\.name)
    }

    /// Levenshtein distance, giving up (returning `cap`) once every cell exceeds it.
    static func distance(_ a: String, _ b: String, cap: Int = .max) -> Int {
        let a = Array(a.unicodeScalars), b = Array(b.unicodeScalars)
        if a.isEmpty { return min(b.count, cap) }
        if b.isEmpty { return min(a.count, cap) }
        if abs(a.count - b.count) >= cap { return cap }
        var previous = Array(0...b.count)
        var current = previous
        for i in 1...a.count {
            current[0] = i
            var rowMinimum = i
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
                rowMinimum = min(rowMinimum, current[j])
            }
            if rowMinimum >= cap { return cap }
            swap(&previous, &current)
        }
        return min(previous[b.count], cap)
    }
}
