import Foundation
import Postgres
import RecouvreCore

/// Bank statements and their credits in a tenant's schema: importing (each credit once per
/// account and entry reference), recording confident matches as payments, and the work left
/// to people (assign, ignore). A payment recorded here is a plain `payments` row, as
/// `RecordPayment` makes: its trigger journals it and has the debtor reviewed, which cancels
/// reminders for what is now paid.
public struct BankStore: Sendable {
    public let slug: TenantSlug
    var schema: String { slug.quotedSchema }

    public init(slug: TenantSlug) { self.slug = slug }

    /// How many unmatched credits a listing returns at most.
    public static let listLimit = 500

    /// Every invoice with something outstanding, with its debtor and the IBANs it paid from.
    public func openInvoices(_ c: PostgresConnection) throws -> [OpenInvoice] {
        try c.query("""
            SELECT b.invoice_id, b.number, b.debtor_id, d.external_ref, d.name, b.outstanding, b.currency,
                   coalesce((SELECT string_agg(di.iban, ',') FROM \(schema).debtor_ibans di
                             WHERE di.debtor_id = b.debtor_id), '') AS ibans
            FROM \(schema).invoice_balances b
            JOIN \(schema).debtors d ON d.id = b.debtor_id
            WHERE b.outstanding > 0
            ORDER BY b.due_on, b.invoice_id
            """).rows.map(OpenInvoice.init(row:))
    }

    /// Records a statement and its new credits in one transaction. Credits already stored for
    /// the account are left as they are; each new one is decided by `decide` against the open
    /// invoices (updated as payments are recorded) and becomes a payment or waits unmatched.
    /// A dry run does the same and rolls everything back.
    public func importStatement(_ c: PostgresConnection, _ statement: BankStatementInput, author: String, dryRun: Bool,
                                decide: (BankCreditInput, [OpenInvoice]) -> CreditDecision) throws -> BankImportResult {
        do {
            return try c.transaction { c in
                let result = try record(c, statement, author: author, dryRun: dryRun, decide: decide)
                if dryRun { throw DryRun(result: result) }
                return result
            }
        } catch let dry as DryRun {
            return dry.result
        }
    }

    private struct DryRun: Error { var result: BankImportResult }

    private func record(_ c: PostgresConnection, _ statement: BankStatementInput, author: String, dryRun: Bool,
                        decide: (BankCreditInput, [OpenInvoice]) -> CreditDecision) throws -> BankImportResult {
        try PaymentIntakeLock.take(c, slug: slug)
        let statementID = try returnedID(c.query("""
            INSERT INTO \(schema).bank_statements AS s (format, account_iban, reference, imported_by)
            VALUES ($1, $2, $3, $4)
            ON CONFLICT (account_iban, reference) DO UPDATE SET imported_at = s.imported_at
            RETURNING id
            """, [statement.format, statement.accountIBAN, statement.reference, author]))
        var open = try openInvoices(c)
        var outcomes: [BankImportResult.Outcome] = []
        for credit in statement.credits {
            var outcome = BankImportResult.Outcome(
                status: "unmatched", creditID: nil, entryRef: credit.entryRef, amount: credit.amount,
                currency: credit.currency, bookedOn: credit.bookedOn)
            guard let creditID = try insertCredit(c, credit, statementID: statementID, account: statement.accountIBAN) else {
                let existing = try c.query("""
                    SELECT \(BankCreditRecord.columns) FROM \(schema).bank_credits c \(BankCreditRecord.joins(schema))
                    WHERE c.account_iban = $1 AND c.entry_ref = $2
                    """, [statement.accountIBAN, credit.entryRef]).first.map(BankCreditRecord.init(row:))
                outcome.status = "already_imported"
                outcome.creditID = existing?.id
                outcome.invoiceNumber = existing?.invoiceNumber
                outcome.debtorRef = existing?.debtorRef
                outcome.paymentID = existing?.paymentID
                outcome.reason = existing.map { "imported before; \($0.state)" }
                outcomes.append(outcome)
                continue
            }
            let decision = decide(credit, open)
            outcome.creditID = dryRun ? nil : creditID
            outcome.confidence = decision.confidence
            outcome.reason = decision.reason
            let suggestions = try PostgresJSON(encoding: decision.suggestions)
            if let target = decision.target {
                let (debtorID, invoiceID) = switch target {
                case .invoice(let id, let debtorID): (debtorID, Optional(id))
                case .debtor(let id): (id, Int64?.none)
                }
                let paymentID = try pay(c, creditID: creditID, credit: credit, debtorID: debtorID, invoiceID: invoiceID,
                                        state: "matched", author: author)
                _ = try c.query("""
                    UPDATE \(schema).bank_credits SET confidence = $2, reason = $3, suggestions = $4::jsonb WHERE id = $1
                    """, [creditID, decision.confidence, decision.reason, suggestions])
                outcome.status = "matched"
                outcome.paymentID = dryRun ? nil : paymentID
                outcome.debtorRef = open.first { $0.debtorID == debtorID }?.debtorRef
                outcome.invoiceNumber = invoiceID.flatMap { id in open.first { $0.invoiceID == id }?.number }
                Self.apply(credit.amount, debtorID: debtorID, invoiceID: invoiceID, to: &open)
            } else {
                _ = try c.query("""
                    UPDATE \(schema).bank_credits SET confidence = $2, reason = $3, suggestions = $4::jsonb WHERE id = $1
                    """, [creditID, decision.confidence, decision.reason, suggestions])
            }
            outcomes.append(outcome)
        }
        return BankImportResult(statementID: dryRun ? nil : statementID, dryRun: dryRun, outcomes: outcomes)
    }

