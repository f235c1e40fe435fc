// review-bench: builds a synthetic review workspace and times what a reviewer waits for.
//
// Usage: review-bench --help (options are parsed by swift-argument-parser; see `Options` below).
//
// Output format (version 1, documented in docs/benchmarks.md): one record per line, a leading keyword,
// then `key=value` pairs or a fixed-column table; lines starting with '#' are comments.
// Exit status: 0 when every target passes (or with --no-fail), 1 when one fails, 2 on a usage error.

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import ArgumentParser
import Foundation
import ReviewKit
import ReviewShell

// MARK: options

/// A count typed with or without underscores ("1_000_000").
struct Count: ExpressibleByArgument {
    let value: Int
    init?(argument: String) {
        guard let value = Int(argument.filter { $0 != "_" }), value >= 0 else { return nil }
        self.value = value
    }
    init(_ value: Int) { self.value = value }
    var defaultValueDescription: String { String(value) }
}

/// The command line of review-bench (swift-argument-parser); parsed, never run as a command.
struct Options: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "review-bench",
        abstract: "Builds a synthetic review workspace and times what a reviewer waits for.",
        discussion: "Output format in docs/benchmarks.md. Exit status: 0 when every target passes (or with --no-fail), 1 when one fails, 2 on a usage error.")

    @Option(name: .customLong("quotes"), help: "Coded quotes to generate.") var quoteCount = Count(1_000_000)
    @Option(name: .customLong("studies"), help: "Studies to generate (at least 1).") var studyCount = Count(5_000)
    @Option(name: .customLong("runs"), help: "Timed runs per case after warm-up (at least 1).") var runCount = Count(30)
    @Option(name: .customLong("warmup"), help: "Untimed runs before timing (also the start-up warm-up).") var warmupCount = Count(3)
    @Option(help: "Generator seed.") var seed: UInt64 = 0x5EED_2025
    @Option(name: .customLong("snapshot-runs"), help: "Runs of in-memory snapshot encode and decode.") var snapshotRunCount = Count(3)
    @Option(name: .customLong("io-runs"), help: "Runs of each file step: save, load, CSV export and import.") var ioRunCount = Count(3)
    @Option(name: .customLong("io-dir"), help: "Where the files section makes its temporary directory (default $TMPDIR or /tmp).") var ioDirectory: String?
    @Flag(name: .customLong("io-cold"), help: "Evict each file from the page cache before loading or importing it.") var ioCold = false
    @Option(name: .customLong("startup-runs"), help: "Timed launches of the review binary per start-up case.") var startupRunCount = Count(30)
    @Option(name: .customLong("review"), help: "The review binary to launch (default: beside review-bench).") var reviewBinary: String?
    @Option(name: .customLong("only"), help: "Run only these cases and steps, comma-separated (names as printed).") var onlyList: String?
    @Flag(name: .customLong("no-snapshot"), help: "Skip the in-memory snapshot section.") var noSnapshot = false
    @Flag(name: .customLong("no-files"), help: "Skip the files section (snapshot save/load, CSV import).") var noFiles = false
    @Flag(name: .customLong("no-startup"), help: "Skip the start-up section.") var noStartup = false
    @Flag(name: .customLong("no-fail"), help: "Exit 0 even when a target fails.") var noFail = false
    @Option(name: .customLong("export-csv"), help: "Also write the generated workspace's CSV tables to this directory (for scripts/bench-duckdb.py).")
    var exportDirectory: String?

    var quotes: Int { quoteCount.value }
    var studies: Int { max(1, studyCount.value) }
    var runs: Int { max(1, runCount.value) }
    var warmup: Int { warmupCount.value }
    var snapshotRuns: Int { max(1, snapshotRunCount.value) }
    var ioRuns: Int { max(1, ioRunCount.value) }
    var startupRuns: Int { max(1, startupRunCount.value) }
    var only: Set<String>? { onlyList.map { Set($0.split(separator: ",").map(String.init)) } }
    var snapshot: Bool { !noSnapshot }
    var files: Bool { !noFiles }
    var startup: Bool { !noStartup }
    var fail: Bool { !noFail }

    /// The options, or a usage message and exit status 2.
    static func parsed() -> Options {
        do {
            return try parse()
        } catch {
            if exitCode(for: error) == .success { exit(withError: error) }
            warn("review-bench: " + fullMessage(for: error) + "\n")
            terminate(2)
        }
    }
}

/// Ends the process with a status (Glibc or Darwin).
func terminate(_ status: Int32) -> Never {
    #if canImport(Glibc)
    Glibc.exit(status)
    #else
    Darwin.exit(status)
    #endif
}

/// Writes to standard error (fd 2) without touching the C `stderr` global.
func warn(_ text: String) {
    var text = text
    text.withUTF8 { bytes in _ = write(2, bytes.baseAddress, bytes.count) }
}

// MARK: deterministic generation

extension SplitMix64 {
    /// Uniform in [0, 1).
    mutating func unit() -> Double { Double(next() >> 11) * (1.0 / 9_007_199_254_740_992.0) }
}

/// The words quotes are made of, with Zipf-like frequencies (weight 1 / rank).
struct Vocabulary {
    /// Words by rank (most frequent first).
    let words: [String]
    /// UTF-8 length of each word.
    let lengths: [Int]
    /// UTF-8 bytes of each word.
    let utf8: [[UInt8]]
    /// Cumulative weights, for sampling by binary search.
    let cumulative: [Double]

    /// Needles whose frequency the bench reports: realistic, rare and common.
    static let realisticNeedle = "stigma"
    static let rareNeedle = "kivisto"  // typed without its accent; the vocabulary has "Kivistö"
    static let commonNeedle = "support"

