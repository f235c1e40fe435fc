/// A code of a REFI-QDA codebook, with the codes nested under it.
public struct REFICode: Sendable, Equatable {
    /// The code's GUID.
    public var guid: String
    /// The name shown in the QDA tool.
    public var name: String
    /// Whether passages can be coded with it (parents are sometimes only folders).
    public var isCodable: Bool
    /// The colour as written ("#RRGGBB" on export; other tools may write other forms).
    public var color: String?
    /// The description (a definition, with its source).
    public var description: String?
    /// Notes attached to the code (project files only).
    public var noteRefs: [String]
    /// The codes nested under this one.
    public var children: [REFICode]

    /// Creates a code.
    public init(guid: String, name: String, isCodable: Bool = true, color: String? = nil, description: String? = nil,
                noteRefs: [String] = [], children: [REFICode] = []) {
        self.guid = guid
        self.name = name
        self.isCodable = isCodable
        self.color = color
        self.description = description
        self.noteRefs = noteRefs
        self.children = children
    }

    /// This code and every code under it, depth first, each with the names of its ancestors.
    public func flattened(path: [String] = []) -> [(code: REFICode, path: [String])] {
        var out: [(REFICode, [String])] = []
        var stack: [(REFICode, [String])] = [(self, path)]
        while let (code, ancestors) = stack.popLast() {
            out.append((code, ancestors))
            for child in code.children.reversed() { stack.append((child, ancestors + [code.name])) }
        }
        return out
    }
}

/// A named group of codes (ATLAS.ti's code groups, MAXQDA's code sets), and in projects of sources and notes.
public struct REFISet: Sendable, Equatable {
    /// The set's GUID.
    public var guid: String
    /// Its name.
    public var name: String
    /// Its description.
    public var description: String?
    /// The GUIDs of its codes.
    public var memberCodes: [String]
    /// The GUIDs of its sources (projects only).
    public var memberSources: [String]
    /// The GUIDs of its notes (projects only).
    public var memberNotes: [String]

    /// Creates a set.
    public init(guid: String, name: String, description: String? = nil, memberCodes: [String] = [], memberSources: [String] = [],
                memberNotes: [String] = []) {
        self.guid = guid
        self.name = name
        self.description = description
        self.memberCodes = memberCodes
        self.memberSources = memberSources
        self.memberNotes = memberNotes
    }
}

/// A REFI-QDA codebook (`.qdc`, namespace `urn:QDA-XML:codebook:1.0`): codes, nested, and optional sets.
public struct REFICodebook: Sendable, Equatable {
    /// The tool that wrote it ("review 1", "ATLAS.ti Win 23.4.0").
    public var origin: String?
    /// The top-level codes.
    public var codes: [REFICode]
    /// Code sets.
    public var sets: [REFISet]

    /// Creates a codebook.
    public init(origin: String? = nil, codes: [REFICode], sets: [REFISet] = []) {
        self.origin = origin
        self.codes = codes
        self.sets = sets
    }

    /// The codebook namespace.
    public static let namespace = "urn:QDA-XML:codebook:1.0"

    /// Every code, depth first, with the names of its ancestors.
    public var allCodes: [(code: REFICode, path: [String])] { codes.flatMap { $0.flattened() } }
}
