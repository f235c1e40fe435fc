import Testing
@testable import ReviewShell

/// `CellTexts` keeps each cell's text as the value's `description` would give it; whole numbers are written as
/// digits without a `String`, checked here against `String(_:)` (the standard library's own formatting).
@Suite struct CellTextsTests {
    @Test func wholeNumbersReadAsTheirDescription() {
        var generator = PlainTableLinesTests.Generator(state: 29)
        var numbers = [0, 1, 9, 10, 99, 100, -1, -9, -10, 12_345, Int.max, Int.min, Int.max - 1, Int.min + 1]
        for _ in 0..<2_000 {
            let bits = Int.random(in: 0...62, using: &generator)
            numbers.append(Int.random(in: -(1 << bits)...(1 << bits), using: &generator))
        }
        var cells = CellTexts(columns: 1)
        for number in numbers { cells.append(ResultValue.integer(number)) }
        #expect(cells.rows == numbers.count)
        for (row, number) in numbers.enumerated() { #expect(cells.string(row, 0) == String(number)) }
    }

    @Test func otherValuesKeepTheirDisplayText() {
        let values: [ResultValue] = [.text("Janoušková “quoted” 😀"), .number(0.8264, decimals: 3), .pValue(0.0004), .pair(2, 3),
                                     .boolean(true), .missing, .absent("no data"), .labelled(.integer(12), display: "Q12"), .text("")]
        var cells = CellTexts(columns: 3)
        for value in values { cells.append(value) }
        #expect(cells.rows == 3)
        for (index, value) in values.enumerated() { #expect(cells.string(index / 3, index % 3) == value.description) }
    }
}
