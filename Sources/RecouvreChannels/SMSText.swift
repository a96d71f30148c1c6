import Foundation

/// An SMS body, measured as a gateway will send it: GSM-7 when every character is in the GSM
/// 03.38 alphabet (extension characters take two septets), UCS-2 otherwise, and the number of
/// concatenated segments that makes.
///
/// Single messages hold 160 septets or 70 UCS-2 units; concatenated parts lose room to their
/// header and hold 153 or 67. An escape pair or a surrogate pair is never split across parts.
public struct SMSText: Sendable, Equatable {
    /// How the text is encoded on the air.
    public enum Encoding: String, Sendable {
        /// The GSM 03.38 7-bit alphabet.
        case gsm7
        /// UTF-16 code units (UCS-2 with surrogate pairs).
        case ucs2
    }

    /// Why a text cannot be sent.
    public struct TooLong: Error, Sendable, Equatable, CustomStringConvertible {
        /// The segments the text needs.
        public let segments: Int
        /// The limit it exceeds.
        public let maximumSegments: Int
        /// The encoding the count is in.
        public let encoding: Encoding

        /// Creates the error.
        public init(segments: Int, maximumSegments: Int, encoding: Encoding) {
            self.segments = segments
            self.maximumSegments = maximumSegments
            self.encoding = encoding
        }

        public var description: String {
            let hint = encoding == .ucs2 ? "; characters outside the GSM alphabet (emoji, some accents) force UCS-2 and 70 characters per SMS" : ""
            return "the SMS needs \(segments) segments (\(encoding == .gsm7 ? "GSM-7" : "UCS-2")) and at most \(maximumSegments) are allowed: shorten it\(hint)"
        }
    }

    /// The text, in Unicode normalisation form C (so a decomposed "é" counts as one character).
    public let text: String
    /// GSM-7 or UCS-2.
    public let encoding: Encoding
    /// Septets (GSM-7) or UTF-16 units (UCS-2).
    public let units: Int
    /// How many SMS the text takes; 0 for an empty text.
    public let segments: Int

    /// Measures `text` and refuses it when it needs more than `maximumSegments` parts.
    public init(_ text: String, maximumSegments: Int = 3) throws(TooLong) {
        let normalized = text.precomposedStringWithCanonicalMapping
        let septets = Self.gsmSeptets(normalized)
        let sizes: [Int]
        if let septets {
            encoding = .gsm7
            sizes = septets
        } else {
            encoding = .ucs2
            sizes = normalized.unicodeScalars.map { $0.value > 0xFFFF ? 2 : 1 }
        }
        self.text = normalized
        units = sizes.reduce(0, +)
        let single = encoding == .gsm7 ? 160 : 70
        let part = encoding == .gsm7 ? 153 : 67
        if units == 0 {
            segments = 0
        } else if units <= single {
            segments = 1
        } else {
            // Greedy packing: a two-unit character that does not fit starts the next part.
            var count = 1
            var used = 0
            for size in sizes {
                if used + size > part {
                    count += 1
                    used = 0
                }
                used += size
            }
            segments = count
        }
        guard segments <= maximumSegments else {
            throw TooLong(segments: segments, maximumSegments: maximumSegments, encoding: encoding)
        }
    }

    /// The septets of each character, or nil when one is outside the GSM-7 alphabet.
    static func gsmSeptets(_ text: String) -> [Int]? {
        var sizes: [Int] = []
        sizes.reserveCapacity(text.unicodeScalars.count)
        for scalar in text.unicodeScalars {
            if basic.contains(scalar) {
                sizes.append(1)
            } else if extended.contains(scalar) {
                sizes.append(2)
            } else {
                return nil
            }
        }
        return sizes
    }

    /// The GSM 03.38 default alphabet (the escape code itself excluded).
    static let basic: Set<Unicode.Scalar> = Set(
        ("@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
            + "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà").unicodeScalars)

    /// The extension table: each is sent as the escape code and a second septet.
    static let extended: Set<Unicode.Scalar> = Set("\u{0C}^{}\\[~]|€".unicodeScalars)
}
