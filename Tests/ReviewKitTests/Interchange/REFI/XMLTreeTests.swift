import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import ReviewKit

/// XMLTree reads libxml2 through a hand-written binding (LibXML2.swift). These tests compare its trees with the ones
/// Foundation's `XMLParser` (a separate SAX wrapper around libxml2, in the test target only) builds from the same
/// bytes, check the `xmlError` layout against libxml2 2.9.14's header and real errors, and the refusal when
/// libxml2 cannot be loaded.
@Suite struct XMLTreeTests {
    /// Documents that exercise everything a REFI-QDA file may hold: namespaces (default and prefixed), prefixed
    /// attributes, xmlns declarations, comments, CDATA, processing instructions, a document type declaration,
    /// predefined entities and character references in text and attributes, white space, empty elements and
    /// non-ASCII text.
    static let documents = [
        "<CodeBook xmlns=\"urn:QDA-XML:codebook:1.0\" origin=\"x\"><Codes><Code guid=\"a\" name=\"Janoušková &amp; Zoë 👩🏽‍⚕️\" isCodable=\"true\"/></Codes></CodeBook>",
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<!DOCTYPE Project SYSTEM \"http://127.0.0.1:9/none.dtd\">\n<?pi data?>\n"
            + "<p:Project xmlns:p=\"urn:p\" xmlns:q=\"urn:q\" q:kind=\"k\" xml:lang=\"en\" plain='a &lt; b &#x1F600; &#233;'>\r\n"
            + "  <!-- a comment with <Code> inside -->\n  <p:Text>one<![CDATA[ <two> & ]]>three &amp; &#65;&#x42;</p:Text>\n"
            + "  <Empty/><Empty></Empty>\n  <Mixed>a<b>c</b>d</Mixed>\n</p:Project>\n",
        "<r a=\"  spaced  \" b=\"\" c=\"line&#10;feed\">\t\n  </r>",
    ]

    @Test func treesMatchFoundationsXMLParser() throws {
        for document in Self.documents {
            let bytes = Array(document.utf8)
            let tree = try XMLTree.parse(bytes, path: "t.xml")
            let reference = try #require(FoundationTree.parse(bytes), "\(document)")
            #expect(Shape(tree) == reference, "\(document)")
        }
        // The exporter's own project for the embedded review, and the constructed fixtures (ATLAS.ti-like, two coders).
        let workspace = try EmbeddedReview.load().workspace
        var projects = [Array(QDPXExport.export(workspace).archive.project.qdeText.utf8)]
        for name in ["atlas-like", "two-coders", "handmade"] {
            let file = REFIFixture.folder.appendingPathComponent(name).appendingPathComponent("project.qde")
            if FileManager.default.fileExists(atPath: file.path) { projects.append([UInt8](try Data(contentsOf: file))) }
        }
        #expect(projects.count >= 3)
        for bytes in projects {
            let reference = try #require(FoundationTree.parse(bytes))
            #expect(Shape(try XMLTree.parse(bytes, path: "project.qde")) == reference)
        }
    }

    @Test func elementsKeepTheirStartOffsets() throws {
        let text = "<a>\n  <!-- <x> -->\n  <b k=\"v\"/><c>é</c>\n</a>"
        let bytes = Array(text.utf8)
        let root = try XMLTree.parse(bytes, path: nil)
        let offsets = [root.offset] + root.children.map(\.offset)
        #expect(offsets.map { bytes[$0] } == [0x3C, 0x3C, 0x3C])
        #expect(offsets == [0, 21, 31])
        #expect(root.child("b")?.attributes == ["k": "v"] && root.child("c")?.text == "é" && root.namespace == nil)
    }

    /// The offsets of `struct _xmlError` in libxml2 2.9.14's xmlerror.h on a 64-bit target (int 4 bytes, pointers
    /// and their alignment 8), worked out by hand from the header; and the fields read from errors libxml2 raised.
    @Test func errorFieldsFollowTheCLayout() throws {
        if MemoryLayout<UnsafeRawPointer>.size == 8 {
            #expect(LibXML2.ErrorFields.offsets == [0, 4, 8, 16, 24, 32, 40, 48, 56, 64, 68, 72, 80])
        }
        // Each error here has a known libxml2 code, line and column; wrong offsets would read other fields.
        let cases: [(String, Int, Int, String)] = [
            ("<a>\n  <b></c></a>", 2, 6, "end tag does not match"),  // XML_ERR_TAG_NAME_MISMATCH (76), caret at "</c>"
            ("<a x=\"1\" x=\"2\"/>", 1, 15, "an attribute is broken"),  // XML_ERR_ATTRIBUTE_REDEFINED (42), after it
            ("<a>&bogus;</a>", 1, 11, "unknown entity"),  // XML_ERR_UNDECLARED_ENTITY (26)
            ("<a>\n\n  <p:b/></a>", 3, 7, "namespace prefix is used but not declared"),  // XML_NS_ERR_UNDEFINED_NAMESPACE (201)
            ("<a>&#0;</a>", 1, 8, "a character xml 1.0 does not allow"),  // XML_ERR_INVALID_CHAR (9)
            ("<a><b></b>", 1, 11, "ends too early"),  // XML_ERR_DOCUMENT_END (5), premature end
        ]
        for (text, line, column, message) in cases {
            let error = try #require(throws: FileError.self) { try XMLTree.parse(Array(text.utf8), path: "e.xml") }
            #expect(error.message.contains(message), "\(text): \(error)")
            #expect(error.line == line && error.column == column, "\(text): \(error)")
        }
    }

