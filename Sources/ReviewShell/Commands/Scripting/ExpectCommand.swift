import ReviewKit

/// `expect`: assert a figure in a script, a row count or one value of another command's result.
struct ExpectCommand: Command {
    let name = "expect"
    let group = CommandGroup.scripting
    let summary = "assert a figure in a script: a row count or one value of a command's result"
    let usage = ["expect rows OP N from COMMAND", "expect NAME OP VALUE [within TOL] from COMMAND", "expect COLUMN[ROW] OP VALUE [within TOL] from COMMAND"]
    let details = """
    OP is one of = != < <= > >=. 'rows' counts a table's rows (or takes a count's value). NAME is a field of a record result (kappa, mean…) \
    or a column of a one-row table; COLUMN[ROW] is the cell of the row whose first column is ROW (or row #N). \
    A number is compared at the precision it is written with (0.430 checks three decimals) unless 'within TOL' is given. \
    A failed expect prints both values with file:line and makes review exit with status 3.
    """
    let examples = ["expect rows = 33 from studies", "expect studies[high] = 22 from bands", "expect kappa = 0.430 from kappa fleiss counts \"…\"",
                    "expect quotes = 18 from quotes where direction = barrier count", "expect total[S06] = 4.5 from casp"]
    let signature = ArgumentSignature.rest(.command)

    func run(_ arguments: ParsedArguments, in context: CommandContext) throws(Diagnostic) -> CommandResult {
        let invocation = arguments.invocation
        let words = try invocation.words()
        guard let fromIndex = words.firstIndex(where: { !$0.quoted && $0.text.lowercased() == "from" }) else {
            throw invocation.missing("'expect' needs 'from COMMAND', e.g. 'expect rows = 33 from studies'")
        }
        let assertion = Array(words[..<fromIndex])
        guard assertion.count == 3 || (assertion.count == 5 && assertion[3].text.lowercased() == "within") else {
            throw invocation.error("write the assertion as TARGET OP VALUE [within TOL], e.g. 'rows = 33'", at: (assertion.first?.span.lowerBound ?? invocation.argumentOffset)..<words[fromIndex].span.lowerBound)
        }
        let target = assertion[0], op = assertion[1].text, expectedWord = assertion[2]
        guard ["=", "==", "!=", "<", "<=", ">", ">="].contains(op) else {
            throw invocation.error("unknown comparison '\(op)'; expected = != < <= > >=", at: assertion[1].span)
        }
        var tolerance: Double?
        if assertion.count == 5 {
            guard let value = Double(assertion[4].text), value >= 0 else { throw invocation.error("'within' needs a non-negative number", at: assertion[4].span) }
            tolerance = value
        }
        let commandStart = fromIndex + 1 < words.count ? words[fromIndex + 1].span.lowerBound : invocation.text.count
        guard commandStart < invocation.text.count else { throw invocation.missing("'from' needs a command to run") }
        // The inner command keeps its columns, so its errors point into this line.
        let chars = Array(invocation.text)
        let innerText = String(repeating: " ", count: commandStart) + String(chars[commandStart...])
        guard let inner = Invocation(innerText), inner.name.lowercased() != "expect" else {
            throw invocation.error("'expect' cannot check another 'expect'", at: commandStart..<chars.count)
        }
        var result: CommandResult
        do throws(Diagnostic) { result = try context.host.execute(inner) } catch {
            var error = error
            error.lineText = invocation.text
            throw error
        }
        let actual = try ExpectTarget.value(of: target, in: result, invocation: invocation)
        let expected = expectedWord.text
        let passed: Bool
        var shown = actual.description
        if let e = Double(expected), let a = actual.numericValue {
            let decimals = expected.split(separator: ".", omittingEmptySubsequences: false).dropFirst().first?.count ?? 0
            let compared: Double
            if let tolerance {
                compared = abs(a - e) <= tolerance ? e : a
            } else {
                compared = Double(ResultValue.format(a, decimals: decimals)) ?? a
                if compared != a { shown = "\(ResultValue.format(a, decimals: max(decimals + 3, 4))) (\(ResultValue.format(a, decimals: decimals)) at \(decimals) decimal\(decimals == 1 ? "" : "s"))" }
            }
            switch op {
            case "=", "==": passed = compared == e
            case "!=": passed = compared != e
            case "<": passed = a < e
            case "<=": passed = compared <= e
            case ">": passed = a > e
            default: passed = compared >= e
            }
        } else {
            // The value as shown ("B", "Q12") or as machine output carries it ("barrier").
            let equal = TextFolding.fold(actual.description) == TextFolding.fold(expected)
                || TextFolding.fold(actual.machineValue.description) == TextFolding.fold(expected)
            switch op {
            case "=", "==": passed = equal
            case "!=": passed = !equal
            default: throw invocation.error("'\(op)' compares numbers; '\(actual.description)' or '\(expected)' is not a number", at: assertion[1].span)
            }
        }
        guard passed else {
            throw invocation.error("expect failed: \(target.text) is \(shown), expected \(op == "==" ? "=" : op) \(expected)\(tolerance.map { " within \($0)" } ?? "")",
                                   at: expectedWord.span, kind: .expectFailed)
        }
        return .empty
    }
}

