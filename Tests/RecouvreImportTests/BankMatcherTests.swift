import Foundation
import RecouvreImport
import Testing

@Suite struct BankMatcherTests {
    let matcher = BankMatcher()
    let acmeIBAN = "FR1420041010050500013M02606"

    var invoices: [InvoiceCandidate] {
        [
            InvoiceCandidate(number: "FA-2026-0101", debtorRef: "ACME", debtorName: "ACME Industrie",
                             debtorIBANs: [acmeIBAN], outstanding: 1200),
            InvoiceCandidate(number: "FA-2026-0102", debtorRef: "DUP", debtorName: "Dupont et Fils SARL", outstanding: 500),
            InvoiceCandidate(number: "FA-2026-0103", debtorRef: "DUP", debtorName: "Dupont et Fils SARL",
                             outstanding: Decimal(string: "249.90")!),
            InvoiceCandidate(number: "FA-2026-0104", debtorRef: "MAR", debtorName: "Élodie Martin", outstanding: 300),
            InvoiceCandidate(number: "FA-2026-0105", debtorRef: "LEO", debtorName: "Boulangerie Léon", outstanding: 300),
        ]
    }

    func credit(_ amount: Decimal, reference: String? = nil, text: String? = nil, name: String? = nil,
                iban: String? = nil, currency: String = "EUR") -> BankCredit {
        BankCredit(entryReference: "X", amount: amount, currency: currency, bookedOn: "2026-03-03",
                   creditorReference: reference, remittance: text, debtorName: name, debtorIBAN: iban)
    }

    @Test func anRFReferenceAmountAndKnownIBANMakeAPayment() throws {
        let match = matcher.match(credit(1200, reference: "RF42FA20260101", name: "ACME INDUSTRIE SAS", iban: acmeIBAN),
                                  candidates: invoices)
        let accepted = try #require(match.accepted)
        #expect(accepted.invoice == "FA-2026-0101")
        #expect(accepted.debtor == "ACME")
        #expect(accepted.confidence == 100)
        #expect(accepted.reasons.first == "RF reference of FA-2026-0101")
    }

    @Test func moreThanTheOutstandingWaitsForAPersonEvenWithAKnownPayer() {
        // Reference (60) + known IBAN (30) would be 90; 1,500 is more than the 1,200 owed.
        let match = matcher.match(credit(1500, reference: "FA-2026-0101", iban: acmeIBAN), candidates: invoices)
        #expect(match.accepted == nil)
        #expect(match.suggestions.first?.invoice == "FA-2026-0101")
        #expect(match.suggestions.first?.confidence == 89)
        #expect(match.suggestions.first?.reasons.last == "more than its 1200 outstanding: a person decides")
    }

    @Test func namedInvoicesArePaidTogetherOnlyWhenTheyAreAllTheDebtorOwes() throws {
        // DUP owes 0102 and 0103 only: naming both with their total makes a payment of DUP.
        let both = matcher.match(credit(Decimal(string: "749.90")!, text: "FA-2026-0102 FA-2026-0103", name: "Dupont et Fils"),
                                 candidates: invoices)
        let accepted = try #require(both.accepted)
        #expect(accepted.invoices == ["FA-2026-0102", "FA-2026-0103"])
        // With a third, older invoice open, the debtor's payment would go to it first.
        let older = InvoiceCandidate(number: "FA-2025-0900", debtorRef: "DUP", debtorName: "Dupont et Fils SARL", outstanding: 80)
        let three = matcher.match(credit(Decimal(string: "749.90")!, text: "FA-2026-0102 FA-2026-0103", name: "Dupont et Fils"),
                                  candidates: invoices + [older])
        #expect(three.accepted == nil)
        #expect(three.suggestions.first?.invoices == ["FA-2026-0102", "FA-2026-0103"])
        #expect(three.suggestions.first?.reasons.last == "the debtor owes other invoices, which would be paid first: a person decides")
    }

    @Test func anRFReferenceWithWrongCheckDigitsIsOnlyText() {
        #expect(CreditorReference.isValidRF("RF42FA20260101"))
        #expect(CreditorReference.isValidRF("RF42 FA20 2601 01"))
        #expect(!CreditorReference.isValidRF("RF43FA20260101"))
        #expect(CreditorReference.rf(for: "FA-2026-0101") == "RF42FA20260101")
        #expect(CreditorReference.rf(for: "RF18539007547034".lowercased()).map(CreditorReference.isValidRF) == true)
        // The ISO 11649 example.
        #expect(CreditorReference.payload("RF18 5390 0754 7034") == "539007547034")
    }

    @Test func theInvoiceNumberInTheTextToleratesSpacesDashesAndCase() throws {
        for text in ["Facture fa 2026-0102", "FA2026 0102", "ref:FA-2026-0102.", "fa_2026_0102 merci"] {
            let match = matcher.match(credit(500, text: text, name: "Dupont & Fils"), candidates: invoices)
            #expect(match.accepted?.invoice == "FA-2026-0102", "\(text)")
            #expect(match.accepted?.confidence == 90)
        }
        // Part of a longer number is not the number.
        let longer = matcher.match(credit(500, text: "FA-2026-01021"), candidates: invoices)
        #expect(longer.suggestions.allSatisfy { $0.reasons.allSatisfy { !$0.contains("remittance") } })
    }

