import Foundation
import Testing
import RecouvreCore

@Suite struct MoneyTests {
    private func money(_ text: String, _ currency: String = "EUR") throws -> Money {
        try #require(Money(parsing: text, currency: currency))
    }

    @Test(arguments: [
        ("0", "0,00\u{00A0}€", "€0.00"),
        ("0.10", "0,10\u{00A0}€", "€0.10"),
        ("0.1", "0,10\u{00A0}€", "€0.10"),
        ("7", "7,00\u{00A0}€", "€7.00"),
        ("999.99", "999,99\u{00A0}€", "€999.99"),
        ("1000", "1\u{202F}000,00\u{00A0}€", "€1,000.00"),
        ("1234.56", "1\u{202F}234,56\u{00A0}€", "€1,234.56"),
        ("1234567.89", "1\u{202F}234\u{202F}567,89\u{00A0}€", "€1,234,567.89"),
        ("-1234.5", "-1\u{202F}234,50\u{00A0}€", "-€1,234.50"),
        ("-0.05", "-0,05\u{00A0}€", "-€0.05"),
    ])
    func formatsEuros(_ text: String, _ french: String, _ english: String) throws {
        let value = try money(text)
        #expect(value.formatted(.fr) == french)
        #expect(value.formatted(.en) == english)
    }

    @Test func formatsOtherCurrenciesWithTheirCode() throws {
        let value = try money("1234.56", "usd")
        #expect(value.currency == "USD")
        #expect(value.formatted(.fr) == "1\u{202F}234,56\u{00A0}USD")
        #expect(value.formatted(.en) == "USD\u{00A0}1,234.56")
    }

    @Test func staysExactBeyondDoublePrecision() throws {
        // 2^53 + 1 cents cannot be represented by a Double.
        let value = try money("90071992547409.93")
        #expect(value.formatted(.en) == "€90,071,992,547,409.93")
        #expect(value.minorUnits == 9_007_199_254_740_993)
        let huge = try money("123456789012345678901234567.89")
        #expect(huge.formatted(.en) == "€123,456,789,012,345,678,901,234,567.89")
    }

    @Test func roundsToCentsHalfAwayFromZero() throws {
        #expect(try money("0.125").formatted(.en) == "€0.13")
        #expect(try money("-0.125").formatted(.en) == "-€0.13")
        #expect(try money("0.124") == money("0.12"))
    }

    @Test func parsesOnlyPlainDecimals() {
        for bad in ["", "abc", "1,5", "1e3", "1.", ".5", "1.2.3", "NaN", "--1"] {
            #expect(Money(parsing: bad) == nil, "\(bad)")
        }
        #expect(Money(parsing: " 12.30 ")?.minorUnits == 1230)
    }

    @Test func minorUnitsAndArithmetic() throws {
        let a = Money(minorUnits: 12_345)
        #expect(a == (try money("123.45")))
        #expect(a.adding(Money(minorUnits: 55))?.formatted(.en) == "€124.00")
        #expect(a.adding(Money(minorUnits: 1, currency: "USD")) == nil)
        #expect(a.isPositive)
        #expect(!Money.zero().isPositive)
        #expect(!Money(minorUnits: -1).isPositive)
    }

    @Test func plainTextHasTwoDecimalsAndTheCurrencyCode() {
        #expect(Money(amount: Decimal(string: "1250.4")!).plainText == "1250.40 EUR")
        #expect(Money(amount: Decimal(string: "0.05")!, currency: "USD").plainText == "0.05 USD")
        #expect(Money(amount: Decimal(string: "-3")!).plainText == "-3.00 EUR")
        #expect(Money(amount: 0).plainText == "0.00 EUR")
        #expect(Money(amount: Decimal(string: "12345678.999")!).plainText == "12345679.00 EUR")
    }
}
