import Foundation
import Testing
@testable import ReviewKit
@testable import ReviewShell

/// `set` in machine output: typed values (booleans, a whole number, slugs; unset as null with the word in
/// `value_reason`), checked by Python's json, csv and jsonschema against docs/schemas/set.schema.json.
@Suite struct SetMachineOutputTests {
    /// The `set` listing's rows by setting, parsed from one JSON document.
    func rows(_ json: String) throws -> [String: [String: Any]] {
        let document = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect(document["type"] as? String == "table")
        let rows = try #require(document["rows"] as? [[String: Any]])
        return Dictionary(uniqueKeysWithValues: rows.map { ($0["setting"] as? String ?? "?", $0) })
    }

    @Test("set --format json: booleans, a whole number, slugs, null with value_reason for an unset value")
    func typedValuesInJSON() throws {
        let folder = try DocumentedExamplesTests.scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let (shell, output) = try MachineOutputTests.shell(.json, in: folder)
        let listing = MachineOutputTests.run(shell, output, "set").out
        let defaults = try rows(listing)
        #expect(Set(defaults.keys) == Set(Settings.catalogue.map(\.name)))
        // The session's format setting (the shell prints JSON because its options say so; the setting is the word).
        #expect(defaults["format"]?["value"] as? String == shell.session.settings.format.rawValue)
        #expect(defaults["width"]?["value"] is NSNull && defaults["width"]?["value_reason"] as? String == "auto")
        #expect(defaults["colour"]?["value"] is NSNull && defaults["colour"]?["value_reason"] as? String == "auto")
        #expect(defaults["reviewer"]?["value"] is NSNull && defaults["reviewer"]?["value_reason"] as? String == "none")
        #expect(defaults["bands"]?["value"] as? String == QualityBands.seed.description, "the text 'set bands' takes, not 'seed (…)'")
        #expect(defaults["mapping"]?["value"] as? String == "seed")
        #expect(defaults["expanded"]?["value"] as? String == "auto")
        #expect(defaults["pager"]?["value_reason"] is NSNull, "value_reason is null where the value is set")
        // JSON booleans, not "on"/"off" and not 1/0 (the document's own text).
        for (name, value) in [("pager", "true"), ("journal", "true"), ("blind", "false")] {
            #expect(listing.contains(#""setting":"\#(name)","value":\#(value),"#), "\(name): \(listing)")
        }
        #expect(listing.contains(#""setting":"width","value":null,"value_reason":"auto","#), "\(listing)")
        #expect(defaults["journal"]?["value"] as? Bool == true && defaults["blind"]?["value"] as? Bool == false)

        for line in ["set width 80", "set colour off", "set glyphs ascii", "set reviewer GT", "set blind on", "set expanded on", "set pager off"] {
            #expect(shell.run(line), "\(line): \(output.errors)")
        }
        let changed = try rows(MachineOutputTests.run(shell, output, "set").out)
        #expect(changed["width"]?["value"] as? Int == 80 && changed["width"]?["value"] is NSNumber)
        #expect(changed["colour"]?["value"] as? Bool == false && changed["pager"]?["value"] as? Bool == false)
        #expect(changed["glyphs"]?["value"] as? String == "ascii" && changed["expanded"]?["value"] as? String == "on")
        #expect(changed["reviewer"]?["value"] as? String == "GT" && changed["blind"]?["value"] as? Bool == true)
        #expect(changed["width"]?["value_reason"] == nil, "no row is unset, so there is no value_reason column: \(changed["width"] ?? [:])")

        // One setting is a figure with the same typed value.
        let figure = try #require(try JSONSerialization.jsonObject(with: Data(MachineOutputTests.run(shell, output, "set width").out.utf8)) as? [String: Any])
        #expect(figure["type"] as? String == "figure" && figure["key"] as? String == "width" && figure["value"] as? Int == 80)
        let alias = try #require(try JSONSerialization.jsonObject(with: Data(MachineOutputTests.run(shell, output, "set color").out.utf8)) as? [String: Any])
        #expect(alias["key"] as? String == "colour" && alias["value"] as? Bool == false)
    }

    @Test("the terminal table still shows the words people type: on, auto, seed (…)")
    func tableShowsWords() throws {
        let harness = try CommandHarness()
        let table = try harness.table("set")
        let values = Dictionary(uniqueKeysWithValues: zip(harness.column(table, "setting").map(\.description), harness.column(table, "value").map(\.description)))
        #expect(values["pager"] == "on" && values["journal"] == "on" && values["blind"] == "off")
        #expect(values["colour"] == "auto" && values["reviewer"] == "none")
        #expect(values["bands"]?.hasPrefix("seed (") == true)
    }

    @Test("set --format csv: one table, booleans as true/false, unset as an empty cell with its reason")
    func typedValuesInCSV() throws {
        let folder = try DocumentedExamplesTests.scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let (shell, output) = try MachineOutputTests.shell(.csv, in: folder)
        let path = folder.appendingPathComponent("set.csv")
        try Data(MachineOutputTests.run(shell, output, "set").out.utf8).write(to: path)
        guard let report = try MachineOutputTests.read(["tables": [["name": "set", "format": "csv", "path": path.path]]]),
              let table = (report["tables"] as? [String: [String: Any]])?["set"] else { return }
        let records = table["csv_rows"] as? [[String]] ?? []
        #expect(records.first == ["setting", "value", "value_reason", "meaning"])
        let byName = Dictionary(uniqueKeysWithValues: records.dropFirst().map { ($0[0], $0) })
        #expect(byName["pager"]?[1] == "true" && byName["blind"]?[1] == "false" && byName["format"]?[1] == shell.session.settings.format.rawValue)
        #expect(byName["width"]?[1] == "" && byName["width"]?[2] == "auto")
        #expect(byName["mapping"]?[1] == "seed" && byName["mapping"]?[2] == "")
    }

    @Test("every set document validates against set.schema.json, and the schema refuses display strings")
    func schemaValidatesAndRefuses() throws {
        let folder = try DocumentedExamplesTests.scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let (shell, output) = try MachineOutputTests.shell(.json, in: folder)
        var documents: [[String: Any]] = []
        for line in ["set", "set width", "set colour", "set reviewer", "set bands", "set width 100", "set colour on", "set reviewer GT", "set", "set width", "set colour"] {
            let result = MachineOutputTests.run(shell, output, line)
            #expect(result.ok, "\(line): \(result.err)")
            if !result.out.isEmpty { documents.append(["command": "set", "example": line, "json": result.out]) }
        }
        #expect(documents.count == 8)
        // What `set` printed before values were typed: display words that the schema must refuse.
        let old = #"{"type":"table","title":"Settings","columns":["setting","value","meaning"],"rows":[{"setting":"pager","value":"on","meaning":"x"},{"setting":"width","value":"auto","meaning":"x"}],"notes":[]}"#
        let oldFigure = #"{"type":"figure","key":"colour","name":"colour","value":"auto","detail":null}"#
        documents.append(["command": "set", "example": "old", "json": old + "\n" + oldFigure])
        guard let report = try MachineOutputTests.read(["schemas": MachineOutputTests.schemas.path, "documents": documents]) else { return }
        let failures = report["failures"] as? [[String: Any]] ?? []
        #expect(report["validated"] as? Int == 10)
        let current = failures.filter { $0["example"] as? String != "old" }
        #expect(current.isEmpty, "\(current)")
        let refused = Set(failures.filter { $0["example"] as? String == "old" }.map { $0["path"] as? String ?? "" })
        #expect(refused.contains("rows/0/value") && refused.contains("rows/1/value") && refused.contains("value"), "\(failures)")
    }
}