    init(size: Int = 6_000) {
        // Real words (ranked roughly as in interview transcripts), with curly apostrophes and accents.
        var words = ["the", "and", "I", "support", "to", "a", "of", "it", "that", "was", "in", "you", "peer", "we", "is",
                     "I’m", "not", "they", "for", "with", "service", "it’s", "like", "but", "be", "have", "my", "what",
                     "don’t", "just", "about", "team", "so", "experience", "people", "work", "role", "can’t", "there’s",
                     "staff", "mental", "health", "lived", "user", "users", "worker", "workers", "recovery", "training",
                     "because", "really", "feel", "felt", "know", "think", "we’re", "they’re", "manager", "colleagues",
                     "meeting", "share", "sharing", "story", "trust", "power", "boundaries", "identity", "professional",
                     "organisation", "culture", "supervision", "burnout", "disclose", "ward", "clinicians", "nurse",
                     "“honestly”", "‘peer’", "–", "…", "rôle", "café", "naïve", "déjà", "façade", "über", "Pérez",
                     "Janoušková", "Ehrlich", "señora", "coördinate", "résumé", "élite", "Zoë", "Brontë", "São", "Paulo",
                     "Dvořák", "Łódź", "Kraków", "Müller", "Ångström", "Bjørn", "Søren", "Malmö", "Île", "naïveté"]
        // Pseudo-words fill the long tail; syllables never spell a needle.
        let syllables = ["ka", "lo", "ri", "ven", "tu", "mar", "sel", "dor", "pi", "nes", "gra", "fo", "lin", "zu", "ber", "te", "mo", "sha"]
        var index = 0
        while words.count < size - 1 {
            var word = ""
            var n = index
            repeat { word += syllables[n % syllables.count]; n /= syllables.count } while n > 0
            if word.count >= 3 { words.append(word) }
            index += 1
        }
        // The realistic needle sits at rank ~200 (≈2% of quotes, as in the seed review); the rare one is last.
        words.insert(Self.realisticNeedle, at: 200)
        words.append("Kivistö")
        self.words = words
        lengths = words.map(\.utf8.count)
        utf8 = words.map { Array($0.utf8) }
        var total = 0.0
        cumulative = (0..<words.count).map { rank in
            total += 1.0 / Double(rank + 1)
            return total
        }
    }

    /// A word index drawn with Zipf weights.
    func sample(_ rng: inout SplitMix64) -> Int {
        let target = rng.unit() * cumulative[cumulative.count - 1]
        var low = 0, high = cumulative.count - 1
        while low < high {
            let mid = (low + high) / 2
            if cumulative[mid] <= target { low = mid + 1 } else { high = mid }
        }
        return low
    }
}

/// Draws quotes one at a time (a Sequence, so the whole corpus is never held twice).
struct QuoteSource: Sequence, IteratorProtocol {
    let vocabulary: Vocabulary
    let studyIDs: [String]
    let count: Int
    var rng: SplitMix64
    var produced = 0
    /// When true, texts are not built: `lastTextBytes` is still set (for sizing the store exactly).
    let countOnly: Bool
    var lastTextBytes = 0
    private var buffer: [UInt8] = []

    init(vocabulary: Vocabulary, studyIDs: [String], count: Int, seed: UInt64, countOnly: Bool = false) {
        self.vocabulary = vocabulary
        self.studyIDs = studyIDs
        self.count = count
        rng = SplitMix64(seed: seed)
        self.countOnly = countOnly
    }

    mutating func next() -> Quote? {
        guard produced < count else { return nil }
        produced += 1
        let wordCount = 15 + rng.next(below: 46)  // 15–60 words
        let quoted = rng.next(below: 2) == 0      // half the quotes are wrapped in curly quotes
        // Texts are built in a reused byte buffer, then copied once into an exactly sized String,
        // as a file loader would make them (no spare capacity from growth).
        buffer.removeAll(keepingCapacity: true)
        var bytes = quoted ? 6 : 0          // “ and ” are three bytes each
        if !countOnly && quoted { buffer.append(contentsOf: [0xE2, 0x80, 0x9C]) }
        for position in 0..<wordCount {
            let word = vocabulary.sample(&rng)
            let comma = position > 0 && position < wordCount - 1 && rng.next(below: 12) == 0
            bytes += vocabulary.lengths[word] + (position > 0 ? 1 : 0) + (comma ? 1 : 0)
            if !countOnly {
                if position > 0 { buffer.append(0x20) }
                buffer.append(contentsOf: vocabulary.utf8[word])
                if comma { buffer.append(0x2C) }
            }
        }
        bytes += 1
        if !countOnly { buffer.append(0x2E); if quoted { buffer.append(contentsOf: [0xE2, 0x80, 0x9D]) } }
        let text = countOnly ? "x" : String(decoding: buffer, as: UTF8.self)
        lastTextBytes = bytes

        let uncoded = rng.next(below: 40) == 0  // 2.5% not yet coded
        let direction = uncoded ? nil : Direction(rawValue: UInt8(1 + rng.next(below: 2)))
        let component = uncoded ? nil : COMBComponent(rawValue: UInt8(1 + rng.next(below: 6)))
        let domain = uncoded ? nil : TDFDomain(rawValue: UInt8(1 + rng.next(below: 14)))
        let attributed = rng.next(below: 20) != 0  // 95% attributed to a study; the rest cite a reference only
        let study = attributed ? studyIDs[rng.next(below: studyIDs.count)] : nil
        let reference = attributed ? nil : 1 + rng.next(below: 500)
        let page = rng.next(below: 5) < 3 ? "p. \(1 + rng.next(below: 1500))" : nil
        // Four coded quotes in five get one of the two sub-themes of their coding. Chosen from the id, not
        // the generator, so the texts and codes are the same as before sub-themes were added.
        var subTheme: Int?
        if let direction, let component, let domain, produced % 5 != 0 {
            subTheme = subThemeID(direction, component, domain, variant: produced & 1)
        }
        return Quote(id: produced, text: text, direction: direction, component: component, domain: domain,
                     subTheme: subTheme, studyID: study, reference: reference, page: page)
    }
}

/// Sub-themes per direction × component × domain; 2 × 6 × 14 × 2 = 336 in all.
let subThemesPerCoding = 2

/// The id of sub-theme `variant` of a coding (1-based, dense).
func subThemeID(_ direction: Direction, _ component: COMBComponent, _ domain: TDFDomain, variant: Int) -> Int {
    let coding = (Int(direction.rawValue) - 1) * 6 * 14 + (Int(component.rawValue) - 1) * 14 + (Int(domain.rawValue) - 1)
    return 1 + coding * subThemesPerCoding + variant
}

