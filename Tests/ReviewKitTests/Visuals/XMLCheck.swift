import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Parses XML with Foundation's XMLParser (libxml2 on Linux): an independent check that SVG and the
/// XHTML report are well-formed, and a way to read back their elements, attributes and text.
final class XMLCheck: NSObject, XMLParserDelegate, @unchecked Sendable {
    /// An element, its attributes and all the text inside it.
    struct Element { let name: String; let attributes: [String: String]; var text: String }

    private(set) var elements: [Element] = []
    private var stack: [Int] = []
    private(set) var error: String?

    /// Parses `text`; `error` is nil when it is well-formed.
    init(_ text: String) {
        super.init()
        let parser = XMLParser(data: Data(text.utf8))
        parser.shouldProcessNamespaces = false
        parser.delegate = self
        if !parser.parse() { error = parser.parserError.map { "\($0)" } ?? "parse failed at line \(parser.lineNumber)" }
    }

    func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName qName: String?,
                attributes attributeDict: [String: String] = [:]) {
        stack.append(elements.count)
        elements.append(Element(name: elementName, attributes: attributeDict, text: ""))
    }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName qName: String?) {
        _ = stack.popLast()
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        // Text belongs to every open element, so an element's text includes its descendants' (a circle's <title>).
        for index in stack { elements[index].text += string }
    }

    func parser(_ parser: XMLParser, parseErrorOccurred parseError: Error) {
        error = error ?? "\(parseError) at line \(parser.lineNumber), column \(parser.columnNumber)"
    }

    /// Elements with a name.
    func all(_ name: String) -> [Element] { elements.filter { $0.name == name } }

    /// The text of every element with a name.
    func texts(_ name: String) -> [String] { all(name).map(\.text) }
}
