/// The targets of the harness, by name.
public enum FuzzTargets {
    /// Every target's name, in campaign order.
    public static let names = ["commands", "snapshot", "csv", "ris", "refi"]

    /// A fresh target by name (nil for an unknown name).
    public static func make(_ name: String) throws -> (any FuzzTarget)? {
        switch name {
        case "commands": try CommandLineTarget()
        case "snapshot": try SnapshotTarget()
        case "csv": try CSVImportTarget()
        case "ris": try RISTarget()
        case "refi": try REFITarget()
        default: nil
        }
    }
}
