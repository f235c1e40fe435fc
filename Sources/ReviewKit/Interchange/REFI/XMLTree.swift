import Foundation

/// A parsed XML document as a tree of elements with their positions, read with libxml2's pull parser
/// (``LibXML2``, loaded at the first parse) and located by a scan of the bytes for start tags.
///
/// A tree rather than XMLCoder's decoder: REFI-QDA files from other tools vary (missing optional parts, unknown
/// elements, recursive codes), and a located error needs the position of the element at fault, which a
/// `Decodable` model does not keep. libxml2 directly rather than Foundation's `XMLParser`: FoundationXML links
/// libxml2 and ICU at start-up (see ``LibXML2`` and docs/architecture.md).
struct XMLTree {
    /// One element: its local name, attributes, children, the text directly inside it, and where it starts.
    struct Element: Sendable {
        var name: String
        var namespace: String?
        var attributes: [String: String]
        var children: [Element] = []
        var text = ""
        /// The byte offset of the element's "<" in the document (turned into a line and column only for an error).
        var offset: Int

        /// The children with a local name.
        func children(_ name: String) -> [Element] { children.filter { $0.name == name } }

        /// The first child with a local name.
        func child(_ name: String) -> Element? { children.first { $0.name == name } }

        /// An attribute, with surrounding white space trimmed; nil when absent or empty.
        func attribute(_ name: String) -> String? {
            guard let value = attributes[name]?.trimmingCharacters(in: .whitespacesAndNewlines), !value.isEmpty else { return nil }
            return value
        }
    }

    /// How deep elements may nest; REFI-QDA needs about ten levels plus the depth of the code tree.
    static let maximumDepth = 200

    /// Parses bytes into the root element; errors name `path` and the line and column.
    ///
    /// `library` is libxml2 as loaded once per process; tests pass a library that failed to load.
    static func parse(_ bytes: [UInt8], path: String?,
                      library: Result<LibXML2, LibXML2.LoadError> = LibXML2.shared) throws(FileError) -> Element {
        // Entity declarations are refused before parsing: REFI-QDA never needs them, and expanding them is how
        // a small file becomes a huge one.
        if let offset = find(Array("<!ENTITY".utf8), in: bytes) {
            throw located(path: path, bytes: bytes, offset: offset,
                          message: "xml entity declarations are not supported in a refi-qda file")
        }
        guard bytes.contains(where: { $0 != 0x20 && $0 != 0x0A && $0 != 0x0D && $0 != 0x09 }) else {
            throw FileError(path: path, line: 1, column: 1, message: "the file is empty; expected a refi-qda xml document")
        }
        // REFI-QDA files are UTF-8. Checked first, so that the error points at the byte itself (libxml2 would
        // stop with a less precise "input is not proper utf-8").
        if let offset = bytes.withUnsafeBufferPointer({ UTF8Validation.firstInvalidOffset($0) }) {
            throw located(path: path, bytes: bytes, offset: offset,
                          message: String(format: "invalid utf-8 byte 0x%02x; refi-qda files are utf-8", bytes[offset]))
        }
        // xmlReaderForMemory takes the size as a C int.
        guard bytes.count < Int(Int32.max) else {
            throw FileError(path: path, line: 1, column: 1, message: "the xml file is larger than 2 gib, more than libxml2 reads")
        }
        let xml: LibXML2
        switch library {
        case .success(let loaded): xml = loaded
        case .failure(let failure): throw FileError(path: path, message: failure.message)
        }
        return try TreeReader(xml: xml, bytes: bytes, path: path).read()
    }

    /// The byte offset of every start tag, in document order (comments, CDATA sections, processing instructions
    /// and the document type declaration skipped). XML allows no raw "<" in text or attribute values, so the
    /// n-th offset is the n-th element libxml2 reports; libxml2's own positions point at the end of a tag.
    static func startTagOffsets(_ bytes: [UInt8]) -> [Int] {
        var offsets: [Int] = []
        var i = 0
        let count = bytes.count
        func skip(past terminator: [UInt8]) {
            while i < count {
                if bytes[i] == terminator[0], i + terminator.count <= count, bytes[i..<(i + terminator.count)].elementsEqual(terminator) {
                    i += terminator.count
                    return
                }
                i += 1
            }
        }
        while i < count {
            guard bytes[i] == 0x3C, i + 1 < count else { i += 1; continue }  // "<"
            let next = bytes[i + 1]
            if next == 0x21 {  // "<!"
                if bytes[i...].starts(with: "<!--".utf8) { i += 4; skip(past: Array("-->".utf8)) }
                else if bytes[i...].starts(with: "<![CDATA[".utf8) { i += 9; skip(past: Array("]]>".utf8)) }
                else {
                    // <!DOCTYPE …> with an optional internal subset in brackets.
                    var depth = 0
                    i += 2
                    while i < count {
                        if bytes[i] == 0x5B { depth += 1 } else if bytes[i] == 0x5D { depth -= 1 } else if bytes[i] == 0x3E && depth <= 0 { i += 1; break }
                        i += 1
                    }
                }
            } else if next == 0x3F {  // "<?"
                i += 2
                skip(past: Array("?>".utf8))
            } else if next == 0x2F {  // "</"
                i += 2
            } else {
                offsets.append(i)
                i += 1
            }
        }
        return offsets
    }