/// Every sub-theme, numbered within its direction and domain (so that codes such as `B/ECR/7` are unique).
func makeSubThemes() -> [SubTheme] {
    var themes: [SubTheme] = []
    for direction in Direction.allCases {
        for component in COMBComponent.allCases {
            for domain in TDFDomain.allCases {
                for variant in 0..<subThemesPerCoding {
                    let number = (Int(component.rawValue) - 1) * subThemesPerCoding + variant + 1
                    themes.append(SubTheme(id: subThemeID(direction, component, domain, variant: variant), direction: direction,
                                           component: component, domain: domain, number: number,
                                           label: "\(component.name), \(domain.name.lowercased()): \(direction.slug) \(variant + 1)"))
                }
            }
        }
    }
    return themes.sorted { $0.id < $1.id }
}

func makeStudies(_ count: Int, _ rng: inout SplitMix64) -> (studies: [Study], appraisals: [Appraisal]) {
    let surnames = ["Ben-Dor", "Brenisin", "Simpson", "Vandewalle", "Reeves", "Janoušková", "Kessing", "Storm", "Chisholm",
                    "Ehrlich", "Oborn", "Gillard", "Berry", "Tang", "Griffiths", "Holley", "Cleary", "Rebeiro Gruhl", "Dyble",
                    "Beveridge", "Wyder", "Kivistö", "Pérez-Corrales", "Cabral", "Debyser", "Soronen", "Moran", "Hancock",
                    "Poremski", "Gray", "O’Brien", "Nguyễn", "Søndergaard", "Łukasz"]
    let countries = ["United Kingdom", "Australia", "Canada", "United States", "Belgium", "Finland", "Spain", "Czech Republic", "Norway"]
    let designs = ["qualitative", "mixed methods", "ethnography", "phenomenology"]
    let collections = ["interviews", "focus groups", "interviews and focus groups", "observation"]
    let analyses = ["thematic analysis", "grounded theory", "IPA", "framework analysis"]
    var studies: [Study] = []
    var appraisals: [Appraisal] = []
    studies.reserveCapacity(count)
    appraisals.reserveCapacity(count)
    let width = String(count).count
    for index in 1...count {
        let digits = String(index)
        let id = "S" + String(repeating: "0", count: max(0, width - digits.count)) + digits
        let label = surnames[rng.next(below: surnames.count)] + (rng.next(below: 4) == 0 ? "" : " et al.")
        studies.append(Study(id: id, label: label, reference: 32 + index, year: 1995 + rng.next(below: 31),
                             country: countries[rng.next(below: countries.count)], design: designs[rng.next(below: designs.count)],
                             dataCollection: collections[rng.next(below: collections.count)], analysis: analyses[rng.next(below: analyses.count)],
                             participants: 5 + rng.next(below: 60)))
        let answers: [CASPAnswer?] = (0..<10).map { _ in
            let draw = rng.next(below: 10)
            return draw < 7 ? .yes : draw < 9 ? .cantTell : .no
        }
        appraisals.append(Appraisal(studyID: id, reviewer: "", answers: answers))
    }
    return (studies, appraisals)
}

// MARK: measurement

func now() -> Double {
    var spec = timespec()
    clock_gettime(CLOCK_MONOTONIC, &spec)
    return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
}

/// Peak resident set size in bytes (getrusage: kilobytes on Linux, bytes on macOS).
func peakRSS() -> Int {
    var usage = rusage()
    #if os(Linux)
    getrusage(RUSAGE_SELF.rawValue, &usage)
    #else
    getrusage(RUSAGE_SELF, &usage)
    #endif
    #if os(Linux)
    return Int(usage.ru_maxrss) * 1024
    #else
    return Int(usage.ru_maxrss)
    #endif
}

/// Current resident set size in bytes (Linux /proc/self/statm; 0 elsewhere).
func currentRSS() -> Int {
    guard let file = fopen("/proc/self/statm", "r") else { return 0 }
    defer { fclose(file) }
    var size = 0, resident = 0
    guard withUnsafeMutablePointer(to: &size, { s in withUnsafeMutablePointer(to: &resident) { r in readTwo(file, s, r) } }) else { return 0 }
    return resident * Int(sysconf(Int32(_SC_PAGESIZE)))
}

func readTwo(_ file: UnsafeMutablePointer<FILE>, _ a: UnsafeMutablePointer<Int>, _ b: UnsafeMutablePointer<Int>) -> Bool {
    guard let line = readLine(file) else { return false }
    let parts = line.split(separator: " ")
    guard parts.count >= 2, let first = Int(parts[0]), let second = Int(parts[1]) else { return false }
    a.pointee = first
    b.pointee = second
    return true
}

func readLine(_ file: UnsafeMutablePointer<FILE>) -> String? {
    var buffer = [CChar](repeating: 0, count: 4096)
    guard fgets(&buffer, Int32(buffer.count), file) != nil else { return nil }
    let bytes = buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }
    var line = String(decoding: bytes, as: UTF8.self)
    while line.last == "\n" { line.removeLast() }
    return line
}

/// The first line of a /proc file that starts with `prefix`, after the colon.
func procValue(_ path: String, _ prefix: String) -> String? {
    guard let file = fopen(path, "r") else { return nil }
    defer { fclose(file) }
    while let line = readLine(file) {
        if line.hasPrefix(prefix), let colon = line.firstIndex(of: ":") {
            return String(line[line.index(after: colon)...].drop { $0 == " " || $0 == "\t" })
        }
    }
    return nil
}

struct Timing {
    var samples: [Double]  // seconds, sorted
    var median: Double { samples.count % 2 == 1 ? samples[samples.count / 2] : (samples[samples.count / 2 - 1] + samples[samples.count / 2]) / 2 }
    /// Nearest-rank 95th percentile.
    var p95: Double { samples[max(0, Int((0.95 * Double(samples.count)).rounded(.up)) - 1)] }
}

