import COpenSSL
import Foundation

/// The signature on every webhook and SMS-gateway request Recouvre sends, and its check.
///
/// The sender puts the time in `X-Recouvre-Timestamp` (Unix seconds) and
/// `v1=<hex HMAC-SHA256(secret, "<timestamp>.<body>")>` in `X-Recouvre-Signature`. A receiver
/// recomputes the HMAC over the exact body bytes, compares in constant time, and refuses a
/// timestamp outside its tolerance window so that a captured request cannot be replayed later.
/// Several `v1=` values separated by commas are accepted, for secret rotation.
public enum WebhookSignature {
    /// The header carrying the time of signing.
    public static let timestampHeader = "X-Recouvre-Timestamp"
    /// The header carrying the signature.
    public static let signatureHeader = "X-Recouvre-Signature"
    /// The version tag of the scheme.
    public static let scheme = "v1"

    /// Why a request does not verify.
    public enum Failure: Error, Sendable, Equatable, CustomStringConvertible {
        /// The timestamp header is not a whole number of seconds.
        case malformedTimestamp
        /// The signature header has no `v1=` value of 64 hex digits.
        case malformedSignature
        /// The timestamp is further from now than the tolerance: a replay, or a wrong clock.
        case outsideTolerance(ageSeconds: Int64)
        /// No signature matches: a different secret or an altered body.
        case mismatch

        public var description: String {
            switch self {
            case .malformedTimestamp: return "\(WebhookSignature.timestampHeader) is not a Unix time in seconds"
            case .malformedSignature: return "\(WebhookSignature.signatureHeader) has no v1= signature of 64 hex digits"
            case .outsideTolerance(let age): return "the request was signed \(age) s from now, outside the tolerance: refused as a possible replay"
            case .mismatch: return "the signature does not match the body and secret"
            }
        }
    }

    /// The bytes that are signed: `<timestamp>.<body>`.
    public static func signedPayload(timestamp: Int64, body: [UInt8]) -> [UInt8] {
        Array((String(timestamp) + ".").utf8) + body
    }

    /// HMAC-SHA256 of `message` under `key`.
    public static func hmacSHA256(key: [UInt8], message: [UInt8]) -> [UInt8] {
        var output = [UInt8](repeating: 0, count: 32)
        let ok = key.withUnsafeBytes { keyBytes in
            message.withUnsafeBufferPointer { messageBytes in
                output.withUnsafeMutableBufferPointer { out in
                    rc_hmac_sha256(keyBytes.baseAddress, Int32(key.count), messageBytes.baseAddress, message.count, out.baseAddress)
                }
            }
        }
        // HMAC-SHA256 only fails when libcrypto cannot allocate; nothing sensible can follow.
        precondition(ok == 1, "HMAC-SHA256 failed in libcrypto")
        return output
    }

    /// The `X-Recouvre-Signature` value for `body` sent at `timestamp`: `v1=<64 hex digits>`.
    public static func sign(secret: [UInt8], timestamp: Int64, body: [UInt8]) -> String {
        scheme + "=" + hex(hmacSHA256(key: secret, message: signedPayload(timestamp: timestamp, body: body)))
    }

    /// Checks a received request: both header values as received, the exact body bytes, the
    /// shared secret, and the receiver's clock. `tolerance` bounds how old (or how far in the
    /// future) the timestamp may be.
    public static func verify(signatureHeader: String, timestampHeader: String, body: [UInt8], secret: [UInt8],
                              now: Date = Date(), tolerance: Duration = .seconds(300)) throws(Failure) {
        guard let timestamp = Int64(timestampHeader.trimmingCharacters(in: .whitespaces)) else { throw .malformedTimestamp }
        let candidates = signatureHeader.split(separator: ",").compactMap { part -> [UInt8]? in
            let pair = part.trimmingCharacters(in: .whitespaces).split(separator: "=", maxSplits: 1)
            guard pair.count == 2, pair[0] == scheme else { return nil }
            return bytes(fromHex: pair[1])
        }
        guard !candidates.isEmpty else { throw .malformedSignature }
        let age = Int64(now.timeIntervalSince1970.rounded(.down)) - timestamp
        guard abs(age) <= tolerance.components.seconds else { throw .outsideTolerance(ageSeconds: age) }
        let expected = hmacSHA256(key: secret, message: signedPayload(timestamp: timestamp, body: body))
        for candidate in candidates where candidate.count == expected.count {
            let equal = candidate.withUnsafeBytes { a in
                expected.withUnsafeBytes { b in rc_memcmp_constant_time(a.baseAddress, b.baseAddress, expected.count) == 0 }
            }
            if equal { return }
        }
        throw .mismatch
    }

    static func hex(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count * 2)
        for byte in bytes {
            output.append(digits[Int(byte >> 4)])
            output.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: output, as: UTF8.self)
    }

    private static func bytes(fromHex text: Substring) -> [UInt8]? {
        let digits = Array(text.utf8)
        guard digits.count == 64 else { return nil }
        var output: [UInt8] = []
        var index = 0
        while index < digits.count {
            guard let high = hexValue(digits[index]), let low = hexValue(digits[index + 1]) else { return nil }
            output.append(high << 4 | low)
            index += 2
        }
        return output
    }

    private static func hexValue(_ digit: UInt8) -> UInt8? {
        switch digit {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return digit - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return digit - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return digit - UInt8(ascii: "A") + 10
        default: return nil
        }
    }
}
