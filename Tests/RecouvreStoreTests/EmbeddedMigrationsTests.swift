import Foundation
import Testing
@testable import RecouvreStore

/// The binary carries the migrations; they must be exactly the files in `sql/`.
@Suite struct EmbeddedMigrationsTests {
    static let sql = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("sql")

    @Test func embeddedMigrationsEqualTheFiles() throws {
        let onDisk = try FileManager.default.subpathsOfDirectory(atPath: Self.sql.path)
            .filter { $0.hasSuffix(".sql") }.sorted()
        #expect(EmbeddedMigrations.files.map(\.path) == onDisk, "run scripts/embed-resources")
        for file in EmbeddedMigrations.files {
            let text = try String(contentsOf: Self.sql.appendingPathComponent(file.path), encoding: .utf8)
            #expect(text == file.text || text == file.text + "\n", "\(file.path) differs: run scripts/embed-resources")
        }
    }

    @Test func versionsAreUniqueAndIncreasing() {
        for scope in [MigrationCatalog.control, MigrationCatalog.tenant] {
            let versions = scope.map(\.version)
            #expect(versions == versions.sorted())
            #expect(Set(versions).count == versions.count)
            #expect(versions.first == 1)
        }
    }
}