    /// Inserts a credit unless the account already has its entry reference; its id when new.
    private func insertCredit(_ c: PostgresConnection, _ credit: BankCreditInput, statementID: Int64,
                              account: String) throws -> Int64? {
        try c.query("""
            INSERT INTO \(schema).bank_credits (statement_id, account_iban, entry_ref, amount, currency, booked_on,
                value_on, end_to_end_id, creditor_ref, remittance, debtor_name, debtor_iban)
            VALUES ($1, $2, $3, $4::numeric, $5, $6::date, $7::date, $8, $9, $10, $11, $12)
            ON CONFLICT (account_iban, entry_ref) DO NOTHING
            RETURNING id
            """, [statementID, account, credit.entryRef, credit.amount, credit.currency, credit.bookedOn, credit.valueOn,
                  credit.endToEndID, credit.creditorRef, credit.remittance, credit.debtorName, credit.debtorIBAN])
            .first.map { try $0.decode(Int64.self, "id") }
    }

    /// Records the payment a credit became and links them; the payer's IBAN is learnt for the debtor.
    private func pay(_ c: PostgresConnection, creditID: Int64, credit: BankCreditInput, debtorID: Int64, invoiceID: Int64?,
                     state: String, author: String) throws -> Int64 {
        let paymentID = try returnedID(c.query("""
            INSERT INTO \(schema).payments (debtor_id, invoice_id, amount, currency, received_on, reference)
            VALUES ($1, $2, $3::numeric, $4, $5::date, $6)
            RETURNING id
            """, [debtorID, invoiceID, credit.amount, credit.currency, credit.bookedOn,
                  credit.endToEndID ?? credit.entryRef]))
        _ = try c.query("""
            UPDATE \(schema).bank_credits
            SET state = $2, payment_id = $3, decided_by = $4, decided_at = now()
            WHERE id = $1
            """, [creditID, state, paymentID, author])
        _ = try c.query("""
            INSERT INTO \(schema).events (kind, debtor_id, invoice_id, actor, detail)
            VALUES ('payment_entered', $1, $2, $3,
                    jsonb_build_object('payment_id', $4::bigint, 'bank_credit_id', $5::bigint, 'how', $6::text))
            """, [debtorID, invoiceID, author, paymentID, creditID, state])
        if let iban = credit.debtorIBAN, BankIdentifiers.isValidIBAN(iban) {
            _ = try c.query("""
                INSERT INTO \(schema).debtor_ibans (debtor_id, iban) VALUES ($1, $2) ON CONFLICT DO NOTHING
                """, [debtorID, BankIdentifiers.normalizedIBAN(iban)])
        }
        return paymentID
    }

    /// Lowers the open invoices as the payment will: the one it names, else the debtor's
    /// oldest first (they are sorted by due date).
    static func apply(_ amount: Decimal, debtorID: Int64, invoiceID: Int64?, to open: inout [OpenInvoice]) {
        var left = amount
        for index in open.indices where left > 0 && open[index].debtorID == debtorID
            && (invoiceID == nil || open[index].invoiceID == invoiceID) {
            let paid = min(left, open[index].outstanding)
            open[index].outstanding -= paid
            left -= paid
        }
        open.removeAll { $0.outstanding <= 0 }
    }

