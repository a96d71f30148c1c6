import Foundation

/// An open invoice a credit might pay, with what is known of its debtor.
public struct InvoiceCandidate: Hashable, Sendable {
    /// The invoice's number, unique in the tenant.
    public var number: String
    /// The debtor's external reference.
    public var debtorRef: String
    /// The debtor's name.
    public var debtorName: String
    /// IBANs the debtor has paid from before (without spaces).
    public var debtorIBANs: Set<String>
    /// What is still owed on it.
    public var outstanding: Decimal
    /// ISO 4217.
    public var currency: String

    /// Builds a candidate.
    public init(number: String, debtorRef: String, debtorName: String, debtorIBANs: Set<String> = [],
                outstanding: Decimal, currency: String = "EUR") {
        self.number = number
        self.debtorRef = debtorRef
        self.debtorName = debtorName
        self.debtorIBANs = debtorIBANs
        self.outstanding = outstanding
        self.currency = currency
    }
}
