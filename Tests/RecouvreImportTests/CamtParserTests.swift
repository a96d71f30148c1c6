import Foundation
import RecouvreImport
import Testing

@Suite struct CamtParserTests {
    private func parse(_ text: String) throws -> BankStatement {
        try CamtParser.parse(Data(text.utf8))
    }

    private func problems(_ text: String) -> [ImportProblem] {
        do {
            _ = try CamtParser.parse(Data(text.utf8))
            return []
        } catch {
            return error.problems
        }
    }

    @Test func readsEachBookedCreditOfAVersion02StatementAndLeavesTheRest() throws {
        let statement = try parse(BankFixtures.camt053v02)
        #expect(statement.format == .camt053)
        #expect(statement.account == "FR7630004008280001234567841")
        #expect(statement.reference == "30004-20260303")
        #expect(statement.debitsIgnored == 1)
        #expect(statement.credits.count == 3, "one single credit and a batch of two; the pending one is left out")

        let single = statement.credits[0]
        #expect(single.entryReference == "ZX20260303001")
        #expect(single.amount == Decimal(string: "1200.00"))
        #expect(single.currency == "EUR")
        #expect(single.bookedOn == "2026-03-03")
        #expect(single.valueOn == "2026-03-03")
        #expect(single.endToEndID == nil, "NOTPROVIDED is no reference")
        #expect(single.creditorReference == "RF42FA20260101")
        #expect(single.debtorName == "ACME Industrie SAS")
        #expect(single.debtorIBAN == "FR1420041010050500013M02606")

        let batch = Array(statement.credits[1...])
        #expect(batch.map(\.entryReference) == ["ZX20260303002/E2E-DUP-1", "ZX20260303002/E2E-MAR-9"])
        #expect(batch.map(\.amount) == [Decimal(500), Decimal(string: "300.10")!])
        #expect(batch[0].remittance == "Facture fa 2026-0102 merci")
        #expect(batch[1].debtorName == "Martin Élodie")
        #expect(batch[1].debtorIBAN == "DE89370400440532013000")
        #expect(batch.allSatisfy { $0.valueOn == "2026-03-04" })
    }

    @Test func readsVersion08PlacesOfStatusPartyAndAmount() throws {
        let statement = try parse(BankFixtures.camt053v08)
        let credit = try #require(statement.credits.first)
        #expect(statement.credits.count == 1)
        #expect(credit.entryReference == "2026030800017")
        #expect(credit.amount == Decimal(string: "1234.56"))
        #expect(credit.bookedOn == "2026-03-08")
        #expect(credit.debtorName == "Boulangerie Léon")
        #expect(credit.debtorIBAN == "DE89370400440532013000")
        #expect(credit.creditorReference == "FA-2026-0200")
        #expect(credit.endToEndID == "INV-FA-2026-0200")
    }

    @Test func readsANotification() throws {
        let statement = try parse(BankFixtures.camt054v08)
        #expect(statement.format == .camt054)
        #expect(statement.reference == "NTF-77-1")
        #expect(statement.credits.map(\.entryReference) == ["N1"])
        #expect(statement.credits.first?.remittance == "REGLEMENT FA-2026-0300")
    }

    @Test func withoutTheBanksReferenceTwoPayersSameEndToEndIdAreTwoCredits() throws {
        // No AcctSvcrRef or NtryRef: the end-to-end id is the payers' own, and two sent "1".
        let entry = { (iban: String, amount: String) in """
                <Ntry>
                  <Amt Ccy="EUR">\(amount)</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts><Cd>BOOK</Cd></Sts>
                  <BookgDt><Dt>2026-03-10</Dt></BookgDt>
                  <NtryDtls><TxDtls>
                    <Refs><EndToEndId>1</EndToEndId></Refs>
                    <RltdPties><DbtrAcct><Id><IBAN>\(iban)</IBAN></Id></DbtrAcct></RltdPties>
                  </TxDtls></NtryDtls>
                </Ntry>
            """ }
        let fixture = BankFixtures.camt054v08
        let start = try #require(fixture.range(of: "<Ntry>")).lowerBound
        let end = try #require(fixture.range(of: "</Ntry>")).upperBound
        let text = fixture.replacingCharacters(in: start..<end, with: entry("FR7630006000011234567890189", "75.00")
                                                + entry("DE89370400440532013000", "75.00"))
        let statement = try parse(text)
        #expect(statement.credits.count == 2)
        #expect(Set(statement.credits.map(\.entryReference)).count == 2)
        #expect(statement.credits.allSatisfy { $0.entryReference.hasPrefix("1/2026-03-10/75") })
    }

