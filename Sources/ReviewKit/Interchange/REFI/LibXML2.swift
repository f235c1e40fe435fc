#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// libxml2's pull parser (the `xmlTextReader` API), bound by hand and loaded at the first XML parse.
///
/// Why a hand-written binding rather than Foundation's `XMLParser`: `review` must start within 1.3× a
/// Swift+Foundation hello world (issue 15). `XMLParser` lives in FoundationXML, which links libxml2 — and through
/// it ICU (libicuuc, libicudata) and liblzma — at load time, so every start-up paid for their relocations and
/// for the dynamic loader's symbol lookups through them, although only `import qdpx` and `import codebook` read
/// XML. The package mirror has no pure-Swift XML parser (SWXMLHash and XMLCoder both sit on `XMLParser`), and a
/// home-made XML parser would be a far larger risk than a dozen C functions. So libxml2 is opened with `dlopen`
/// on first use and its functions are resolved with `dlsym` into the C function-pointer types declared below:
/// no C headers, no module map, no link flags, and nothing of libxml2 at start-up.
///
/// Only functions whose arguments and results are integers and pointers are used, plus one struct, `xmlError`,
/// read field by field at offsets computed with C's layout rules (``ErrorFields``); its layout has not changed
/// since libxml2 2.0 and libxml2's ABI is stable within soname `libxml2.so.2` (Debian 12 ships 2.9.14).
///
/// The table is immutable and the library is never closed, so it is shared across threads; each parse has its
/// own reader, and libxml2 is initialised once (`xmlInitParser`) when the table is built.
struct LibXML2: Sendable {
    /// An `xmlTextReaderPtr`.
    typealias Reader = OpaquePointer
    /// `xmlStructuredErrorFunc`: the handler's context and the `xmlErrorPtr`.
    typealias ErrorHandler = @convention(c) (UnsafeMutableRawPointer?, UnsafeMutableRawPointer?) -> Void

    /// `xmlReaderForMemory(buffer, size, URL, encoding, options)`.
    let readerForMemory: @convention(c) (UnsafePointer<CChar>?, Int32, UnsafePointer<CChar>?, UnsafePointer<CChar>?, Int32) -> Reader?
    /// `xmlFreeTextReader(reader)`.
    let freeReader: @convention(c) (Reader?) -> Void
    /// `xmlTextReaderRead(reader)`: 1 on a node, 0 at the end, -1 on an error.
    let read: @convention(c) (Reader?) -> Int32
    /// `xmlTextReaderNodeType(reader)`: one of ``NodeType``.
    let nodeType: @convention(c) (Reader?) -> Int32
    /// `xmlTextReaderConstLocalName(reader)`.
    let localName: @convention(c) (Reader?) -> UnsafePointer<CChar>?
    /// `xmlTextReaderConstName(reader)`: the qualified name (prefix:local).
    let qualifiedName: @convention(c) (Reader?) -> UnsafePointer<CChar>?
    /// `xmlTextReaderConstNamespaceUri(reader)`.
    let namespaceURI: @convention(c) (Reader?) -> UnsafePointer<CChar>?
    /// `xmlTextReaderConstValue(reader)`: a text node's or attribute's value, entities and character references resolved.
    let value: @convention(c) (Reader?) -> UnsafePointer<CChar>?
    /// `xmlTextReaderIsEmptyElement(reader)`: 1 for `<a/>`, which has no end-element node.
    let isEmptyElement: @convention(c) (Reader?) -> Int32
    /// `xmlTextReaderMoveToNextAttribute(reader)`: 1 when it moved to an attribute.
    let moveToNextAttribute: @convention(c) (Reader?) -> Int32
    /// `xmlTextReaderMoveToElement(reader)`.
    let moveToElement: @convention(c) (Reader?) -> Int32
    /// `xmlTextReaderIsNamespaceDecl(reader)`: 1 on an `xmlns` attribute.
    let isNamespaceDeclaration: @convention(c) (Reader?) -> Int32
    /// `xmlTextReaderGetParserLineNumber(reader)`.
    let lineNumber: @convention(c) (Reader?) -> Int32
    /// `xmlTextReaderGetParserColumnNumber(reader)`.
    let columnNumber: @convention(c) (Reader?) -> Int32
    /// `xmlTextReaderSetStructuredErrorHandler(reader, handler, context)`.
    let setErrorHandler: @convention(c) (Reader?, ErrorHandler?, UnsafeMutableRawPointer?) -> Void

