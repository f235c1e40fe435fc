import Foundation

extension REFIProject {
    /// The `project.qde` XML text, with elements in the order Project.xsd requires.
    public var qdeText: String {
        var writer = XMLWriter()
        writer.start("Project", [("xmlns", REFIProject.namespace), ("name", name), ("origin", origin),
                                 ("creatingUserGUID", creatingUser), ("creationDateTime", creationDateTime)])
        if !users.isEmpty {
            writer.start("Users")
            for user in users { writer.empty("User", [("guid", user.guid), ("name", user.name), ("id", user.id)]) }
            writer.end()
        }
        if !codes.isEmpty {
            writer.start("CodeBook")
            REFIXML.writeCodes(codes, to: &writer, project: true)
            writer.end()
        }
        if !variables.isEmpty {
            writer.start("Variables")
            for variable in variables {
                let attributes = [("guid", variable.guid), ("name", variable.name), ("typeOfVariable", variable.type.rawValue)]
                if let description = variable.description {
                    writer.start("Variable", attributes)
                    writer.leaf("Description", description)
                    writer.end()
                } else {
                    writer.empty("Variable", attributes)
                }
            }
            writer.end()
        }
        if !cases.isEmpty {
            writer.start("Cases")
            for item in cases {
                writer.start("Case", [("guid", item.guid), ("name", item.name)])
                if let description = item.description { writer.leaf("Description", description) }
                for code in item.codeRefs { writer.empty("CodeRef", [("targetGUID", code)]) }
                for value in item.values { Self.write(value, to: &writer) }
                for source in item.sourceRefs { writer.empty("SourceRef", [("targetGUID", source)]) }
                for selection in item.selectionRefs { writer.empty("SelectionRef", [("targetGUID", selection)]) }
                writer.end()
            }
            writer.end()
        }
        if !sources.isEmpty || !otherSources.isEmpty {
            writer.start("Sources")
            for source in sources { Self.write(source, element: "TextSource", to: &writer) }
            for other in otherSources {
                // Only what was kept: the element, its GUID and name, and a PDF's text representation.
                let attributes = [("guid", other.guid), ("name", other.name)]
                if let representation = other.representation, other.kind == "PDFSource" {
                    writer.start(other.kind, attributes)
                    Self.write(representation, element: "Representation", to: &writer)
                    writer.end()
                } else {
                    writer.empty(other.kind, attributes)
                }
            }
            writer.end()
        }
        if !notes.isEmpty {
            writer.start("Notes")
            for note in notes { Self.write(note, element: "Note", to: &writer) }
            writer.end()
        }
        if !sets.isEmpty {
            writer.start("Sets")
            for set in sets {
                writer.start("Set", [("guid", set.guid), ("name", set.name)])
                if let description = set.description { writer.leaf("Description", description) }
                for member in set.memberCodes { writer.empty("MemberCode", [("targetGUID", member)]) }
                for member in set.memberSources { writer.empty("MemberSource", [("targetGUID", member)]) }
                for member in set.memberNotes { writer.empty("MemberNote", [("targetGUID", member)]) }
                writer.end()
            }
            writer.end()
        }
        if let description { writer.leaf("Description", description) }
        for note in noteRefs { writer.empty("NoteRef", [("targetGUID", note)]) }
        writer.end()
        return writer.text
    }

    private static func write(_ value: VariableValue, to writer: inout XMLWriter) {
        writer.start("VariableValue")
        writer.empty("VariableRef", [("targetGUID", value.variable)])
        switch value.value {
        case .text(let text): writer.leaf("TextValue", text)
        case .boolean(let flag): writer.leaf("BooleanValue", flag ? "true" : "false")
        case .integer(let text): writer.leaf("IntegerValue", text)
        case .float(let text): writer.leaf("FloatValue", text)
        case .date(let text): writer.leaf("DateValue", text)
        case .dateTime(let text): writer.leaf("DateTimeValue", text)
        case .none: break
        }
        writer.end()
    }

