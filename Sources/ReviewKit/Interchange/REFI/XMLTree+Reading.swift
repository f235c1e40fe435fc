/// Reads one document with libxml2's `xmlTextReader` into ``XMLTree/Element``s.
///
/// A pull parser: the loop asks for one node at a time, so no Swift code runs inside libxml2 except the error
/// handler, which only copies the first error out. Options: no network (`XML_PARSE_NONET`), no entity
/// substitution and no DTD loading (neither option is set; `XMLTree.parse` refuses `<!ENTITY` beforehand), no
/// messages on stderr, and no 10 MB limit on one text node (a long inline source text). Depth is bounded by
/// ``XMLTree/maximumDepth`` before libxml2's own limit.
struct TreeReader {
    let xml: LibXML2
    let bytes: [UInt8]
    let path: String?

    static let options = LibXML2.Option.noNetwork | LibXML2.Option.noError | LibXML2.Option.noWarning | LibXML2.Option.huge

    /// The root element, or the first error located in the file.
    func read() throws(FileError) -> XMLTree.Element {
        // xmlReaderForMemory reads the buffer in place, so all reading happens inside the closure.
        try bytes.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { characters in readTree(characters) }
        }.get()
    }

    /// Keeps the first error libxml2 reports (the context of its structured-error handler).
    private final class FirstError {
        var fields: LibXML2.ErrorFields?
    }

    private func readTree(_ characters: UnsafeBufferPointer<CChar>) -> Result<XMLTree.Element, FileError> {
        guard let reader = xml.readerForMemory(characters.baseAddress, Int32(characters.count), nil, nil, Self.options) else {
            return .failure(FileError(path: path, line: 1, column: 1, message: "libxml2 could not start reading the xml (out of memory?)"))
        }
        defer { xml.freeReader(reader) }
        let errors = FirstError()
        return withExtendedLifetime(errors) {
            xml.setErrorHandler(reader, { context, error in
                guard let context, let error else { return }
                let errors = Unmanaged<FirstError>.fromOpaque(context).takeUnretainedValue()
                let fields = LibXML2.ErrorFields(UnsafeRawPointer(error))
                // Warnings (level 1) do not make a document ill-formed; errors (2) and fatal errors (3) do.
                if errors.fields == nil, fields.level >= 2 { errors.fields = fields }
            }, Unmanaged.passUnretained(errors).toOpaque())
            return build(reader, errors)
        }
    }

    private func build(_ reader: LibXML2.Reader, _ errors: FirstError) -> Result<XMLTree.Element, FileError> {
        let starts = XMLTree.startTagOffsets(bytes)
        var stack: [XMLTree.Element] = []
        var root: XMLTree.Element?
        var started = 0
        var status: Int32 = 1
        func close(_ element: XMLTree.Element) {
            if stack.isEmpty { root = element } else { stack[stack.count - 1].children.append(element) }
        }
        while true {
            status = xml.read(reader)
            // A namespace error leaves the document readable to libxml2, but not to a REFI-QDA reader.
            guard status == 1, errors.fields == nil else { break }
            switch xml.nodeType(reader) {
            case LibXML2.NodeType.element:
                let offset = started < starts.count ? starts[started] : (starts.last ?? 0)
                started += 1
                let name = Self.string(xml.localName(reader))
                guard root == nil else {
                    return .failure(XMLTree.located(path: path, bytes: bytes, offset: offset,
                                                    message: "the xml has a second root element '\(name)'; a refi-qda file has one"))
                }
                guard stack.count < XMLTree.maximumDepth else {
                    return .failure(XMLTree.located(path: path, bytes: bytes, offset: offset,
                                                    message: "elements are nested more than \(XMLTree.maximumDepth) deep"))
                }
                let isEmpty = xml.isEmptyElement(reader) == 1
                let namespace = xml.namespaceURI(reader).map { String(cString: $0) }
                var attributes: [String: String] = [:]
                while xml.moveToNextAttribute(reader) == 1 {
                    // xmlns declarations are namespace bindings, not attributes.
                    if xml.isNamespaceDeclaration(reader) == 1 { continue }
                    attributes[Self.string(xml.qualifiedName(reader))] = Self.string(xml.value(reader))
                }
                _ = xml.moveToElement(reader)
                let element = XMLTree.Element(name: name, namespace: namespace, attributes: attributes, offset: offset)
                // `<a/>` has no end-element node.
                if isEmpty { close(element) } else { stack.append(element) }
            case LibXML2.NodeType.endElement:
                if let element = stack.popLast() { close(element) }
            case LibXML2.NodeType.text, LibXML2.NodeType.cdata, LibXML2.NodeType.whitespace, LibXML2.NodeType.significantWhitespace:
                if !stack.isEmpty { stack[stack.count - 1].text += Self.string(xml.value(reader)) }
            default:
                continue  // comments, processing instructions, the document type declaration
            }
        }
        if let error = errors.fields { return .failure(failure(error)) }
        guard status == 0, let root else {
            // Stopped without reporting why: place the error where libxml2 stopped.
            let line = max(Int(xml.lineNumber(reader)), 1), column = max(Int(xml.columnNumber(reader)), 1)
            return .failure(XMLTree.located(path: path, bytes: bytes, line: line, column: column,
                                            message: root == nil ? XMLTree.describe(4) : "the xml is not well-formed"))
        }
        return .success(root)
    }

    /// The located error for libxml2's first error.
    ///
    /// libxml2 reports a premature end and anything after the root element alike, as error 5 ("extra content at
    /// the end of the document"); a premature end is placed at the end of the file, so content at the error's
    /// place is said to be a second root element or stray text. A mismatched end tag is reported after its '>';
    /// the caret goes back to its "</".
    private func failure(_ error: LibXML2.ErrorFields) -> FileError {
        let line = max(Int(error.line), 1), column = max(Int(error.column), 1)
        let at = XMLTree.offset(in: bytes, line: line, column: column)
        if error.code == 5, let at, bytes[at...].contains(where: { !Self.isSpace($0) }) {
            if bytes[at] == 0x3C, at + 1 < bytes.count, ![0x2F, 0x21, 0x3F].contains(bytes[at + 1]) {  // "<" not "</", "<!", "<?"
                var end = at + 1
                while end < bytes.count, !Self.isSpace(bytes[end]), bytes[end] != 0x2F, bytes[end] != 0x3E { end += 1 }
                let name = String(decoding: bytes[(at + 1)..<end], as: UTF8.self)
                return XMLTree.located(path: path, bytes: bytes, offset: at,
                                       message: "the xml has a second root element '\(name)'; a refi-qda file has one")
            }
            return XMLTree.located(path: path, bytes: bytes, offset: at, message: XMLTree.describe(86))
        }
        if error.code == 76, let at, let start = endTagStart(before: at) {
            return XMLTree.located(path: path, bytes: bytes, offset: start, message: XMLTree.describe(76))
        }
        return XMLTree.located(path: path, bytes: bytes, line: line, column: column, message: XMLTree.describe(Int(error.code)))
    }

    /// The "</" of the end tag that ends just before `offset`, on the same line.
    private func endTagStart(before offset: Int) -> Int? {
        var index = min(offset, bytes.count) - 1
        while index > 0, bytes[index] != 0x0A {
            if bytes[index - 1] == 0x3C, bytes[index] == 0x2F { return index - 1 }
            index -= 1
        }
        return nil
    }

    private static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D }

    /// A libxml2 string (UTF-8, NUL-terminated, owned by the reader until its next move); "" for NULL.
    private static func string(_ pointer: UnsafePointer<CChar>?) -> String {
        pointer.map { String(cString: $0) } ?? ""
    }
}
