import Foundation
import Testing
@testable import RecouvreChannels

/// The binary carries the templates; they must be exactly the files in `Templates/`.
@Suite struct EmbeddedTemplatesTests {
    static let folder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Sources/RecouvreChannels/Templates")

    @Test func embeddedTemplatesEqualTheFiles() throws {
        let onDisk = try FileManager.default.subpathsOfDirectory(atPath: Self.folder.path)
            .filter { $0.hasSuffix(".mustache") }.sorted()
        #expect(EmbeddedTemplates.files.map(\.path) == onDisk, "run scripts/embed-resources")
        for file in EmbeddedTemplates.files {
            let text = try String(contentsOf: Self.folder.appendingPathComponent(file.path), encoding: .utf8)
            // A multi-line literal drops the file's final newline.
            #expect(text == file.text || text == file.text + "\n", "\(file.path) differs: run scripts/embed-resources")
        }
    }

    @Test func aFolderOfTemplatesRendersLikeTheEmbeddedOnes() throws {
        let model = try ReminderRendererTests.model(.en, step: 2)
        let fromFolder = try ReminderRenderer(directory: Self.folder).render(template: "reminder2", model: model)
        let embedded = try ReminderRenderer().render(template: "reminder2", model: model)
        #expect(fromFolder.subject == embedded.subject)
        #expect(fromFolder.textBody == embedded.textBody)
    }

    @Test func aSubjectWithoutBodyIsRefusedByName() {
        #expect {
            _ = try ReminderRenderer(files: [("fr/relance.subject.mustache", "Relance")])
        } throws: { error in
            "\(error)".contains("fr/relance.txt.mustache")
        }
    }
}
