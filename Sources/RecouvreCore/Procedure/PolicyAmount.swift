import Foundation

/// An amount in a policy document, kept as the decimal text it was written as so that
/// validation can say exactly what is wrong with it.
///
/// It decodes from a JSON string (`"5000.01"`) or a number (`5000.01`). A number is read as a
/// `Decimal`, never through binary floating point; if a decoder delivers it with more digits
/// than were written (a value that went through a `Double`), the shortest text of that double
/// is used instead, which is what the author typed.
public struct PolicyAmount: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The amount as written, e.g. `5000.01`.
    public let text: String

    /// An amount written as `text`.
    public init(text: String) {
        self.text = text
    }

    /// The amount `value`, written in plain decimal digits.
    public init(_ value: Decimal) {
        self.text = value.description
    }

    /// The amount, or nil when the text is not a plain decimal number with at most two decimals.
    public var value: Decimal? {
        guard Self.isPlainDecimal(text, maxFractionDigits: 2) else { return nil }
        return Decimal(string: text.trimmingCharacters(in: .whitespaces), locale: Locale(identifier: "en_US_POSIX"))
    }

    /// Whether the text is a decimal number at all (perhaps with too many decimals).
    var isNumber: Bool { Self.isPlainDecimal(text, maxFractionDigits: nil) }

    public var description: String { text }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let text = try? container.decode(String.self) {
            self.text = text
            return
        }
        let decimal = try container.decode(Decimal.self)
        let exact = decimal.description
        if !Self.isPlainDecimal(exact, maxFractionDigits: 2), let double = try? container.decode(Double.self),
           Self.isPlainDecimal(double.description, maxFractionDigits: 2) {
            self.text = double.description
        } else {
            self.text = exact
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(text)
    }

    private static func isPlainDecimal(_ raw: String, maxFractionDigits: Int?) -> Bool {
        var body = Substring(raw.trimmingCharacters(in: .whitespaces))
        if body.first == "-" || body.first == "+" { body = body.dropFirst() }
        let parts = body.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), !parts[0].isEmpty,
              parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }) else { return false }
        guard parts.count == 2 else { return true }
        return !parts[1].isEmpty && parts[1].count <= (maxFractionDigits ?? Int.max)
    }
}