/// Runs `body` `warmup` times untimed, then `runs` times timed; returns the timing and the last result.
func measure<T>(warmup: Int, runs: Int, _ body: () throws -> T) rethrows -> (Timing, T) {
    var result = try body()
    for _ in 0..<warmup { result = try body() }
    var samples: [Double] = []
    samples.reserveCapacity(runs)
    for _ in 0..<runs {
        let start = now()
        result = try body()
        samples.append(now() - start)
    }
    return (Timing(samples: samples.sorted()), result)
}

func fixed(_ value: Double, _ decimals: Int) -> String {
    var scale = 1.0
    for _ in 0..<decimals { scale *= 10 }
    let rounded = (value * scale).rounded() / scale
    let negative = rounded < 0
    let magnitude = abs(rounded)
    let whole = Int(magnitude)
    var fraction = String(Int(((magnitude - Double(whole)) * scale).rounded()))
    while fraction.count < decimals { fraction = "0" + fraction }
    return (negative ? "-" : "") + String(whole) + (decimals > 0 ? "." + fraction : "")
}

func pad(_ text: String, _ width: Int, right: Bool = false) -> String {
    let fill = String(repeating: " ", count: max(0, width - text.count))
    return right ? fill + text : text + fill
}

func mib(_ bytes: Int) -> String { fixed(Double(bytes) / 1_048_576, 1) }

// MARK: run

let options = Options.parsed()
var failures: [String] = []
var targetCount = 0

print("# review-bench 1 — format in docs/benchmarks.md")
var name = utsname()
uname(&name)
func field<T>(_ value: T) -> String {
    withUnsafeBytes(of: value) { raw in String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self) }
}
let cpu = procValue("/proc/cpuinfo", "model name") ?? "unknown cpu"
let memory = procValue("/proc/meminfo", "MemTotal").flatMap { Int($0.split(separator: " ").first ?? "") }.map { fixed(Double($0) / 1_048_576, 1) + "GiB" } ?? "unknown"
print("machine    os=\(field(name.sysname))-\(field(name.release)) arch=\(field(name.machine)) cpus=\(sysconf(Int32(_SC_NPROCESSORS_ONLN))) memory=\(memory) cpu=\"\(cpu)\"")
#if DEBUG
let buildKind = "debug"
#else
let buildKind = "release"
#endif
#if compiler(>=6.3)
let compilerName = "swift-6.3+"
#elseif compiler(>=6.2)
let compilerName = "swift-6.2"
#elseif compiler(>=6.1)
let compilerName = "swift-6.1"
#else
let compilerName = "swift-6.0"
#endif
print("build      config=\(buildKind) compiler=\(compilerName)")

var rng = SplitMix64(seed: options.seed)
let generateStart = now()
let vocabulary = Vocabulary()
let (studies, appraisals) = makeStudies(options.studies, &rng)
var workspace = Workspace()
do {
    try workspace.appendStudies(studies)
    try workspace.setAppraisals(appraisals)
    for theme in makeSubThemes() { _ = try workspace.apply(.addSubTheme(theme, at: nil)) }
    // A first, text-free pass sizes the store exactly; the second builds it.
    let quoteSeed = rng.next()
    var sizing = QuoteSource(vocabulary: vocabulary, studyIDs: studies.map(\.id), count: options.quotes, seed: quoteSeed, countOnly: true)
    var expectedBytes = 0
    while sizing.next() != nil { expectedBytes += sizing.lastTextBytes }
    let source = QuoteSource(vocabulary: vocabulary, studyIDs: studies.map(\.id), count: options.quotes, seed: quoteSeed)
    try workspace.appendQuotes(source, expectedCount: options.quotes, expectedTextBytes: expectedBytes)
    guard workspace.quotes.textByteCount == expectedBytes else {
        warn("review-bench: sizing pass predicted \(expectedBytes) text bytes, store holds \(workspace.quotes.textByteCount)\n")
        exit(3)
    }
} catch {
    warn("review-bench: building the workspace failed: \(error)\n")
    exit(3)
}
let generateSeconds = now() - generateStart
let textBytes = workspace.quotes.textByteCount
let rssAfterBuild = currentRSS()
print("workspace  studies=\(workspace.studies.count) appraisals=\(workspace.appraisals.count) subthemes=\(workspace.subThemes.count) quotes=\(workspace.quotes.count) words=15..60 vocabulary=\(vocabulary.words.count) seed=\(options.seed)")
print("text       bytes=\(textBytes) mib=\(mib(textBytes)) mean_bytes_per_quote=\(fixed(Double(textBytes) / Double(max(1, workspace.quotes.count)), 1))")
print("generate   seconds=\(fixed(generateSeconds, 2)) rss_after_build_mib=\(mib(rssAfterBuild))")
if let directory = options.exportDirectory {
    // The same data for a second engine (scripts/bench-duckdb.py): the four CSV tables `export csv` writes.
    let url = URL(fileURLWithPath: directory)
    do {
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        try CSVExport.writeAll(workspace: workspace, to: url)
    } catch {
        warn("review-bench: cannot export CSV to \(directory): \(error)\n")
        exit(3)
    }
    print("export     dir=\(directory) tables=" + CSVTableKind.allCases.map(\.fileName).joined(separator: ","))
}
print("runs       warmup=\(options.warmup) timed=\(options.runs)")
print("")
print("# case                 matches  median_ms     p95_ms  target_ms  result  query")

@MainActor func report(_ name: String, _ matches: Int, _ timing: Timing, target: Double?, _ query: String) {
    var result = "-"
    if let target {
        targetCount += 1
        let pass = timing.median * 1000 <= target && timing.p95 * 1000 <= target
        result = pass ? "PASS" : "FAIL"
        if !pass { failures.append(name) }
    }
    print("case " + pad(name, 19) + pad(String(matches), 10, right: true) + pad(fixed(timing.median * 1000, 3), 11, right: true)
          + pad(fixed(timing.p95 * 1000, 3), 11, right: true) + pad(target.map { fixed($0, 1) } ?? "-", 11, right: true)
          + "  " + pad(result, 6) + "  " + query)
}