    @Test func contentAfterTheRootIsNamed() throws {
        let second = try #require(throws: FileError.self) { try XMLTree.parse(Array("<a/>\n  <b x=\"1\"/>".utf8), path: "s.xml") }
        #expect(second.description.hasPrefix("s.xml:2:3: the xml has a second root element 'b'; a refi-qda file has one"), "\(second)")
        let text = try #require(throws: FileError.self) { try XMLTree.parse(Array("<a></a> junk".utf8), path: "s.xml") }
        #expect(text.message.contains("text after the end of the root element") && text.line == 1 && text.column == 9, "\(text)")
    }

    /// A text node past libxml2's default 10 MB limit reads; nesting past the limit is refused before libxml2's own.
    @Test func largeAndDeepInputs() throws {
        let long = String(repeating: "Janoušková ", count: 1_000_000)
        let root = try XMLTree.parse(Array("<a><t>\(long)</t></a>".utf8), path: nil)
        #expect(root.child("t")?.text.unicodeScalars.count == long.unicodeScalars.count)
        let deep = String(repeating: "<e>", count: 5000) + String(repeating: "</e>", count: 5000)
        let error = try #require(throws: FileError.self) { try XMLTree.parse(Array(deep.utf8), path: "d.xml") }
        #expect(error.message == "elements are nested more than \(XMLTree.maximumDepth) deep" && error.column == 601)
    }

    /// No document type declaration is fetched, no entity is declared or substituted.
    @Test func noExternalResourcesAreRead() throws {
        let system = "<!DOCTYPE a SYSTEM \"file:///etc/passwd\"><a>x</a>"
        #expect(try XMLTree.parse(Array(system.utf8), path: nil).text == "x")
        let external = "<!DOCTYPE a [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><a>&e;</a>"
        let error = try #require(throws: FileError.self) { try XMLTree.parse(Array(external.utf8), path: "x.xml") }
        #expect(error.message.contains("entity declarations are not supported"))
        let parameter = "<!DOCTYPE a [<!ELEMENT a ANY>]><a>&e;</a>"
        let undeclared = try #require(throws: FileError.self) { try XMLTree.parse(Array(parameter.utf8), path: "x.xml") }
        #expect(undeclared.message.contains("unknown entity"), "\(undeclared)")
    }

    /// Without libxml2 the import is refused with what to install, and nothing crashes.
    @Test func aMissingLibraryIsRefusedWithThePackageName() throws {
        let missing = LibXML2.load("libxml2-not-installed.so.2")
        guard case .failure(let failure) = missing else { Issue.record("a library that does not exist loaded"); return }
        #expect(failure.message.contains("install the debian package libxml2"))
        #expect(failure.message.contains("libxml2-not-installed.so.2"))
        let error = try #require(throws: FileError.self) {
            try XMLTree.parse(Array("<CodeBook/>".utf8), path: "c.qdc", library: missing)
        }
        #expect(error.path == "c.qdc" && error.message == failure.message)
        #expect(error.message.first?.isLowercase == true && error.message == error.message.lowercased())
        // A library without the reader functions (libz is there wherever review runs) is refused by name too.
        if case .failure(let noReader) = LibXML2.load("libz.so.1") {
            #expect(noReader.message.contains("has no function xmlReaderForMemory"), "\(noReader)")
        }
        guard case .success = LibXML2.shared else { Issue.record("libxml2.so.2 did not load: \(LibXML2.shared)"); return }
    }

    /// Many documents parsed at once on several threads, each with its own reader.
    @Test func parsesConcurrently() async throws {
        let bytes = Array(Self.documents[1].utf8)
        let expected = try Shape(XMLTree.parse(bytes, path: nil))
        let shapes = await withTaskGroup(of: Shape?.self) { group in
            for _ in 0..<32 { group.addTask { try? Shape(XMLTree.parse(bytes, path: nil)) } }
            return await group.reduce(into: [Shape?]()) { $0.append($1) }
        }
        #expect(shapes.count == 32 && shapes.allSatisfy { $0 == expected })
    }
}

/// What two trees must agree on: names, namespaces (nil and "" alike), attributes, text and children.
struct Shape: Equatable, Sendable {
    var name: String
    var namespace: String
    var attributes: [String: String]
    var text: String
    var children: [Shape]

    init(_ element: XMLTree.Element) {
        (name, namespace, attributes, text) = (element.name, element.namespace ?? "", element.attributes, element.text)
        children = element.children.map(Shape.init)
    }

    init(name: String, namespace: String, attributes: [String: String]) {
        (self.name, self.namespace, self.attributes, text, children) = (name, namespace, attributes, "", [])
    }
}

/// The tree Foundation's XMLParser builds (as XMLTree did before it read libxml2 directly).
private final class FoundationTree: NSObject, XMLParserDelegate {
    var stack: [Shape] = []
    var root: Shape?

    static func parse(_ bytes: [UInt8]) -> Shape? {
        let parser = XMLParser(data: Data(bytes))
        parser.shouldProcessNamespaces = true
        parser.shouldResolveExternalEntities = false
        let builder = FoundationTree()
        parser.delegate = builder
        return parser.parse() ? builder.root : nil
    }

    func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        stack.append(Shape(name: elementName, namespace: namespaceURI ?? "", attributes: attributes))
    }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName: String?) {
        guard let element = stack.popLast() else { return }
        if stack.isEmpty { root = element } else { stack[stack.count - 1].children.append(element) }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if !stack.isEmpty { stack[stack.count - 1].text += string }
    }

    func parser(_ parser: XMLParser, foundCDATA block: Data) {
        if !stack.isEmpty { stack[stack.count - 1].text += String(decoding: block, as: UTF8.self) }
    }
}
