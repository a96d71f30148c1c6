import Foundation
import Testing
import RecouvreChannels

@Suite struct WebhookSignatureTests {
    @Test func hmacMatchesRFC4231() {
        let mac = WebhookSignature.hmacSHA256(key: Array("Jefe".utf8), message: Array("what do ya want for nothing?".utf8))
        #expect(mac.map { String(format: "%02x", $0) }.joined() == "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843")
    }

    @Test func signsTimestampDotBody() {
        let body = Array(#"{"case":42}"#.utf8)
        let signature = WebhookSignature.sign(secret: Array("whsec".utf8), timestamp: 1_795_946_400, body: body)
        let expected = WebhookSignature.hmacSHA256(key: Array("whsec".utf8), message: Array("1795946400.".utf8) + body)
        #expect(signature == "v1=" + expected.map { String(format: "%02x", $0) }.joined())
    }

    @Test func verifiesAFreshRequestAndRefusesReplaysAndTampering() throws {
        let secret = Array("whsec_test".utf8)
        let body = Array(#"{"action":7}"#.utf8)
        let signedAt = Date(timeIntervalSince1970: 1_795_946_400)
        let signature = WebhookSignature.sign(secret: secret, timestamp: 1_795_946_400, body: body)
        try WebhookSignature.verify(signatureHeader: signature, timestampHeader: "1795946400", body: body, secret: secret, now: signedAt.addingTimeInterval(299))
        // Secret rotation: any listed v1 value may match.
        try WebhookSignature.verify(signatureHeader: "v1=" + String(repeating: "0", count: 64) + ", " + signature, timestampHeader: "1795946400",
                                    body: body, secret: secret, now: signedAt)
        #expect(throws: WebhookSignature.Failure.outsideTolerance(ageSeconds: 301)) {
            try WebhookSignature.verify(signatureHeader: signature, timestampHeader: "1795946400", body: body, secret: secret, now: signedAt.addingTimeInterval(301))
        }
        #expect(throws: WebhookSignature.Failure.outsideTolerance(ageSeconds: -400)) {
            try WebhookSignature.verify(signatureHeader: signature, timestampHeader: "1795946400", body: body, secret: secret, now: signedAt.addingTimeInterval(-400))
        }
        #expect(throws: WebhookSignature.Failure.mismatch) {
            try WebhookSignature.verify(signatureHeader: signature, timestampHeader: "1795946400", body: Array(#"{"action":8}"#.utf8), secret: secret, now: signedAt)
        }
        #expect(throws: WebhookSignature.Failure.mismatch) {
            try WebhookSignature.verify(signatureHeader: signature, timestampHeader: "1795946401", body: body, secret: secret, now: signedAt)
        }
        #expect(throws: WebhookSignature.Failure.mismatch) {
            try WebhookSignature.verify(signatureHeader: signature, timestampHeader: "1795946400", body: body, secret: Array("other".utf8), now: signedAt)
        }
        #expect(throws: WebhookSignature.Failure.malformedSignature) {
            try WebhookSignature.verify(signatureHeader: "v0=abc", timestampHeader: "1795946400", body: body, secret: secret, now: signedAt)
        }
        #expect(throws: WebhookSignature.Failure.malformedTimestamp) {
            try WebhookSignature.verify(signatureHeader: signature, timestampHeader: "yesterday", body: body, secret: secret, now: signedAt)
        }
    }

    @Test func readsRetryAfter() {
        let now = Date(timeIntervalSince1970: 1_795_946_400)  // Sun, 29 Nov 2026 10:00:00 GMT
        #expect(RetryAfter.delay("120", now: now) == .seconds(120))
        #expect(RetryAfter.delay(" 0 ", now: now) == .seconds(0))
        #expect(RetryAfter.delay("Sun, 29 Nov 2026 10:02:30 GMT", now: now) == .seconds(150))
        #expect(RetryAfter.delay("Sunday, 29-Nov-26 10:01:00 GMT", now: now) == .seconds(60))
        #expect(RetryAfter.delay("Sun Nov 29 10:00:10 2026", now: now) == .seconds(10))
        #expect(RetryAfter.delay("Sat, 28 Nov 2026 10:00:00 GMT", now: now) == .seconds(0))
        #expect(RetryAfter.delay("soon", now: now) == nil)
        #expect(RetryAfter.delay("-5", now: now) == nil)
    }
}
