import Foundation
import RecouvreCore
import Testing
@testable import RecouvreDaemon

/// Letters appear in the spool only once their step is committed, whole, under a name that a
/// second run of the same step rewrites.
@Suite struct LetterSpoolTests {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("recouvre-spool-\(UUID().uuidString)").path

    func visible(_ tenant: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: directory + "/" + tenant)) ?? []).filter { !$0.hasPrefix(".") }.sorted()
    }

    @Test func aStagedLetterIsInvisibleUntilPublished() throws {
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let spool = LetterSpool(directory: directory)
        let slug = try TenantSlug("acme")
        let staged = try spool.stage("Mise en demeure\n", tenant: slug, actionID: 42, template: "formal_notice")
        #expect(visible("acme").isEmpty, "a step not yet committed leaves no letter for the operator")
        #expect(staged.path == directory + "/acme/42-formal_notice.txt")
        try staged.publish()
        #expect(visible("acme") == ["42-formal_notice.txt"])
        #expect(try String(contentsOfFile: staged.path, encoding: .utf8) == "Mise en demeure\n")

        // The same step run again (a lease taken over) replaces its letter: still one to post.
        let again = try spool.stage("Mise en demeure, version 2\n", tenant: slug, actionID: 42, template: "formal_notice")
        try again.publish()
        #expect(visible("acme") == ["42-formal_notice.txt"])
        #expect(try String(contentsOfFile: again.path, encoding: .utf8) == "Mise en demeure, version 2\n")

        // A rolled-back step's staged letter is never published; its next run rewrites it.
        _ = try spool.stage("abandoned\n", tenant: slug, actionID: 43, template: "formal_notice")
        #expect(visible("acme") == ["42-formal_notice.txt"])
    }

    @Test func anUnwritableSpoolIsAClearError() throws {
        let spool = LetterSpool(directory: "/proc/recouvre-cannot-write-here")
        let error = try #require(throws: LetterSpoolError.self) {
            try spool.stage("x", tenant: try TenantSlug("acme"), actionID: 1, template: "formal_notice")
        }
        #expect(error.description.contains("letters.spool_directory"))
    }
}
