import Foundation
import Testing
import RecouvreTestSupport
@testable import RecouvreChannels

@Suite struct EmailMessageTests {
    static let date = Date(timeIntervalSince1970: 1_795_946_400)  // Sun, 29 Nov 2026 10:00:00 UTC

    static func message(subject: String = "Rappel : facture F-2026-0042 arrivée à échéance – Atelier Durand & Fils", body: String = "Madame, Monsieur,\n\nUne ligne accentuée : é, à, ç.\n") -> EmailMessage {
        EmailMessage(
            from: "relances@atelier-durand.fr", fromName: "Durand, Fils & Cie", to: "compta@boulangerie-martin.fr", toName: "Boulangerie Martin",
            subject: subject, textBody: body,
            messageID: EmailMessage.messageID(action: 42, tenant: "acme", domain: "atelier-durand.fr"), date: date,
            headers: [("Auto-Submitted", "auto-generated"), ("Reply-To", "compta@atelier-durand.fr")])
    }

    private func headerLines(_ raw: String) -> [String] {
        let head = raw.components(separatedBy: "\r\n\r\n")[0]
        return head.components(separatedBy: "\r\n")
    }

    @Test func aSubjectWordLongerThanALineStaysWholeAndSendable() throws {
        let reference = "REF-" + String(repeating: "0123456789", count: 150)  // 1,504 bytes, no space
        let raw = Self.message(subject: "Relance \(reference)").rendered()
        for line in headerLines(raw) {
            #expect(line.utf8.count <= 78, "header line of \(line.utf8.count) bytes")
        }
        #expect(try SMTPDialogue.dataPayload(for: raw).count > 0, "accepted by the SMTP layer")
        let subject = try #require(headerLines(raw).joined(separator: "\r\n")
            .replacingOccurrences(of: "\r\n ", with: " ").components(separatedBy: "\r\n")
            .first { $0.hasPrefix("Subject: ") })
        #expect(HeaderDecoding.decode(String(subject.dropFirst("Subject: ".count))) == "Relance \(reference)")
    }

    @Test func formatsDates() {
        #expect(EmailDate.formatted(Self.date) == "Sun, 29 Nov 2026 10:00:00 +0000")
        #expect(EmailDate.formatted(Date(timeIntervalSince1970: 0)) == "Thu, 1 Jan 1970 00:00:00 +0000")
        #expect(EmailDate.formatted(Date(timeIntervalSince1970: 1_709_251_199.9)) == "Thu, 29 Feb 2024 23:59:59 +0000")
    }

    @Test func messageIDsAreStable() {
        #expect(EmailMessage.messageID(action: 42, tenant: "acme", domain: "Recouvre.Example") == "<action-42.acme@recouvre.example>")
        #expect(EmailMessage.messageID(action: 42, tenant: "acme", domain: "recouvre.example") == EmailMessage.messageID(action: 42, tenant: "acme", domain: "recouvre.example"))
        #expect(EmailMessage.messageID(action: 7, tenant: "a b>", domain: "") == "<action-7.ab@localhost>")
    }

    @Test func rendersHeadersWithCRLFAndEncodedSubject() throws {
        let raw = Self.message().rendered()
        #expect(!raw.replacingOccurrences(of: "\r\n", with: "").contains("\n"))
        #expect(!raw.replacingOccurrences(of: "\r\n", with: "").contains("\r"))
        let lines = headerLines(raw)
        #expect(lines.allSatisfy { $0.utf8.count <= 78 })
        #expect(lines.allSatisfy { $0.utf8.allSatisfy { $0 < 128 } })
        #expect(lines.contains("From: \"Durand, Fils & Cie\" <relances@atelier-durand.fr>"))
        #expect(lines.contains("To: Boulangerie Martin <compta@boulangerie-martin.fr>"))
        #expect(lines.contains("Date: Sun, 29 Nov 2026 10:00:00 +0000"))
        #expect(lines.contains("Message-ID: <action-42.acme@atelier-durand.fr>"))
        #expect(lines.contains("MIME-Version: 1.0"))
        #expect(lines.contains("Content-Type: text/plain; charset=utf-8"))
        #expect(lines.contains("Content-Transfer-Encoding: quoted-printable"))
        #expect(lines.contains("Auto-Submitted: auto-generated"))
        let parsed = CapturedMessage(raw: raw)
        let subject = try #require(parsed.header("Subject"))
        #expect(subject.hasPrefix("=?UTF-8?B?"))
        #expect(HeaderDecoding.decode(subject) == "Rappel : facture F-2026-0042 arrivée à échéance – Atelier Durand & Fils")
        // The subject was long enough to need folding.
        let subjectLines = lines.drop { !$0.hasPrefix("Subject:") }.prefix { $0.hasPrefix("Subject:") || $0.hasPrefix(" ") }
        #expect(subjectLines.count >= 2)
    }

    @Test func encodesNonASCIINamesAndKeepsLongASCIISubjectsReadable() throws {
        let message = EmailMessage(
            from: "a@b.fr", fromName: "Société Générale d'Équipement", to: "c@d.fr", toName: nil,
            subject: String(repeating: "Reminder about your invoice ", count: 5), textBody: "x",
            messageID: "id-1@b.fr", date: Self.date)
        let raw = message.rendered()
        let parsed = CapturedMessage(raw: raw)
        #expect(HeaderDecoding.decode(try #require(parsed.header("From"))) == "Société Générale d'Équipement <a@b.fr>")
        #expect(parsed.header("To") == "<c@d.fr>")
        #expect(parsed.header("Subject") == String(repeating: "Reminder about your invoice ", count: 5).trimmingCharacters(in: .whitespaces))
        #expect(parsed.header("Message-ID") == "<id-1@b.fr>")
        #expect(headerLines(raw).allSatisfy { $0.utf8.count <= 78 })
    }

    @Test func headerValuesCannotInjectFields() {
        let message = EmailMessage(
            from: "a@b.fr", fromName: "Evil\r\nBcc: victim@x.fr", to: "c@d.fr", toName: nil,
            subject: "Hello\r\nBcc: victim@x.fr", textBody: "x", messageID: "<m@b.fr>", date: Self.date,
            headers: [("X-Bad\r\nBcc", "v\nBcc: victim@x.fr")])
        let lines = headerLines(message.rendered())
        #expect(!lines.contains { $0.hasPrefix("Bcc") })
    }

    @Test func bodyIsQuotedPrintableWithShortLines() throws {
        let long = String(repeating: "Nous vous prions d'agréer l'expression de nos salutations distinguées. ", count: 4)
        let body = "Ligne simple\n=égal et é\n\(long)\nfin avec espace \n.point en tête\n"
        let raw = Self.message(body: body).rendered()
        let encoded = raw.components(separatedBy: "\r\n\r\n").dropFirst().joined(separator: "\r\n\r\n")
        let lines = encoded.components(separatedBy: "\r\n")
        #expect(lines.allSatisfy { $0.utf8.count <= 76 })
        #expect(lines.allSatisfy { $0.utf8.allSatisfy { $0 < 128 } })
        #expect(encoded.contains("=3D=C3=A9gal et =C3=A9"))
        #expect(encoded.contains("fin avec espace=20\r\n"))
        #expect(lines.filter { $0.hasSuffix("=") && !$0.hasSuffix("=20") }.count >= 3)
        // No escape sequence is split by a soft break.
        for line in lines where line.hasSuffix("=") {
            #expect(!line.dropLast().hasSuffix("=") && !line.dropLast(2).hasSuffix("="))
        }
        #expect(CapturedMessage(raw: raw).body.replacingOccurrences(of: "\r\n", with: "\n") == body)
    }

    @Test func quotedPrintableRoundTripsArbitraryText() {
        let samples = ["", "a", String(repeating: "é", count: 100), String(repeating: "x", count: 75) + "é", "tab\tend\t", "  ", "€uro 1\u{202F}234,56\u{00A0}€"]
        for sample in samples {
            let encoded = MIMEEncoding.quotedPrintable(sample)
            #expect(encoded.components(separatedBy: "\r\n").allSatisfy { $0.utf8.count <= 76 }, "\(sample)")
            #expect(CapturedMessage.decodeQuotedPrintableForTests(encoded) == sample, "\(sample)")
        }
    }

    @Test func base64MatchesFoundation() {
        for length in 0..<20 {
            let bytes = (0..<length).map { UInt8(($0 * 37 + 11) % 256) }
            #expect(MIMEEncoding.base64(bytes) == Data(bytes).base64EncodedString())
        }
    }
}