/// Counts the bytes of result text a shell writes and keeps none of it.
final class CountingOutput: OutputSink {
    private(set) var bytes = 0
    func write(_ text: String) { bytes += text.utf8.count }
    func writeError(_ text: String) {}
}

/// A quote query as the shell runs it: parse, build the context and engine, evaluate, count.
@MainActor func runQuery(_ text: String) throws -> Int {
    let spec = try QueryParser.parse(text, for: .quote)
    let engine = QueryEngine(QueryContext(workspace: workspace))
    return try engine.quoteRows(matching: spec.filter).cardinality
}

/// A whole query as the shell runs it (parse, context, plan over the columnar store): the number of groups
/// for a group-by, else the number of records listed.
@MainActor func runPlan(_ text: String) throws -> Int {
    let plan = try QueryParser.parse(text, for: .quote)
    switch try QueryEngine(QueryContext(workspace: workspace)).execute(plan) {
    case .count(let matched, _): return matched
    case .groups(let groups): return groups.groups.count
    case .rows(let rows): return rows.rows.count
    }
}

/// Filters (the matching rows counted), then group-by and sort-by plans: the cases scripts/bench-duckdb.py
/// also runs in DuckDB on the same data (--export-csv).
let queryCases: [(name: String, query: String, target: Double?, run: @MainActor (String) throws -> Int)] = [
    ("coded-filter", "domain = \"environmental context\" and direction = barrier", 5, runQuery),
    ("text-filter", "text contains \"\(Vocabulary.realisticNeedle)\"", 50, runQuery),
    ("text-filter-rare", "text contains \"\(Vocabulary.rareNeedle)\"", 50, runQuery),
    ("text-filter-common", "\"\(Vocabulary.commonNeedle)\"", 50, runQuery),
    ("study-field-filter", "study.casp >= 9 and component = motivation", nil, runQuery),
    ("group-domain", "group by domain", 10, runPlan),
    ("group-domain-dir", "group by domain, direction", 20, runPlan),
    ("group-filtered", "where direction = barrier group by domain sort by count desc", 20, runPlan),
    ("sort-domain", "sort by domain", 100, runPlan),
    ("sort-study-year", "sort by study.year desc", 100, runPlan),
    ("sort-text-limit", "text contains \"\(Vocabulary.realisticNeedle)\" sort by domain, reference desc limit 10", 50, runPlan),
]
do {
    for entry in queryCases where options.only?.contains(entry.name) ?? true {
        let (timing, matches) = try measure(warmup: options.warmup, runs: options.runs) { try entry.run(entry.query) }
        report(entry.name, matches, timing, target: entry.target, entry.query)
    }
} catch {
    warn("review-bench: query failed: \(error)\n")
    exit(3)
}
if options.only?.contains("matrix-comb-tdf") ?? true {
    let (timing, matrix) = measure(warmup: options.warmup, runs: options.runs) { CountMatrix.combByDomain(workspace.quotes) }
    report("matrix-comb-tdf", matrix.total, timing, target: 20, "CountMatrix.combByDomain (6 × 14)")
}
if options.only?.contains("matrix-study-domain") ?? true {
    let (timing, matrix) = measure(warmup: options.warmup, runs: options.runs) { CountMatrix.studyByDomain(workspace) }
    report("matrix-study-domain", matrix.total, timing, target: 50, "CountMatrix.studyByDomain (\(matrix.rowLabels.count) × 14)")
}
if options.only?.contains("matrix-study-text") ?? true {
    // `matrix study` as a user meets it (issue 15: "including rendering"): run by a shell on this workspace and
    // rendered as the terminal text at the width a pipe gets, the text counted and dropped.
    let sink = CountingOutput()
    let shell = Shell(session: Session(workspace: workspace, source: "review-bench"), input: StreamLineSource(), output: sink)
    // The bytes of one run (the last): `measure` runs the body once more than warm-up and timed runs.
    let (timing, bytes) = measure(warmup: options.warmup, runs: options.runs) { () -> Int in
        let before = sink.bytes
        shell.run("matrix study", record: false)
        return sink.bytes - before
    }
    report("matrix-study-text", bytes, timing, target: 40, "matrix study, count + terminal text (\(bytes) bytes at width \(shell.renderer.width))")
}


// How much the signature prefilter leaves for the byte scan (matches ≤ candidates ≤ quotes).
print("")
print("# needle        candidates  candidate_pct  matches  match_pct")
for needle in [Vocabulary.realisticNeedle, Vocabulary.rareNeedle, Vocabulary.commonNeedle] {
    let prepared = FoldedNeedle(needle)
    let candidates = workspace.quotes.signatures.reduce(0) { $0 + ($1.covers(prepared.signature) ? 1 : 0) }
    let matches = QueryEngine.rowsContaining(prepared, in: workspace.quotes).cardinality
    let total = Double(max(1, workspace.quotes.count))
    print("prefilter " + pad(needle, 10) + pad(String(candidates), 12, right: true) + pad(fixed(100 * Double(candidates) / total, 2), 15, right: true)
          + pad(String(matches), 9, right: true) + pad(fixed(100 * Double(matches) / total, 2), 11, right: true))
}

let peak = peakRSS()
let budget = textBytes + textBytes / 2 + 64 * 1_048_576
targetCount += 1
let memoryPass = peak <= budget
if !memoryPass { failures.append("memory") }
print("")
print("memory     peak_rss_mib=\(mib(peak)) budget_mib=\(mib(budget)) budget_rule=\"1.5 x text + 64 MiB\" result=\(memoryPass ? "PASS" : "FAIL")")

