import Foundation
import RecouvreImport
import Testing

@Suite struct CFONBParserTests {
    private func problems(_ text: String) -> [ImportProblem] {
        do {
            _ = try CFONBParser.parse(Data(text.utf8))
            return []
        } catch {
            return error.problems
        }
    }

    @Test func readsCreditsWithTheirComplementsAndIgnoresDebits() throws {
        let statement = try CFONBParser.parse(Data(BankFixtures.cfonb.utf8))
        #expect(statement.format == .cfonb120)
        #expect(statement.account == "FR7630004008280001234567841", "the IBAN, its RIB key computed")
        #expect(statement.debitsIgnored == 1)
        #expect(statement.credits.count == 2)
        let acme = statement.credits[0]
        #expect(acme.amount == Decimal(1200))
        #expect(acme.currency == "EUR")
        #expect(acme.bookedOn == "2026-03-03")
        #expect(acme.valueOn == "2026-03-03")
        #expect(acme.debtorName == "ACME INDUSTRIE SAS")
        #expect(acme.remittance == "VIR SEPA RECU ACME INDUSTRIE FACTURE FA-2026-0101")
        #expect(acme.entryReference == "2026-03-03/0000123/ZX20260303001")
        #expect(acme.line == 2)
        let dupont = statement.credits[1]
        #expect(dupont.amount == Decimal(string: "300.55"))
        #expect(dupont.valueOn == "2026-03-04")
        #expect(dupont.endToEndID == "E2E-DUPONT-7781")
    }

    @Test func crlfLinesAndLatin1AreRead() throws {
        let text = BankFixtures.cfonb.replacingOccurrences(of: "\n", with: "\r\n")
            .replacingOccurrences(of: "DUPONT ET FILS    ", with: "DUPONT ET FILS ÉTÉ")
        let data = try #require(text.data(using: .isoLatin1))
        let statement = try CFONBParser.parse(data)
        #expect(statement.credits[1].remittance == "VIR DUPONT ET FILS ÉTÉ")
    }

    @Test func recordsWithoutLineEndsAreRead() throws {
        let joined = BankFixtures.cfonb.replacingOccurrences(of: "\n", with: "")
        #expect(try CFONBParser.parse(Data(joined.utf8)).credits.count == 2)
    }

    @Test func blankLinesAtTheEndAreNoRecords() throws {
        #expect(try CFONBParser.parse(Data((BankFixtures.cfonb + "\n\r\n\n").utf8)).credits.count == 2)
    }

    @Test func aLineNotOf120CharactersIsNamed() {
        var lines = BankFixtures.cfonb.split(separator: "\n").map(String.init)
        lines[3] = String(lines[3].dropLast(4))
        let found = problems(lines.joined(separator: "\n"))
        #expect(found.count == 1)
        #expect(found.first?.line == 4)
        #expect(found.first?.message == "a CFONB 120 record is 120 characters, this line has 116")
    }

    @Test func anUnknownRecordCodeIsNamed() {
        let text = BankFixtures.cfonb.replacingOccurrences(of: "0530004000500828EUR2 0001234567805030326     RCN",
                                                           with: "0930004000500828EUR2 0001234567805030326     RCN")
        let found = problems(text)
        #expect(found.first?.line == 7)
        #expect(found.first?.field == "record code")
        #expect(found.first?.message.contains("\"09\" is not a CFONB 120 record") == true)
    }

    @Test func badAmountsAndDatesAreNamed() {
        let text = BankFixtures.cfonb
            .replacingOccurrences(of: "0000000012000{", with: "00000000120X0{")
            .replacingOccurrences(of: "05030326  040326", with: "05310226  040326")
        let found = problems(text)
        #expect(found.map(\.line) == [2, 6, 8], "the amount, the date, and the balance they upset")
        #expect(found[0].field == "amount")
        #expect(found[1].description == "line 6, booking date: \"310226\" is not a date (ddmmyy)")
    }

    @Test func aCreditWithoutCurrencyIsNamed() {
        let text = BankFixtures.cfonb.replacingOccurrences(of: "0430004000500828EUR2 0001234567805030326  040326",
                                                           with: "0430004000500828   2 0001234567805030326  040326")
        let found = problems(text)
        #expect(found.first?.description == "line 6, currency: \"   \" is not an ISO 4217 currency code")
    }

    @Test func aFileCutShortIsCaught() {
        let lines = BankFixtures.cfonb.split(separator: "\n")
        let found = problems(lines.prefix(5).joined(separator: "\n"))
        #expect(found.count == 1)
        #expect(found.first?.message.contains("ends without the 07 new balance") == true)
        let missingMovement = lines.enumerated().filter { $0.offset != 5 && $0.offset != 6 }.map(\.element)
        #expect(problems(missingMovement.joined(separator: "\n")).first?.message.contains("is not the old balance") == true)
    }

    @Test func wrongEncodingsAreRefused() {
        var utf16 = Data([0xFF, 0xFE])
        utf16.append(BankFixtures.cfonb.data(using: .utf16LittleEndian)!)
        #expect(throws: ImportRejected.self) { try CFONBParser.parse(utf16) }
        do {
            _ = try CFONBParser.parse(utf16)
        } catch {
            #expect(error.problems.first?.message.contains("UTF-16") == true)
        }
    }

    @Test func signLettersCarryTheLastDigitAndTheSign() throws {
        // 0000000002504} is −250.40; 0000000003005E is +300.55.
        let statement = try CFONBParser.parse(Data(BankFixtures.cfonb.utf8))
        #expect(statement.credits.map(\.amount).reduce(0, +) == Decimal(string: "1500.55"))
        let negativeCredit = BankFixtures.cfonb.replacingOccurrences(of: "0000000003005E", with: "0000000003005N")
        #expect(problems(negativeCredit).first?.message.contains("is not the old balance") == true)
    }
}
