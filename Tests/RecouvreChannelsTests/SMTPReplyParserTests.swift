import Testing
@testable import RecouvreChannels

@Suite struct SMTPReplyParserTests {
    @Test func parsesSingleAndMultiLineReplies() throws {
        var parser = SMTPReplyParser()
        let replies = try parser.feed(Array("220 mx.example ESMTP ready\r\n250-mx.example\r\n250-8BITMIME\r\n250 HELP\r\n".utf8))
        #expect(replies == [
            SMTPReply(code: 220, lines: ["mx.example ESMTP ready"]),
            SMTPReply(code: 250, lines: ["mx.example", "8BITMIME", "HELP"]),
        ])
        #expect(replies[1].description == "250 HELP")
        #expect(replies[1].isSuccess)
        #expect(!parser.hasPartialReply)
    }

    @Test func assemblesRepliesSplitAcrossReads() throws {
        var parser = SMTPReplyParser()
        #expect(try parser.feed(Array("25".utf8)).isEmpty)
        #expect(try parser.feed(Array("0-first\r".utf8)).isEmpty)
        #expect(parser.hasPartialReply)
        #expect(try parser.feed(Array("\n250 OK: queued as 12345\r\n354".utf8)) == [SMTPReply(code: 250, lines: ["first", "OK: queued as 12345"])])
        #expect(try parser.feed(Array(" go ahead\n".utf8)) == [SMTPReply(code: 354, lines: ["go ahead"])])
    }

    @Test func acceptsBareCodes() throws {
        var parser = SMTPReplyParser()
        #expect(try parser.feed(Array("250\r\n".utf8)) == [SMTPReply(code: 250, lines: [""])])
    }

    @Test(arguments: ["hello\r\n", "25\r\n", "250_x\r\n", "999 nope\r\n", "250-a\r\n251 b\r\n"])
    func rejectsMalformedReplies(_ text: String) {
        var parser = SMTPReplyParser()
        #expect(throws: SMTPError.self) { try parser.feed(Array(text.utf8)) }
    }

    @Test func rejectsEndlessLines() {
        var parser = SMTPReplyParser()
        #expect(throws: SMTPError.self) { try parser.feed([UInt8](repeating: UInt8(ascii: "5"), count: 5000)) }
    }
}
