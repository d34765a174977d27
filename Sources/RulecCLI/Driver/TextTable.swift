/// Aligned columns for text output (the REPL's fan tables, `hitl list`, the
/// demo's summary). Widths are terminal cells, so names in CJK or with emoji
/// do not push the columns after them out of line.
enum TextTable {
    /// One line per row, cells padded to their column's width and separated by
    /// two spaces; the last column is not padded, so lines carry no trailing blanks.
    static func lines(_ rows: [[String]]) -> [String] {
        guard let columns = rows.map(\.count).max(), columns > 0 else { return [] }
        let widths = (0..<columns).map { column in
            rows.map { column < $0.count ? DisplayWidth.of($0[column].unicodeScalars) : 0 }.max() ?? 0
        }
        return rows.map { row in
            row.enumerated().map { column, cell in
                guard column < row.count - 1 else { return cell }
                return cell + String(repeating: " ", count: widths[column] - DisplayWidth.of(cell.unicodeScalars))
            }.joined(separator: "  ")
        }
    }
}