    /// The library's file name for `dlopen`.
    #if canImport(Darwin)
    static let defaultName = "libxml2.2.dylib"
    #else
    static let defaultName = "libxml2.so.2"
    #endif

    /// libxml2, loaded once at the first use (`static let` initialisation is thread-safe and lazy).
    static let shared: Result<LibXML2, LoadError> = load(defaultName)

    /// Why libxml2 could not be used; the message is lowercase and says what to install.
    struct LoadError: Error, Sendable, Equatable {
        /// The reason, for the reviewer.
        var message: String
    }

    /// `xmlReaderTypes`: the node kinds `xmlTextReaderNodeType` reports that a tree needs.
    enum NodeType {
        static let element: Int32 = 1
        static let text: Int32 = 3
        static let cdata: Int32 = 4
        static let whitespace: Int32 = 13
        static let significantWhitespace: Int32 = 14
        static let endElement: Int32 = 15
    }

    /// `xmlParserOption` bits.
    enum Option {
        /// XML_PARSE_NOERROR: no error printed on stderr (errors go to the structured handler).
        static let noError: Int32 = 1 << 5
        /// XML_PARSE_NOWARNING.
        static let noWarning: Int32 = 1 << 6
        /// XML_PARSE_NONET: no network access, whatever a document type declaration asks for.
        static let noNetwork: Int32 = 1 << 11
        /// XML_PARSE_HUGE: lifts the 10 MB limit on one text node (a long inline source text).
        static let huge: Int32 = 1 << 19
    }

    /// Opens a library by file name and resolves the functions, or says why it cannot.
    ///
    /// Opened with `RTLD_LOCAL`, so its symbols never interpose on anything else in the process, and `RTLD_NOW`,
    /// so a library without one of the functions fails here rather than at a call. The handle is never closed.
    static func load(_ name: String) -> Result<LibXML2, LoadError> {
        let library: DynamicLibrary
        switch DynamicLibrary.open(name) {
        case .success(let opened): library = opened
        case .failure(let failure):
            return .failure(LoadError(message: "reading xml needs the libxml2 library, which could not be loaded (\(failure.reason)); "
                                      + "install the debian package libxml2 (apt-get install libxml2)"))
        }
        func symbol<F>(_ symbolName: String, as type: F.Type) throws(LoadError) -> F {
            guard let function = library.function(symbolName, as: type) else {
                throw LoadError(message: "the libxml2 library \(name) has no function \(symbolName); "
                                + "install the debian package libxml2 (apt-get install libxml2)")
            }
            return function
        }
        do throws(LoadError) {
            let table = try LibXML2(
                readerForMemory: symbol("xmlReaderForMemory", as: (@convention(c) (UnsafePointer<CChar>?, Int32, UnsafePointer<CChar>?, UnsafePointer<CChar>?, Int32) -> Reader?).self),
                freeReader: symbol("xmlFreeTextReader", as: (@convention(c) (Reader?) -> Void).self),
                read: symbol("xmlTextReaderRead", as: (@convention(c) (Reader?) -> Int32).self),
                nodeType: symbol("xmlTextReaderNodeType", as: (@convention(c) (Reader?) -> Int32).self),
                localName: symbol("xmlTextReaderConstLocalName", as: (@convention(c) (Reader?) -> UnsafePointer<CChar>?).self),
                qualifiedName: symbol("xmlTextReaderConstName", as: (@convention(c) (Reader?) -> UnsafePointer<CChar>?).self),
                namespaceURI: symbol("xmlTextReaderConstNamespaceUri", as: (@convention(c) (Reader?) -> UnsafePointer<CChar>?).self),
                value: symbol("xmlTextReaderConstValue", as: (@convention(c) (Reader?) -> UnsafePointer<CChar>?).self),
                isEmptyElement: symbol("xmlTextReaderIsEmptyElement", as: (@convention(c) (Reader?) -> Int32).self),
                moveToNextAttribute: symbol("xmlTextReaderMoveToNextAttribute", as: (@convention(c) (Reader?) -> Int32).self),
                moveToElement: symbol("xmlTextReaderMoveToElement", as: (@convention(c) (Reader?) -> Int32).self),
                isNamespaceDeclaration: symbol("xmlTextReaderIsNamespaceDecl", as: (@convention(c) (Reader?) -> Int32).self),
                lineNumber: symbol("xmlTextReaderGetParserLineNumber", as: (@convention(c) (Reader?) -> Int32).self),
                columnNumber: symbol("xmlTextReaderGetParserColumnNumber", as: (@convention(c) (Reader?) -> Int32).self),
                setErrorHandler: symbol("xmlTextReaderSetStructuredErrorHandler", as: (@convention(c) (Reader?, ErrorHandler?, UnsafeMutableRawPointer?) -> Void).self))
            // Sets up libxml2's global tables once, before any reader, as libxml2 asks of threaded programs.
            try symbol("xmlInitParser", as: (@convention(c) () -> Void).self)()
            return .success(table)
        } catch {
            return .failure(error)
        }
    }

