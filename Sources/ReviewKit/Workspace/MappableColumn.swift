#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A read-only memory mapping that columns view without owning; unmapped when the last column viewing it is gone.
///
/// `SnapshotCache` maps its file once and hands out views of the large quote columns. Pages of a mapping count
/// toward the process's memory only once they are read, so a column nobody reads costs nothing.
public final class ColumnMapping: @unchecked Sendable {
    // Unchecked: the memory is mapped read-only and never written, and the pointer and size never change.
    let base: UnsafeRawPointer
    let byteCount: Int

    /// Takes over a mapping made with `mmap` (unmapped in `deinit`).
    init(base: UnsafeRawPointer, byteCount: Int) {
        self.base = base
        self.byteCount = byteCount
    }

    /// Gives back the pages holding `count` bytes at `byteOffset` (the whole pages around them): they no longer
    /// count toward the process's memory, and are read again from the file when next read.
    func release(byteOffset: Int, count: Int) {
        let page = Int(sysconf(Int32(_SC_PAGESIZE)))
        let start = max(byteOffset, 0) / page * page
        let end = min((byteOffset + count + page - 1) / page * page, (byteCount + page - 1) / page * page)
        guard end > start else { return }
        _ = madvise(UnsafeMutableRawPointer(mutating: base) + start, end - start, MADV_DONTNEED)
    }

    deinit { munmap(UnsafeMutableRawPointer(mutating: base), byteCount) }
}

/// A view of `count` values in a `ColumnMapping`, which it keeps alive.
@usableFromInline
final class MappedValues<Element: BitwiseCopyable>: @unchecked Sendable {
    // Unchecked: an immutable view of read-only memory.
    @usableFromInline let buffer: UnsafeBufferPointer<Element>
    let mapping: ColumnMapping

    init(_ mapping: ColumnMapping, byteOffset: Int, count: Int) {
        precondition(byteOffset >= 0 && count >= 0 && byteOffset + count * MemoryLayout<Element>.stride <= mapping.byteCount
                     && byteOffset % MemoryLayout<Element>.alignment == 0, "a mapped column must lie inside its mapping")
        buffer = UnsafeBufferPointer(start: (mapping.base + byteOffset).assumingMemoryBound(to: Element.self), count: count)
        self.mapping = mapping
    }
}

/// One fixed-width column of a `QuoteStore`: an array it owns, or a read-only view of a mapped file.
///
/// It reads like an array (a random-access, mutable, range-replaceable collection with the array's
/// `withUnsafe…` accessors), so the code that scans a column does not care where it lives. A mapped column is
/// copy-on-write against the file: the first change copies it into an owned array and drops the view, so edits,
/// undo and save work exactly as on a column that was always owned, and the file is never written.
public struct MappableColumn<Element: BitwiseCopyable & Sendable>: Sendable {
    /// The values when owned; empty while `mapped` is set.
    @usableFromInline var owned: [Element]
    /// The mapped values, until the first change.
    @usableFromInline var mapped: MappedValues<Element>?

    /// An empty, owned column.
    public init() { owned = []; mapped = nil }

    /// An owned column holding `values`.
    public init(_ values: [Element]) { owned = values; mapped = nil }

    /// A column viewing `count` values at `byteOffset` of a mapping (the caller checked they lie inside it).
    init(mapping: ColumnMapping, byteOffset: Int, count: Int) {
        owned = []
        mapped = MappedValues(mapping, byteOffset: byteOffset, count: count)
    }

    /// Whether the values are still a view of a mapped file (no change made yet).
    public var isMapped: Bool { mapped != nil }

    /// Copies mapped values into an owned array (with some room to grow) before the first change.
    @usableFromInline
    mutating func makeOwned() {
        guard let view = mapped?.buffer else { return }
        var values: [Element] = []
        values.reserveCapacity(view.count + view.count / 8 + 16)
        values.append(contentsOf: view)
        owned = values
        mapped = nil
    }

    /// Calls `body` with the values in contiguous memory.
    @inlinable
    public func withUnsafeBufferPointer<R, E: Error>(_ body: (UnsafeBufferPointer<Element>) throws(E) -> R) throws(E) -> R {
        if let mapped { return try body(mapped.buffer) }
        return try owned.withUnsafeBufferPointer { (buffer) throws(E) -> R in try body(buffer) }
    }

