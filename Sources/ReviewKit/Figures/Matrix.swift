/// A table of counts with labelled rows and columns (COM-B × TDF, study × domain).
public struct CountMatrix: Sendable, Equatable {
    /// Row labels.
    public let rowLabels: [String]
    /// Column labels.
    public let columnLabels: [String]
    /// Counts, row-major: `counts[row][column]`.
    public let counts: [[Int]]
    /// What each row counts, typed, for a study × domain matrix (empty for other matrices): machine output
    /// identifies a row by these, never by its label.
    public let rowSources: [RowSource]

    /// What a study × domain row counts: a study, the quotes cited by a reference number no study carries, or
    /// the quotes with neither.
    public enum RowSource: Sendable, Equatable {
        /// A study of the workspace, by id, with its reference number when it has one.
        case study(id: String, reference: Int?)
        /// Quotes linked only to a reference number ("ref 33").
        case reference(Int)
        /// Quotes with neither a study nor a reference number.
        case unattributed
    }

    /// Creates a matrix.
    public init(rowLabels: [String], columnLabels: [String], counts: [[Int]], rowSources: [RowSource] = []) {
        self.rowLabels = rowLabels
        self.columnLabels = columnLabels
        self.counts = counts
        self.rowSources = rowSources
    }

    /// Row totals.
    public var rowTotals: [Int] { counts.map { $0.reduce(0, +) } }
    /// Column totals.
    public var columnTotals: [Int] { columnLabels.indices.map { column in counts.reduce(0) { $0 + $1[column] } } }
    /// The grand total.
    public var total: Int { rowTotals.reduce(0, +) }
}

extension CountMatrix {
    /// COM-B component × TDF domain quote counts over the given rows (all quotes when nil), one code pass.
    ///
    /// `direction` restricts the count to barriers or facilitators. Rows are the six components, columns the 14 domains.
    public static func combByDomain(_ store: QuoteStore, rows: RowSet? = nil, direction: Direction? = nil) -> CountMatrix {
        var cells = [Int](repeating: 0, count: 7 * 16)
        let wanted = direction?.rawValue ?? 0
        store.components.withUnsafeBufferPointer { components in
            store.domains.withUnsafeBufferPointer { domains in
                store.directions.withUnsafeBufferPointer { directions in
                    if let rows {
                        for word in rows.words.indices {
                            var bits = rows.words[word]
                            while bits != 0 {
                                let row = word &* 64 &+ bits.trailingZeroBitCount
                                if wanted == 0 || directions[row] == wanted { cells[Int(components[row]) &* 16 &+ Int(domains[row])] &+= 1 }
                                bits &= bits &- 1
                            }
                        }
                    } else {
                        for row in 0..<components.count where wanted == 0 || directions[row] == wanted {
                            cells[Int(components[row]) &* 16 &+ Int(domains[row])] &+= 1
                        }
                    }
                }
            }
        }
        return CountMatrix(rowLabels: COMBComponent.allCases.map(\.name), columnLabels: TDFDomain.allCases.map(\.name),
                           counts: COMBComponent.allCases.map { c in TDFDomain.allCases.map { d in cells[Int(c.rawValue) * 16 + Int(d.rawValue)] } })
    }