    private static func write(_ coding: Coding, to writer: inout XMLWriter) {
        writer.start("Coding", [("guid", coding.guid), ("creatingUser", coding.creatingUser), ("creationDateTime", coding.creationDateTime)])
        writer.empty("CodeRef", [("targetGUID", coding.code)])
        for note in coding.noteRefs { writer.empty("NoteRef", [("targetGUID", note)]) }
        writer.end()
    }

    private static func write(_ source: TextSource, element: String, to writer: inout XMLWriter) {
        writer.start(element, [("guid", source.guid), ("name", source.name), ("richTextPath", source.richTextPath),
                               ("plainTextPath", source.plainTextPath), ("creatingUser", source.creatingUser),
                               ("creationDateTime", source.creationDateTime)])
        if let description = source.description { writer.leaf("Description", description) }
        if let content = source.plainTextContent { writer.leaf("PlainTextContent", content) }
        for selection in source.selections {
            writer.start("PlainTextSelection", [("guid", selection.guid), ("name", selection.name),
                                                ("startPosition", String(selection.start)), ("endPosition", String(selection.end)),
                                                ("creatingUser", selection.creatingUser), ("creationDateTime", selection.creationDateTime)])
            if let description = selection.description { writer.leaf("Description", description) }
            for coding in selection.codings { write(coding, to: &writer) }
            for note in selection.noteRefs { writer.empty("NoteRef", [("targetGUID", note)]) }
            writer.end()
        }
        for coding in source.codings { write(coding, to: &writer) }
        for note in source.noteRefs { writer.empty("NoteRef", [("targetGUID", note)]) }
        for value in source.values { write(value, to: &writer) }
        writer.end()
    }

    /// Parses `project.qde` bytes; errors give the XML line and column.
    public init(qde bytes: [UInt8], path: String? = nil) throws(FileError) {
        let root = try XMLTree.parse(bytes, path: path)
        let reader = REFIXML(path: path, bytes: bytes)
        guard root.name == "Project" else {
            throw reader.error(root, "expected a refi-qda project (root element Project, namespace \(REFIProject.namespace)); found '\(root.name)'"
                                + (root.name == "CodeBook" ? " (this is a codebook: use import codebook)" : ""))
        }
        self.init(name: root.attributes["name"] ?? "", origin: root.attribute("origin"), creatingUser: root.attribute("creatingUserGUID"),
                  creationDateTime: root.attribute("creationDateTime"))
        for element in root.child("Users")?.children("User") ?? [] {
            users.append(User(guid: try reader.required(element, "guid"), name: element.attribute("name"), id: element.attribute("id")))
        }
        if let codebook = root.child("CodeBook"), let codes = codebook.child("Codes") { self.codes = try reader.codes(codes) }
        for element in root.child("Variables")?.children("Variable") ?? [] {
            let typeName = element.attribute("typeOfVariable") ?? "Text"
            guard let type = VariableType.allCases.first(where: { $0.rawValue.lowercased() == typeName.lowercased() }) else {
                throw reader.error(element, "typeOfVariable '\(typeName)' is not one of Text, Boolean, Integer, Float, Date, DateTime")
            }
            variables.append(Variable(guid: try reader.required(element, "guid"), name: element.attributes["name"] ?? "", type: type,
                                      description: element.child("Description")?.text))
        }
        for element in root.child("Cases")?.children("Case") ?? [] {
            cases.append(Case(guid: try reader.required(element, "guid"), name: element.attribute("name"),
                              description: element.child("Description")?.text, codeRefs: try reader.refs(element, "CodeRef"),
                              values: try Self.values(element, reader), sourceRefs: try reader.refs(element, "SourceRef"),
                              selectionRefs: try reader.refs(element, "SelectionRef")))
        }
        for element in root.child("Sources")?.children ?? [] {
            switch element.name {
            case "TextSource":
                sources.append(try Self.textSource(element, reader))
            case "PDFSource", "PictureSource", "AudioSource", "VideoSource":
                let representation = try element.child("Representation").map { (child) throws(FileError) in try Self.textSource(child, reader) }
                let parts = element.children.filter { $0.name.hasSuffix("Selection") || $0.name == "Coding" || $0.name == "Transcript" }.count
                otherSources.append(OtherSource(kind: element.name, guid: try reader.required(element, "guid"), name: element.attribute("name"),
                                                representation: representation, codedParts: parts))
            default:
                continue
            }
        }
        for element in root.child("Notes")?.children("Note") ?? [] { notes.append(try Self.textSource(element, reader)) }
        sets = try reader.sets(root.child("Sets"), project: true)
        linksAndGraphs = (root.child("Links")?.children.count ?? 0) + (root.child("Graphs")?.children.count ?? 0)
        description = root.child("Description")?.text
        noteRefs = try reader.refs(root, "NoteRef")
    }

