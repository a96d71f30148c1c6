import Foundation

/// A court-ready file: who claims what from whom, on which invoices, what was done to collect
/// it and with what proof, and the route to take. Encoded as the JSON twin of the file's PDF.
public struct CourtFile: Sendable, Hashable, Codable {
    /// A party.
    public struct Party: Sendable, Hashable, Codable {
        public let name: String
        public let address: [String]
        public let siren: String?
        public let reference: String?
        public let kind: DebtorKind?

        public init(name: String, address: [String], siren: String?, reference: String?, kind: DebtorKind?) {
            self.name = name
            self.address = address
            self.siren = siren
            self.reference = reference
            self.kind = kind
        }
    }

    /// One invoice claimed.
    public struct Claim: Sendable, Hashable, Codable {
        public let number: String
        public let issuedOn: String
        public let dueOn: String
        public let amount: String
        public let principalOutstanding: String
        public let daysLate: Int
        public let penalty: String
        public let indemnity: String
        public let total: String
        public let prescriptionEndsOn: String

        public init(number: String, issuedOn: String, dueOn: String, amount: String, principalOutstanding: String, daysLate: Int,
                    penalty: String, indemnity: String, total: String, prescriptionEndsOn: String) {
            self.number = number
            self.issuedOn = issuedOn
            self.dueOn = dueOn
            self.amount = amount
            self.principalOutstanding = principalOutstanding
            self.daysLate = daysLate
            self.penalty = penalty
            self.indemnity = indemnity
            self.total = total
            self.prescriptionEndsOn = prescriptionEndsOn
        }
    }

    /// Something that happened, with its proof.
    public struct Event: Sendable, Hashable, Codable {
        /// ISO 8601.
        public let at: String
        /// e.g. `step_executed`, `promise_made`, `dispute_opened`.
        public let kind: String
        /// In words.
        public let summary: String
        /// What proves it: a Message-ID and the relay's answer, a letter's file, a task.
        public let proof: String?

        public init(at: String, kind: String, summary: String, proof: String?) {
            self.at = at
            self.kind = kind
            self.summary = summary
            self.proof = proof
        }
    }

    /// Totals, per currency: `1250.40 EUR`.
    public struct Totals: Sendable, Hashable, Codable {
        public let principal: [String]
        public let penalties: [String]
        public let indemnities: [String]
        public let total: [String]

        public init(principal: [String], penalties: [String], indemnities: [String], total: [String]) {
            self.principal = principal
            self.penalties = penalties
            self.indemnities = indemnities
            self.total = total
        }
    }

    /// The day the figures are computed for.
    public let asOf: String
    public let creditor: Party
    public let debtor: Party
    public let claims: [Claim]
    public let totals: Totals
    public let chronology: [Event]
    public let recommendation: CourtRecommendation

    public init(asOf: String, creditor: Party, debtor: Party, claims: [Claim], totals: Totals, chronology: [Event],
                recommendation: CourtRecommendation) {
        self.asOf = asOf
        self.creditor = creditor
        self.debtor = debtor
        self.claims = claims
        self.totals = totals
        self.chronology = chronology
        self.recommendation = recommendation
    }

    /// The JSON twin: sorted keys, pretty-printed, snake_case.
    public func json() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        return try encoder.encode(self)
    }
}