    /// Source × TDF domain quote counts: one row per study; quotes without a study are grouped by their
    /// citation's reference number ("ref 33"), then "unattributed", because the seed links quotes to references only.
    /// Rows with no coded quote are left out.
    public static func studyByDomain(_ workspace: Workspace, rows: RowSet? = nil, direction: Direction? = nil) -> CountMatrix {
        let store = workspace.quotes
        let studyCount = workspace.studies.count
        var studyCells = [Int](repeating: 0, count: (studyCount + 1) * 16)
        var referenceCells: [Int32: [Int]] = [:]
        let wanted = direction?.rawValue ?? 0
        store.directions.withUnsafeBufferPointer { directions in
            store.studies.withUnsafeBufferPointer { studies in
                store.domains.withUnsafeBufferPointer { domains in
                    store.references.withUnsafeBufferPointer { references in
                        studyCells.withUnsafeMutableBufferPointer { cells in
                            func add(_ row: Int) {
                                guard wanted == 0 || directions[row] == wanted else { return }
                                let study = Int(studies[row])
                                let domain = Int(domains[row])
                                if study >= 0 {
                                    cells[study &* 16 &+ domain] &+= 1
                                } else if references[row] >= 0 {
                                    referenceCells[references[row], default: [Int](repeating: 0, count: 16)][domain] += 1
                                } else {
                                    cells[studyCount &* 16 &+ domain] &+= 1
                                }
                            }
                            if let rows {
                                for word in rows.words.indices {
                                    var bits = rows.words[word]
                                    while bits != 0 {
                                        add(word &* 64 &+ bits.trailingZeroBitCount)
                                        bits &= bits &- 1
                                    }
                                }
                            } else if wanted == 0 && store.count <= Int(UInt32.max) {
                                // Every quote, either direction (the usual `matrix study`): a quote of a known study
                                // is one increment, with no call and no direction test, into 32-bit counters (no
                                // count can pass the number of quotes): 5,000 studies' counters are 320 KB, which
                                // stay in a core's 512 KB cache where 640 KB of `Int`s did not (8.8 ms of the
                                // command at 1,000,000 quotes). (Splitting the rows over two threads, each with its
                                // own counters, measured slower on this two-core machine: 10-13 ms against 8.8.)
                                // A quote without a study is only counted here; a second pass places those by
                                // reference number (a dictionary lookup per such quote inside this loop took
                                // nearly half the count's samples when one quote in twenty cites a reference only).
                                var narrow = [UInt32](repeating: 0, count: cells.count)
                                var withoutStudy = 0
                                var highestReference: Int32 = -1
                                narrow.withUnsafeMutableBufferPointer { narrow in
                                    for row in 0..<store.count {
                                        let study = Int(studies[row])
                                        if study >= 0 {
                                            narrow[study &* 16 &+ Int(domains[row])] &+= 1
                                        } else {
                                            withoutStudy &+= 1
                                            highestReference = max(highestReference, references[row])
                                        }
                                    }
                                }
                                for index in cells.indices { cells[index] &+= Int(narrow[index]) }
                                if withoutStudy > 0 && highestReference < 1 << 16 {
                                    // Reference numbers are small (a review's list of references): one row of
                                    // counters per number up to the highest, indexed, not hashed.
                                    let referenceRows = Int(highestReference) + 1
                                    var byReference = [Int](repeating: 0, count: referenceRows * 16)
                                    for row in 0..<store.count where studies[row] < 0 {
                                        let reference = Int(references[row])
                                        let domain = Int(domains[row])
                                        if reference >= 0 { byReference[reference &* 16 &+ domain] &+= 1 } else { cells[studyCount &* 16 &+ domain] &+= 1 }
                                    }
                                    for reference in 0..<referenceRows where byReference[reference * 16..<reference * 16 + 16].contains(where: { $0 > 0 }) {
                                        referenceCells[Int32(reference)] = Array(byReference[reference * 16..<reference * 16 + 16])
                                    }
                                } else if withoutStudy > 0 {
                                    for row in 0..<store.count where studies[row] < 0 { add(row) }
                                }
                            } else {
                                for row in 0..<store.count { add(row) }
                            }
                        }
                    }
                }
            }
        }
        var labels: [String] = []
        var counts: [[Int]] = []
        var sources: [RowSource] = []
        for (index, study) in workspace.studies.enumerated() {
            let row = TDFDomain.allCases.map { studyCells[index * 16 + Int($0.rawValue)] }
            if row.contains(where: { $0 > 0 }) {
                labels.append("\(study.id) \(study.label)")
                counts.append(row)
                sources.append(.study(id: study.id, reference: study.reference))
            }
        }
        for reference in referenceCells.keys.sorted() {
            let row = TDFDomain.allCases.map { referenceCells[reference]![Int($0.rawValue)] }
            if row.contains(where: { $0 > 0 }) {
                labels.append("ref \(reference)")
                counts.append(row)
                sources.append(.reference(Int(reference)))
            }
        }
        let unattributed = TDFDomain.allCases.map { studyCells[studyCount * 16 + Int($0.rawValue)] }
        if unattributed.contains(where: { $0 > 0 }) {
            labels.append("unattributed")
            counts.append(unattributed)
            sources.append(.unattributed)
        }
        return CountMatrix(rowLabels: labels, columnLabels: TDFDomain.allCases.map(\.name), counts: counts, rowSources: sources)
    }
}

/// The quotes a count matrix cannot place, by reason, so that no figure drops rows silently.
public struct LeftOutQuotes: Sendable, Equatable {
    /// Quotes without a TDF domain (not coded yet).
    public var withoutDomain = 0
    /// Quotes with a domain but no COM-B component (only counted where the matrix needs one).
    public var withoutComponent = 0
    /// Quotes without a direction, when barriers or facilitators were asked for.
    public var withoutDirection = 0

    /// How many quotes are left out in all.
    public var total: Int { withoutDomain + withoutComponent + withoutDirection }

    /// Counts the quotes among `rows` (all when nil) that a COM-B × TDF (`needsComponent`) or study × domain
    /// matrix restricted to `direction` cannot place. Quotes of the other direction are not counted: they are
    /// filtered out, not lost.
    public init(_ store: QuoteStore, rows: RowSet? = nil, direction: Direction? = nil, needsComponent: Bool) {
        let wanted = direction?.rawValue ?? 0
        func visit(_ row: Int) {
            if wanted != 0 && store.directions[row] != wanted {
                if store.directions[row] == 0 { withoutDirection += 1 }
                return
            }
            if store.domains[row] == 0 {
                withoutDomain += 1
            } else if needsComponent && store.components[row] == 0 {
                withoutComponent += 1
            }
        }
        if let rows {
            for word in rows.words.indices {
                var bits = rows.words[word]
                while bits != 0 {
                    visit(word &* 64 &+ bits.trailingZeroBitCount)
                    bits &= bits &- 1
                }
            }
        } else if wanted == 0 && !needsComponent {
            // Every quote, a study × domain matrix: only the uncoded ones, counted in one tight pass over the bytes.
            withoutDomain = store.domains.withUnsafeBufferPointer { domains in
                var zeros = 0
                for domain in domains where domain == 0 { zeros &+= 1 }
                return zeros
            }
        } else {
            for row in 0..<store.count { visit(row) }
        }
    }

    /// The note a table prints under its counts, or nil when nothing is left out.
    public var note: String? {
        guard total > 0 else { return nil }
        var reasons: [String] = []
        if withoutDomain > 0 { reasons.append("\(withoutDomain) without a TDF domain (not coded yet)") }
        if withoutComponent > 0 { reasons.append("\(withoutComponent) with a domain but no COM-B component") }
        if withoutDirection > 0 { reasons.append("\(withoutDirection) without a direction") }
        return "left out \(total) quote\(total == 1 ? "" : "s") that cannot be placed: " + reasons.joined(separator: ", ")
            + "; 'quotes where domain = unknown' lists uncoded quotes, 'code QUOTE domain=… direction=…' codes them"
    }
}
