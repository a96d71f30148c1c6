import Testing
@testable import RecouvreChannels

@Suite struct SMTPDialogueTests {
    private func reply(_ code: Int, _ text: String = "ok") -> SMTPReply { SMTPReply(code: code, lines: [text]) }

    private func sent(_ step: SMTPDialogue.Step) -> String? {
        if case .send(let bytes) = step { return String(decoding: bytes, as: UTF8.self) }
        return nil
    }

    private func failure(_ step: SMTPDialogue.Step) -> SMTPError? {
        if case .failed(let error) = step { return error }
        return nil
    }

    private func dialogue(fresh: Bool = true, recipients: [String] = ["a@b.fr", "c@d.fr"]) -> SMTPDialogue {
        SMTPDialogue(heloName: "client.example", envelopeFrom: "bounce@x.fr", recipients: recipients, payload: Array("body\r\n.\r\n".utf8), freshConnection: fresh)
    }

    @Test func freshConnectionFullTransaction() {
        var machine = dialogue()
        guard case .awaitReply = machine.start() else {
            Issue.record("a fresh dialogue must wait for the greeting")
            return
        }
        #expect(machine.stage == "greeting")
        #expect(sent(machine.receive(reply(220))) == "EHLO client.example\r\n")
        #expect(sent(machine.receive(reply(250))) == "MAIL FROM:<bounce@x.fr>\r\n")
        #expect(sent(machine.receive(reply(250))) == "RCPT TO:<a@b.fr>\r\n")
        #expect(sent(machine.receive(reply(250))) == "RCPT TO:<c@d.fr>\r\n")
        #expect(sent(machine.receive(reply(251, "will forward"))) == "DATA\r\n")
        #expect(machine.isBeforeContent)
        #expect(sent(machine.receive(reply(354, "go ahead"))) == "body\r\n.\r\n")
        #expect(!machine.isBeforeContent)
        guard case .finished(let final) = machine.receive(reply(250, "OK: queued as 12345")) else {
            Issue.record("the transaction did not finish")
            return
        }
        #expect(final.description == "250 OK: queued as 12345")
    }

    @Test func reusedConnectionStartsWithRSET() {
        var machine = dialogue(fresh: false, recipients: ["a@b.fr"])
        #expect(sent(machine.start()) == "RSET\r\n")
        #expect(machine.stage == "RSET")
        #expect(sent(machine.receive(reply(250))) == "MAIL FROM:<bounce@x.fr>\r\n")
    }

    @Test func fallsBackToHELO() {
        var machine = dialogue()
        _ = machine.start()
        _ = machine.receive(reply(220))
        #expect(sent(machine.receive(reply(502, "command not implemented"))) == "HELO client.example\r\n")
        #expect(sent(machine.receive(reply(250))) == "MAIL FROM:<bounce@x.fr>\r\n")
    }

    @Test func reportsTheStageAndPermanence() {
        var machine = dialogue()
        _ = machine.start()
        _ = machine.receive(reply(220))
        _ = machine.receive(reply(250))
        _ = machine.receive(reply(250))
        let error = failure(machine.receive(reply(550, "5.1.1 no such user")))
        #expect(error?.stage == "RCPT TO")
        #expect(error?.code == 550)
        #expect(error?.isPermanent == true)
        #expect(error?.description == "SMTP RCPT TO failed (permanent): server replied 550 5.1.1 no such user")

        var busy = dialogue()
        _ = busy.start()
        let greeting = failure(busy.receive(reply(421, "too busy")))
        #expect(greeting?.stage == "greeting")
        #expect(greeting?.isPermanent == false)
        #expect(busy.isBeforeContent)

        var full = dialogue()
        _ = full.start()
        _ = full.receive(reply(220))
        _ = full.receive(reply(250))
        _ = full.receive(reply(250))
        _ = full.receive(reply(250))
        _ = full.receive(reply(250))
        _ = full.receive(reply(354))
        let content = failure(full.receive(reply(452, "insufficient storage")))
        #expect(content?.stage == "message")
        #expect(content?.isPermanent == false)
        #expect(!full.isBeforeContent)
    }

    @Test func dotStuffsAndTerminatesTheData() throws {
        let payload = try SMTPDialogue.dataPayload(for: "Subject: x\r\n\r\n.hidden\r\nok\r\n..two\r\n.\r\n")
        #expect(String(decoding: payload, as: UTF8.self) == "Subject: x\r\n\r\n..hidden\r\nok\r\n...two\r\n..\r\n.\r\n")
        let bare = try SMTPDialogue.dataPayload(for: "a\nb")
        #expect(String(decoding: bare, as: UTF8.self) == "a\r\nb\r\n.\r\n")
    }

    @Test func refusesOverlongLines() {
        #expect(throws: SMTPError.self) { try SMTPDialogue.dataPayload(for: String(repeating: "x", count: 999)) }
        #expect((try? SMTPDialogue.dataPayload(for: String(repeating: "x", count: 998))) != nil)
    }
}
