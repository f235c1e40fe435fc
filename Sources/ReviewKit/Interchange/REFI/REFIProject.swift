/// A REFI-QDA project (`project.qde` inside a `.qdpx`, namespace `urn:QDA-XML:project:1.0`), as far as a
/// review of text needs it: users, the codebook, variables, cases, text sources with their selections and
/// codings, notes and sets. Picture, PDF, audio and video sources are kept by name so an import can list them.
public struct REFIProject: Sendable, Equatable {
    /// A person who coded (the `creatingUser` of a coding is a user's GUID).
    public struct User: Sendable, Equatable {
        /// The GUID.
        public var guid: String
        /// The name, when given.
        public var name: String?
        /// The tool's own id, when given.
        public var id: String?

        /// Creates a user.
        public init(guid: String, name: String? = nil, id: String? = nil) {
            self.guid = guid
            self.name = name
            self.id = id
        }
    }

    /// The type of a variable.
    public enum VariableType: String, Sendable, Equatable, CaseIterable {
        case text = "Text", boolean = "Boolean", integer = "Integer", float = "Float", date = "Date", dateTime = "DateTime"
    }

    /// A variable (an attribute of cases or sources).
    public struct Variable: Sendable, Equatable {
        /// The GUID.
        public var guid: String
        /// The name.
        public var name: String
        /// The type.
        public var type: VariableType
        /// The description.
        public var description: String?

        /// Creates a variable.
        public init(guid: String, name: String, type: VariableType, description: String? = nil) {
            self.guid = guid
            self.name = name
            self.type = type
            self.description = description
        }
    }

    /// A variable's value on a case or source. Numbers are kept as written (`xsd:integer` and `xsd:decimal`
    /// have no size limit); they are converted when mapped.
    public struct VariableValue: Sendable, Equatable {
        /// The typed value.
        public enum Value: Sendable, Equatable {
            case text(String), boolean(Bool), integer(String), float(String), date(String), dateTime(String)
            /// No value element.
            case none
        }

        /// The variable's GUID.
        public var variable: String
        /// The value.
        public var value: Value

        /// Creates a value.
        public init(variable: String, value: Value) {
            self.variable = variable
            self.value = value
        }
    }

    /// A case: a unit of analysis (here, a study) with variable values and the sources it covers.
    public struct Case: Sendable, Equatable {
        /// The GUID.
        public var guid: String
        /// The name, when given.
        public var name: String?
        /// The description.
        public var description: String?
        /// Codes applied to the whole case.
        public var codeRefs: [String]
        /// Variable values.
        public var values: [VariableValue]
        /// The sources the case covers.
        public var sourceRefs: [String]
        /// The selections the case covers.
        public var selectionRefs: [String]

        /// Creates a case.
        public init(guid: String, name: String? = nil, description: String? = nil, codeRefs: [String] = [], values: [VariableValue] = [],
                    sourceRefs: [String] = [], selectionRefs: [String] = []) {
            self.guid = guid
            self.name = name
            self.description = description
            self.codeRefs = codeRefs
            self.values = values
            self.sourceRefs = sourceRefs
            self.selectionRefs = selectionRefs
        }
    }

    /// One code applied by one user.
    public struct Coding: Sendable, Equatable {
        /// The GUID.
        public var guid: String
        /// The GUID of the user who applied it.
        public var creatingUser: String?
        /// When it was made (`xsd:dateTime`, as written).
        public var creationDateTime: String?
        /// The GUID of the code.
        public var code: String
        /// The GUIDs of the notes attached to it.
        public var noteRefs: [String]

        /// Creates a coding.
        public init(guid: String, creatingUser: String? = nil, creationDateTime: String? = nil, code: String, noteRefs: [String] = []) {
            self.guid = guid
            self.creatingUser = creatingUser
            self.creationDateTime = creationDateTime
            self.code = code
            self.noteRefs = noteRefs
        }
    }

    /// A passage of a text source, by code point positions (start inclusive, end exclusive).
    public struct Selection: Sendable, Equatable {
        /// The GUID.
        public var guid: String
        /// The name, when given.
        public var name: String?
        /// The first code point (from 0).
        public var start: Int
        /// The code point after the last one (end exclusive).
        public var end: Int
        /// The description.
        public var description: String?
        /// The codings of the passage.
        public var codings: [Coding]
        /// The GUIDs of the notes attached to it.
        public var noteRefs: [String]
        /// The GUID of the user who made it.
        public var creatingUser: String?
        /// When it was made (`xsd:dateTime`, as written).
        public var creationDateTime: String?

        /// Creates a selection.
        public init(guid: String, name: String? = nil, start: Int, end: Int, description: String? = nil, codings: [Coding] = [],
                    noteRefs: [String] = [], creatingUser: String? = nil, creationDateTime: String? = nil) {
            self.guid = guid
            self.name = name
            self.start = start
            self.end = end
            self.description = description
            self.codings = codings
            self.noteRefs = noteRefs
            self.creatingUser = creatingUser
            self.creationDateTime = creationDateTime
        }
    }