    /// The fields of an `xmlError` that a located message needs, copied out of libxml2's struct.
    struct ErrorFields: Equatable, Sendable {
        /// `xmlErrorDomain` (1 is the parser, 3 namespaces).
        var domain: Int32
        /// `xmlParserErrors`, e.g. 76 for a mismatched end tag.
        var code: Int32
        /// `xmlErrorLevel`: 1 warning, 2 error, 3 fatal error.
        var level: Int32
        /// 1-based line, 0 when unknown.
        var line: Int32
        /// 1-based column in characters (libxml2's `int2`), 0 when unknown.
        var column: Int32

        /// `struct _xmlError`'s fields in order, as (size, alignment): int domain, int code, char *message,
        /// xmlErrorLevel level (an int-sized enum), char *file, int line, char *str1, *str2, *str3, int int1,
        /// int int2, void *ctxt, void *node.
        static let layout: [(size: Int, alignment: Int)] = {
            let int = (MemoryLayout<Int32>.size, MemoryLayout<Int32>.alignment)
            let pointer = (MemoryLayout<UnsafeRawPointer>.size, MemoryLayout<UnsafeRawPointer>.alignment)
            return [int, int, pointer, int, pointer, int, pointer, pointer, pointer, int, int, pointer, pointer]
        }()

        /// Each field's byte offset by C's rule: a field starts at the next multiple of its alignment.
        static let offsets: [Int] = {
            var offsets: [Int] = [], next = 0
            for field in layout {
                next = (next + field.alignment - 1) / field.alignment * field.alignment
                offsets.append(next)
                next += field.size
            }
            return offsets
        }()

        /// Reads the fields from an `xmlErrorPtr`.
        init(_ error: UnsafeRawPointer) {
            domain = error.load(fromByteOffset: Self.offsets[0], as: Int32.self)
            code = error.load(fromByteOffset: Self.offsets[1], as: Int32.self)
            level = error.load(fromByteOffset: Self.offsets[3], as: Int32.self)
            line = error.load(fromByteOffset: Self.offsets[5], as: Int32.self)
            column = error.load(fromByteOffset: Self.offsets[10], as: Int32.self)
        }

        /// Fields given directly (tests).
        init(domain: Int32, code: Int32, level: Int32, line: Int32, column: Int32) {
            (self.domain, self.code, self.level, self.line, self.column) = (domain, code, level, line, column)
        }
    }
}