    @Test func amountsAreExactDecimals() throws {
        let text = BankFixtures.camt053v08.replacingOccurrences(of: "1234.56", with: "0.10")
        let credit = try #require(try parse(text).credits.first)
        #expect(credit.amount == Decimal(sign: .plus, exponent: -1, significand: 1))
        #expect("\(credit.amount)" == "0.1")
    }

    @Test func aTruncatedFileIsRefusedWithTheLineWhereItStops() {
        let lines = BankFixtures.camt053v02.split(separator: "\n")
        let cut = lines.prefix(30).joined(separator: "\n")
        let found = problems(cut)
        #expect(found.count == 1)
        #expect(found.first?.line == 30 || found.first?.line == 31)
        #expect(found.first?.message.contains("not well formed") == true)
    }

    @Test func anotherRootOrNamespaceIsRefused() {
        let pain = BankFixtures.camt054v08.replacingOccurrences(of: "camt.054.001.08", with: "pain.001.001.03")
        #expect(problems(pain).first?.message.contains("is not camt.053 or camt.054") == true)
        let html = "<html>\n<body>statement</body>\n</html>"
        let found = problems(html)
        #expect(found.first?.line == 1)
        #expect(found.first?.message.contains("root element is <html>") == true)
        let old = BankFixtures.camt053v08.replacingOccurrences(of: "camt.053.001.08", with: "camt.053.001.01")
        #expect(!problems(old).isEmpty)
    }

    @Test func badAmountsAndDatesAreEachNamedWithTheirLine() throws {
        var text = BankFixtures.camt053v02.replacingOccurrences(of: ">1200.00<", with: ">1 200,00<")
        text = text.replacingOccurrences(of: "<BookgDt><Dt>2026-03-03</Dt></BookgDt>\n        <ValDt><Dt>2026-03-04",
                                         with: "<BookgDt><Dt>2026-02-30</Dt></BookgDt>\n        <ValDt><Dt>2026-03-04")
        let found = problems(text)
        #expect(found.count == 2)
        let amount = try #require(found.first)
        #expect(amount.line == 17)
        #expect(amount.field == "Ntry/Amt")
        #expect(amount.description.contains("\"1 200,00\" is not a positive amount"))
        #expect(found.last?.field == "BookgDt")
        #expect(found.last?.message.contains("2026-02-30") == true)
    }

    @Test func aCurrencylessAmountIsRefused() {
        let text = BankFixtures.camt054v08.replacingOccurrences(of: "<Amt Ccy=\"EUR\">", with: "<Amt>")
        #expect(problems(text).first?.message.contains("currency") == true)
    }

    @Test func aFileInAnEncodingItDoesNotDeclareIsRefused() {
        // Latin-1 bytes in a document that says UTF-8.
        var data = Data(BankFixtures.camt053v08.utf8)
        let marker = Data("Léon".utf8)
        let range = try! #require(data.range(of: marker))
        data.replaceSubrange(range, with: [0x4C, 0xE9, 0x6F, 0x6E])
        #expect(throws: ImportRejected.self) { try CamtParser.parse(data) }
    }

    @Test func anEmptyFileIsRefused() {
        #expect(problems("").first?.message == "the file is empty")
    }

    @Test func theFormatIsToldFromTheFirstCharacter() {
        #expect(BankStatementFormat.detect(Data("\u{FEFF}  <?xml version=\"1.0\"?>".utf8)) == .camt)
        #expect(BankStatementFormat.detect(Data(BankFixtures.cfonb.utf8)) == .cfonb)
    }
}