if options.snapshot {
    // Informational: Snapshot/* is owned elsewhere; these figures do not decide the exit status.
    print("")
    print("# snapshot (informational; does not affect the exit status); peak RSS above was taken before this section")
    let snapshot = Snapshot(workspace: workspace)
    let (encodeTiming, encoded) = measure(warmup: 0, runs: options.snapshotRuns) { SnapshotWriter.encode(snapshot) }
    let size = encoded.count
    var decodedQuotes = 0
    let decodeTiming: Timing
    do {
        let (timing, count) = try measure(warmup: 0, runs: options.snapshotRuns) { try SnapshotReader.decode(encoded).workspace.quotes.count }
        decodeTiming = timing
        decodedQuotes = count
    } catch {
        warn("review-bench: snapshot decode failed: \(error)\n")
        exit(3)
    }
    print("snapshot   bytes=\(size) mib=\(mib(size)) runs=\(options.snapshotRuns) round_trip_quotes=\(decodedQuotes)\(decodedQuotes == workspace.quotes.count ? "" : " MISMATCH")")
    print("# step              median_ms     p95_ms   mb_per_s  target_mb_per_s  result")
    for (step, timing) in [("encode", encodeTiming), ("decode", decodeTiming)] {
        let rate = Double(size) / 1e6 / timing.median
        print("snapshot-step " + pad(step, 10) + pad(fixed(timing.median * 1000, 1), 11, right: true) + pad(fixed(timing.p95 * 1000, 1), 11, right: true)
              + pad(fixed(rate, 1), 11, right: true) + pad("170.0", 17, right: true) + "  " + (rate >= 170 ? "PASS" : "FAIL"))
    }
}

/// Whether `--only` (when given) names this case or step.
@MainActor func selected(_ name: String) -> Bool { options.only?.contains(name) ?? true }

/// Target cases that could not run (named in the summary; neither passed nor failed).
var skipped: [String] = []

// MARK: files

/// Creates a fresh, private directory under `parent`; nil when it cannot.
func makeTemporaryDirectory(in parent: String, _ prefix: String) -> String? {
    var template = Array((parent + "/" + prefix + "-XXXXXX").utf8CString)
    return template.withUnsafeMutableBufferPointer { buffer in
        guard let made = mkdtemp(buffer.baseAddress!) else { return nil }
        return String(cString: made)
    }
}

func temporaryParent() -> String {
    if let value = getenv("TMPDIR"), value.pointee != 0 { return String(cString: value) }
    return "/tmp"
}

func fileSize(_ path: String) -> Int {
    var info = stat()
    return stat(path, &info) == 0 ? Int(info.st_size) : 0
}

/// The file system type holding `path`: the longest matching mount point in /proc/self/mounts ("unknown" elsewhere).
func fileSystemName(_ path: String) -> String {
    guard let real = realpath(path, nil) else { return "unknown" }
    let resolved = String(cString: real)
    free(real)
    guard let file = fopen("/proc/self/mounts", "r") else { return "unknown" }
    defer { fclose(file) }
    var best = (length: -1, type: "unknown")
    while let line = readLine(file) {
        let parts = line.split(separator: " ")
        guard parts.count >= 3 else { continue }
        let mountPoint = parts[1].replacingOccurrences(of: "\\040", with: " ")
        let covers = mountPoint == "/" || resolved == mountPoint || resolved.hasPrefix(mountPoint + "/")
        if covers && mountPoint.count >= best.length { best = (mountPoint.count, String(parts[2])) }
    }
    return best.type
}

/// Drops a file's pages from the page cache, so the next read comes from the disk (Linux; best effort).
func evictFromPageCache(_ path: String) {
    #if os(Linux)
    let fd = open(path, O_RDONLY | O_CLOEXEC)
    guard fd >= 0 else { return }
    _ = fdatasync(fd)
    _ = posix_fadvise(fd, 0, 0, 4 /* POSIX_FADV_DONTNEED */)
    close(fd)
    #endif
}

/// Times `body` `runs` times (no warm-up; each run's result is dropped before the next starts).
func timeRuns(_ runs: Int, before: () -> Void = {}, _ body: () throws -> Void) rethrows -> Timing {
    var samples: [Double] = []
    for _ in 0..<runs {
        before()
        let start = now()
        try body()
        samples.append(now() - start)
    }
    return Timing(samples: samples.sorted())
}

@MainActor func reportFileStep(_ step: String, _ timing: Timing, bytes: Int, target: Double?) {
    let rate = Double(bytes) / 1e6 / timing.median
    var result = "-"
    if let target {
        targetCount += 1
        result = rate >= target ? "PASS" : "FAIL"
        if rate < target { failures.append(step) }
    }
    print("file-step  " + pad(step, 11) + pad(fixed(timing.median * 1000, 1), 11, right: true) + pad(fixed(timing.p95 * 1000, 1), 11, right: true)
          + pad(fixed(rate, 1), 11, right: true) + pad(target.map { fixed($0, 1) } ?? "-", 17, right: true) + "  " + result)
}

