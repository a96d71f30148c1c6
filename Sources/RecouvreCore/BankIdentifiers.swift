/// Checks of the identifiers a letter's letterhead and payment instructions carry.
public enum BankIdentifiers {
    /// An IBAN (ISO 13616): country, check digits and account, spaces allowed, whose check
    /// digits are right (mod 97 = 1).
    public static func isValidIBAN(_ text: String) -> Bool {
        let compact = normalizedIBAN(text)
        guard compact.count >= 15, compact.count <= 34,
              compact.prefix(2).allSatisfy({ $0.isASCII && $0.isUppercase }),
              compact.dropFirst(2).prefix(2).allSatisfy({ $0.isASCII && $0.isNumber }),
              compact.allSatisfy({ $0.isASCII && ($0.isNumber || $0.isUppercase) }) else { return false }
        let rearranged = compact.dropFirst(4) + compact.prefix(4)
        var remainder = 0
        for character in rearranged {
            let value = character.isNumber ? Int(String(character))! : Int(character.asciiValue! - 55)
            for digit in String(value) {
                remainder = (remainder * 10 + Int(String(digit))!) % 97
            }
        }
        return remainder == 1
    }

    /// The IBAN without spaces, in capitals.
    public static func normalizedIBAN(_ text: String) -> String {
        text.uppercased().filter { $0 != " " }
    }

    /// A SIREN: nine digits whose Luhn checksum is right.
    public static func isValidSIREN(_ text: String) -> Bool {
        guard text.count == 9, text.allSatisfy({ $0.isASCII && $0.isNumber }) else { return false }
        let digits = text.compactMap { Int(String($0)) }
        let sum = digits.reversed().enumerated().reduce(0) { sum, item in
            let (index, digit) = item
            let value = index % 2 == 1 ? digit * 2 : digit
            return sum + (value > 9 ? value - 9 : value)
        }
        return sum % 10 == 0
    }
}
