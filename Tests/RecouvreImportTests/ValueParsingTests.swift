import RecouvreImport
import Testing

@Suite struct ValueParsingTests {
    @Test(arguments: [
        ("1 234,56", "1234.56"), ("1\u{00A0}234,56", "1234.56"), ("1\u{202F}234\u{202F}567,5", "1234567.5"),
        ("1.234,56", "1234.56"), ("0,10", "0.10"), ("12", "12"), (",5", "0.5"), ("007,00", "7.00"),
    ])
    func frenchAmounts(_ text: String, _ expected: String) throws {
        #expect(try ValueParsing.amount(text, .french).get() == expected)
    }

    @Test(arguments: [("1234.56", "1234.56"), ("1,234.56", "1234.56"), ("1'234.5", "1234.5"), ("99", "99")])
    func internationalAmounts(_ text: String, _ expected: String) throws {
        #expect(try ValueParsing.amount(text, .international).get() == expected)
    }

    @Test(arguments: [
        ("12,345", CSVConvention.french), ("1 23,45", .french), ("1234.56", .french), ("12,3a", .french), ("-5,00", .french),
        ("1 234,56", .international), ("1.2.3", .international), ("12 €", .french), ("1234567890123", .international), ("", .french),
    ])
    func refusedAmounts(_ text: String, _ convention: CSVConvention) {
        #expect(throws: ValueError.self) { try ValueParsing.amount(text, convention).get() }
    }

    @Test func datesAreReadInTheirConventionAndMustExist() throws {
        #expect(try ValueParsing.date("28/02/2026", .french).get() == "2026-02-28")
        #expect(try ValueParsing.date("29.02.2024", .french).get() == "2024-02-29")
        #expect(try ValueParsing.date("2026-03-01", .french).get() == "2026-03-01")
        #expect(try ValueParsing.date("2026-03-01", .international).get() == "2026-03-01")
        let impossible = #expect(throws: ValueError.self) { try ValueParsing.date("31/02/2026", .french).get() }
        #expect(impossible?.message == "\"31/02/2026\" is not a date: there is no such day")
        #expect(throws: ValueError.self) { try ValueParsing.date("29/02/2026", .french).get() }
        #expect(throws: ValueError.self) { try ValueParsing.date("03/04/2026", .international).get() }
        #expect(throws: ValueError.self) { try ValueParsing.date("3/4/2026", .french).get() }
    }

    @Test func headerNamesCompareWithoutCaseAccentsOrPunctuation() {
        #expect(HeaderName.normalized("N° facture") == "n facture")
        #expect(HeaderName.normalized("  Date d'ÉCHÉANCE ") == "date d echeance")
        #expect(HeaderName.normalized("Référence_client") == "reference client")
        #expect(HeaderName.normalized("Montant TTC (€)") == "montant ttc")
    }
}