    // MARK: - People's work

    /// The credits waiting for a person, oldest first.
    public func unmatchedCredits(_ c: PostgresConnection) throws -> [BankCreditRecord] {
        try c.query("""
            SELECT \(BankCreditRecord.columns) FROM \(schema).bank_credits c \(BankCreditRecord.joins(schema))
            WHERE c.state = 'unmatched' ORDER BY c.booked_on, c.id LIMIT \(Self.listLimit)
            """).rows.map(BankCreditRecord.init(row:))
    }

    /// One credit.
    public func credit(_ c: PostgresConnection, id: Int64) throws -> BankCreditRecord {
        guard let row = try c.query("""
            SELECT \(BankCreditRecord.columns) FROM \(schema).bank_credits c \(BankCreditRecord.joins(schema))
            WHERE c.id = $1
            """, [id]).first else { throw NotFoundError(what: "credit", key: String(id)) }
        return try BankCreditRecord(row: row)
    }

    /// Records an unmatched (or ignored) credit as a payment of the invoice, or of the
    /// debtor's oldest open invoices.
    public func assignCredit(_ c: PostgresConnection, id: Int64, invoiceNumber: String?, debtorRef: String?,
                             author: String) throws -> BankCreditRecord {
        try c.transaction { c in
            try PaymentIntakeLock.take(c, slug: slug)
            let credit = try lockedOpenCredit(c, id: id)
            let negotiation = NegotiationStore(slug: slug)
            var debtorID: Int64
            var invoiceID: Int64?
            if let invoiceNumber {
                let invoice = try negotiation.invoice(c, number: invoiceNumber)
                guard invoice.currency == credit.currency else {
                    throw MisfitError(field: "invoice",
                                      reason: "invoice \(invoiceNumber) is in \(invoice.currency), the credit in \(credit.currency)")
                }
                if let debtorRef, try negotiation.debtorID(c, ref: debtorRef) != invoice.debtorID {
                    throw MisfitError(field: "invoice", reason: "invoice \(invoiceNumber) is not debtor \(debtorRef)'s")
                }
                debtorID = invoice.debtorID
                invoiceID = invoice.id
            } else if let debtorRef {
                debtorID = try negotiation.debtorID(c, ref: debtorRef)
            } else {
                throw MisfitError(field: "invoice", reason: "name the invoice or the debtor the credit pays")
            }
            let input = BankCreditInput(entryRef: credit.entryRef, amount: credit.amount, currency: credit.currency,
                                        bookedOn: credit.bookedOn, endToEndID: credit.endToEndID,
                                        debtorIBAN: credit.debtorIBAN)
            _ = try pay(c, creditID: id, credit: input, debtorID: debtorID, invoiceID: invoiceID, state: "assigned",
                        author: author)
            return try self.credit(c, id: id)
        }
    }

    /// Sets an unmatched credit aside: it is not a debtor's payment (a refund, a transfer).
    public func ignoreCredit(_ c: PostgresConnection, id: Int64, reason: String?, author: String) throws -> BankCreditRecord {
        try c.transaction { c in
            _ = try lockedOpenCredit(c, id: id)
            _ = try c.query("""
                UPDATE \(schema).bank_credits
                SET state = 'ignored', reason = coalesce($2, reason), decided_by = $3, decided_at = now()
                WHERE id = $1
                """, [id, reason, author])
            return try credit(c, id: id)
        }
    }

    /// The credit, locked, refused when it already became a payment.
    private func lockedOpenCredit(_ c: PostgresConnection, id: Int64) throws -> BankCreditRecord {
        guard try c.query("SELECT id FROM \(schema).bank_credits WHERE id = $1 FOR UPDATE", [id]).first != nil else {
            throw NotFoundError(what: "credit", key: String(id))
        }
        let credit = try self.credit(c, id: id)
        guard credit.paymentID == nil else {
            throw MisfitError(field: "creditId",
                              reason: "credit \(id) is \(credit.state): it already became payment \(credit.paymentID ?? 0)")
        }
        return credit
    }

    private func returnedID(_ result: PostgresResult) throws -> Int64 {
        guard let row = result.first else { throw NotFoundError(what: "row", key: "returned id") }
        return try row.decode(Int64.self, "id")
    }
}
