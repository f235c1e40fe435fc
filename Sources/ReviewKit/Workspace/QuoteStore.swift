/// The coded quotes, stored column by column with small integer codes.
///
/// Filters and matrices run over the code columns (one byte per quote for direction, component and
/// domain) and never compare strings; the text filter first checks each quote's `TextSignature`.
/// Rows are kept in ascending id order, so a quote is found by binary search without an index.
///
/// Texts are not kept as one `String` per quote (about 48 bytes of header and allocator overhead
/// each): all texts' UTF-8 bytes sit back to back in `textBytes`, and `textStarts` says where each
/// row's text begins. `texts[row]` still gives a `String`, made on demand; the search code reads the
/// bytes in place through `withText(atRow:_:)`.
///
/// The texts, their offsets and signatures are `MappableColumn`s: after a load through `SnapshotCache` they are
/// views of the mapped cache file (read only when a command reads a text), copied into owned arrays by the
/// first change.
public struct QuoteStore: Sendable {
    /// Quote ids, ascending.
    public internal(set) var ids: [Int32] = []
    /// Every quote's verbatim text as UTF-8, in row order with no separators.
    public private(set) var textBytes: MappableColumn<UInt8> = []
    /// Where each row's text starts in `textBytes`; one entry more than there are rows (the last is `textBytes.count`).
    public private(set) var textStarts: MappableColumn<Int> = [0]
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
    /// Page or locator, or "" (short strings, stored inline without an allocation).
    public internal(set) var pages: [String] = []
    /// Free codes (tags) per row, in order; an empty array for an untagged quote (no allocation).
    public internal(set) var tags: [[String]] = []
    /// Signatures of the folded texts, kept in step with the texts.
    public private(set) var signatures: MappableColumn<TextSignature> = []

    /// Creates an empty store.
    public init() {}

    /// A store from columns `SnapshotCache` saved (it checks their lengths agree before calling this).
    init(ids: [Int32], textBytes: MappableColumn<UInt8>, textStarts: MappableColumn<Int>, directions: [UInt8], components: [UInt8], domains: [UInt8],
         subThemes: [Int32], studies: [Int32], references: [Int32], pages: [String], signatures: MappableColumn<TextSignature>) {
        self.ids = ids; self.textBytes = textBytes; self.textStarts = textStarts
        self.directions = directions; self.components = components; self.domains = domains
        self.subThemes = subThemes; self.studies = studies; self.references = references
        self.pages = pages; self.signatures = signatures
        // Free codes are not part of the cached columns: the @tags section (parsed from the text) fills them in.
        self.tags = Array(repeating: [], count: ids.count)
    }

    /// The number of quotes.
    public var count: Int { ids.count }

    /// The texts as a collection of `String`s, one per row (each made on demand from `textBytes`).
    public var texts: TextColumn { TextColumn(bytes: textBytes, starts: textStarts) }

    /// The text of a row.
    public func text(atRow row: Int) -> String {
        withText(atRow: row) { String(decoding: $0, as: UTF8.self) }
    }

    /// Calls `body` with a row's text as UTF-8 bytes, read in place.
    @inline(__always)
    public func withText<R>(atRow row: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        let start = textStarts[row], end = textStarts[row + 1]
        return try textBytes.withUnsafeBufferPointer { try body(UnsafeBufferPointer(rebasing: $0[start..<end])) }
    }

    /// The UTF-8 length of a row's text.
    public func textByteCount(atRow row: Int) -> Int { textStarts[row + 1] - textStarts[row] }

    /// Total UTF-8 bytes of all quote texts.
    public var textByteCount: Int { textBytes.count }

    /// Reserves room for `capacity` quotes and, when given, `textBytes` bytes of text in all,
    /// so that loading a known amount never passes through the columns' copy-and-double growth.
    public mutating func reserveCapacity(_ capacity: Int, textBytes: Int? = nil) {
        ids.reserveCapacity(capacity); directions.reserveCapacity(capacity); components.reserveCapacity(capacity)
        domains.reserveCapacity(capacity); subThemes.reserveCapacity(capacity); studies.reserveCapacity(capacity)
        references.reserveCapacity(capacity); pages.reserveCapacity(capacity); signatures.reserveCapacity(capacity)
        tags.reserveCapacity(capacity)
        textStarts.reserveCapacity(capacity + 1)
        if let textBytes { self.textBytes.reserveCapacity(textBytes) }
    }

    /// The row of a quote id, or nil.
    public func row(of id: Int) -> Int? {
        guard id >= Int(Int32.min), id <= Int(Int32.max) else { return nil }
        let target = Int32(id)
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
                         subTheme: Int32, study: Int32, reference: Int32, page: String, tags: [String] = []) {
        var text = text
        text.withUTF8 { utf8 in
            append(id: id, utf8: utf8, direction: direction, component: component, domain: domain,
                   subTheme: subTheme, study: study, reference: reference, page: page, tags: tags)
        }
    }

