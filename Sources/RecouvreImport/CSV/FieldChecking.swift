import Foundation

/// Checks one cell against its field and gives the text the database receives.
public enum FieldChecking {
    /// The value to store (nil for an empty optional cell), or why the cell is refused.
    /// Surrounding spaces are dropped first.
    public static func check(_ raw: String, _ field: ImportField, _ convention: CSVConvention) -> Result<String?, ValueError> {
        let text = trimmed(raw)
        guard !text.isEmpty else {
            return field.required ? .failure(ValueError("is empty, and every line needs it")) : .success(nil)
        }
        switch field.type {
        case .text:
            return .success(text)
        case .amount:
            return ValueParsing.amount(text, convention).flatMap { value in
                value.allSatisfy { $0 == "0" || $0 == "." } ? .failure(ValueError("\(ValueParsing.quoted(text)) is zero: amounts must be positive"))
                    : .success(value)
            }
        case .date:
            return ValueParsing.date(text, convention).map { $0 }
        case .debtorKind:
            let name = HeaderName.normalized(text)
            if ["business", "entreprise", "professionnel", "pro", "societe", "b2b", "company"].contains(name) { return .success("business") }
            if ["consumer", "particulier", "consommateur", "b2c", "individual", "person"].contains(name) { return .success("consumer") }
            return .failure(ValueError("\(ValueParsing.quoted(text)) is neither business (entreprise) nor consumer (particulier)"))
        case .email:
            let parts = text.split(separator: "@", omittingEmptySubsequences: false)
            guard parts.count == 2, !parts[0].isEmpty, parts[1].contains("."), !parts[1].hasPrefix("."), !parts[1].hasSuffix("."),
                  !text.contains(where: \.isWhitespace), text.utf8.count <= 254 else {
                return .failure(ValueError("\(ValueParsing.quoted(text)) is not an e-mail address"))
            }
            return .success(text)
        case .phone:
            // As the database checks it: an optional +, a digit, then 4 to 19 digits, spaces, dots, brackets or dashes.
            let scalars = Array(text.unicodeScalars)
            let body = scalars.first == "+" ? scalars.dropFirst() : scalars[...]
            guard let first = body.first, ("0"..."9").contains(first), (5...20).contains(body.count),
                  body.allSatisfy({ ("0"..."9").contains($0) || " .()-".unicodeScalars.contains($0) }) else {
                return .failure(ValueError("\(ValueParsing.quoted(text)) is not a telephone number (digits, spaces, dots, dashes, an optional +)"))
            }
            return .success(text)
        case .country:
            let code = text.uppercased()
            if ["FRANCE", "FRA"].contains(code) { return .success("FR") }
            guard code.count == 2, code.allSatisfy({ ("A"..."Z").contains($0) }) else {
                return .failure(ValueError("\(ValueParsing.quoted(text)) is not a two-letter country code (FR, BE, DE…)"))
            }
            return .success(code)
        case .locale:
            let name = HeaderName.normalized(text)
            if ["fr", "francais", "french", "fr fr"].contains(name) { return .success("fr") }
            if ["en", "english", "anglais", "en gb", "en us"].contains(name) { return .success("en") }
            return .failure(ValueError("\(ValueParsing.quoted(text)) is not a language messages are written in (fr or en)"))
        case .currency:
            if text == "€" { return .success("EUR") }
            let code = text.uppercased()
            guard code.count == 3, code.allSatisfy({ ("A"..."Z").contains($0) }) else {
                return .failure(ValueError("\(ValueParsing.quoted(text)) is not a currency code (EUR, USD, CHF…)"))
            }
            return .success(code)
        }
    }

    /// `raw` without surrounding white space; most values have none, and are returned as they are
    /// without going through Foundation.
    static func trimmed(_ raw: String) -> String {
        guard let first = raw.unicodeScalars.first, let last = raw.unicodeScalars.last else { return raw }
        guard first.properties.isWhitespace || last.properties.isWhitespace else { return raw }
        return raw.trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
