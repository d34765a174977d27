/// Up/Down through history while one entry is edited.
///
/// It works on a scratch copy of the entries with the entry being typed (the
/// draft) at the end: moving away from an item keeps its edited text, so going
/// Up to look at an old entry and back Down returns the unsubmitted draft as it
/// was left. The real history changes only when an entry is submitted.
struct HistoryBrowser {
    private var items: [String]
    private var index: Int

    init(history: [String]) {
        items = history + [""]
        index = items.count - 1
    }

    /// The previous (older) item, remembering `current` as the text of the one left.
    mutating func older(leaving current: String) -> String? {
        guard index > 0 else { return nil }
        items[index] = current
        index -= 1
        return items[index]
    }

    /// The next (newer) item, down to the draft.
    mutating func newer(leaving current: String) -> String? {
        guard index < items.count - 1 else { return nil }
        items[index] = current
        index += 1
        return items[index]
    }
}
