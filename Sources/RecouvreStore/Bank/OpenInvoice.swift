import Foundation
import Postgres

/// An invoice with something still owed, and what is known of its debtor: what a bank credit
/// is matched against.
public struct OpenInvoice: Sendable, Equatable {
    public var invoiceID: Int64
    public var number: String
    public var debtorID: Int64
    public var debtorRef: String
    public var debtorName: String
    /// IBANs the debtor paid from before.
    public var debtorIBANs: Set<String>
    public var outstanding: Decimal
    public var currency: String

    /// Builds an open invoice.
    public init(invoiceID: Int64, number: String, debtorID: Int64, debtorRef: String, debtorName: String,
                debtorIBANs: Set<String>, outstanding: Decimal, currency: String) {
        self.invoiceID = invoiceID
        self.number = number
        self.debtorID = debtorID
        self.debtorRef = debtorRef
        self.debtorName = debtorName
        self.debtorIBANs = debtorIBANs
        self.outstanding = outstanding
        self.currency = currency
    }

    init(row: PostgresRow) throws {
        invoiceID = try row.decode(Int64.self, "invoice_id")
        number = try row.decode(String.self, "number")
        debtorID = try row.decode(Int64.self, "debtor_id")
        debtorRef = try row.decode(String.self, "external_ref")
        debtorName = try row.decode(String.self, "name")
        let ibans = try row.decode(String.self, "ibans")
        debtorIBANs = Set(ibans.split(separator: ",").map(String.init))
        outstanding = try row.decode(Decimal.self, "outstanding")
        currency = try row.decode(String.self, "currency")
    }
}
