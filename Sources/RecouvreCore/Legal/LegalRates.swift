import Foundation

/// The statutory rates of one half-year, as annual percentages (`4.50` means 4.50 %).
public struct LegalRates: Hashable, Sendable {
    /// The ECB main refinancing rate in force on 1 January (first half) or 1 July (second half);
    /// changes during the half-year do not matter (C. com. L441-10 II).
    public let ecbRate: Decimal
    /// The *taux d'intérêt légal* when the creditor is a natural person not acting for business.
    public let legalRateConsumerCreditor: Decimal
    /// The *taux d'intérêt légal* in all other cases, which includes every creditor using
    /// Recouvre: a professional.
    public let legalRateOtherCases: Decimal

    /// Creates the rates of a half-year from percentages.
    public init(ecbRate: Decimal, legalRateConsumerCreditor: Decimal, legalRateOtherCases: Decimal) {
        self.ecbRate = ecbRate
        self.legalRateConsumerCreditor = legalRateConsumerCreditor
        self.legalRateOtherCases = legalRateOtherCases
    }

    /// The default late-payment penalty rate between professionals: the ECB rate plus 10 points
    /// (C. com. L441-10 II).
    public var latePaymentRate: Decimal { ecbRate + 10 }

    /// The lowest rate a contract may set for late-payment penalties: 3 × the legal rate
    /// (other cases) (C. com. L441-10 II).
    public var contractualFloor: Decimal { legalRateOtherCases * 3 }
}
