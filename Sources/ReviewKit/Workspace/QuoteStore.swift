/// The coded quotes, stored column by column with small integer codes.
///
/// Filters and matrices run over the code columns (one byte per quote for direction, component and
/// domain) and never compare strings; the text filter first checks each quote's `TextSignature`.
/// Rows are kept in ascending id order, so a quote is found by binary search without an index.
public struct QuoteStore: Sendable {
    /// Quote ids, ascending.
    public internal(set) var ids: [Int32] = []
    /// Verbatim texts.
    public internal(set) var texts: [String] = []
    /// `Direction.rawValue`, or 0 when not coded.
    public internal(set) var directions: [UInt8] = []
    /// `COMBComponent.rawValue`, or 0 when not coded.
    public internal(set) var components: [UInt8] = []
    /// `TDFDomain.rawValue`, or 0 when not coded.
    public internal(set) var domains: [UInt8] = []
    /// Sub-theme id, or -1.
    public internal(set) var subThemes: [Int32] = []
    /// Index into the workspace's studies, or -1.
    public internal(set) var studies: [Int32] = []
    /// The review's reference number, or -1.
    public internal(set) var references: [Int32] = []
    /// Page or locator, or "".
    public internal(set) var pages: [String] = []
    /// Signatures of the folded texts.
    public internal(set) var signatures: [TextSignature] = []

    /// Creates an empty store.
    public init() {}

    /// The number of quotes.
    public var count: Int { ids.count }

    /// Reserves room for `capacity` quotes (avoids growth spikes when the count is known).
    public mutating func reserveCapacity(_ capacity: Int) {
        ids.reserveCapacity(capacity); texts.reserveCapacity(capacity); directions.reserveCapacity(capacity)
        components.reserveCapacity(capacity); domains.reserveCapacity(capacity); subThemes.reserveCapacity(capacity)
        studies.reserveCapacity(capacity); references.reserveCapacity(capacity); pages.reserveCapacity(capacity)
        signatures.reserveCapacity(capacity)
    }

    /// The row of a quote id, or nil.
    public func row(of id: Int) -> Int? {
        let target = Int32(clamping: id)
        var low = 0, high = ids.count
        while low < high {
            let mid = (low + high) / 2
            if ids[mid] < target { low = mid + 1 } else { high = mid }
        }
        return low < ids.count && ids[low] == target ? low : nil
    }

    /// Where a new id would go to keep ids ascending.
    func insertionRow(for id: Int32) -> Int {
        if let last = ids.last, last < id { return ids.count }
        var low = 0, high = ids.count
        while low < high {
            let mid = (low + high) / 2
            if ids[mid] < id { low = mid + 1 } else { high = mid }
        }
        return low
    }

    /// Appends a row whose id is larger than every id present (the loaders' fast path).
    mutating func append(id: Int32, text: String, direction: UInt8, component: UInt8, domain: UInt8,
                         subTheme: Int32, study: Int32, reference: Int32, page: String) {
        ids.append(id); texts.append(text); directions.append(direction); components.append(component)
        domains.append(domain); subThemes.append(subTheme); studies.append(study); references.append(reference)
        pages.append(page); signatures.append(TextSignature(of: text))
    }

    /// Inserts a row at `row`.
    mutating func insert(row: Int, id: Int32, text: String, direction: UInt8, component: UInt8, domain: UInt8,
                         subTheme: Int32, study: Int32, reference: Int32, page: String) {
        ids.insert(id, at: row); texts.insert(text, at: row); directions.insert(direction, at: row)
        components.insert(component, at: row); domains.insert(domain, at: row); subThemes.insert(subTheme, at: row)
        studies.insert(study, at: row); references.insert(reference, at: row); pages.insert(page, at: row)
        signatures.insert(TextSignature(of: text), at: row)
    }

    /// Removes a row.
    mutating func remove(row: Int) {
        ids.remove(at: row); texts.remove(at: row); directions.remove(at: row); components.remove(at: row)
        domains.remove(at: row); subThemes.remove(at: row); studies.remove(at: row); references.remove(at: row)
        pages.remove(at: row); signatures.remove(at: row)
    }

    /// Total UTF-8 bytes of all quote texts.
    public var textByteCount: Int { texts.reduce(0) { $0 + $1.utf8.count } }
}