    /// A readable, lowercase reason for a libxml2 error code (`xmlParserErrors`, which Apple's
    /// `XMLParser.ErrorCode` mirrors). Code 5 is also libxml2's "premature end" for an unclosed element;
    /// content after the root element gets its own message (``TreeReader``).
    static func describe(_ code: Int) -> String {
        switch code {
        case 4, 5: return "the xml ends too early (an element is not closed, or the file is empty)"
        case 76, 85: return "the xml is not well-formed: an end tag does not match its start tag"
        case 86: return "the xml is not well-formed: there is text after the end of the root element"
        case 38...44, 75: return "the xml is not well-formed: an attribute is broken (expected name=\"value\")"
        case 68, 73, 74, 77: return "the xml is not well-formed: a tag is broken or not closed with '>'"
        case 23...27: return "the xml is not well-formed: an '&' starts an unknown entity (write &amp; for '&')"
        case 8, 9: return "the xml holds a character xml 1.0 does not allow"
        case 31, 32: return "the xml declares an encoding that cannot be read (refi-qda files are utf-8)"
        case 201: return "the xml is not well-formed: a namespace prefix is used but not declared (xmlns:prefix=\"…\")"
        default: return "the xml is not well-formed (libxml2 error \(code))"
        }
    }

    /// An error at a byte offset, with its line, its column in Characters and the line's text.
    static func located(path: String?, bytes: [UInt8], offset: Int, message: String) -> FileError {
        var line = 1, lineStart = 0
        let offset = min(max(offset, 0), bytes.count)
        for index in 0..<offset where bytes[index] == 0x0A { line += 1; lineStart = index + 1 }
        var end = lineStart
        while end < bytes.count, bytes[end] != 0x0A, bytes[end] != 0x0D { end += 1 }
        let prefix = String(decoding: bytes[lineStart..<offset], as: UTF8.self)
        return FileError(path: path, line: line, column: prefix.count + 1, message: message,
                         lineText: shown(String(decoding: bytes[lineStart..<end], as: UTF8.self)))
    }

    /// An error at a line and column as libxml2 reports them (the column counts characters), clamped to the line.
    static func located(path: String?, bytes: [UInt8], line: Int, column: Int, message: String) -> FileError {
        var current = 1, start = 0, index = 0
        while index < bytes.count, current < line {
            if bytes[index] == 0x0A { current += 1; start = index + 1 }
            index += 1
        }
        guard current == line else { return FileError(path: path, line: line, message: message) }
        var end = start
        while end < bytes.count, bytes[end] != 0x0A, bytes[end] != 0x0D { end += 1 }
        let text = String(decoding: bytes[start..<end], as: UTF8.self)
        return FileError(path: path, line: line, column: min(max(column, 1), text.count + 1), message: message, lineText: shown(text))
    }

    /// The byte offset of a line and a column in characters as libxml2 counts them (code points), or nil when the
    /// line is shorter or the file has no such line.
    static func offset(in bytes: [UInt8], line: Int, column: Int) -> Int? {
        var current = 1, index = 0
        while index < bytes.count, current < line {
            if bytes[index] == 0x0A { current += 1 }
            index += 1
        }
        guard current == line else { return nil }
        var remaining = column - 1
        while remaining > 0, index < bytes.count, bytes[index] != 0x0A {
            index += 1
            while index < bytes.count, bytes[index] & 0xC0 == 0x80 { index += 1 }  // continuation bytes
            remaining -= 1
        }
        return remaining == 0 ? index : nil
    }

    private static func shown(_ text: String) -> String { text.count > 200 ? String(text.prefix(200)) + "…" : text }

    private static func find(_ needle: [UInt8], in bytes: [UInt8]) -> Int? {
        guard needle.count <= bytes.count, let first = needle.first else { return nil }
        var index = 0
        while index + needle.count <= bytes.count {
            if bytes[index] == first, bytes[index..<(index + needle.count)].elementsEqual(needle) { return index }
            index += 1
        }
        return nil
    }
}