extension CapturedMessage {
    /// The mailbox's own quoted-printable decoding, applied to a CRLF body.
    static func decodeQuotedPrintableForTests(_ text: String) -> String {
        CapturedMessage(raw: "Content-Transfer-Encoding: quoted-printable\r\n\r\n" + text).body.replacingOccurrences(of: "\r\n", with: "\n")
    }
}

/// Line handling works on bytes: a line break or a leading "." followed by a combining mark is
/// a single Swift `Character`, which string-level matching would miss.
@Suite struct LineBytesTests {
    @Test func aLineBreakBeforeACombiningMarkAddsNoBlankLine() {
        #expect(MIMEEncoding.quotedPrintable("line1\r\n\u{301}x") == "line1\r\n=CC=81x")
        #expect(MIMEEncoding.lineBytes("a\r\nb\rc\nd").map { String(decoding: $0, as: UTF8.self) } == ["a", "b", "c", "d"])
    }

    @Test func aDotBeforeACombiningMarkIsStuffed() throws {
        let payload = try SMTPDialogue.dataPayload(for: "Subject: x\r\n\r\n.\u{301}\r\nend\r\n")
        #expect(String(decoding: payload, as: UTF8.self) == "Subject: x\r\n\r\n..\u{301}\r\nend\r\n.\r\n")
    }
}