    @Test func twoInvoicesOfTheSameAmountAreNotConfident() {
        // MAR and LEO both owe 300: neither name nor reference tells them apart.
        let match = matcher.match(credit(300, text: "VIREMENT"), candidates: invoices)
        #expect(match.accepted == nil)
        #expect(Set(match.suggestions.map(\.invoice)) == ["FA-2026-0104", "FA-2026-0105"])
        #expect(match.suggestions.allSatisfy { $0.confidence == 30 })
        // Both named in the text, same amount: still ambiguous.
        let both = matcher.match(credit(300, text: "FA-2026-0104 FA-2026-0105"), candidates: invoices)
        #expect(both.accepted == nil)
        #expect(both.unmatchedReason?.hasPrefix("ambiguous") == true || both.unmatchedReason?.contains("below") == true)
    }

    @Test func aNameDecidesBetweenEqualAmountsOnlyWithAReference() {
        let byName = matcher.match(credit(300, name: "MARTIN ELODIE"), candidates: invoices)
        #expect(byName.accepted == nil, "name and amount alone stay below the threshold")
        #expect(byName.suggestions.first?.invoice == "FA-2026-0104")
    }

    @Test func aCreditInAnotherCurrencyNeverMatches() {
        let match = matcher.match(credit(1200, reference: "RF42FA20260101", iban: acmeIBAN, currency: "USD"),
                                  candidates: invoices)
        #expect(match.accepted == nil)
        #expect(match.suggestions.first?.confidence == 0)
        #expect(match.unmatchedReason?.contains("the invoice is in EUR, the credit in USD") == true)
    }

    @Test func aPartPaymentWithAReferenceAndAKnownPayerIsConfident() throws {
        let partial = matcher.match(credit(400, reference: "FA-2026-0101", iban: acmeIBAN), candidates: invoices)
        let accepted = try #require(partial.accepted)
        #expect(accepted.invoice == "FA-2026-0101")
        #expect(accepted.confidence == 100)
        #expect(accepted.reasons.contains("part payment of 1200 outstanding"))
        // From an unknown payer, a part payment waits for a person.
        let unknown = matcher.match(credit(400, reference: "FA-2026-0101"), candidates: invoices)
        #expect(unknown.accepted == nil)
        #expect(unknown.suggestions.first?.confidence == 80)
        // More than is owed is not a part payment.
        let over = matcher.match(credit(5000, reference: "FA-2026-0101"), candidates: invoices)
        #expect(over.suggestions.first?.confidence == 60)
    }

    @Test func severalInvoicesOfOneDebtorPaidTogetherNameTheDebtor() throws {
        let match = matcher.match(credit(Decimal(string: "749.90")!, text: "FA-2026-0102 + FA-2026-0103", name: "DUPONT ET FILS"),
                                  candidates: invoices)
        let accepted = try #require(match.accepted)
        #expect(accepted.invoice == nil)
        #expect(accepted.debtor == "DUP")
        #expect(accepted.invoices == ["FA-2026-0102", "FA-2026-0103"])
        #expect(accepted.confidence == 90)
    }

    @Test func aDebtorNamedInTheTextCountsAsThePayersName() throws {
        // CFONB: no payer's name record, the name in the label.
        let match = matcher.match(credit(500, text: "VIR DUPONT ET FILS FACT FA-2026-0102"), candidates: invoices)
        let accepted = try #require(match.accepted)
        #expect(accepted.invoice == "FA-2026-0102")
        #expect(accepted.reasons.last == "Dupont et Fils SARL named in the remittance text")
        // A short name is not looked for: too likely by chance.
        let short = [InvoiceCandidate(number: "FA-9", debtorRef: "X", debtorName: "Léon SA", outstanding: 10)]
        #expect(matcher.match(credit(10, text: "NAPOLEON"), candidates: short).suggestions.first?.confidence == 30)
    }

    @Test func nothingKnownGivesNoSuggestion() {
        let match = matcher.match(credit(12, text: "REMBOURSEMENT"), candidates: invoices)
        #expect(match.accepted == nil)
        #expect(match.suggestions.isEmpty)
        #expect(match.unmatchedReason == "no open invoice fits")
    }

    @Test("confidence stays within 0…100 and an accepted match is always unambiguous", arguments: 0..<200)
    func confidenceBounds(seed: Int) {
        var generator = SplitMix(seed: UInt64(seed))
        let amounts: [Decimal] = [300, 500, 1200, Decimal(string: "249.90")!, 42]
        let texts = [nil, "FA-2026-0104", "FA 2026 0105 FA-2026-0101", "merci", "FA-2026-0102 FA-2026-0103"]
        let names = [nil, "Martin", "ACME", "Dupont", "Boulangerie Leon"]
        let candidateSet = invoices.filter { _ in generator.next() % 4 != 0 }
        let c = credit(amounts[Int(generator.next() % 5)], reference: generator.next() % 3 == 0 ? "RF42FA20260101" : nil,
                       text: texts[Int(generator.next() % 5)], name: names[Int(generator.next() % 5)],
                       iban: generator.next() % 2 == 0 ? acmeIBAN : nil)
        let match = matcher.match(c, candidates: candidateSet)
        #expect(match.suggestions.allSatisfy { (0...100).contains($0.confidence) })
        #expect(match.suggestions.count <= BankMatcher.suggestionLimit)
        if let accepted = match.accepted {
            #expect(accepted.confidence >= matcher.threshold)
            #expect(match.suggestions.dropFirst().allSatisfy { $0.confidence <= accepted.confidence - matcher.margin })
            if let number = accepted.invoice {
                #expect(candidateSet.contains { $0.number == number && $0.currency == c.currency })
            }
        }
    }
}

/// A small deterministic generator, so that a failing case can be replayed by its seed.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed &+ 0x9E37_79B9_7F4A_7C15 }
    mutating func next() -> UInt64 {
        state = state &+ 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