    private static func textSource(_ element: XMLTree.Element, _ reader: REFIXML) throws(FileError) -> TextSource {
        var source = TextSource(guid: try reader.required(element, "guid"), name: element.attribute("name"),
                                plainTextPath: element.attribute("plainTextPath"), richTextPath: element.attribute("richTextPath"),
                                plainTextContent: element.child("PlainTextContent")?.text, description: element.child("Description")?.text,
                                creatingUser: element.attribute("creatingUser"), creationDateTime: element.attribute("creationDateTime"))
        for child in element.children("PlainTextSelection") {
            func position(_ name: String) throws(FileError) -> Int {
                let text = try reader.required(child, name)
                guard let value = Int(text) else {
                    throw reader.error(child, "\(name) of selection '\(child.attribute("name") ?? child.attribute("guid") ?? "")' must be a whole number; got '\(text.prefix(30))'")
                }
                return value
            }
            source.selections.append(Selection(guid: try reader.required(child, "guid"), name: child.attribute("name"),
                                               start: try position("startPosition"), end: try position("endPosition"),
                                               description: child.child("Description")?.text, codings: try codings(child, reader),
                                               noteRefs: try reader.refs(child, "NoteRef"), creatingUser: child.attribute("creatingUser"),
                                               creationDateTime: child.attribute("creationDateTime")))
        }
        source.codings = try codings(element, reader)
        source.noteRefs = try reader.refs(element, "NoteRef")
        source.values = try values(element, reader)
        return source
    }

    private static func codings(_ element: XMLTree.Element, _ reader: REFIXML) throws(FileError) -> [Coding] {
        try element.children("Coding").map { (child) throws(FileError) in
            guard let ref = child.child("CodeRef") else { throw reader.error(child, "a Coding needs a CodeRef naming its code") }
            return Coding(guid: try reader.required(child, "guid"), creatingUser: child.attribute("creatingUser"),
                          creationDateTime: child.attribute("creationDateTime"), code: try reader.required(ref, "targetGUID"),
                          noteRefs: try reader.refs(child, "NoteRef"))
        }
    }

    private static func values(_ element: XMLTree.Element, _ reader: REFIXML) throws(FileError) -> [VariableValue] {
        try element.children("VariableValue").map { (child) throws(FileError) in
            guard let ref = child.child("VariableRef") else { throw reader.error(child, "a VariableValue needs a VariableRef naming its variable") }
            let variable = try reader.required(ref, "targetGUID")
            let value: VariableValue.Value
            if let text = child.child("TextValue")?.text { value = .text(text) }
            else if let element = child.child("BooleanValue") {
                switch element.text.trimmingCharacters(in: .whitespacesAndNewlines).lowercased() {
                case "true", "1": value = .boolean(true)
                case "false", "0": value = .boolean(false)
                case let other: throw reader.error(element, "BooleanValue must be true or false; got '\(other.prefix(20))'")
                }
            }
            else if let text = child.child("IntegerValue")?.text { value = .integer(text.trimmingCharacters(in: .whitespacesAndNewlines)) }
            else if let text = child.child("FloatValue")?.text { value = .float(text.trimmingCharacters(in: .whitespacesAndNewlines)) }
            else if let text = child.child("DateValue")?.text { value = .date(text.trimmingCharacters(in: .whitespacesAndNewlines)) }
            else if let text = child.child("DateTimeValue")?.text { value = .dateTime(text.trimmingCharacters(in: .whitespacesAndNewlines)) }
            else { value = .none }
            return VariableValue(variable: variable, value: value)
        }
    }
}