/// Finds the value an `expect` names in a result.
enum ExpectTarget {
    static func value(of target: Word, in result: CommandResult, invocation: Invocation) throws(Diagnostic) -> ResultValue {
        let name = target.text
        let lower = TextFolding.fold(name)
        let items: [CommandResult]
        if case .sequence(let list) = result { items = list } else { items = [result] }
        if lower == "rows" || lower == "count" {
            for item in items {
                if case .table(let table) = item { return .integer(table.rows.count) }
                if case .figure(let figure) = item { return figure.value }
            }
            throw invocation.error("the command gave no table or count to take '\(name)' of", at: target.span)
        }
        var column = lower
        var rowKey: String?
        if let open = name.firstIndex(of: "["), name.hasSuffix("]") {
            column = TextFolding.fold(String(name[..<open]))
            rowKey = String(name[name.index(after: open)..<name.index(before: name.endIndex)])
        }
        var available: [String] = []
        for item in items {
            switch item {
            case .figure(let figure):
                if TextFolding.fold(figure.label) == column || figure.key == column || column == "value" { return figure.value }
                available.append(figure.label)
            case .record(let record):
                if let field = record.fields.first(where: { TextFolding.fold($0.label) == column || $0.key == column }) { return field.value }
                available += record.fields.map(\.label)
            case .table(let table):
                guard let c = table.columns.firstIndex(where: { TextFolding.fold($0.label) == column || $0.key == column }) else {
                    available += table.columns.map { $0.label + "[ROW]" }
                    continue
                }
                if let rowKey {
                    // A row is named by its first cell as shown ("Psychological capability", "Q12") or as machine output carries it.
                    if let row = table.rows.first(where: { TextFolding.fold($0.first?.description ?? "") == TextFolding.fold(rowKey)
                                                      || TextFolding.fold($0.first?.machineValue.description ?? "") == TextFolding.fold(rowKey) }) { return row[c] }
                    if rowKey.hasPrefix("#"), let n = Int(rowKey.dropFirst()), n >= 1, n <= table.rows.count { return table.rows[n - 1][c] }
                    throw invocation.error("no row '\(rowKey)' in the result", at: target.span,
                                           notes: ["rows: " + table.rows.prefix(20).map { $0.first?.description ?? "" }.joined(separator: ", ")])
                }
                if table.rows.count == 1 { return table.rows[0][c] }
                throw invocation.error("the table has \(table.rows.count) rows; name one as \(table.columns[c].label)[ROW]", at: target.span)
            default:
                break
            }
        }
        throw invocation.error("the result has no value '\(name)'", at: target.span,
                               notes: available.isEmpty ? [] : ["it has: " + available.prefix(24).joined(separator: ", ")])
    }
}