    /// Appends a row from UTF-8 bytes (valid UTF-8 is the caller's promise), without making a `String`.
    mutating func append(id: Int32, utf8: UnsafeBufferPointer<UInt8>, direction: UInt8, component: UInt8, domain: UInt8,
                         subTheme: Int32, study: Int32, reference: Int32, page: String, tags: [String] = []) {
        growTextBytes(toHold: textBytes.count + utf8.count)
        textBytes.append(contentsOf: utf8)
        textStarts.append(textBytes.count)
        ids.append(id); directions.append(direction); components.append(component)
        domains.append(domain); subThemes.append(subTheme); studies.append(study); references.append(reference)
        pages.append(page); signatures.append(TextSignature(utf8: utf8)); self.tags.append(tags)
    }

    /// Grows the text buffer by half again (not double) when it must grow, to keep loading spikes small.
    private mutating func growTextBytes(toHold needed: Int) {
        let capacity = textBytes.capacity
        guard needed > capacity else { return }
        textBytes.reserveCapacity(max(needed, capacity + capacity / 2, 4096))
    }

    /// Inserts a row at `row`.
    mutating func insert(row: Int, id: Int32, text: String, direction: UInt8, component: UInt8, domain: UInt8,
                         subTheme: Int32, study: Int32, reference: Int32, page: String, tags: [String] = []) {
        if row == count {
            append(id: id, text: text, direction: direction, component: component, domain: domain,
                   subTheme: subTheme, study: study, reference: reference, page: page, tags: tags)
            return
        }
        let utf8 = Array(text.utf8)
        let start = textStarts[row]
        textBytes.insert(contentsOf: utf8, at: start)
        textStarts.insert(start, at: row)
        shiftStarts(after: row, by: utf8.count)
        ids.insert(id, at: row); directions.insert(direction, at: row)
        components.insert(component, at: row); domains.insert(domain, at: row); subThemes.insert(subTheme, at: row)
        studies.insert(study, at: row); references.insert(reference, at: row); pages.insert(page, at: row)
        self.tags.insert(tags, at: row)
        signatures.insert(utf8.withUnsafeBufferPointer { TextSignature(utf8: $0) }, at: row)
    }

    /// Replaces a row's text (and its signature).
    mutating func setText(_ text: String, atRow row: Int) {
        let utf8 = Array(text.utf8)
        let start = textStarts[row], end = textStarts[row + 1]
        textBytes.replaceSubrange(start..<end, with: utf8)
        shiftStarts(after: row, by: utf8.count - (end - start))
        signatures[row] = utf8.withUnsafeBufferPointer { TextSignature(utf8: $0) }
    }

    /// Removes a row.
    mutating func remove(row: Int) {
        let start = textStarts[row], end = textStarts[row + 1]
        textBytes.removeSubrange(start..<end)
        textStarts.remove(at: row + 1)
        shiftStarts(after: row, by: start - end)
        ids.remove(at: row); directions.remove(at: row); components.remove(at: row)
        domains.remove(at: row); subThemes.remove(at: row); studies.remove(at: row); references.remove(at: row)
        pages.remove(at: row); signatures.remove(at: row); tags.remove(at: row)
    }

    /// Drops every row from `count` on (undoes appends).
    mutating func truncate(to count: Int) {
        guard count < self.count else { return }
        let range = count..<self.count
        textBytes.removeSubrange(textStarts[count]...)
        textStarts.removeSubrange((count + 1)...)
        ids.removeSubrange(range); directions.removeSubrange(range); components.removeSubrange(range)
        domains.removeSubrange(range); subThemes.removeSubrange(range); studies.removeSubrange(range); references.removeSubrange(range)
        pages.removeSubrange(range); signatures.removeSubrange(range); tags.removeSubrange(range)
    }

    /// Adds `delta` to the starts of every row after `row` (and to the end sentinel).
    private mutating func shiftStarts(after row: Int, by delta: Int) {
        guard delta != 0 else { return }
        textStarts.withUnsafeMutableBufferPointer { starts in
            for index in (row + 1)..<starts.count { starts[index] &+= delta }
        }
    }
}

/// The quote texts of a `QuoteStore` as `String`s, one per row, made on demand from the shared bytes.
public struct TextColumn: RandomAccessCollection, Sendable {
    let bytes: MappableColumn<UInt8>
    let starts: MappableColumn<Int>

    /// The first row (0).
    public var startIndex: Int { 0 }
    /// One past the last row.
    public var endIndex: Int { starts.count - 1 }

    /// The text of a row.
    public subscript(row: Int) -> String {
        let start = starts[row], end = starts[row + 1]
        return bytes.withUnsafeBufferPointer { String(decoding: UnsafeBufferPointer(rebasing: $0[start..<end]), as: UTF8.self) }
    }
}
