/// A record result: ordered named fields of one thing.
public struct ResultRecord: Sendable, Equatable {
    /// One field: a stable snake_case key, the label shown, and the value.
    public struct Field: Sendable, Equatable {
        /// The stable key ("ci_lower").
        public var key: String
        /// The label shown ("95% CI lower").
        public var label: String
        /// The value.
        public var value: ResultValue
        /// Left out of the plain-text and Markdown record (kept for machine formats and `expect`).
        public var machineOnly = false
        /// Left out of machine output (its parts are machine-only fields, as a citation's are `reference` and `page`).
        public var tableOnly = false

        /// A field keyed `key`, labelled `label`.
        public init(_ key: String, _ label: String, _ value: ResultValue) {
            self.key = key
            self.label = label
            self.value = value
        }

        /// A field whose label is its key.
        public init(_ key: String, _ value: ResultValue) { self.init(key, key, value) }

        /// The field, for machine formats only.
        public func onlyForMachines() -> Field {
            var field = self
            field.machineOnly = true
            return field
        }

        /// The field, for tables only.
        public func onlyForTables() -> Field {
            var field = self
            field.tableOnly = true
            return field
        }
    }

    /// A heading.
    public var title: String?
    /// The fields, in order.
    public var fields: [Field]
    /// Lines printed below.
    public var footnotes: [String]

    /// Creates a record.
    public init(title: String? = nil, fields: [Field], footnotes: [String] = []) {
        self.title = title
        self.fields = fields
        self.footnotes = footnotes
    }

    /// The value of the field with a key or label.
    public subscript(name: String) -> ResultValue? { fields.first { $0.key == name || $0.label == name }?.value }
}

/// A single named figure.
public struct ResultFigure: Sendable, Equatable {
    /// The stable key ("quotes").
    public var key: String
    /// The label shown.
    public var label: String
    /// The value.
    public var value: ResultValue
    /// Context printed after the value.
    public var detail: String?

    /// A figure keyed `key`, labelled `label` (the key when nil).
    public init(_ key: String, _ label: String? = nil, value: ResultValue, detail: String? = nil) {
        self.key = key
        self.label = label ?? key
        self.value = value
        self.detail = detail
    }
}
