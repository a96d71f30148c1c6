import Foundation
import Logging
import Testing
@testable import RecouvreDaemon

@Suite struct LogRecordTests {
    let time = Date(timeIntervalSince1970: 1_767_225_600)  // 2026-01-01T00:00:00Z

    @Test func logfmtQuotesWhatWouldBreakTheLine() {
        #expect(LogRecord.logfmtValue("acme") == "acme")
        #expect(LogRecord.logfmtValue("") == "\"\"")
        #expect(LogRecord.logfmtValue("two words") == "\"two words\"")
        #expect(LogRecord.logfmtValue("a=b") == "\"a=b\"")
        #expect(LogRecord.logfmtValue("say \"hi\"") == #""say \"hi\"""#)
        #expect(LogRecord.logfmtValue("back\\slash") == #""back\\slash""#)
        #expect(LogRecord.logfmtValue("line\nbreak\r\ttab") == #""line\nbreak\r\ttab""#)
        #expect(LogRecord.logfmtValue("bell\u{07}") == #""bell\u0007""#)
        #expect(LogRecord.logfmtValue("café") == "café")
    }

    @Test func aLogfmtRecordIsOneLineWithSortedFields() {
        let record = LogRecord(time: time, level: .warning, message: "action failed",
                               metadata: ["tenant": "acme", "action": "42", "error": "550 refused\nsecond line"])
        let line = record.line(format: .logfmt, journal: false)
        #expect(line == #"time=2026-01-01T00:00:00.000Z level=warning msg="action failed" action=42 error="550 refused\nsecond line" tenant=acme"#)
        #expect(!line.contains("\n"))
    }

    @Test func underJournaldThePriorityLeadsAndTheTimeIsLeftOut() {
        let record = LogRecord(time: time, level: .error, message: "x", metadata: [:])
        #expect(record.line(format: .logfmt, journal: true) == "<3>level=error msg=x")
        #expect(record.line(format: .json, journal: true) == #"<3>{"level":"error","msg":"x"}"#)
        #expect(LogRecord.syslogPriority(.debug) == 7)
        #expect(LogRecord.syslogPriority(.info) == 6)
        #expect(LogRecord.syslogPriority(.notice) == 5)
        #expect(LogRecord.syslogPriority(.warning) == 4)
        #expect(LogRecord.syslogPriority(.critical) == 2)
    }

    @Test func aJSONRecordParsesBackToTheSameStrings() throws {
        let nasty = "quote \" backslash \\ newline \n tab \t nul \u{00} bell \u{07} del \u{7F} sep \u{2028} é 😀"
        let record = LogRecord(time: time, level: .info, message: "msg with \"quotes\"",
                               metadata: ["case": "7", "detail": "\(nasty)", "nested": ["inner": "v"]])
        let line = record.line(format: .json, journal: false)
        #expect(!line.contains("\n") && !line.contains("\u{2028}"))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: String])
        #expect(object["detail"] == nasty)
        #expect(object["msg"] == "msg with \"quotes\"")
        #expect(object["level"] == "info")
        #expect(object["time"] == "2026-01-01T00:00:00.000Z")
        #expect(object["case"] == "7")
        #expect(object["nested.inner"] == "v")
    }

    @Test func theHandlerFollowsTheSharedLevelAndFormat() throws {
        let settings = LogSettings(level: .info, format: .logfmt)
        let output = LogOutput.memory()
        var logger = Logger(label: "test") { _ in StructuredLogHandler(settings: settings, output: output) }
        logger[metadataKey: "tenant"] = "acme"
        logger.debug("hidden")
        logger.info("shown", metadata: ["action": "1"])
        settings.level = .debug
        settings.format = .json
        logger.debug("now shown")
        #expect(output.lines.count == 2)
        #expect(output.lines[0].hasSuffix("level=info msg=shown action=1 tenant=acme"))
        let json = try #require(try JSONSerialization.jsonObject(with: Data(output.lines[1].utf8)) as? [String: String])
        #expect(json["msg"] == "now shown")
        #expect(json["tenant"] == "acme")
        // Another logger copy sees the same level: the daemon has one.
        let other = logger
        settings.level = .error
        #expect(other.logLevel == .error)
    }
}

@Suite struct LogRedactionTests {
    @Test func addressesInErrorsAreReplaced() {
        let text = LogRedaction.text("550 5.1.1 <jean.dupont+factures@boulangerie-martin.fr>: Recipient address rejected")
        #expect(text == "550 5.1.1 <<address>>: Recipient address rejected")
        #expect(LogRedaction.text("no address here") == "no address here")
    }
}
