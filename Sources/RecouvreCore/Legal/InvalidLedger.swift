/// An invoice ledger that the legal computations cannot use.
public struct InvalidLedger: Error, Hashable, Sendable, CustomStringConvertible {
    /// The invoice number concerned.
    public let invoiceNumber: String
    /// What is wrong and what to do.
    public let reason: String

    /// Creates the error.
    public init(invoiceNumber: String, reason: String) {
        self.invoiceNumber = invoiceNumber
        self.reason = reason
    }

    /// `invoice F-1: …`.
    public var description: String { "invoice \(invoiceNumber): \(reason)" }
}
