import Foundation

extension REFICodebook {
    /// The `.qdc` XML text, valid against the REFI-QDA codebook schema.
    public var qdcText: String {
        var writer = XMLWriter()
        writer.start("CodeBook", [("xmlns", REFICodebook.namespace), ("origin", origin)])
        REFIXML.writeCodes(codes, to: &writer, project: false)
        if !sets.isEmpty {  // an empty <Sets/> does not validate
            writer.start("Sets")
            for set in sets {
                writer.start("Set", [("guid", set.guid), ("name", set.name)])
                if let description = set.description { writer.leaf("Description", description) }
                for member in set.memberCodes { writer.empty("MemberCode", [("guid", member)]) }
                writer.end()
            }
            writer.end()
        }
        writer.end()
        return writer.text
    }

    /// Writes the codebook to `url` atomically.
    public func write(to url: URL) throws(FileError) {
        try AtomicFile.write(Array(qdcText.utf8), to: url)
    }

    /// Reads a `.qdc` file.
    public static func read(from url: URL) throws(FileError) -> REFICodebook {
        try REFICodebook(qdc: AtomicFile.read(url), path: AtomicFile.displayPath(url))
    }

    /// Parses `.qdc` bytes; errors give the XML line and column.
    public init(qdc bytes: [UInt8], path: String? = nil) throws(FileError) {
        let root = try XMLTree.parse(bytes, path: path)
        let reader = REFIXML(path: path, bytes: bytes)
        guard root.name == "CodeBook" else {
            throw reader.error(root, "expected a refi-qda codebook (root element CodeBook, namespace \(REFICodebook.namespace)); found '\(root.name)'"
                                + (root.name == "Project" ? " (this is a project file: use import qdpx)" : ""))
        }
        guard let codes = root.child("Codes") else {
            throw reader.error(root, "the codebook has no Codes element; a codebook needs at least one Code")
        }
        self.init(origin: root.attribute("origin"), codes: try reader.codes(codes), sets: try reader.sets(root.child("Sets"), project: false))
    }
}

/// Reading and writing the parts codebooks and projects share (codes and sets), with located errors.
struct REFIXML {
    let path: String?
    let bytes: [UInt8]

    func error(_ element: XMLTree.Element, _ message: String) -> FileError {
        XMLTree.located(path: path, bytes: bytes, offset: element.offset, message: message)
    }

    func required(_ element: XMLTree.Element, _ attribute: String) throws(FileError) -> String {
        guard let value = element.attribute(attribute) else {
            throw error(element, "element \(element.name) needs a '\(attribute)' attribute")
        }
        return value
    }

    func codes(_ container: XMLTree.Element) throws(FileError) -> [REFICode] {
        try container.children("Code").map { (element) throws(FileError) in try code(element, depth: 0) }
    }

    func code(_ element: XMLTree.Element, depth: Int) throws(FileError) -> REFICode {
        guard depth < 64 else { throw error(element, "codes are nested more than 64 levels deep") }
        let guid = try required(element, "guid")
        let name = element.attributes["name"] ?? ""
        let codable: Bool
        switch element.attribute("isCodable")?.lowercased() {
        case nil, "true", "1": codable = true
        case "false", "0": codable = false
        case let other?: throw error(element, "isCodable of code '\(name)' must be true or false; got '\(other)'")
        }
        var children: [REFICode] = []
        for child in element.children("Code") { children.append(try code(child, depth: depth + 1)) }
        return REFICode(guid: guid, name: name, isCodable: codable, color: element.attribute("color"),
                        description: element.child("Description")?.text, noteRefs: try refs(element, "NoteRef"), children: children)
    }

    func refs(_ element: XMLTree.Element, _ name: String, attribute: String = "targetGUID") throws(FileError) -> [String] {
        try element.children(name).map { (child) throws(FileError) in try required(child, attribute) }
    }

    func sets(_ container: XMLTree.Element?, project: Bool) throws(FileError) -> [REFISet] {
        guard let container else { return [] }
        return try container.children("Set").map { (element) throws(FileError) in
            // The codebook schema names a member by `guid`, the project schema by `targetGUID`; accept either.
            func members(_ name: String) throws(FileError) -> [String] {
                try element.children(name).map { (child) throws(FileError) in
                    guard let guid = child.attribute(project ? "targetGUID" : "guid") ?? child.attribute(project ? "guid" : "targetGUID") else {
                        throw error(child, "element \(name) needs a '\(project ? "targetGUID" : "guid")' attribute")
                    }
                    return guid
                }
            }
            return REFISet(guid: try required(element, "guid"), name: element.attributes["name"] ?? "",
                           description: element.child("Description")?.text, memberCodes: try members("MemberCode"),
                           memberSources: try members("MemberSource"), memberNotes: try members("MemberNote"))
        }
    }

    static func writeCodes(_ codes: [REFICode], to writer: inout XMLWriter, project: Bool) {
        writer.start("Codes")
        var stack: [(code: REFICode, childIndex: Int)] = []
        func open(_ code: REFICode) {
            let attributes: [(String, String?)] = [("guid", code.guid), ("name", code.name), ("isCodable", code.isCodable ? "true" : "false"),
                                                   ("color", code.color)]
            if code.description == nil && code.children.isEmpty && (!project || code.noteRefs.isEmpty) {
                writer.empty("Code", attributes)
                return
            }
            writer.start("Code", attributes)
            if let description = code.description { writer.leaf("Description", description) }
            if project { for note in code.noteRefs { writer.empty("NoteRef", [("targetGUID", note)]) } }
            stack.append((code, 0))
        }
        for code in codes {
            open(code)
            // Iterative, so a deep code tree cannot exhaust the stack.
            while let top = stack.last {
                if top.childIndex < top.code.children.count {
                    stack[stack.count - 1].childIndex += 1
                    open(top.code.children[top.childIndex])
                } else {
                    stack.removeLast()
                    writer.end()
                }
            }
        }
        writer.end()
    }
}
