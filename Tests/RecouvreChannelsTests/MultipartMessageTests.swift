import Foundation
import Testing
@testable import RecouvreChannels

/// HTML alternatives, attachments and threading, checked line by line and by Python's email
/// parser.
@Suite struct MultipartMessageTests {
    static let pdf: [UInt8] = Array("%PDF-1.4\n".utf8) + (0..<3000).map { UInt8($0 % 256) }

    static func message() -> EmailMessage {
        EmailMessage(
            from: "relances@atelier-durand.fr", fromName: "Atelier Durand", to: "compta@boulangerie-martin.fr", toName: "Boulangerie Martin",
            subject: "Mise en demeure – facture F-2026-0042", textBody: "Madame, Monsieur,\n\nVeuillez trouver la mise en demeure ci-jointe.\n",
            messageID: EmailMessage.messageID(action: 43, tenant: "acme", domain: "atelier-durand.fr"), date: EmailMessageTests.date,
            headers: [("Auto-Submitted", "auto-generated")],
            htmlBody: "<p>Madame, Monsieur,</p><p>Veuillez trouver la <b>mise en demeure</b> ci-jointe — 1&#8239;114,66&nbsp;€.</p>",
            attachments: [
                EmailAttachment(filename: "mise-en-demeure-F-2026-0042.pdf", data: pdf),
                EmailAttachment(filename: "relevé de compte.pdf", data: Array("%PDF-1.4 relevé".utf8)),
            ],
            inReplyTo: "action-42.acme@atelier-durand.fr",
            references: ["<action-41.acme@atelier-durand.fr>", "action-42.acme@atelier-durand.fr"])
    }

    @Test func linesAreCRLFAndShort() throws {
        let raw = Self.message().rendered()
        #expect(!raw.replacingOccurrences(of: "\r\n", with: "").contains("\n"))
        #expect(raw.utf8.allSatisfy { $0 < 128 })
        let lines = raw.components(separatedBy: "\r\n")
        #expect(lines.allSatisfy { $0.utf8.count <= 78 }, "\(lines.filter { $0.utf8.count > 78 })")
        #expect(lines.contains("In-Reply-To: <action-42.acme@atelier-durand.fr>"))
        // Folded at the space between ids.
        #expect(raw.contains("\r\nReferences: <action-41.acme@atelier-durand.fr>\r\n <action-42.acme@atelier-durand.fr>\r\n"))
        #expect(lines.contains("Content-Transfer-Encoding: base64"))
        // Base64 lines are full 76-character lines except the last of each file.
        let base64Lines = lines.filter { $0.count == 76 && $0.allSatisfy { $0.isLetter || $0.isNumber || "+/=".contains($0) } }
        #expect(base64Lines.count == (Self.pdf.count * 4 / 3) / 76)
        // Rendering is stable: a message sent again is byte for byte the same.
        #expect(raw == Self.message().rendered())
        #expect(try SMTPDialogue.dataPayload(for: raw).count > raw.utf8.count)
    }

    @Test func pythonsParserSeesTheStructure() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("recouvre-mime-\(UUID().uuidString.prefix(8)).eml")
        try Data(Self.message().rendered().utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        process.arguments = [URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Servers/parse_mime.py").path, file.path]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        // Closed here, not left to deinit: Foundation may reuse the number under concurrency.
        try? output.fileHandleForReading.close()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(json["subject"] as? String == "Mise en demeure – facture F-2026-0042")
        #expect(json["inReplyTo"] as? String == "<action-42.acme@atelier-durand.fr>")
        #expect(json["references"] as? String == "<action-41.acme@atelier-durand.fr> <action-42.acme@atelier-durand.fr>")
        #expect(json["defects"] as? Int == 0)
        let parts = try #require(json["parts"] as? [[String: Any]])
        #expect(parts.map { $0["type"] as? String } == ["multipart/mixed", "multipart/alternative", "text/plain", "text/html", "application/pdf", "application/pdf"])
        #expect((parts[2]["text"] as? String)?.replacingOccurrences(of: "\r\n", with: "\n") == "Madame, Monsieur,\n\nVeuillez trouver la mise en demeure ci-jointe.\n")
        #expect((parts[3]["text"] as? String)?.contains("<b>mise en demeure</b> ci-jointe — 1&#8239;114,66&nbsp;€") == true)
        #expect(parts[4]["filename"] as? String == "mise-en-demeure-F-2026-0042.pdf")
        #expect(parts[4]["text"] as? String == Self.pdf.map { String(format: "%02x", $0) }.joined())
        #expect(parts[5]["filename"] as? String == "relevé de compte.pdf")
        #expect(parts[5]["size"] as? Int == Array("%PDF-1.4 relevé".utf8).count)
    }

    @Test func textOnlyStaysASinglePart() {
        let raw = EmailMessageTests.message().rendered()
        #expect(raw.contains("\r\nContent-Type: text/plain; charset=utf-8\r\n"))
        #expect(!raw.contains("multipart"))
        #expect(!raw.contains("In-Reply-To") && !raw.contains("References"))
    }
}