    /// A text source (a document), and also the shape of a note.
    public struct TextSource: Sendable, Equatable {
        /// The GUID.
        public var guid: String
        /// The name, when given.
        public var name: String?
        /// Where the plain text is: `internal://<GUID>.txt` (in the archive's `sources/`), `relative://`, `absolute://`.
        public var plainTextPath: String?
        /// Where a rich-text version is (`internal://<GUID>.docx`), when there is one.
        public var richTextPath: String?
        /// The text, when it is inside the project file instead.
        public var plainTextContent: String?
        /// The description.
        public var description: String?
        /// The coded passages.
        public var selections: [Selection]
        /// Codings of the whole source.
        public var codings: [Coding]
        /// The GUIDs of the notes attached to it.
        public var noteRefs: [String]
        /// Variable values.
        public var values: [VariableValue]
        /// The GUID of the user who made it.
        public var creatingUser: String?
        /// When it was made (`xsd:dateTime`, as written).
        public var creationDateTime: String?

        /// Creates a source.
        public init(guid: String, name: String? = nil, plainTextPath: String? = nil, richTextPath: String? = nil, plainTextContent: String? = nil,
                    description: String? = nil, selections: [Selection] = [], codings: [Coding] = [], noteRefs: [String] = [],
                    values: [VariableValue] = [], creatingUser: String? = nil, creationDateTime: String? = nil) {
            self.guid = guid
            self.name = name
            self.plainTextPath = plainTextPath
            self.richTextPath = richTextPath
            self.plainTextContent = plainTextContent
            self.description = description
            self.selections = selections
            self.codings = codings
            self.noteRefs = noteRefs
            self.values = values
            self.creatingUser = creatingUser
            self.creationDateTime = creationDateTime
        }
    }

    /// A source that is not plain text (PDF, picture, audio, video). A PDF's text representation, when the
    /// tool wrote one, is kept, since it is a text source with selections.
    public struct OtherSource: Sendable, Equatable {
        /// The element name ("PDFSource", "PictureSource", "AudioSource", "VideoSource").
        public var kind: String
        /// The GUID.
        public var guid: String
        /// The name, when given.
        public var name: String?
        /// A PDF's plain-text representation.
        public var representation: TextSource?
        /// How many selections and codings it holds (not imported).
        public var codedParts: Int

        /// Creates a non-text source.
        public init(kind: String, guid: String, name: String? = nil, representation: TextSource? = nil, codedParts: Int = 0) {
            self.kind = kind
            self.guid = guid
            self.name = name
            self.representation = representation
            self.codedParts = codedParts
        }
    }

    /// The project's name.
    public var name: String
    /// The tool that wrote it ("ATLAS.ti Win 23.4.0", "NVivo", "MAXQDA 2022", "QualCoder 3.5").
    public var origin: String?
    /// The GUID of the user who made it.
    public var creatingUser: String?
    /// When it was made (`xsd:dateTime`, as written).
    public var creationDateTime: String?
    /// The users (coders).
    public var users: [User]
    /// The codebook's top-level codes.
    public var codes: [REFICode]
    /// The variables of cases and sources.
    public var variables: [Variable]
    /// The cases.
    public var cases: [Case]
    /// The text sources.
    public var sources: [TextSource]
    /// The non-text sources, kept for the import listing.
    public var otherSources: [OtherSource]
    /// The notes (memos), each shaped like a text source.
    public var notes: [TextSource]
    /// Sets of codes, sources or notes.
    public var sets: [REFISet]
    /// The description.
    public var description: String?
    /// Notes on the project as a whole.
    public var noteRefs: [String]
    /// How many links and graphs the file held (not imported; listed).
    public var linksAndGraphs: Int

    /// Creates a project.
    public init(name: String, origin: String? = nil, creatingUser: String? = nil, creationDateTime: String? = nil, users: [User] = [],
                codes: [REFICode] = [], variables: [Variable] = [], cases: [Case] = [], sources: [TextSource] = [],
                otherSources: [OtherSource] = [], notes: [TextSource] = [], sets: [REFISet] = [], description: String? = nil,
                noteRefs: [String] = [], linksAndGraphs: Int = 0) {
        self.name = name
        self.origin = origin
        self.creatingUser = creatingUser
        self.creationDateTime = creationDateTime
        self.users = users
        self.codes = codes
        self.variables = variables
        self.cases = cases
        self.sources = sources
        self.otherSources = otherSources
        self.notes = notes
        self.sets = sets
        self.description = description
        self.noteRefs = noteRefs
        self.linksAndGraphs = linksAndGraphs
    }

    /// The project namespace.
    public static let namespace = "urn:QDA-XML:project:1.0"
}
