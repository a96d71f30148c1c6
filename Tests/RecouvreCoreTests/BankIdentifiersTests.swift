import RecouvreCore
import Testing

@Suite struct BankIdentifiersTests {
    @Test(arguments: ["FR76 3000 6000 0112 3456 7890 189", "FR7630006000011234567890189", "DE89 3704 0044 0532 0130 00", "fr76 3000 6000 0112 3456 7890 189"])
    func validIBANs(_ iban: String) {
        #expect(BankIdentifiers.isValidIBAN(iban))
    }

    @Test(arguments: ["FR76 3000 6000 0112 3456 7890 188", "FR7630006", "1234", "FR76-3000-6000", ""])
    func invalidIBANs(_ iban: String) {
        #expect(!BankIdentifiers.isValidIBAN(iban))
    }

    @Test func sirens() {
        #expect(BankIdentifiers.isValidSIREN("732829320"))   // Luhn-valid
        #expect(BankIdentifiers.isValidSIREN("356000000"))   // La Poste: 6 + (5 × 2 = 10 → 1) + 3 = 10
        #expect(!BankIdentifiers.isValidSIREN("732829321"))
        #expect(!BankIdentifiers.isValidSIREN("12345678"))
        #expect(!BankIdentifiers.isValidSIREN("12345678a"))
    }
}
