import Foundation
import Testing
@testable import ReviewShell
import ReviewKit

/// The machine vocabulary (docs/formats.md, "Machine output") on hand-made results: what each kind of value
/// becomes in JSON, CSV and TSV, and what goes to standard error.
@Suite struct MachineTableTests {
    static let table = ResultTable(
        columns: [.init("id", type: .integer), .init("direction", "B/F"), ResultColumn("citation").onlyForTables(), ResultColumn("page").onlyForMachines(),
                  ResultColumn("barriers", type: .pair).pairKeyed("barrier_subthemes", "barrier_quotes"), .init("p", type: .pValue),
                  .init("casp", type: .number), .init("tags", type: .list)],
        rows: [[.labelled(.integer(12), display: "Q12"), .labelled(.text("barrier"), display: "B"), .text("(35), p. 7"), .text("p. 7"),
                .pair(2, 3), .pValue(0.0000123), .number(8.25, decimals: 1), .list([.text("a;b"), .text("c")])],
               [.labelled(.integer(13), display: "Q13"), .missing, .missing, .missing, .pair(0, 0), .pValue(.nan), .absent("incomplete (9 of 10)"), .list([])]])

    @Test func jsonCarriesKeysSlugsAndFullPrecision() {
        let json = JSONText.render(.table(Self.table))
        #expect(json == #"{"type":"table","title":null,"columns":["id","direction","page","barrier_subthemes","barrier_quotes","p","casp","casp_reason","tags"],"rows":["#
                + #"{"id":12,"direction":"barrier","page":"p. 7","barrier_subthemes":2,"barrier_quotes":3,"p":1.23e-05,"casp":8.25,"casp_reason":null,"tags":["a;b","c"]},"#
                + #"{"id":13,"direction":null,"page":null,"barrier_subthemes":0,"barrier_quotes":0,"p":null,"casp":null,"casp_reason":"incomplete (9 of 10)","tags":[]}],"notes":[]}"#)
    }

    @Test func csvAndTsvHaveTheSameColumnsAsJSON() {
        let csv = Renderer(format: .csv).render(.table(Self.table))
        #expect(csv == "id,direction,page,barrier_subthemes,barrier_quotes,p,casp,casp_reason,tags\n12,barrier,p. 7,2,3,1.23e-05,8.25,,a\\;b; c\n13,,,0,0,,,incomplete (9 of 10),\n")
        let tsv = Renderer(format: .tsv).render(.table(ResultTable(columns: [.init("text")], rows: [[.text("a\tb\nc \"d\"")], [.text("plain")]])))
        #expect(tsv == "text\n\"a\tb\nc \"\"d\"\"\"\nplain\n")
    }

    @Test func tablesStillShowLabelsAndDisplayValues() {
        let text = Renderer(format: .table, width: 120).render(.table(Self.table))
        #expect(text.contains("Q12") && text.contains("(35), p. 7") && text.contains("B/F") && text.contains("2 / 3") && !text.contains("barrier_subthemes"))
        let markdown = Renderer(format: .markdown).render(.table(Self.table))
        #expect(markdown.hasPrefix("| id | B/F | citation | barriers | p | casp | tags |"), "\(markdown)")
    }

    @Test func aRecordIsOneRowAndAFigureOneKey() {
        let record = ResultRecord(fields: [.init("kappa", .number(0.58812, decimals: 3)), .init("range", .text("0.41–0.60")).onlyForTables(),
                                           .init("range_min", .number(0.41, decimals: 2)).onlyForMachines()])
        #expect(Renderer(format: .csv).render(.record(record)) == "kappa,range_min\n0.58812,0.41\n")
        #expect(Renderer(format: .csv).render(.figure(ResultFigure("quotes", value: .integer(18), detail: "of 46"))) == "quotes\n18\n")
        #expect(JSONText.render(.figure(ResultFigure("quotes", value: .integer(18), detail: "of 46"))) == #"{"type":"figure","key":"quotes","name":"quotes","value":18,"detail":"of 46"}"#)
    }

    @Test func messagesGoToStandardErrorAndOneTablePerStream() {
        let result = CommandResult.sequence([.message("imported quotes from q.csv"), .table(Self.table),
                                             .table(ResultTable(title: "per category", columns: [.init("a")], rows: [[.integer(1)]]))])
        let csv = Renderer(format: .csv).split(result)
        #expect(csv.output.hasPrefix("id,direction") && !csv.output.contains("per category") && !csv.output.contains("imported"))
        #expect(csv.messages == "imported quotes from q.csv\nnote: one table per csv stream: wrote the table; also in this result: 'per category' (all of them with --format json)\n")
        let json = Renderer(format: .json).split(result)
        #expect(json.messages == #"{"type":"message","text":"imported quotes from q.csv"}"# + "\n")
        #expect(json.output.contains("per category") && !json.output.contains("imported"))
        let table = Renderer(format: .table).split(.message("width = 80"))
        #expect(table.output == "width = 80\n" && table.messages.isEmpty)
    }

    @Test func aShellInCSVKeepsStandardOutputForData() throws {
        let output = BufferedOutput()
        var options = ShellOptions()
        options.format = .csv
        let shell = Shell(session: try Session.embedded(), input: ScriptedLineSource([]), output: output, options: options)
        #expect(shell.run("set width 80") && shell.run("quotes limit 1"))
        #expect(output.text.hasPrefix("id,direction,component,domain,subtheme,subtheme_code,study,reference,page,text\n1,barrier,psychological-capability,knowledge,1,B/Know/1,,35,p. 7,"), "\(output.text)")
        #expect(output.errors == "width = 80\n")
    }

    @Test func expectReadsKeysLabelsSlugsAndDisplayValues() throws {
        let output = BufferedOutput()
        let shell = Shell(session: try Session.embedded(), input: ScriptedLineSource([]), output: output, options: ShellOptions())
        for line in ["expect B/F[Q1] = B from quotes limit 1", "expect direction[Q1] = barrier from quotes limit 1", "expect COM-B[Q1] = C-psy from quotes limit 1",
                     "expect component[Q1] = psychological-capability from quotes limit 1", "expect id = Q3 from quote Q3", "expect id = 3 from quote Q3",
                     "expect total[total] = 46 from matrix", "expect knowledge[psychological-capability] = 4 from matrix"] {
            #expect(shell.run(line), "\(line): \(output.errors)")
        }
    }
}
