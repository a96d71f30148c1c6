import Foundation

/// What the court file recommends, and what the lawyer or commissaire de justice should know
/// before acting on it.
public struct CourtRecommendation: Sendable, Hashable, Codable {
    public let route: CourtRoute
    /// The form to file, e.g. "cerfa 12946".
    public let form: String?
    /// Why this route.
    public let reasons: [String]
    /// What is missing or needs care (e.g. no prior amicable attempt, CPC 750-1).
    public let warnings: [String]

    /// The ceiling of the small-claims procedure and of CPC 750-1's prior amicable attempt:
    /// €5,000, interest included.
    public static let smallClaimsCeiling = Money(amount: 5000, currency: "EUR")

    public init(route: CourtRoute, form: String?, reasons: [String], warnings: [String]) {
        self.route = route
        self.form = form
        self.reasons = reasons
        self.warnings = warnings
    }

    /// Recommends a route for a claim of `principalAndInterest` against a debtor of `kind`.
    ///
    /// - Up to €5,000 (principal and interest; the €40 indemnity aside), the small-claims
    ///   procedure: quicker and cheaper, run by a commissaire de justice (CPCE L125-1). If the
    ///   debtor does not agree within a month, the injunction below remains.
    /// - Above, an injonction de payer: at the tribunal de commerce for a business debtor
    ///   (a commercial claim, cerfa 12946), at the tribunal judiciaire for a consumer (cerfa
    ///   12948). The order must be served within 6 months (CPC 1411); the debtor then has a
    ///   month to oppose (CPC 1416).
    /// - Claims of €5,000 or less need a prior amicable attempt before a court (CPC 750-1):
    ///   flagged when no formal notice or other amicable step reached the debtor.
    /// - Claims in another currency than the euro are compared as they are and flagged.
    public static func recommend(debtorKind: DebtorKind, principalAndInterest: Money, amicableAttempt: Bool) -> CourtRecommendation {
        var reasons: [String] = []
        var warnings: [String] = []
        let small = principalAndInterest.amount <= smallClaimsCeiling.amount
        if principalAndInterest.currency != "EUR" {
            warnings.append("the claim is in \(principalAndInterest.currency): the €5,000 thresholds are in euros; convert it before choosing the route")
        }
        let route: CourtRoute
        if small {
            route = .smallClaims
            reasons.append("the claim, \(principalAndInterest.plainText) with interest, is within the €5,000 of the small-claims procedure (CPCE L125-1, R125-1): a commissaire de justice invites the debtor to agree within a month")
            reasons.append("if the debtor does not agree, an injonction de payer remains: \(debtorKind == .business ? "tribunal de commerce, cerfa 12946" : "tribunal judiciaire, cerfa 12948")")
        } else if debtorKind == .business {
            route = .injunctionCommercialCourt
            reasons.append("a commercial claim of \(principalAndInterest.plainText), above €5,000: injonction de payer at the tribunal de commerce (CPC 1405 ff.), form cerfa 12946")
        } else {
            route = .injunctionJudicialCourt
            reasons.append("a civil claim against a consumer of \(principalAndInterest.plainText), above €5,000: injonction de payer at the tribunal judiciaire (CPC 1405 ff.), form cerfa 12948")
        }
        if route != .smallClaims {
            reasons.append("the order must be served within 6 months (CPC 1411); the debtor has a month from service to oppose it (CPC 1416)")
        }
        if small && !amicableAttempt {
            warnings.append("no prior amicable attempt is recorded: for €5,000 or less a court may declare the claim inadmissible without one (CPC 750-1); send the formal notice first")
        }
        return CourtRecommendation(route: route, form: route.form, reasons: reasons, warnings: warnings)
    }
}
