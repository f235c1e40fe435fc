/// The text of every cell of a table, as UTF-8 bytes one after another with each cell's start: what the terminal
/// layout measures and writes.
///
/// Why not `[[String]]`: a 5,500-row `matrix study` has 88,000 cells, and a `String` per cell cost a retain and a
/// release at every look (measuring, then writing), an array per row, and the freeing of them all afterwards — a
/// third of the command's time. Here a cell is a range of one buffer; a `String` is made only for a cell that is
/// not printable ASCII or has to wrap.
struct CellTexts {
    /// The cells' text, row by row, column by column.
    private(set) var bytes: [UInt8] = []
    /// Where each cell starts in `bytes`, and after the last one where it ends.
    private var starts: [Int] = [0]
    /// Cells per row.
    let columns: Int

    /// An empty table of `columns` cells per row; `rows` (an estimate) reserves the index.
    init(columns: Int, rows: Int = 0) {
        self.columns = max(1, columns)
        starts.reserveCapacity(min(max(0, rows), 1 << 22) * self.columns + 1)
    }

    /// The number of complete rows.
    var rows: Int { (starts.count - 1) / columns }

    /// Appends the next cell's text.
    mutating func append(_ text: String) {
        var text = text
        text.withUTF8 { bytes.append(contentsOf: $0) }
        starts.append(bytes.count)
    }

    /// Appends the next cell: a value's display text (`description`), a whole number written as digits without
    /// making a `String` (a study × domain matrix is 80,000 of them).
    mutating func append(_ value: ResultValue) {
        guard case .integer(let number) = value else { return append(value.description) }
        var magnitude = number.magnitude
        var digits = 1
        var rest = magnitude
        while rest >= 10 { rest /= 10; digits += 1 }
        if number < 0 { bytes.append(UInt8(ascii: "-")) }
        var index = bytes.count + digits - 1
        bytes.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: digits))
        repeat {
            bytes[index] = UInt8(ascii: "0") + UInt8(magnitude % 10)
            magnitude /= 10
            index -= 1
        } while magnitude > 0
        starts.append(bytes.count)
    }

    /// The bytes of cell (`row`, `column`) within `bytes`.
    func range(_ row: Int, _ column: Int) -> Range<Int> {
        let cell = row * columns + column
        return starts[cell]..<starts[cell + 1]
    }

    /// The text of cell (`row`, `column`).
    func string(_ row: Int, _ column: Int) -> String {
        String(decoding: bytes[range(row, column)], as: UTF8.self)
    }
}
