import RecouvreCore

/// French bank account numbers (RIB: bank, branch, account, key) and their IBAN.
enum FrenchRIB {
    /// The RIB key of a bank code (5), branch code (5) and account number (11, letters allowed).
    static func key(bank: String, branch: String, account: String) -> Int? {
        guard bank.count == 5, branch.count == 5, account.count == 11 else { return nil }
        let letterDigits: [Character: Character] = [
            "A": "1", "J": "1", "B": "2", "K": "2", "S": "2", "C": "3", "L": "3", "T": "3", "D": "4", "M": "4", "U": "4",
            "E": "5", "N": "5", "V": "5", "F": "6", "O": "6", "W": "6", "G": "7", "P": "7", "X": "7",
            "H": "8", "Q": "8", "Y": "8", "I": "9", "R": "9", "Z": "9",
        ]
        let converted = String(account.uppercased().compactMap { $0.isASCIIDigit ? $0 : letterDigits[$0] })
        guard converted.count == 11, let b = Int(bank), let g = Int(branch), let a = Int(converted) else { return nil }
        return 97 - ((89 * b + 15 * g + 3 * a) % 97)
    }

    /// The French IBAN of this account, with its RIB key computed.
    static func iban(bank: String, branch: String, account: String) -> String? {
        guard let key = key(bank: bank, branch: branch, account: account) else { return nil }
        let bban = bank + branch + account.uppercased() + (key < 10 ? "0" : "") + String(key)
        var remainder = 0
        for character in bban + "FR00" {
            let value = character.isASCIIDigit ? Int(String(character))! : Int(character.asciiValue! - 55)
            for digit in String(value) { remainder = (remainder * 10 + Int(String(digit))!) % 97 }
        }
        let check = 98 - remainder
        let iban = "FR" + (check < 10 ? "0" : "") + String(check) + bban
        return BankIdentifiers.isValidIBAN(iban) ? iban : nil
    }
}
