import Foundation

/// What importing a statement did, credit by credit.
public struct BankImportResult: Sendable, Equatable {
    /// What became of one credit of the statement.
    public struct Outcome: Sendable, Equatable {
        /// `matched` or `unmatched` for a new credit; `already_imported` for one seen before.
        public var status: String
        /// The stored credit (nil in a dry run for new credits).
        public var creditID: Int64?
        public var entryRef: String
        public var amount: Decimal
        public var currency: String
        public var bookedOn: String
        /// The invoice the payment names, if any.
        public var invoiceNumber: String?
        /// The paying debtor, when matched.
        public var debtorRef: String?
        public var paymentID: Int64?
        public var confidence: Int?
        public var reason: String?
    }

    /// The statement's row (nil in a dry run).
    public var statementID: Int64?
    /// True when nothing was kept.
    public var dryRun: Bool
    public var outcomes: [Outcome]

    /// Credits seen for the first time.
    public var newCount: Int { outcomes.count { $0.status != "already_imported" } }
    /// Credits imported before, left as they were.
    public var alreadyImportedCount: Int { outcomes.count { $0.status == "already_imported" } }
    /// New credits recorded as payments.
    public var matchedCount: Int { outcomes.count { $0.status == "matched" } }
    /// New credits waiting for a person.
    public var unmatchedCount: Int { outcomes.count { $0.status == "unmatched" } }
}
