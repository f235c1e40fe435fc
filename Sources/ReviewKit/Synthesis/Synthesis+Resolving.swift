import Foundation

extension Synthesis {
    /// Resolves a typed sub-theme: its code ("B/Know/1", any case) or its id ("12").
    /// - Throws: ``ReviewError`` with the nearest codes when nothing matches.
    public static func subThemeID(_ text: String, in workspace: Workspace) throws(ReviewError) -> Int {
        let typed = text.trimmingCharacters(in: .whitespaces)
        if let id = Int(typed), workspace.subTheme(id) != nil { return id }
        let key = typed.lowercased()
        let matches = workspace.subThemes.filter { $0.code.lowercased() == key }
        if matches.count == 1 { return matches[0].id }
        if matches.count > 1 {
            throw ReviewError("sub-theme code \(typed) is shared by ids \(matches.map { String($0.id) }.joined(separator: ", "))",
                              notes: ["name it by id instead"])
        }
        let nearest = EditDistance.nearest(to: key, in: workspace.subThemes.map { $0.code.lowercased() })
        let codes = nearest.compactMap { near in workspace.subThemes.first { $0.code.lowercased() == near }?.code }
        throw ReviewError("no sub-theme '\(typed)'",
                          notes: (codes.isEmpty ? [] : ["did you mean \(codes.map { "'\($0)'" }.joined(separator: " or "))?"])
                              + ["a sub-theme is named by its code (B/Know/1: barrier, domain, number) or its id"])
    }

    /// Resolves a comma-separated list of sub-themes ("B/Know/1,B/Know/2").
    public static func subThemeIDs(_ list: String, in workspace: Workspace) throws(ReviewError) -> [Int] {
        var ids: [Int] = []
        for part in list.split(separator: ",") where !part.trimmingCharacters(in: .whitespaces).isEmpty {
            ids.append(try subThemeID(String(part), in: workspace))
        }
        guard !ids.isEmpty else { throw ReviewError("no sub-themes given", notes: ["e.g. themes=B/Know/1,B/Know/2"]) }
        return ids
    }

    /// Resolves a typed finding: its id ("F2", "T7") or the code of a sub-theme, meaning the finding in force
    /// that the sub-theme supports (its own, or the one written finding that uses it).
    public func findingID(_ text: String, in workspace: Workspace) throws(ReviewError) -> FindingID {
        if let id = FindingID(text) {
            guard finding(id, in: workspace) != nil else { throw unknownFinding(id, in: workspace) }
            return id
        }
        let themeID: Int
        do { themeID = try Self.subThemeID(text, in: workspace) } catch {
            throw ReviewError("no finding '\(text.trimmingCharacters(in: .whitespaces))'",
                              notes: ["a finding is named by its id (F1, T7) or by one of its sub-themes' codes (B/Know/1)"])
        }
        let owners = writtenFindings.filter { $0.subThemeIDs.contains(themeID) }
        if owners.isEmpty { return .subTheme(themeID) }
        if owners.count == 1 { return owners[0].id }
        throw ReviewError("sub-theme \(text) supports \(owners.map(\.id.description).joined(separator: " and "))", notes: ["name the finding by its id"])
    }
}