let fileSteps = ["save", "load", "csv-export", "csv-import"]
if options.files && fileSteps.contains(where: selected) {
    print("")
    print("# files: atomic save (fsync) and load of the snapshot, CSV export and import, through a temporary directory;")
    print("# MB/s = file bytes / 10^6 / median; peak RSS above was taken before this section (it builds second workspaces)")
    let parent = options.ioDirectory ?? temporaryParent()
    guard let directory = makeTemporaryDirectory(in: parent, "review-bench") else {
        warn("review-bench: cannot make a temporary directory in \(parent)\n")
        exit(3)
    }
    let snapshotPath = directory + "/workspace.snapshot"
    let paths = Dictionary(uniqueKeysWithValues: CSVTableKind.allCases.map { ($0, directory + "/" + $0.fileName) })
    do {
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let snapshot = Snapshot(workspace: workspace)
        let snapshotURL = URL(fileURLWithPath: snapshotPath)
        let evict: (String) -> () -> Void = { path in options.ioCold ? { evictFromPageCache(path) } : {} }

        // Saving: each run replaces the previous file, as a reviewer's repeated `save` does. Loading needs a file,
        // so it is saved once (untimed) when only `load` is selected.
        var saved: SnapshotFile.Info?
        var saveTiming: Timing?, loadTiming: Timing?, exportTiming: Timing?, importTiming: Timing?
        if selected("save") {
            saveTiming = try timeRuns(options.ioRuns) { saved = try SnapshotFile.write(snapshot, to: snapshotURL) }
        } else if selected("load") {
            saved = try SnapshotFile.write(snapshot, to: snapshotURL)
        }
        let snapshotBytes = fileSize(snapshotPath)
        var loadedQuotes = 0, loadedChecksum: UInt32 = 0
        if selected("load") {
            loadTiming = try timeRuns(options.ioRuns, before: evict(snapshotPath)) {
                let loaded = try SnapshotFile.load(from: snapshotURL)
                loadedQuotes = loaded.snapshot.workspace.quotes.count
                loadedChecksum = loaded.info.checksum
            }
        }

        // CSV: export the four tables; a workspace with the studies and sub-themes imported from their CSV
        // files (as a reviewer would) is what quotes.csv is then checked against.
        let quotesPath = paths[.quotes]!
        var importedRows = 0, importedAdds = 0
        if selected("csv-export") || selected("csv-import") {
            let exportQuotes = { try CSVExport.write(.quotes, workspace: workspace, to: URL(fileURLWithPath: quotesPath)) }
            if selected("csv-export") { exportTiming = try timeRuns(options.ioRuns, exportQuotes) } else { try exportQuotes() }
            for kind in [CSVTableKind.studies, .appraisals, .subthemes] {
                try CSVExport.write(kind, workspace: workspace, to: URL(fileURLWithPath: paths[kind]!))
            }
        }
        if selected("csv-import") {
            var target = Workspace()
            for kind in [CSVTableKind.studies, .subthemes] {
                let result = try CSVImport.read(from: URL(fileURLWithPath: paths[kind]!), as: kind, into: target)
                _ = try target.apply(result.change)
            }
            guard target.studies.count == workspace.studies.count, target.subThemes.count == workspace.subThemes.count else {
                warn("review-bench: importing studies.csv and subthemes.csv gave \(target.studies.count) studies and \(target.subThemes.count) sub-themes\n")
                try? FileManager.default.removeItem(atPath: directory)
                exit(3)
            }
            importTiming = try timeRuns(options.ioRuns, before: evict(quotesPath)) {
                let result = try CSVImport.read(from: URL(fileURLWithPath: quotesPath), as: .quotes, into: target)
                importedRows = result.rows
                importedAdds = result.added
            }
        }
        let quotesCSVBytes = fileSize(quotesPath)

        print("files      dir=\(parent) fs=\(fileSystemName(directory)) cache=\(options.ioCold ? "cold" : "warm") runs=\(options.ioRuns)"
              + (saved == nil ? "" : " snapshot_bytes=\(snapshotBytes)")
              + (loadTiming == nil ? "" : " round_trip_quotes=\(loadedQuotes)"
                 + (loadedQuotes == workspace.quotes.count && loadedChecksum == saved?.checksum ? "" : " MISMATCH")))
        if exportTiming != nil || importTiming != nil {
            print("csv        quotes_bytes=\(quotesCSVBytes) studies_bytes=\(fileSize(paths[.studies]!)) subthemes_bytes=\(fileSize(paths[.subthemes]!))"
                  + " appraisals_bytes=\(fileSize(paths[.appraisals]!))"
                  + (importTiming == nil ? "" : " imported_rows=\(importedRows) added=\(importedAdds)"
                     + (importedRows == workspace.quotes.count && importedAdds == importedRows ? "" : " MISMATCH")))
        }
        print("# step          median_ms     p95_ms   mb_per_s  target_mb_per_s  result")
        if let saveTiming { reportFileStep("save", saveTiming, bytes: snapshotBytes, target: 170) }
        if let loadTiming { reportFileStep("load", loadTiming, bytes: snapshotBytes, target: 170) }
        if let exportTiming { reportFileStep("csv-export", exportTiming, bytes: quotesCSVBytes, target: nil) }
        if let importTiming { reportFileStep("csv-import", importTiming, bytes: quotesCSVBytes, target: 85) }
    } catch {
        warn("review-bench: files section failed: \(error)\n")
        exit(3)
    }
}

// MARK: start-up

/// The `review` executable beside this one (same build folder), or `--review`.
func reviewBinaryPath() -> String {
    if let path = options.reviewBinary { return path }
    var executable = CommandLine.arguments[0]
    #if os(Linux)
    if let real = realpath("/proc/self/exe", nil) {
        executable = String(cString: real)
        free(real)
    }
    #endif
    let folder = (executable as NSString).deletingLastPathComponent
    return (folder.isEmpty ? "." : folder) + "/review"
}

/// One launch: wall seconds from `posix_spawn` to `wait4`, CPU seconds (user + system) and exit status.
/// (No peak RSS: on Linux a child's `ru_maxrss` keeps the high-water mark of the image it replaced at
/// `exec`, which after a vfork-style `posix_spawn` is this process's.)
struct Launch {
    var seconds: Double
    var cpuSeconds: Double
    var status: Int32
}

/// Runs `path arguments…` with stdin, stdout and stderr on /dev/null and the given environment; waits for it.
func launch(_ path: String, _ arguments: [String], environment: [String]) -> Launch? {
    #if os(Linux)
    var actions = posix_spawn_file_actions_t()
    #else
    var actions: posix_spawn_file_actions_t?
    #endif
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
    let argv: [UnsafeMutablePointer<CChar>?] = ([path] + arguments).map { strdup($0) } + [nil]
    let envp: [UnsafeMutablePointer<CChar>?] = environment.map { strdup($0) } + [nil]
    defer {
        for pointer in argv { free(pointer) }
        for pointer in envp { free(pointer) }
    }
    var pid = pid_t()
    let start = now()
    guard posix_spawn(&pid, path, &actions, nil, argv, envp) == 0 else { return nil }
    var status: Int32 = 0
    var usage = rusage()
    while wait4(pid, &status, 0, &usage) < 0 {
        if errno != EINTR { return nil }
    }
    let seconds = now() - start
    let cpu = Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) / 1e6 + Double(usage.ru_stime.tv_sec) + Double(usage.ru_stime.tv_usec) / 1e6
    let exitStatus: Int32 = status & 0x7F == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
    return Launch(seconds: seconds, cpuSeconds: cpu, status: exitStatus)
}

