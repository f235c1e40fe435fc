import Foundation
@testable import ReviewKit

/// The constructed projects in Fixtures/ (written by Fixtures/make_projects.py), zipped as a .qdpx would be.
enum REFIFixture {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    /// The folder's project.qde and sources/, byte for byte, zipped as the bytes of a .qdpx.
    static func qdpx(_ name: String) throws -> [UInt8] {
        let root = folder.appendingPathComponent(name)
        var files = [("project.qde", try [UInt8](Data(contentsOf: root.appendingPathComponent("project.qde"))))]
        let sourceFolder = root.appendingPathComponent("sources")
        for file in try FileManager.default.contentsOfDirectory(atPath: sourceFolder.path).sorted() {
            files.append(("sources/" + file, try [UInt8](Data(contentsOf: sourceFolder.appendingPathComponent(file)))))
        }
        return try QDPXArchive.zip(files)
    }

    /// The source file bytes of a fixture, by name.
    static func source(_ project: String, _ file: String) throws -> [UInt8] {
        try [UInt8](Data(contentsOf: folder.appendingPathComponent(project).appendingPathComponent("sources").appendingPathComponent(file)))
    }
}