    /// Calls `body` with the values' bytes.
    @inlinable
    public func withUnsafeBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        if let mapped { return try body(UnsafeRawBufferPointer(mapped.buffer)) }
        return try owned.withUnsafeBytes(body)
    }

    /// Calls `body` with the values in contiguous memory it may change (a mapped column is copied first).
    @inlinable
    public mutating func withUnsafeMutableBufferPointer<R>(_ body: (inout UnsafeMutableBufferPointer<Element>) throws -> R) rethrows -> R {
        makeOwned()
        return try owned.withUnsafeMutableBufferPointer(body)
    }

    /// How many values the column holds without allocating.
    public var capacity: Int { mapped?.buffer.count ?? owned.capacity }
}

extension MappableColumn: RandomAccessCollection, MutableCollection {
    /// 0.
    @inlinable public var startIndex: Int { 0 }
    /// The number of values.
    @inlinable public var endIndex: Int { mapped?.buffer.count ?? owned.count }
    /// The number of values.
    @inlinable public var count: Int { mapped?.buffer.count ?? owned.count }

    /// The value at `index`.
    @inlinable
    public subscript(index: Int) -> Element {
        get {
            if let mapped {
                precondition(index >= 0 && index < mapped.buffer.count, "index out of range")
                return mapped.buffer[index]
            }
            return owned[index]
        }
        set {
            makeOwned()
            owned[index] = newValue
        }
    }

    @inlinable
    public func withContiguousStorageIfAvailable<R>(_ body: (UnsafeBufferPointer<Element>) throws -> R) rethrows -> R? {
        if let mapped { return try body(mapped.buffer) }
        return try owned.withUnsafeBufferPointer(body)
    }
}

extension MappableColumn: RangeReplaceableCollection {
    /// Replaces the values in `range` with `newElements`.
    public mutating func replaceSubrange<C: Collection>(_ range: Range<Int>, with newElements: C) where C.Element == Element {
        makeOwned()
        owned.replaceSubrange(range, with: newElements)
    }

    /// Makes room for `minimumCapacity` values.
    public mutating func reserveCapacity(_ minimumCapacity: Int) {
        if let view = mapped?.buffer, minimumCapacity <= view.count { return }
        makeOwned()
        owned.reserveCapacity(minimumCapacity)
    }

    /// Appends a value.
    @inlinable
    public mutating func append(_ value: Element) {
        makeOwned()
        owned.append(value)
    }

    /// Appends values.
    public mutating func append<S: Sequence>(contentsOf values: S) where S.Element == Element {
        makeOwned()
        owned.append(contentsOf: values)
    }

    /// Inserts a value at `index`.
    public mutating func insert(_ value: Element, at index: Int) {
        makeOwned()
        owned.insert(value, at: index)
    }

    /// Inserts values at `index`.
    public mutating func insert<C: Collection>(contentsOf values: C, at index: Int) where C.Element == Element {
        makeOwned()
        owned.insert(contentsOf: values, at: index)
    }

    /// Removes and returns the value at `index`.
    @discardableResult
    public mutating func remove(at index: Int) -> Element {
        makeOwned()
        return owned.remove(at: index)
    }

    /// Removes the values in `range`.
    public mutating func removeSubrange(_ range: Range<Int>) {
        makeOwned()
        owned.removeSubrange(range)
    }

    /// Removes every value.
    public mutating func removeAll(keepingCapacity keep: Bool = false) {
        if mapped != nil { mapped = nil; owned = []; return }
        owned.removeAll(keepingCapacity: keep)
    }
}

extension MappableColumn: ExpressibleByArrayLiteral {
    /// An owned column of the listed values.
    public init(arrayLiteral values: Element...) { self.init(values) }
}

extension MappableColumn: Equatable where Element: Equatable {
    /// Same values in the same order, wherever they live.
    public static func == (lhs: MappableColumn, rhs: MappableColumn) -> Bool {
        lhs.withUnsafeBufferPointer { a in rhs.withUnsafeBufferPointer { b in a.elementsEqual(b) } }
    }
}

extension MappableColumn: CustomStringConvertible {
    /// Like an array's description.
    public var description: String { Array(self).description }
}
