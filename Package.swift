// swift-tools-version:6.0
import PackageDescription

/// Code generation for start-up (issue 15; docs/benchmarks.md, "Session 7"; docs/architecture.md).
///
/// By default the compiler reaches a generic type of another module, such as `Dictionary<String, String>`, through
/// its mangled name: the runtime demangles it on first use and checks `String: Hashable` by scanning every
/// protocol-conformance record of every loaded library (about 8,000; the first scan also faults their pages in).
/// Calling the type's metadata accessor with the witness tables the compiler already knows skips both. Measured on
/// `review -c studies`: 1.41 × a Foundation hello world before, 1.31 × with only this flag; the binary grows 0.5%.
let startUpCodeGeneration: [SwiftSetting] = [.unsafeFlags(["-Xfrontend", "-disable-concrete-type-metadata-mangled-name-accessors"])]

let package = Package(
    name: "review",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "review", targets: ["review"]),
        .executable(name: "review-bench", targets: ["review-bench"]),
        .executable(name: "review-fuzz", targets: ["review-fuzz"]),
        .library(name: "ReviewKit", targets: ["ReviewKit"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.0.0"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
    ],
    targets: [
        .target(
            name: "ReviewKit",
            // No GRDB here: it links libsqlite3 at load time, which every start of `review` would pay for
            // (issue 15). The SQLite export loads libsqlite3 itself at the first export (SQLiteLibrary.swift).
            dependencies: [
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ],
            swiftSettings: startUpCodeGeneration
        ),
        // libedit's headers only: no pkgConfig and no `link`, so libedit is loaded with dlopen when the line
        // editor starts (Sources/ReviewShell/LineEditing/Libedit.swift), never by `-c`, scripts or pipes.
        .systemLibrary(
            name: "CEditLine",
            providers: [.apt(["libedit-dev"]), .brew(["libedit"])]
        ),
        .target(
            name: "ReviewShell",
            dependencies: ["ReviewKit", "CEditLine"],
            swiftSettings: startUpCodeGeneration
        ),
        .executableTarget(
            name: "review",
            dependencies: [
                "ReviewShell",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: startUpCodeGeneration
        ),
        .executableTarget(
            name: "review-bench",
            dependencies: ["ReviewKit", "ReviewShell", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
        // The fuzz harness: seeded generators and mutators for every input `review` parses (scripts/fuzz.sh).
        .target(
            name: "ReviewFuzz",
            dependencies: ["ReviewShell", "ReviewKit"]
        ),
        .executableTarget(
            name: "review-fuzz",
            dependencies: ["ReviewFuzz", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
        .testTarget(
            name: "ReviewFuzzTests",
            dependencies: ["ReviewFuzz", "ReviewShell", "ReviewKit"],
            exclude: ["Corpus"]
        ),
        .testTarget(
            name: "ReviewKitTests",
            // GRDB reads the SQLite exports back: an independent reader of what SQLiteExport writes.
            dependencies: ["ReviewKit", .product(name: "GRDB", package: "GRDB.swift")],
            exclude: ["Fixtures", "Teaching/Golden",
                      "Statistics/reference_kappa.py", "Statistics/reference_agreement.py", "Statistics/Fixtures",
                      "Screening/make_screening_fixtures.py",
                      "Interchange/reference_csv.py", "Interchange/Fixtures",
                      "Interchange/RIS/Fixtures", "Interchange/REFI/Fixtures", "Interchange/REFI/reference_refi.py",
                      "Interchange/REFI/validate_refi.py", "Interchange/read_exports.py", "Interchange/read_reference_exports.py",
                      "Synthesis/reference_domains.py", "Synthesis/Fixtures",
                      "Visuals/Fixtures", "Visuals/reference_prisma.py",
                      "Reviewers/reference_reviewers.py", "Reviewers/Fixtures"]
        ),
        .testTarget(
            name: "ReviewShellTests",
            dependencies: ["ReviewShell", "ReviewKit"],
            exclude: ["Golden", "EndToEnd/read_output_files.py", "Output/read_machine_output.py"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