/// This process's environment with `XDG_STATE_HOME` replaced.
func childEnvironment(stateHome: String) -> [String] {
    ProcessInfo.processInfo.environment.filter { $0.key != "XDG_STATE_HOME" }.map { "\($0.key)=\($0.value)" }.sorted()
        + ["XDG_STATE_HOME=" + stateHome]
}

/// Modification time of a file in seconds (0 when missing).
func modificationTime(_ path: String) -> Double {
    var info = stat()
    guard stat(path, &info) == 0 else { return 0 }
    #if os(Linux)
    return Double(info.st_mtim.tv_sec) + Double(info.st_mtim.tv_nsec) / 1e9
    #else
    return Double(info.st_mtimespec.tv_sec) + Double(info.st_mtimespec.tv_nsec) / 1e9
    #endif
}

/// The start-up cases: the target, and three baselines that split its time (process floor, runtime and
/// argument parsing, shell set-up without the embedded review).
let startupCases: [(name: String, arguments: [String], target: Double?)] = [
    ("startup", ["-c", "studies"], 15),
    ("startup-empty", ["--empty", "-c", "studies"], nil),
    ("startup-version", ["--version"], nil),
    ("spawn-floor", [], nil),
]
if options.startup && startupCases.contains(where: { selected($0.name) }) {
    print("")
    print("# start-up: wall time from posix_spawn to exit, stdin/stdout/stderr on /dev/null, XDG_STATE_HOME in a temporary directory")
    // The part of start-up spent decoding the embedded review, measured in this process (warm: a lower bound
    // for the first decode in a new process, which also pays for first-use type metadata).
    do {
        let (timing, studies) = try measure(warmup: options.warmup, runs: options.startupRuns) { try EmbeddedReview.load().workspace.studies.count }
        print("embedded   bytes=\(EmbeddedReview.text.utf8.count) studies=\(studies) decode_median_ms=\(fixed(timing.median * 1000, 3))"
              + " decode_p95_ms=\(fixed(timing.p95 * 1000, 3)) runs=\(options.startupRuns) in_process=warm")
    } catch {
        warn("review-bench: decoding the embedded review failed: \(error)\n")
        exit(3)
    }
    let binary = reviewBinaryPath()
    if access(binary, X_OK) != 0 {
        print("startup    binary=\(binary) missing")
        print("# build it first: swift build -c release --scratch-path .build-bench --product review   (or pass --review PATH)")
        print("# case              median_ms     p95_ms     cpu_ms  target_ms  result   command")
        for entry in startupCases where entry.target != nil && selected(entry.name) {
            skipped.append(entry.name)
            print("launch     " + pad(entry.name, 16) + pad("-", 11, right: true) + pad("-", 11, right: true) + pad("-", 11, right: true)
                  + pad(fixed(entry.target!, 1), 11, right: true) + "  SKIPPED  review " + entry.arguments.joined(separator: " "))
        }
    } else {
        guard let stateHome = makeTemporaryDirectory(in: temporaryParent(), "review-bench-state") else {
            warn("review-bench: cannot make a temporary XDG_STATE_HOME\n")
            exit(3)
        }
        defer { try? FileManager.default.removeItem(atPath: stateHome) }
        let environment = childEnvironment(stateHome: stateHome)
        // Stale when an object file of ReviewKit, ReviewShell or review in the binary's build folder is newer than it.
        let folder = (binary as NSString).deletingLastPathComponent
        let newestObject = ["ReviewKit.build", "ReviewShell.build", "review.build"].flatMap { module -> [Double] in
            let directory = folder + "/" + module
            let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
            return names.filter { $0.hasSuffix(".o") }.map { modificationTime(directory + "/" + $0) }
        }.max() ?? 0
        let stale = modificationTime(binary) + 1 < newestObject
        print("startup    binary=\(binary) warmup=\(options.warmup) timed=\(options.startupRuns) state_home=temporary")
        if stale {
            print("# note: review is older than the ReviewKit/ReviewShell objects in its build folder; rebuild it:")
            print("#       swift build -c release --scratch-path .build-bench --product review")
        }
        print("# case              median_ms     p95_ms     cpu_ms  target_ms  result   command")
        for entry in startupCases where selected(entry.name) {
            let path = entry.name == "spawn-floor" ? "/bin/true" : binary
            var launches: [Launch] = []
            var failedToStart = false
            for run in 0..<(options.warmup + options.startupRuns) {
                guard let result = launch(path, entry.arguments, environment: environment) else { failedToStart = true; break }
                if run >= options.warmup { launches.append(result) }
            }
            let command = (entry.name == "spawn-floor" ? "/bin/true" : "review") + (entry.arguments.isEmpty ? "" : " " + entry.arguments.joined(separator: " "))
            guard !failedToStart, !launches.isEmpty else {
                warn("review-bench: cannot launch \(path)\n")
                if entry.target != nil { targetCount += 1; failures.append(entry.name) }
                continue
            }
            let timing = Timing(samples: launches.map(\.seconds).sorted())
            let cpu = Timing(samples: launches.map(\.cpuSeconds).sorted())
            let badStatus = launches.first { $0.status != 0 }?.status
            var result = "-"
            if let target = entry.target {
                targetCount += 1
                let pass = badStatus == nil && timing.median * 1000 <= target
                result = pass ? "PASS" : "FAIL"
                if !pass { failures.append(entry.name) }
            }
            print("launch     " + pad(entry.name, 16) + pad(fixed(timing.median * 1000, 2), 11, right: true) + pad(fixed(timing.p95 * 1000, 2), 11, right: true)
                  + pad(fixed(cpu.median * 1000, 2), 11, right: true)
                  + pad(entry.target.map { fixed($0, 1) } ?? "-", 11, right: true) + "  " + pad(result, 7) + "  " + command
                  + (badStatus.map { " (exit status \($0))" } ?? ""))
        }
    }
}

print("")
print("summary    targets=\(targetCount) passed=\(targetCount - failures.count) failed=\(failures.count)\(failures.isEmpty ? "" : " failing=" + failures.joined(separator: ","))"
      + "\(skipped.isEmpty ? "" : " skipped=\(skipped.count) skipping=" + skipped.joined(separator: ","))")
if !failures.isEmpty && options.fail { exit(1) }
