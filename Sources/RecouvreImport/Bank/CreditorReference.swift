/// ISO 11649 structured creditor references (`RF` + two check digits + up to 21 letters or
/// digits) and the compact form invoice numbers are compared in.
public enum CreditorReference {
    /// Capitals and digits only: `fa-2026 0412` → `FA20260412`.
    public static func compact(_ text: String) -> String {
        String(text.uppercased().filter { $0.isASCII && ($0.isLetter || $0.isNumber) })
    }

    /// Whether `text` (spaces allowed) is an RF reference whose check digits are right.
    public static func isValidRF(_ text: String) -> Bool {
        payload(text) != nil
    }

    /// What an RF reference refers to (after `RFnn`), or nil when `text` is not a valid one.
    public static func payload(_ text: String) -> String? {
        let compact = text.uppercased().filter { $0 != " " }
        guard compact.count >= 5, compact.count <= 25, compact.hasPrefix("RF"),
              compact.dropFirst(2).prefix(2).allSatisfy(\.isASCIIDigit),
              compact.allSatisfy({ $0.isASCII && ($0.isUppercase || $0.isNumber) }),
              mod97(String(compact.dropFirst(4) + compact.prefix(4))) == 1 else { return nil }
        return String(compact.dropFirst(4))
    }

    /// The RF reference of an invoice number (its letters and digits), or nil when they are
    /// more than 21.
    public static func rf(for invoiceNumber: String) -> String? {
        let body = compact(invoiceNumber)
        guard !body.isEmpty, body.count <= 21 else { return nil }
        let check = 98 - mod97(body + "RF00")
        return "RF" + (check < 10 ? "0" : "") + String(check) + body
    }

    /// Letters count as 10 (A) to 35 (Z), as in IBANs.
    private static func mod97(_ text: String) -> Int {
        var remainder = 0
        for character in text {
            let value = character.isASCIIDigit ? Int(String(character))! : Int(character.asciiValue! - 55)
            for digit in String(value) { remainder = (remainder * 10 + Int(String(digit))!) % 97 }
        }
        return remainder
    }
}
