import Foundation

/// The current row of a statement being stepped. It reads straight from
/// SQLite's buffers, so it is only valid inside the closure (or until the next
/// `next()`) that produced it; copy out what you keep, or use `values`.
public struct Row {
    let statement: Statement
    /// Keeps the cursor alive while the row is read: a cursor that went away
    /// would rewind the statement under us (`try db.cursor(sql).next()?[0]`).
    let cursor: RowCursor

    public var count: Int { Int(statement.columnCount) }
    public func name(_ index: Int) -> String { statement.columnName(Int32(index)) }

    public subscript(_ index: Int) -> SQLValue { statement.value(Int32(index)) }

    /// The column of that name; `.null` when the result has no such column.
    public subscript(_ name: String) -> SQLValue {
        statement.columnIndex(name).map { statement.value($0) } ?? .null
    }

    public func isNull(_ index: Int) -> Bool { statement.isNull(Int32(index)) }
    public func int64(_ index: Int) -> Int64 { statement.int64(Int32(index)) }
    public func int(_ index: Int) -> Int { Int(statement.int64(Int32(index))) }
    public func double(_ index: Int) -> Double { statement.double(Int32(index)) }
    public func string(_ index: Int) -> String { statement.string(Int32(index)) }
    public func data(_ index: Int) -> Data { statement.data(Int32(index)) }
    public func optionalString(_ index: Int) -> String? { isNull(index) ? nil : string(index) }
    public func optionalInt64(_ index: Int) -> Int64? { isNull(index) ? nil : int64(index) }

    /// Every column, copied out.
    public var values: [SQLValue] { (0..<count).map { self[$0] } }
}

/// Steps a query one row at a time without collecting the result, for reads
/// over millions of rows. The statement is rewound when the cursor ends or is
/// dropped, so a cached statement can be reused afterwards.
public final class RowCursor {
    private let statement: Statement
    private var finished = false

    init(statement: Statement) { self.statement = statement }

    deinit { if !finished { statement.reset() } }

    /// The next row, or nil when there are no more.
    public func next() throws -> Row? {
        guard !finished else { return nil }
        do {
            if try statement.step() { return Row(statement: statement, cursor: self) }
        } catch {
            finish()
            throw error
        }
        finish()
        return nil
    }

    private func finish() {
        finished = true
        statement.reset()
    }
}
